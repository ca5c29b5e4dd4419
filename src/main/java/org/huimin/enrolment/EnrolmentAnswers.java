package org.huimin.enrolment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.huimin.balance.Remaining;
import org.huimin.refund.RefundView;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Answers of the enrolment side of the API (records, never entities). */
public final class EnrolmentAnswers {

    private EnrolmentAnswers() {
    }

    /** One enrolled member of an order. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PolicyLine(String idNumber, String name, Relation relation, String status) {
    }

    /** {@code 201} of {@code POST /api/v1/enrolments}. */
    public record Enrolment(UUID orderId, String plan, PayerType payer, BigDecimal amount, String status,
            Instant expiresAt, List<PolicyLine> policies) {
    }

    /** A member an organisation asked for and that was refused. */
    public record RefusedMember(int index, String idNumber, String code, String message) {
    }

    /** {@code 201} of {@code POST /api/v1/org/enrolments}. */
    public record OrgEnrolment(UUID orderId, String plan, BigDecimal amount, String status, Instant expiresAt,
            List<PolicyLine> accepted, List<RefusedMember> refused) {
    }

    /** An activated policy, as the payment answers show it. */
    public record ActivatedPolicy(String idNumber, String policyNumber, String taxCode, LocalDate benefitsFrom,
            String status) {
    }

    /** Answer to a payment notification: PAID with the policies, or REFUND_REQUESTED for money that came too late. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Payment(UUID orderId, String status, String transactionId, BigDecimal amount, Instant paidAt,
            List<ActivatedPolicy> policies, UUID refundId) {
    }

    /** A personal-account deduction as the bureau sees it (ID number whole: the bureau deducts by it). */
    public record DeductionLine(UUID orderId, String plan, String idNumber, BigDecimal amount, String status,
            Instant requestedAt) {
    }

    /** Answer to a deduction result. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeductionOutcome(UUID orderId, String status, String orderStatus, BigDecimal amount, Instant at,
            List<ActivatedPolicy> policies, UUID refundId) {
    }

    public record Cancellation(String policyNumber, String status, Instant cancelledAt, RefundView refund) {
    }

    /** Answer to the withdrawal of an unpaid order. */
    public record Withdrawal(UUID orderId, String status) {
    }

    /** A policy of an order as its payer sees it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrderPolicy(String idNumber, String name, Relation relation, String status, String policyNumber,
            String taxCode, LocalDate benefitsFrom) {
    }

    /** {@code GET /api/v1/enrolments/{orderId}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Order(UUID orderId, String plan, PayerType payer, BigDecimal amount, String status, Instant createdAt,
            Instant expiresAt, Instant paidAt, List<OrderPolicy> policies) {
    }

    public record Consent(boolean given, Instant at, Instant guardianConsentAt) {
    }

    /**
     * A policy in {@code GET /api/v1/me/policies}. The caller's own policies and those of their children under 18 whose
     * policy they paid as CHILD show everything; another adult's policy the caller paid for shows policy number, status,
     * tax code and benefit start only — never balances, which reveal medical spending.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MyPolicy(String policyNumber, String plan, String planName, String idNumber, String name,
            Relation relation, String status, BigDecimal premium, PayerType payer, boolean paidByMe, UUID orderId,
            String taxCode, LocalDate benefitsFrom, LocalDate coverageStarts, LocalDate coverageEnds,
            Consent consent, Remaining remaining) {
    }
}
