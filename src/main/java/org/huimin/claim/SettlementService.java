package org.huimin.claim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.huimin.audit.AuditLog;
import org.huimin.common.ApiException;
import org.huimin.common.BusinessClock;
import org.huimin.common.FieldError;
import org.huimin.common.IdNumber;
import org.huimin.common.Idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Instant settlement (一站式即时结算) for hospital systems: coverage, trial, settlement, reversal, reconciliation.
 * The computation is {@link PayoutCalculator}'s; this class loads the state under the policy's row lock, stores
 * the outcome and makes every operation exactly-once: the first answer is stored with the settlement and replayed
 * to retries, byte for byte.
 */
@ApplicationScoped
public class SettlementService {

    @Inject
    SettlementRepository settlements;

    @Inject
    BusinessClock clock;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    @Inject
    AuditLog audit;

    /** A JSON answer and its status: {@code 201} when recorded now, {@code 200} for a replay. */
    public record Outcome(int status, String body) {
    }

    /** Signals that (hospital, settlement ID) was already recorded; the transaction is abandoned and replayed. */
    static final class AlreadyRecorded extends RuntimeException {
        AlreadyRecorded() {
            super(null, null, false, false);
        }
    }

    public Uni<ClaimAnswers.Settlement> trial(SettlementRequest request) {
        SettlementRequest checked = checked(request, false);
        return settlements.coveringPolicy(settlements.pool(), checked.idNumber(), checked.admissionDate(), false)
                .map(state -> ClaimAnswers.Settlement.of(checked.settlementId(), "TRIAL",
                        state == null ? null : state.policyNumber(), decide(state, checked.amounts()), null))
                .call(answer -> audit.read("TRIAL_SETTLEMENT", checked.idNumber(), checked.settlementId(), outcome(answer)));
    }

    public Uni<Outcome> settle(String hospital, SettlementRequest request) {
        SettlementRequest checked = checked(request, true);
        String hash = Idempotency.sha256(write(checked));
        Instant now = clock.now();
        SettlementAmounts amounts = checked.amounts();
        return settlements.pool().withTransaction(tx -> settlements
                .coveringPolicy(tx, checked.idNumber(), checked.admissionDate(), true)
                .chain(state -> {
                    Decision decision = decide(state, amounts);
                    ClaimAnswers.Settlement answer = ClaimAnswers.Settlement.of(checked.settlementId(), "SETTLED",
                            state == null ? null : state.policyNumber(), decision, now);
                    String body = write(answer);
                    var row = new SettlementRepository.NewSettlement(hospital, checked.settlementId(), hash,
                            checked.idNumber(), state == null ? null : state.policyId(),
                            state == null ? null : state.plan().id(), amounts, checked.dischargeDate(), decision,
                            write(decision.consumption()), body, now, BusinessClock.businessDate(now));
                    // The three writes depend on nothing but the decision, so they are pipelined on the transaction's
                    // connection (one round trip). If the settlement ID turns out to be taken, the failure rolls back
                    // the audit record and the balance update with it.
                    Uni<Void> balances = decision.eligible()
                            ? settlements.updateBalances(tx, state.policyId(), state.balances().plus(decision.consumption()))
                            : Uni.createFrom().voidItem();
                    return Uni.combine().all()
                            .unis(settlements.insert(tx, row),
                                    audit.record(tx, "SETTLEMENT", checked.idNumber(), checked.settlementId(), outcome(answer)),
                                    balances)
                            .asTuple()
                            .map(written -> {
                                if (!written.getItem1()) {
                                    throw new AlreadyRecorded();
                                }
                                return body;
                    }).invoke(() -> count(decision));
                }))
                .map(body -> new Outcome(201, body))
                .onFailure(AlreadyRecorded.class).recoverWithUni(() -> settlements
                        .find(settlements.pool(), hospital, checked.settlementId(), false)
                        .map(recorded -> {
                            if (!recorded.requestHash().equals(hash)) {
                                throw ApiException.conflict("SETTLEMENT_ID_REUSED", "Settlement "
                                        + checked.settlementId() + " was recorded with a different body.");
                            }
                            return new Outcome(200, recorded.response());
                        }));
    }

    /**
     * Reverses a settlement: gives back exactly what it consumed; later settlements are not recomputed. The
     * settlement row is locked first, then the policy row, so a retried or concurrent reversal restores once.
     */
    public Uni<String> reverse(String hospital, String settlementId) {
        Instant now = clock.now();
        return settlements.pool().withTransaction(tx -> settlements.find(tx, hospital, settlementId, true).chain(recorded -> {
            if (recorded == null) {
                throw notFound(settlementId);
            }
            if ("REVERSED".equals(recorded.status())) {
                return Uni.createFrom().item(recorded.reversalResponse());
            }
            ClaimAnswers.Settlement original = read(recorded.response(), ClaimAnswers.Settlement.class);
            Consumption consumed = read(recorded.consumedJson(), Consumption.class);
            Uni<ClaimAnswers.Settlement> reversed;
            if (recorded.policyId() == null) {
                reversed = Uni.createFrom().item(original.reversed(now, new Remaining(Map.of(), Map.of()), null));
            } else {
                reversed = settlements.lockPolicy(tx, recorded.policyId()).chain(state -> {
                    Balances after = state.balances().minus(consumed);
                    ClaimAnswers.Settlement answer = original.reversed(now, restored(consumed), after.remaining(state.plan()));
                    return settlements.updateBalances(tx, recorded.policyId(), after).replaceWith(answer);
                });
            }
            return reversed.chain(answer -> {
                String body = write(answer);
                return audit.record(tx, "REVERSAL", recorded.idNumber(), settlementId, "REVERSED")
                        .chain(() -> settlements.markReversed(tx, recorded.id(), now, BusinessClock.businessDate(now), body))
                        .invoke(() -> metrics.counter("huimin.reversals").increment())
                        .replaceWith(body);
            });
        }));
    }

    public Uni<String> current(String hospital, String settlementId) {
        return settlements.find(settlements.pool(), hospital, settlementId, false).map(recorded -> {
            if (recorded == null) {
                throw notFound(settlementId);
            }
            return recorded;
        }).call(recorded -> audit.read("SETTLEMENT_READ", recorded.idNumber(), settlementId, recorded.status()))
                .map(SettlementRepository.Recorded::current);
    }

    public Uni<ClaimAnswers.Coverage> coverage(String idNumber, LocalDate day) {
        String id = validId(idNumber, "idNumber");
        return settlements.coveringPolicy(settlements.pool(), id, day, false).map(state -> {
            if (state == null) {
                return new ClaimAnswers.Coverage(false, IneligibilityReason.NO_POLICY, IdNumber.mask(id), null, null,
                        null, null);
            }
            IneligibilityReason reason = PayoutCalculator.coverageReason(state.plan(), state.benefitsFrom(),
                    state.participant(), day);
            return new ClaimAnswers.Coverage(reason == null, reason, IdNumber.mask(id), state.plan().code(),
                    state.policyNumber(), state.benefitsFrom(), state.balances().remaining(state.plan()));
        }).call(coverage -> audit.read("COVERAGE_READ", id, null,
                coverage.covered() ? "COVERED" : String.valueOf(coverage.reason())));
    }

    public Uni<ClaimAnswers.Reconciliation> reconciliation(String hospital, LocalDate day) {
        return settlements.reconciliation(hospital, day);
    }

    public Uni<List<ClaimAnswers.MyClaim>> claimsOf(String idNumber) {
        return settlements.claimsOf(idNumber);
    }

    private static String outcome(ClaimAnswers.Settlement answer) {
        return answer.eligible() ? "PAYOUT " + answer.payout().toPlainString() : "INELIGIBLE " + answer.reason();
    }

    private static Decision decide(SettlementRepository.PolicyState state, SettlementAmounts amounts) {
        return state == null
                ? PayoutCalculator.decide(null, null, null, Balances.none(), amounts)
                : PayoutCalculator.decide(state.plan(), state.benefitsFrom(), state.participant(), state.balances(), amounts);
    }

    private static Remaining restored(Consumption consumed) {
        Map<String, BigDecimal> caps = new LinkedHashMap<>();
        consumed.caps().forEach((liability, amount) -> caps.put(liability.name(), amount));
        return new Remaining(consumed.deductibles(), caps);
    }

    /** Rules on the request itself ({@code 422}); field formats were checked by Bean Validation ({@code 400}). */
    static SettlementRequest checked(SettlementRequest request, boolean recorded) {
        if (recorded && (request.settlementId() == null || request.settlementId().isBlank())) {
            throw ApiException.invalidField("settlementId", "must not be blank");
        }
        validId(request.idNumber(), "idNumber");
        List<FieldError> errors = new ArrayList<>();
        if (request.dischargeDate().isBefore(request.admissionDate())) {
            throw ApiException.unprocessable("DISCHARGE_BEFORE_ADMISSION", "The discharge date is before the admission date.",
                    List.of(new FieldError("dischargeDate", "must not be before admissionDate")));
        }
        if (!request.amounts().addsUp()) {
            errors.add(new FieldError("totalAmount", "must equal the sum of the other eight amounts"));
            throw ApiException.unprocessable("AMOUNTS_DO_NOT_ADD_UP", "totalAmount is not the sum of the fund "
                    + "payments and the self-pay amounts.", errors);
        }
        return request.canonical();
    }

    static String validId(String idNumber, String field) {
        if (!IdNumber.isValid(idNumber)) {
            throw ApiException.invalidIdNumber(field);
        }
        return IdNumber.normalize(idNumber);
    }

    private static ApiException notFound(String settlementId) {
        return ApiException.notFound("SETTLEMENT_NOT_FOUND", "This hospital has no settlement " + settlementId + ".");
    }

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
