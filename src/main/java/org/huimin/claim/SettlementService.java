package org.huimin.claim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.audit.AuditLog;
import org.huimin.balance.BalanceRepository;
import org.huimin.balance.Balances;
import org.huimin.balance.Consumption;
import org.huimin.balance.Remaining;
import org.huimin.common.BusinessClock;
import org.huimin.common.FieldError;
import org.huimin.common.IdNumber;
import org.huimin.common.Refused;
import org.huimin.common.db.SqlErrors;
import org.huimin.common.db.Transactions;
import org.huimin.ledger.JournalEntry;
import org.huimin.ledger.JournalRepository;
import org.huimin.participant.Participant;
import org.huimin.participant.ParticipantRepository;
import org.huimin.plan.Plan;
import org.huimin.plan.PlanCatalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Instant settlement (一站式即时结算) for hospital systems: coverage, trial, settlement, reversal, reconciliation.
 * The computation is {@link PayoutCalculator}'s; this class loads the state under the balance row's lock, stores the
 * outcome and makes every operation exactly-once: the first answer is stored with the settlement and replayed to
 * retries, byte for byte.
 */
@ApplicationScoped
public class SettlementService {

    private final Transactions transactions;
    private final SettlementRepository settlements;
    private final BasicSettlementRepository basicSettlements;
    private final BalanceRepository balances;
    private final ParticipantRepository participants;
    private final PlanCatalogue plans;
    private final BusinessClock clock;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final AuditLog audit;
    private final JournalRepository journal;

    public SettlementService(Transactions transactions, SettlementRepository settlements,
            BasicSettlementRepository basicSettlements, BalanceRepository balances, ParticipantRepository participants,
            PlanCatalogue plans, BusinessClock clock, ObjectMapper json, MeterRegistry metrics, AuditLog audit,
            JournalRepository journal) {
        this.transactions = transactions;
        this.settlements = settlements;
        this.basicSettlements = basicSettlements;
        this.balances = balances;
        this.participants = participants;
        this.plans = plans;
        this.clock = clock;
        this.json = json;
        this.metrics = metrics;
        this.audit = audit;
        this.journal = journal;
    }

    /** A settlement's answer, and whether it was recorded by this request or is the first answer replayed. */
    public record Settled(boolean recordedNow, String answer) {
    }

    /** Everything the computation needs about the person on the admission date. */
    public record Situation(SettlementRepository.PolicyState policy, Plan plan, Participant participant) {
        public Decision decide(SettlementAmounts amounts) {
            return policy == null
                    ? PayoutCalculator.decide(null, null, null, Balances.none(), amounts)
                    : PayoutCalculator.decide(plan, policy.benefitsFrom(), participant, policy.balances(), amounts);
        }
    }

    private record Written(Decision decision, String body) {
    }

    public Uni<ClaimAnswers.Settlement> trial(SettlementRequest request) {
        SettlementRequest checked = checked(request, false);
        return transactions.read(client -> situation(client, checked.idNumber(), checked.admissionDate(), false))
                .map(situation -> ClaimAnswers.Settlement.of(checked.settlementId(), "TRIAL",
                        situation.policy() == null ? null : situation.policy().policyNumber(),
                        situation.decide(checked.amounts()), null))
                .call(answer -> audit.read("TRIAL_SETTLEMENT", checked.idNumber(), checked.settlementId(), outcome(answer)));
    }

    /**
     * Records a settlement in two round trips: {@code BEGIN} with the lock on the person's policy and balances and the
     * bureau record; then the settlement with its journal lines, its audit record and the new balances with
     * {@code COMMIT} ({@link Transactions#pipelined}). Two requests for one person on two instances queue on the
     * balance row's lock, so the second computes from what the first committed. A settlement ID already recorded makes
     * the insert fail on its unique constraint, which rolls the whole transaction back in PostgreSQL; the request is
     * then answered from the record (or refused if its body differs). Claiming a basic-insurance settlement (online
     * claims) is checked in Java, so that case commits after reading the answers.
     */
    public Uni<Settled> settle(String hospital, SettlementRequest request) {
        SettlementRequest checked = checked(request, true);
        String fingerprint = checked.fingerprint();
        Instant now = clock.now();
        SettlementAmounts amounts = checked.amounts();
        // The actor is resolved first, so that the audit insert is sent at once with the other writes.
        return audit.actor().chain(actor -> transactions.pipelined(pipeline -> {
            SqlClient tx = pipeline.client();
            return situation(tx, checked.idNumber(), checked.admissionDate(), true).chain(situation -> {
                Decision decision = situation.decide(amounts);
                SettlementRepository.PolicyState policy = situation.policy();
                ClaimAnswers.Settlement answer = ClaimAnswers.Settlement.of(checked.settlementId(), "SETTLED",
                        policy == null ? null : policy.policyNumber(), decision, now);
                String body = write(answer);
                var row = new SettlementRepository.NewSettlement(hospital, checked.settlementId(), fingerprint,
                        checked.idNumber(), policy == null ? null : policy.policyId(),
                        policy == null ? null : policy.planId(), amounts, checked.dischargeDate(),
                        checked.basicSettlementId(), decision, write(decision.consumption()), body, now,
                        BusinessClock.businessDate(now), JournalEntry.settlement(0, decision.insurerShares(),
                                situation.participant() == null ? null : situation.participant().countyCode(), hospital));
                Uni<Void> balanceUpdate = decision.eligible()
                        ? balances.update(tx, policy.planId(), policy.idNumber(), policy.balances().plus(decision.consumption()))
                        : Uni.createFrom().voidItem();
                Uni<Void> audited = audit.change(tx, actor, "SETTLEMENT", checked.idNumber(), checked.settlementId(),
                        outcome(answer));
                Written written = new Written(decision, body);
                if (!decision.eligible() || checked.basicSettlementId() == null) {
                    return pipeline.commitWith(Uni.combine().all().unis(settlements.insert(tx, row), audited, balanceUpdate)
                            .discardItems().replaceWith(written));
                }
                return Uni.combine().all().unis(settlements.insert(tx, row),
                        basicSettlements.claim(tx, checked.basicSettlementId(), deskHolder(hospital, checked.settlementId()), now),
                        audited, balanceUpdate).asTuple()
                        .map(done -> {
                            if (!done.getItem2()) {
                                throw Refused.conflict("ALREADY_CLAIMED", "Basic-insurance settlement "
                                        + checked.basicSettlementId() + " has already been paid, at a desk or online.");
                            }
                            return written;
                        });
            });
        }))
                .invoke(written -> count(written.decision()))
                .map(written -> new Settled(true, written.body()))
                .onFailure(failure -> SqlErrors.uniqueViolation(failure, SettlementRepository.SETTLEMENT_ID_TAKEN))
                .recoverWithUni(() -> transactions
                        .read(client -> settlements.find(client, hospital, checked.settlementId(), false))
                        .map(recorded -> {
                            if ("REVERSED".equals(recorded.status())) {
                                throw Refused.conflict("SETTLEMENT_REVERSED", "Settlement " + checked.settlementId()
                                        + " was reversed; settle again under a new settlement ID.");
                            }
                            if (!recorded.fingerprint().equals(fingerprint)) {
                                throw Refused.conflict("SETTLEMENT_ID_REUSED", "Settlement "
                                        + checked.settlementId() + " was recorded with a different body.");
                            }
                            return new Settled(false, recorded.answer());
                        }));
    }

    /**
     * Reverses a settlement: gives back exactly what it consumed; later settlements are not recomputed. The settlement
     * row is locked first, then the person's balance row, so a retried or concurrent reversal restores once.
     */
    public Uni<String> reverse(String hospital, String settlementId) {
        Instant now = clock.now();
        return transactions.inTransaction(tx -> settlements.find(tx, hospital, settlementId, true).chain(recorded -> {
            if (recorded == null) {
                throw notFound(settlementId);
            }
            if ("REVERSED".equals(recorded.status())) {
                return Uni.createFrom().item(recorded.reversalAnswer());
            }
            ClaimAnswers.Settlement original = read(recorded.answer(), ClaimAnswers.Settlement.class);
            Consumption consumed = read(recorded.consumedJson(), Consumption.class);
            Uni<ClaimAnswers.Settlement> reversed;
            if (recorded.policyId() == null) {
                reversed = Uni.createFrom().item(original.reversed(now, new Remaining(Map.of(), Map.of()), null));
            } else {
                reversed = Uni.combine().all().unis(balances.lock(tx, recorded.planId(), recorded.idNumber()),
                        plans.byId(tx, recorded.planId())).asTuple().chain(state -> {
                            Balances after = state.getItem1().minus(consumed);
                            ClaimAnswers.Settlement answer = original.reversed(now, restored(consumed),
                                    after.remaining(state.getItem2()));
                            return balances.update(tx, recorded.planId(), recorded.idNumber(), after).replaceWith(answer);
                        });
            }
            return reversed.chain(answer -> {
                String body = write(answer);
                Uni<Void> basic = recorded.basicSettlementId() == null ? Uni.createFrom().voidItem()
                        : basicSettlements.release(tx, recorded.basicSettlementId(), deskHolder(hospital, settlementId));
                return Uni.combine().all().unis(
                        audit.change(tx, "REVERSAL", recorded.idNumber(), settlementId, "REVERSED"),
                        settlements.markReversed(tx, recorded.id(), now, BusinessClock.businessDate(now), body),
                        journal.reverseSettlement(tx, recorded.id(), now),
                        basic).discardItems()
                        .invoke(() -> metrics.counter("huimin.reversals").increment())
                        .replaceWith(body);
            });
        }));
    }

    public Uni<String> current(String hospital, String settlementId) {
        return transactions.read(client -> settlements.find(client, hospital, settlementId, false)).map(recorded -> {
            if (recorded == null) {
                throw notFound(settlementId);
            }
            return recorded;
        }).call(recorded -> audit.read("SETTLEMENT_READ", recorded.idNumber(), settlementId, recorded.status()))
                .map(SettlementRepository.Recorded::current);
    }

    public Uni<ClaimAnswers.Coverage> coverage(String idNumber, LocalDate day) {
        String id = validId(idNumber, "idNumber");
        return transactions.read(client -> situation(client, id, day, false)).map(situation -> {
            SettlementRepository.PolicyState policy = situation.policy();
            if (policy == null) {
                return new ClaimAnswers.Coverage(false, IneligibilityReason.NO_POLICY, IdNumber.mask(id), null, null,
                        null, null, null, null);
            }
            IneligibilityReason reason = PayoutCalculator.coverageReason(situation.plan(), policy.benefitsFrom(),
                    situation.participant(), day);
            LocalDate resumes = null;
            String explanation = null;
            if (reason == IneligibilityReason.BASIC_INSURANCE_INACTIVE) {
                resumes = situation.participant() == null ? null : situation.participant().nextBenefitDayAfter(day);
                explanation = "Basic insurance is not active on " + day + (resumes == null
                        ? "; the bureau's record gives no date on which its benefits start again."
                        : "; its benefits start again on " + resumes + " (the bureau's benefit periods).");
            }
            return new ClaimAnswers.Coverage(reason == null, reason, IdNumber.mask(id), situation.plan().code(),
                    policy.policyNumber(), policy.benefitsFrom(), policy.balances().remaining(situation.plan()), resumes,
                    explanation);
        }).call(coverage -> audit.read("COVERAGE_READ", id, null,
                coverage.covered() ? "COVERED" : String.valueOf(coverage.reason())));
    }

    public Uni<ClaimAnswers.Reconciliation> reconciliation(String hospital, LocalDate day) {
        return transactions.read(client -> settlements.reconciliation(client, hospital, day));
    }

    public Uni<List<ClaimAnswers.MyClaim>> claimsOf(String idNumber) {
        return transactions.read(client -> settlements.claimsOf(client, idNumber, clock.today()));
    }

    /**
     * The policy covering the day (locked with the balances when {@code lock}) and the bureau record, sent together on
     * the connection (one round trip), then the plan's terms (cached: they are locked once enrolment has opened).
     */
    /**
     * The person's situation on {@code day} — their covering policy with its balances (locked with {@code lock}), the
     * plan, the bureau record — for anything that computes a payout the desk's way (an online claim's approval).
     */
    public Uni<Situation> situation(SqlClient client, String idNumber, LocalDate day, boolean lock) {
        return Uni.combine().all().unis(settlements.coveringPolicy(client, idNumber, day, lock),
                participants.find(client, idNumber)).asTuple()
                .chain(read -> read.getItem1() == null
                        ? Uni.createFrom().item(new Situation(null, null, read.getItem2()))
                        : plans.byId(client, read.getItem1().planId()).map(plan -> new Situation(read.getItem1(), plan, read.getItem2())));
    }

    static String deskHolder(String hospital, String settlementId) {
        return "desk:" + hospital + ":" + settlementId;
    }

    private static String outcome(ClaimAnswers.Settlement answer) {
        return answer.eligible() ? "PAYOUT " + answer.payout().toPlainString() : "INELIGIBLE " + answer.reason();
    }

    private static Remaining restored(Consumption consumed) {
        Map<String, BigDecimal> caps = new LinkedHashMap<>();
        consumed.caps().forEach((liability, amount) -> caps.put(liability.name(), amount));
        return new Remaining(consumed.deductibles(), caps);
    }

    /** Rules on the request itself ({@code 422}); field formats were checked by Bean Validation ({@code 400}). */
    SettlementRequest checked(SettlementRequest request, boolean recorded) {
        if (recorded && (request.settlementId() == null || request.settlementId().isBlank())) {
            throw Refused.invalidField("settlementId", "must not be blank");
        }
        validId(request.idNumber(), "idNumber");
        StayChecks.refusal(request.amounts(), request.dischargeDate(), clock.today()).ifPresent(r -> {
            throw r.refused();
        });
        return new SettlementRequest(request.settlementId(), IdNumber.normalize(request.idNumber()), request.careType(),
                request.admissionDate(), request.dischargeDate(), request.totalAmount(), request.basicFundPaid(),
                request.criticalIllnessPaid(), request.medicalAssistancePaid(), request.otherFundPaid(),
                request.inPolicySelfPay(), request.outOfPolicySelfPay(), request.overLimitSelfPay(),
                request.basicSettlementId());
    }

    static String validId(String idNumber, String field) {
        if (!IdNumber.isValid(idNumber)) {
            throw Refused.invalidIdNumber(field);
        }
        return IdNumber.normalize(idNumber);
    }

    private static Refused notFound(String settlementId) {
        return Refused.notFound("SETTLEMENT_NOT_FOUND", "This hospital has no settlement " + settlementId + ".");
    }

    /** Counted after the commit, once per recorded settlement. */
    private void count(Decision decision) {
        metrics.counter("huimin.settlements", "eligible", String.valueOf(decision.eligible())).increment();
        // Observability only: the amount goes to Prometheus as a float sample; money itself is never a double.
        metrics.counter("huimin.payouts.cny").increment(decision.payout().doubleValue());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored settlement is unreadable", e);
        }
    }
}
