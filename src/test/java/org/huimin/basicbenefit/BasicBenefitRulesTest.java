package org.huimin.basicbenefit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.huimin.basicbenefit.BasicBenefitRules.InsuranceType;
import org.huimin.basicbenefit.BasicBenefitRules.Outcome;
import org.huimin.basicbenefit.BasicBenefitRules.Situation;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Every example of DOMAIN.md's seed-004 section, the month ends, each inconsistent input, and three properties. */
class BasicBenefitRulesTest {

    private static final LocalDate PAID = LocalDate.of(2026, 3, 15);

    private static Situation late(int breakYears, int repaid) {
        return new Situation(InsuranceType.RESIDENT, 2026, 1, 0, false, false, false, breakYears, repaid, PAID);
    }

    private static Outcome compute(Situation s) {
        assertThat(BasicBenefitRules.refusal(s)).isEmpty();
        return BasicBenefitRules.compute(s);
    }

    private static int months(int breakYears, int repaid) {
        return compute(late(breakYears, repaid)).waitingMonths().total();
    }

    @Test
    void theWaitingExamplesOfTheDomainPage() {
        // b=1 → 3; b=2 → 4, or 3 after paying back 1; b=4 → 6 (paying back cannot go lower);
        // b=6 → 8, 7 after paying back 1, 6 after paying back 2 or more.
        assertThat(months(1, 0)).isEqualTo(3);
        assertThat(months(2, 0)).isEqualTo(4);
        assertThat(months(2, 1)).isEqualTo(3);
        assertThat(months(4, 0)).isEqualTo(6);
        assertThat(months(4, 3)).isEqualTo(6);
        assertThat(months(6, 0)).isEqualTo(8);
        assertThat(months(6, 1)).isEqualTo(7);
        assertThat(months(6, 2)).isEqualTo(6);
        assertThat(months(6, 5)).isEqualTo(6);
        // Late without a break: the fixed three months only.
        assertThat(months(0, 0)).isEqualTo(3);
        // When the 6-month floor applies, variable is total − fixed.
        assertThat(compute(late(4, 3)).waitingMonths()).isEqualTo(new BasicBenefitRules.WaitingMonths(3, 3, 6));
    }

    @Test
    void theApiMdExample() {
        Outcome outcome = compute(late(6, 1));
        assertThat(outcome.criticalIllnessCap()).isEqualTo("400000.00");
        assertThat(outcome.capIncrements()).isEqualTo(new BasicBenefitRules.Increments(new BigDecimal("0.00"), new BigDecimal("0.00")));
        assertThat(outcome.waitingMonths()).isEqualTo(new BasicBenefitRules.WaitingMonths(3, 4, 7));
        assertThat(outcome.benefitsFrom()).isEqualTo(LocalDate.of(2026, 10, 15));
        assertThat(outcome.explanation()).isNotEmpty();
    }

    @Test
    void benefitsStartByCalendarMonths() {
        // paid 2025-03-15, 3 months → 2025-06-15; paid 2025-11-30, 3 months → 2026-02-28.
        assertThat(withPayment(LocalDate.of(2025, 3, 15), 1).benefitsFrom()).isEqualTo(LocalDate.of(2025, 6, 15));
        assertThat(withPayment(LocalDate.of(2025, 11, 30), 1).benefitsFrom()).isEqualTo(LocalDate.of(2026, 2, 28));
        // Month ends: 31 January + 3 months is 30 April (April has 30 days); + 4 months is 31 May;
        // 30 November 2027 + 3 months is 29 February 2028 (a leap year); 31 March + 6 months is 30 September.
        assertThat(withPayment(LocalDate.of(2026, 1, 31), 1).benefitsFrom()).isEqualTo(LocalDate.of(2026, 4, 30));
        assertThat(withPayment(LocalDate.of(2026, 1, 31), 2).benefitsFrom()).isEqualTo(LocalDate.of(2026, 5, 31));
        assertThat(withPayment(LocalDate.of(2027, 11, 30), 1).benefitsFrom()).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(withPayment(LocalDate.of(2026, 3, 31), 4).benefitsFrom()).isEqualTo(LocalDate.of(2026, 9, 30));
        // No wait: benefits from the payment date itself.
        Situation onTime = new Situation(InsuranceType.RESIDENT, 2026, 3, 0, false, false, true, 0, 0, LocalDate.of(2026, 1, 31));
        assertThat(compute(onTime).benefitsFrom()).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(compute(onTime).waitingMonths()).isEqualTo(new BasicBenefitRules.WaitingMonths(0, 0, 0));
        Situation exempt = new Situation(InsuranceType.RESIDENT, 2026, 1, 0, false, true, false, 6, 0, PAID);
        assertThat(compute(exempt).waitingMonths().total()).isZero();
        assertThat(compute(exempt).benefitsFrom()).isEqualTo(PAID);
    }

    private static Outcome withPayment(LocalDate paidOn, int breakYears) {
        return compute(new Situation(InsuranceType.RESIDENT, 2026, 1, 0, false, false, false, breakYears, 0, paidOn));
    }

    @Test
    void theCriticalIllnessCapAndItsIncrements() {
        // A 7th consecutive year with 2 uncleared zero years: 400,000 + 12,000 + 8,000 = 420,000.
        Outcome seventh = compute(new Situation(InsuranceType.RESIDENT, 2026, 7, 2, false, false, true, 0, 0, PAID));
        assertThat(seventh.criticalIllnessCap()).isEqualTo("420000.00");
        assertThat(seventh.capIncrements().continuous()).isEqualTo("12000.00");
        assertThat(seventh.capIncrements().zeroReimbursement()).isEqualTo("8000.00");
        // Years 1–4 add nothing; the 5th adds 4,000.
        assertThat(cap(4, 0)).isEqualTo("400000.00");
        assertThat(cap(5, 0)).isEqualTo("404000.00");
        // At most 80,000 together: 30 years would be 104,000; the continuous increment counts first.
        assertThat(cap(30, 5)).isEqualTo("480000.00");
        Outcome capped = compute(new Situation(InsuranceType.RESIDENT, 2026, 20, 5, false, false, true, 0, 0, PAID));
        assertThat(capped.capIncrements().continuous()).isEqualTo("64000.00");
        assertThat(capped.capIncrements().zeroReimbursement()).isEqualTo("16000.00");
        // Medical assistance pays the contribution: outside this cap.
        Outcome assisted = compute(new Situation(InsuranceType.RESIDENT, 2026, 9, 3, true, false, true, 0, 0, PAID));
        assertThat(assisted.criticalIllnessCap()).isNull();
    }

    private static BigDecimal cap(int consecutive, int zero) {
        return compute(new Situation(InsuranceType.RESIDENT, 2026, consecutive, zero, false, false, true, 0, 0, PAID))
                .criticalIllnessCap();
    }

    @Test
    void inconsistentInputsAndOtherRulesAreRefused() {
        assertThat(code(new Situation(InsuranceType.EMPLOYEE, 2026, 1, 0, false, false, true, 0, 0, PAID)))
                .isEqualTo("RULES_NOT_APPLICABLE");
        assertThat(code(new Situation(InsuranceType.RESIDENT, 2024, 1, 0, false, false, true, 0, 0, PAID)))
                .isEqualTo("RULES_NOT_APPLICABLE");
        assertThat(code(new Situation(InsuranceType.RESIDENT, 2026, -1, 0, false, false, true, 0, 0, PAID)))
                .isEqualTo("INCONSISTENT_INPUT");
        assertThat(code(new Situation(InsuranceType.RESIDENT, 2026, 1, -2, false, false, true, 0, 0, PAID)))
                .isEqualTo("INCONSISTENT_INPUT");
        assertThat(code(new Situation(InsuranceType.RESIDENT, 2026, 1, 0, false, false, true, -1, 0, PAID)))
                .isEqualTo("INCONSISTENT_INPUT");
        assertThat(code(new Situation(InsuranceType.RESIDENT, 2026, 1, 0, false, false, false, 2, 3, PAID)))
                .isEqualTo("INCONSISTENT_INPUT");
        assertThat(code(new Situation(InsuranceType.RESIDENT, 2026, 5, 0, false, false, false, 2, 0, PAID)))
                .isEqualTo("INCONSISTENT_INPUT");
    }

    private static String code(Situation s) {
        return BasicBenefitRules.refusal(s).map(r -> r.code()).orElse("OK");
    }

    @Property(tries = 500)
    void payingBackMoreYearsNeverLengthensTheWait(@ForAll @IntRange(min = 0, max = 40) int breakYears,
            @ForAll @IntRange(min = 0, max = 40) int repaid) {
        if (repaid + 1 > breakYears) {
            return;
        }
        assertThat(months(breakYears, repaid + 1)).isLessThanOrEqualTo(months(breakYears, repaid));
        assertThat(months(breakYears, repaid)).isGreaterThanOrEqualTo(3);
        if (breakYears >= 4) {
            assertThat(months(breakYears, repaid)).isGreaterThanOrEqualTo(6);
        }
    }

    @Property(tries = 500)
    void theCapStaysBetween400And480Thousand(@ForAll @IntRange(min = 0, max = 200) int consecutive,
            @ForAll @IntRange(min = 0, max = 200) int zero) {
        BigDecimal cap = cap(consecutive, zero);
        assertThat(cap).isBetween(new BigDecimal("400000.00"), new BigDecimal("480000.00"));
        assertThat(cap).isEqualByComparingTo(new BigDecimal("400000.00")
                .add(compute(new Situation(InsuranceType.RESIDENT, 2026, consecutive, zero, false, false, true, 0, 0, PAID))
                        .capIncrements().continuous())
                .add(compute(new Situation(InsuranceType.RESIDENT, 2026, consecutive, zero, false, false, true, 0, 0, PAID))
                        .capIncrements().zeroReimbursement()));
    }

    @Property(tries = 300)
    void aBreakAlwaysRestartsTheCount(@ForAll @IntRange(min = 1, max = 50) int breakYears,
            @ForAll @IntRange(min = 0, max = 50) int consecutive) {
        Situation broken = new Situation(InsuranceType.RESIDENT, 2026, consecutive, 0, false, false, false, breakYears, 0, PAID);
        if (consecutive == 1) {
            assertThat(compute(broken).capIncrements().continuous()).isEqualTo("0.00");
        } else {
            assertThat(code(broken)).isEqualTo("INCONSISTENT_INPUT");
        }
    }

    @Test
    void everyAnswerSaysWhy() {
        assertThat(compute(late(6, 1)).explanation()).anyMatch(line -> line.contains("每多断保1年"))
                .anyMatch(line -> line.contains("2026-10-15"));
        assertThat(compute(late(4, 0)).explanation()).anyMatch(line -> line.contains("不少于6个月"));
    }
}
