package org.huimin.claim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.huimin.balance.Remaining;
import org.huimin.plan.CareType;
import org.huimin.plan.InsurerSplit;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Answers of the hospital side of the API. */
public final class ClaimAnswers {

    private ClaimAnswers() {
    }

    /** A settlement (or trial) answer; after a reversal it also carries {@code reversedAt} and {@code restored}. */
    public record Settlement(
            String settlementId,
            String status,
            boolean eligible,
            IneligibilityReason reason,
            String policyNumber,
            BigDecimal payout,
            BigDecimal patientPays,
            List<Decision.LiabilityPayout> breakdown,
            Remaining remaining,
            List<InsurerSplit.Part> insurerShares,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant settledAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant reversedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Remaining restored) {

        static Settlement of(String settlementId, String status, String policyNumber, Decision decision, Instant settledAt) {
            return new Settlement(settlementId, status, decision.eligible(), decision.reason(), policyNumber,
                    decision.payout(), decision.patientPays(), decision.breakdown(), decision.remaining(),
                    decision.insurerShares(), settledAt, null, null);
        }

        Settlement reversed(Instant at, Remaining restored, Remaining remainingAfter) {
            return new Settlement(settlementId, "REVERSED", eligible, reason, policyNumber, payout, patientPays,
                    breakdown, remainingAfter, insurerShares, settledAt, at, restored);
        }
    }

    /**
     * {@code GET /api/v1/hospital/coverage/{idNumber}}. When basic insurance is not active on the day, and the bureau's
     * benefit periods say when it starts again, {@code basicBenefitsFrom} is that day.
     */
    public record Coverage(boolean covered, IneligibilityReason reason, String idNumber, String plan, String policyNumber,
            LocalDate benefitsFrom, Remaining remaining,
            @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate basicBenefitsFrom,
            @JsonInclude(JsonInclude.Include.NON_NULL) String explanation) {
    }

    public record Totals(long count, BigDecimal payout) {
    }

    /** {@code GET /api/v1/hospital/reconciliation}. */
    public record Reconciliation(LocalDate date, String hospital, Totals settled, Totals reversed, BigDecimal net) {
    }

    /** A settlement in {@code GET /api/v1/me/claims}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MyClaim(String settlementId, String hospital, String policyNumber, String idNumber, String name,
            CareType careType, LocalDate admissionDate, LocalDate dischargeDate, String status, boolean eligible,
            IneligibilityReason reason, BigDecimal payout, BigDecimal patientPays, Instant settledAt,
            Instant reversedAt) {
    }
}
