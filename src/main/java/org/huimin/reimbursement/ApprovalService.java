package org.huimin.reimbursement;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.audit.AuditLog;
import org.huimin.balance.BalanceRepository;
import org.huimin.claim.Decision;
import org.huimin.claim.SettlementService;
import org.huimin.common.BusinessClock;
import org.huimin.common.HuiminConfig;
import org.huimin.common.Refusal;
import org.huimin.common.Refused;
import org.huimin.common.db.SqlErrors;
import org.huimin.common.db.Transactions;
import org.huimin.ledger.JournalEntry;
import org.huimin.ledger.JournalRepository;
import org.huimin.plan.InsurerSplit;
import org.huimin.plan.Plan;
import org.huimin.plan.PlanCatalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Approval and payment of online claims — the two steps that move balances and money — on the settlement's SQL path.
 *
 * <p>Approval computes the payout with {@code PayoutCalculator}, from the person's balances locked exactly as a desk
 * settlement locks them ({@code SELECT … FOR UPDATE OF policy, benefit_balance}), in one transaction with the claim's new
 * state, its decision, its journal entry and its audit record: desk settlements and approvals for one person, on any
 * number of instances, apply one at a time in the order they get the lock, each from the balances the previous one
 * committed, so no cap is exceeded and no deductible used twice. The claim's row is locked first, so a second approval
 * of the same claim waits and then finds it approved ({@code 409 INVALID_STATE}).
 */
@ApplicationScoped
public class ApprovalService {

    private final Transactions transactions;
    private final ApprovalRepository approvals;
    private final SettlementService settlements;
    private final BalanceRepository balances;
    private final JournalRepository journal;
    private final PlanCatalogue plans;
    private final BusinessClock clock;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final HuiminConfig config;

    public ApprovalService(Transactions transactions, ApprovalRepository approvals, SettlementService settlements,
            BalanceRepository balances, JournalRepository journal, PlanCatalogue plans, BusinessClock clock,
            AuditLog audit, ObjectMapper json, MeterRegistry metrics, HuiminConfig config) {
        this.transactions = transactions;
        this.approvals = approvals;
        this.settlements = settlements;
        this.balances = balances;
        this.journal = journal;
        this.plans = plans;
        this.clock = clock;
        this.audit = audit;
        this.json = json;
        this.metrics = metrics;
        this.config = config;
    }

    /** An approval by {@code reviewer} of {@code insurer}: the first of two when the payout needs four eyes. */
    public Uni<String> approve(String insurer, String reviewer, UUID id, DecisionRequest request) {
        Instant now = clock.now();
        return transactions.inTransaction(tx -> locked(tx, insurer, id).chain(claim -> {
            ReimbursementRules.decisionAllowed("APPROVE", claim.status()).ifPresent(Refusal::throwIt);
            boolean second = ReimbursementRules.PENDING_SECOND_REVIEW.equals(claim.status());
            if (second) {
                ReimbursementRules.secondReviewer(claim.firstApprover(), reviewer).ifPresent(Refusal::throwIt);
            }
            Claimed amounts = amounts(claim, request.adjustedAmounts());
            boolean adjusted = !amounts.equals(claim.claimed());
            ReimbursementRules.reason("APPROVE", request.reason(), request.adjustedAmounts() != null && adjusted)
                    .ifPresent(Refusal::throwIt);
            String adjustedJson = adjusted ? write(amounts) : null;
            return settlements.situation(tx, claim.idNumber(), claim.admissionDate(), true).chain(situation -> {
                Decision decision = situation.decide(ReimbursementRequest.amounts(
                        org.huimin.plan.CareType.valueOf(claim.careType()), claim.admissionDate(), amounts));
                if (!decision.eligible()) {
                    throw Refused.unprocessable(decision.reason().name(), "The claim is not eligible now: "
                            + decision.reason() + ".");
                }
                if (!second && ReimbursementRules.needsSecondReview(decision.payout(), config.secondReviewFrom())) {
                    return Uni.combine().all().unis(
                            approvals.awaitSecond(tx, id, reviewer, adjustedJson, now),
                            approvals.decision(tx, id, reviewer, request.reason(), adjustedJson,
                                    ReimbursementRules.PENDING_SECOND_REVIEW, now),
                            audit.change(tx, "REIMBURSEMENT_APPROVE", claim.idNumber(), id.toString(),
                                    "PENDING_SECOND_REVIEW " + decision.payout().toPlainString())).discardItems()
                            .replaceWith(ReimbursementRules.PENDING_SECOND_REVIEW);
                }
                var policy = situation.policy();
                String county = situation.participant() == null ? null : situation.participant().countyCode();
                return Uni.combine().all().unis(
                        balances.update(tx, policy.planId(), policy.idNumber(), policy.balances().plus(decision.consumption())),
                        approvals.approve(tx, id, adjustedJson, decision.payout(), write(ReimbursementAnswers.Payout.of(decision)),
                                write(decision.consumption()), now,
                                ReimbursementRules.paymentDueBy(BusinessClock.businessDate(now))),
                        approvals.decision(tx, id, reviewer, request.reason(), adjustedJson, ReimbursementRules.APPROVED, now),
                        journal.append(tx, claim.planId(), now, List.of(JournalEntry.onlineClaim(claim.journalId(),
                                decision.insurerShares(), county))),
                        audit.change(tx, "REIMBURSEMENT_APPROVE", claim.idNumber(), id.toString(),
                                "APPROVED " + decision.payout().toPlainString())).discardItems()
                        .invoke(() -> metrics.counter("huimin.reimbursements.approved").increment())
                        .replaceWith(ReimbursementRules.APPROVED);
            });
        }));
    }

    /** The lead insurer paid the member: exactly the payout, once (the same transaction ID again answers the same). */
    public Uni<Void> pay(String insurer, UUID id, MemberPayment payment) {
        Instant now = clock.now();
        Instant paidAt = payment.paidAt().toInstant();
        return transactions.inTransaction(tx -> locked(tx, insurer, id).chain(claim -> {
            if (ReimbursementRules.PAID.equals(claim.status())) {
                if (payment.transactionId().equals(claim.transactionId())) {
                    return Uni.createFrom().voidItem();
                }
                throw Refused.conflict("ALREADY_PAID", "The claim was paid by transaction " + claim.transactionId() + ".");
            }
            if (!ReimbursementRules.APPROVED.equals(claim.status())) {
                throw ReimbursementRules.invalidState(claim.status(), "payment").refused();
            }
            if (payment.amount().compareTo(claim.payout()) != 0) {
                throw Refused.unprocessable("AMOUNT_MISMATCH", "The approved payout is " + claim.payout().toPlainString()
                        + ", the payment says " + payment.amount().toPlainString() + ".");
            }
            if (paidAt.isAfter(now.plus(org.huimin.enrolment.EnrolmentRules.PAYMENT_CLOCK_TOLERANCE))) {
                throw Refused.unprocessable("INVALID_PAYMENT_TIME", "paidAt lies in the future.");
            }
            return plans.byId(tx, claim.planId()).chain(plan -> Uni.combine().all().unis(
                    approvals.paid(tx, id, payment.transactionId(), paidAt, now),
                    journal.append(tx, plan.id(), now, List.of(JournalEntry.memberPayment(claim.journalId(),
                            InsurerSplit.of(plan, claim.payout()), null))),
                    audit.change(tx, "REIMBURSEMENT_PAYMENT", claim.idNumber(), id.toString(),
                            "PAID " + claim.payout().toPlainString())).discardItems());
        })).onFailure(f -> SqlErrors.uniqueViolation(f, "reimbursement_transaction_id_key"))
                .transform(f -> Refused.conflict("TRANSACTION_ID_REUSED", "This transaction ID already paid another claim."));
    }

    /** The claim, locked, if the insurer leads its plan; otherwise it is not theirs to know about. */
    private Uni<ApprovalRepository.Locked> locked(SqlClient tx, String insurer, UUID id) {
        return approvals.lock(tx, id).chain(claim -> {
            if (claim == null) {
                throw ReimbursementService.notFound(id);
            }
            return plans.byId(tx, claim.planId()).map(plan -> {
                if (!isLead(plan, insurer)) {
                    throw ReimbursementService.notFound(id);
                }
                return claim;
            });
        });
    }

    static boolean isLead(Plan plan, String insurer) {
        return plan.lead().code().equals(insurer);
    }

    /** The amounts to pay on: this reviewer's adjustment, else the first reviewer's, else the claim's. */
    private Claimed amounts(ApprovalRepository.Locked claim, Claimed requested) {
        if (requested == null) {
            return claim.adjustedAmounts() == null ? claim.claimed() : read(claim.adjustedAmounts());
        }
        Claimed adjusted = requested.exact();
        ReimbursementRules.adjustment(claim.claimed(), adjusted).ifPresent(Refusal::throwIt);
        if (!ReimbursementRequest.amounts(org.huimin.plan.CareType.valueOf(claim.careType()), claim.admissionDate(), adjusted)
                .addsUp()) {
            throw Refused.unprocessable("AMOUNTS_DO_NOT_ADD_UP", "The adjusted totalAmount is not the sum of the others.");
        }
        return adjusted;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Claimed read(String value) {
        try {
            return json.readValue(value, Claimed.class).exact();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
