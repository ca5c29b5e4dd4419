package org.huimin.report;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The statistics the bureau, regulators and insurers read. Aggregates only: no personal data. */
public final class Reports {

    private Reports() {
    }

    /** Per county: basic-insurance members (ACTIVE bureau records), people with an ACTIVE policy, and the rate. */
    public record County(String county, long members, long enrolled, BigDecimal rate) {
    }

    /** Per payer channel: SELF, PERSONAL_ACCOUNT, or ORGANISATION with its type. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Channel(String payer, String orgType, long policies, BigDecimal premium) {
    }

    public record EnrolmentTotals(long members, long enrolled, BigDecimal rate, BigDecimal premiumCollected,
            BigDecimal premiumRefunded, BigDecimal netPremium) {
    }

    public record Enrolment(String plan, List<County> counties, List<Channel> channels, EnrolmentTotals totals) {
    }

    public record Amount(String key, long settlements, BigDecimal payout) {
    }

    public record Share(String insurer, BigDecimal share, BigDecimal premium, BigDecimal payouts) {
    }

    /** Claims of a plan: reversed settlements are counted apart and their payouts excluded from the net figures. */
    public record Claims(String plan, long settlements, long eligible, long reversals, BigDecimal payout,
            BigDecimal averagePayout, BigDecimal netPremium, BigDecimal lossRatio, List<Amount> byLiability,
            List<Amount> byCareType, List<Share> insurers) {
    }
}
