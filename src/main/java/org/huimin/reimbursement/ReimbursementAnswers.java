package org.huimin.reimbursement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.huimin.balance.Remaining;
import org.huimin.claim.Decision;
import org.huimin.plan.InsurerSplit;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the online-claims endpoints answer. */
public final class ReimbursementAnswers {

    private ReimbursementAnswers() {
    }

    /** A payout computed the desk's way: the estimate at submission, the result of an approval. */
    public record Payout(boolean eligible, BigDecimal payout, BigDecimal patientPays, List<Decision.LiabilityPayout> breakdown,
            Remaining remaining, List<InsurerSplit.Part> insurerShares) {

        static Payout of(Decision decision) {
            return new Payout(decision.eligible(), decision.payout(), decision.patientPays(), decision.breakdown(),
                    decision.remaining(), decision.insurerShares());
        }
    }

    /** {@code 201} of a submission. */
    public record Submitted(UUID reimbursementId, String status, Payout estimate, List<String> flags, LocalDate decisionDueBy) {
    }

    public record DocumentView(UUID documentId, String type, String contentType, long size, String sha256) {
        static DocumentView of(Document d) {
            return new DocumentView(d.id, d.type, d.contentType, d.size, d.sha256);
        }
    }

    public record PayeeView(String name, String bank, String account) {
    }

    public record DecisionView(String decision, String reviewer, String reason, String outcome, Instant decidedAt) {
    }

    /** A claim as its claimant and the lead insurer see it (the insurer's view adds the decisions). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(UUID reimbursementId, String status, String idNumber, String careType, String hospitalName,
            String hospitalCode, boolean offsite, LocalDate admissionDate, LocalDate dischargeDate, String basicSettlementId,
            Claimed amounts, Claimed adjustedAmounts, PayeeView payee, List<DocumentView> documents, List<String> flags,
            Payout estimate, String reason, BigDecimal payout, Payout approval, LocalDate decisionDueBy,
            LocalDate paymentDueBy, boolean overdue, Instant submittedAt, Instant decidedAt, Instant paidAt,
            String transactionId, List<DecisionView> decisions) {
    }

    /** A line of the lead insurer's queue: the ID number masked. */
    public record QueueItem(UUID reimbursementId, String plan, String idNumber, String careType, boolean offsite,
            LocalDate admissionDate, LocalDate dischargeDate, BigDecimal totalAmount, BigDecimal inPolicySelfPay,
            BigDecimal outOfPolicySelfPay, BigDecimal estimate, List<String> flags, String status, LocalDate decisionDueBy,
            LocalDate paymentDueBy, boolean overdue, Instant submittedAt) {
    }

    /** JSON types nested in the answers: native-image registration. */
    @RegisterForReflection(targets = {Payout.class, Submitted.class, DocumentView.class, PayeeView.class,
            DecisionView.class, View.class, QueueItem.class, Claimed.class, ReimbursementRequest.class,
            ReimbursementRequest.Payee.class, DecisionRequest.class, MemberPayment.class, MoreDocuments.class})
    static final class Json {
        private Json() {
        }
    }
}
