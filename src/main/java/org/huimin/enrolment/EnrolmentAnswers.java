package org.huimin.enrolment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.huimin.claim.Remaining;

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
            List<PolicyLine> policies) {
    }

    /** A member an organisation asked for and that was refused. */
    public record RefusedMember(int index, String idNumber, String code, String message) {
    }

    /** {@code 201} of {@code POST /api/v1/org/enrolments}. */
    public record OrgEnrolment(UUID orderId, String plan, BigDecimal amount, String status, List<PolicyLine> accepted,
            List<RefusedMember> refused) {
    }

    /** An activated policy, as the payment answers show it. */
    public record ActivatedPolicy(String idNumber, String policyNumber, String taxCode, LocalDate benefitsFrom,
            String status) {
    }

    /** Answer to a payment notification. */
    public record Payment(UUID orderId, String status, String transactionId, BigDecimal amount, Instant paidAt,
            List<ActivatedPolicy> policies) {
    }

    /** A personal-account deduction as the bureau sees it (ID number whole: the bureau deducts by it). */
    public record Deduction(UUID orderId, String plan, String idNumber, BigDecimal amount, String status,
            Instant requestedAt) {
    }

    /** Answer to a deduction result. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeductionOutcome(UUID orderId, String status, String orderStatus, BigDecimal amount, Instant at,
            List<ActivatedPolicy> policies) {
    }

    /** Where a refund goes, and how much. */
    public record Refund(BigDecimal amount, String channel, String status) {
    }

    public record Cancellation(String policyNumber, String status, Instant cancelledAt, Refund refund) {
    }

    public record Consent(boolean given, Instant at, Instant guardianConsentAt) {
    }

    /** A policy in {@code GET /api/v1/me/policies}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MyPolicy(String policyNumber, String plan, String planName, String idNumber, String name,
            Relation relation, String status, BigDecimal premium, PayerType payer, boolean paidByMe, UUID orderId,
            String taxCode, LocalDate benefitsFrom, LocalDate coverageStarts, LocalDate coverageEnds,
            Consent consent, Remaining remaining) {
    }
}
