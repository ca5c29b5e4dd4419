package org.huimin.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 保障方案 — one plan per region and year: uniform premium, enrolment window, coverage period and the benefit
 * terms. Pure data with the date rules that belong to it; no framework code.
 */
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
        return countyCode != null && countyCode.startsWith(regionPrefix(region));
    }

    /** The county-code prefix a region covers: 210000 → 21, 360900 → 3609, 360902 → 360902. */
    public static String regionPrefix(String region) {
        if (region.endsWith("0000")) {
            return region.substring(0, 2);
        }
        if (region.endsWith("00")) {
            return region.substring(0, 4);
        }
        return region;
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
