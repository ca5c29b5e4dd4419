package org.huimin.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.huimin.common.FieldError;
import org.junit.jupiter.api.Test;

/** The consistency of a plan's terms, the overlap rule and the window extension, with the dates worked by hand. */
public class PlanRulesTest {

    public static Plan plan(String code, String region, int year, String opens, String closes, String starts, String ends,
            int waitingDays) {
        Map<String, BigDecimal> deductibles = new LinkedHashMap<>();
        deductibles.put("MAIN", new BigDecimal("20000.00"));
        return new Plan(1, code, "测试", region, year, new BigDecimal("69.00"), LocalDate.parse(opens), LocalDate.parse(closes),
                LocalDate.parse(starts), LocalDate.parse(ends), waitingDays, new LinkedHashSet<>(List.of(CareType.INPATIENT)),
                deductibles,
                List.of(new Plan.Liability(LiabilityCode.IN_POLICY, "MAIN", new BigDecimal("0.80"), new BigDecimal("1000000.00")),
                        new Plan.Liability(LiabilityCode.OUT_OF_POLICY, "MAIN", new BigDecimal("0.70"), new BigDecimal("1000000.00"))),
                List.of(new Plan.Insurer("PICC", new BigDecimal("0.40")), new Plan.Insurer("CPIC", new BigDecimal("0.35")),
                        new Plan.Insurer("PAIC", new BigDecimal("0.25"))));
    }

    public static Plan liaoning() {
        return plan("LN-2026", "210000", 2026, "2025-09-01", "2026-03-31", "2026-01-01", "2026-12-31", 30);
    }

    private static List<String> fields(Plan plan) {
        return PlanRules.check(plan).stream().map(FieldError::field).toList();
    }

    @Test
    void theApiMdExampleIsConsistent() {
        assertThat(PlanRules.check(liaoning())).isEmpty();
    }

    @Test
    void datesMustFollowEachOther() {
        assertThat(fields(plan("X", "210000", 2026, "2025-09-01", "2025-08-31", "2026-01-01", "2026-12-31", 30)))
                .containsExactly("enrolmentCloses");
        assertThat(fields(plan("X", "210000", 2026, "2025-09-01", "2026-03-31", "2026-01-01", "2025-12-31", 30)))
                .contains("coverageEnds");
        // Coverage may not start before enrolment opens.
        assertThat(fields(plan("X", "210000", 2026, "2026-01-02", "2026-03-31", "2026-01-01", "2026-12-31", 30)))
                .containsExactly("coverageStarts");
        // Enrolment closes by the end of coverage.
        assertThat(fields(plan("X", "210000", 2026, "2025-09-01", "2027-01-01", "2026-01-01", "2026-12-31", 30)))
                .containsExactly("enrolmentCloses");
        // The plan year is one the coverage covers: 2026-07-01..2027-06-30 may be 2026 or 2027, never 2028.
        assertThat(fields(plan("X", "210000", 2027, "2026-05-01", "2026-09-30", "2026-07-01", "2027-06-30", 30))).isEmpty();
        assertThat(fields(plan("X", "210000", 2028, "2026-05-01", "2026-09-30", "2026-07-01", "2027-06-30", 30)))
                .containsExactly("planYear");
    }

    @Test
    void termsMustBeCoherent() {
        Plan good = liaoning();
        Plan shares = new Plan(1, "X", "x", "210000", 2026, good.premium(), good.enrolmentOpens(), good.enrolmentCloses(),
                good.coverageStarts(), good.coverageEnds(), 30, good.coveredCareTypes(), good.deductibles(),
                List.of(new Plan.Liability(LiabilityCode.IN_POLICY, "NONE", new BigDecimal("1.10"), new BigDecimal("1.00")),
                        new Plan.Liability(LiabilityCode.IN_POLICY, "MAIN", new BigDecimal("0.50"), new BigDecimal("1.00"))),
                List.of(new Plan.Insurer("PICC", new BigDecimal("0.60")), new Plan.Insurer("PICC", new BigDecimal("0.39"))));
        assertThat(fields(shares)).containsExactly("liabilities[0].deductibleGroup", "liabilities[0].ratio",
                "liabilities[1].code", "insurers[1].code", "insurers");
        assertThat(PlanRules.check(shares).get(4).message()).isEqualTo("shares must sum to exactly 1 (they sum to 0.99)");
    }

    @Test
    void regionsAndCoveragePeriodsMayNotOverlap() {
        Plan province = liaoning();
        Plan dalian = plan("DL-2026", "210200", 2026, "2025-09-01", "2026-03-31", "2026-01-01", "2026-12-31", 30);
        Plan dalianNextYear = plan("DL-2027", "210200", 2027, "2026-09-01", "2027-03-31", "2027-01-01", "2027-12-31", 30);
        Plan yichun = plan("YC-2026", "360900", 2026, "2025-09-01", "2026-03-31", "2026-01-01", "2026-12-31", 30);
        Plan lastDay = plan("LD", "210202", 2027, "2026-12-01", "2026-12-31", "2026-12-31", "2027-12-30", 30);
        assertThat(PlanRules.overlap(dalian, List.of(province))).hasValueSatisfying(r -> assertThat(r.code()).isEqualTo("PLAN_OVERLAPS"));
        assertThat(PlanRules.overlap(province, List.of(dalianNextYear, yichun))).isEmpty();
        // One shared day (31 December) is an overlap: a person could hold both policies for it.
        assertThat(PlanRules.overlap(lastDay, List.of(province))).isPresent();
        // A plan never overlaps itself (an update checks against the stored row).
        assertThat(PlanRules.overlap(province, List.of(province))).isEmpty();
    }

    @Test
    void theWindowIsExtendedOnlyLaterAndOnlyWhileBenefitsStillStartInCoverage() {
        Plan plan = liaoning(); // closes 2026-03-31; coverage to 2026-12-31; 30 days' wait after a late payment
        // Paid on 2026-12-01, benefits start 2026-12-31: the last day that still fits.
        assertThat(plan.latestEnrolmentClose()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(PlanRules.windowExtension(plan, LocalDate.of(2026, 4, 30))).isEmpty();
        assertThat(PlanRules.windowExtension(plan, LocalDate.of(2026, 12, 1))).isEmpty();
        assertThat(PlanRules.windowExtension(plan, LocalDate.of(2026, 3, 31))).as("the same day again: a retry").isEmpty();
        assertThat(PlanRules.windowExtension(plan, LocalDate.of(2026, 12, 2)))
                .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo("WINDOW_NOT_EXTENDABLE"));
        assertThat(PlanRules.windowExtension(plan, LocalDate.of(2026, 3, 30)))
                .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo("WINDOW_NOT_EXTENDABLE"));
        // With a wait longer than the coverage, only payments before coverage starts still fit: until the day before.
        Plan longWait = plan("LW", "210000", 2026, "2025-09-01", "2025-12-01", "2026-01-01", "2026-12-31", 400);
        assertThat(longWait.latestEnrolmentClose()).isEqualTo(LocalDate.of(2025, 12, 31));
    }

    @Test
    void lateEnrolmentStartsBenefitsAfterTheWaitOrOnCoverageStart() {
        Plan plan = liaoning();
        assertThat(plan.benefitStartFor(LocalDate.of(2025, 12, 31))).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(plan.benefitStartFor(LocalDate.of(2026, 1, 1))).isEqualTo(LocalDate.of(2026, 1, 31));
        // Across a month end and a leap year: paid 2028-01-31 + 30 days = 2028-03-01 (February has 29 days).
        Plan leap = plan("LP", "210000", 2028, "2027-09-01", "2028-03-31", "2028-01-01", "2028-12-31", 30);
        assertThat(leap.benefitStartFor(LocalDate.of(2028, 1, 31))).isEqualTo(LocalDate.of(2028, 3, 1));
    }
}
