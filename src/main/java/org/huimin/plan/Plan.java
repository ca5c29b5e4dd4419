package org.huimin.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.huimin.common.Pure;
import org.huimin.common.Region;

/**
 * 保障方案 — one plan per region and year: uniform premium, enrolment window, coverage period and the benefit
 * terms. Pure data with the date rules that belong to it; no framework code.
 */
@Pure
public record Plan(
        long id,
        String code,
        String name,
        String region,
        int planYear,
        BigDecimal premium,
        LocalDate enrolmentOpens,
        LocalDate enrolmentCloses,
        LocalDate coverageStarts,
        LocalDate coverageEnds,
        int lateEnrolmentWaitingDays,
        Set<CareType> coveredCareTypes,
        /** 年度累计起付线 per deductible group. */
        Map<String, BigDecimal> deductibles,
        /** In the plan's order, which is the order the payout consumes deductibles in. */
        List<Liability> liabilities,
        /** 共保体; the first is the lead insurer. */
        List<Insurer> insurers) {

    public record Liability(LiabilityCode code, String deductibleGroup, BigDecimal ratio, BigDecimal annualCap) {
    }

    public record Insurer(String code, BigDecimal share) {
    }

    /** A province plan {@code 210000} covers counties {@code 21xxxx}; a city plan {@code 360900} {@code 3609xx}. */
    public boolean coversCounty(String countyCode) {
        return countyCode != null && countyCode.startsWith(Region.prefix(region));
    }

    /** Same or nested region and coverage periods sharing a day: a person could hold both for one day. */
    public boolean overlaps(Plan other) {
        return Region.overlap(region, other.region) && !coverageStarts.isAfter(other.coverageEnds)
                && !other.coverageStarts.isAfter(coverageEnds);
    }

    /** The lead insurer (首席承保人): the first of the consortium. */
    public Insurer lead() {
        return insurers.get(0);
    }

    /**
     * The last day the enrolment window may reach: a policy paid that day must still start its benefits within the
     * coverage period (paid before coverage starts: on {@code coverageStarts}; on or after: {@code lateEnrolmentWaitingDays} later).
     */
    public LocalDate latestEnrolmentClose() {
        LocalDate lateLimit = coverageEnds.minusDays(lateEnrolmentWaitingDays);
        LocalDate earlyLimit = coverageStarts.minusDays(1);
        return lateLimit.isAfter(earlyLimit) ? lateLimit : earlyLimit;
    }

    /** The same plan with another last day of enrolment. */
    public Plan withEnrolmentCloses(LocalDate closes) {
        return new Plan(id, code, name, region, planYear, premium, enrolmentOpens, closes, coverageStarts, coverageEnds,
                lateEnrolmentWaitingDays, coveredCareTypes, deductibles, liabilities, insurers);
    }

    public boolean enrolmentOpenOn(LocalDate day) {
        return !day.isBefore(enrolmentOpens) && !day.isAfter(enrolmentCloses);
    }

    /** Regulators forbid changing payout conditions once enrolment has opened. */
    public boolean termsLockedOn(LocalDate day) {
        return !day.isBefore(enrolmentOpens);
    }

    public boolean coversDate(LocalDate day) {
        return !day.isBefore(coverageStarts) && !day.isAfter(coverageEnds);
    }

    /**
     * Late enrolment: paid before {@code coverageStarts}, benefits start on it; paid on or after it, benefits
     * start {@code lateEnrolmentWaitingDays} after the payment date.
     */
    public LocalDate benefitStartFor(LocalDate paymentDate) {
        return paymentDate.isBefore(coverageStarts) ? coverageStarts : paymentDate.plusDays(lateEnrolmentWaitingDays);
    }
}
