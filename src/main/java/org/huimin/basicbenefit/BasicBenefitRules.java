package org.huimin.basicbenefit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.huimin.common.Money;
import org.huimin.common.Pure;
import org.huimin.common.Refusal;

/**
 * Liaoning's basic-insurance participation rules for residents (辽医保发〔2024〕7号, seed 004), as a calculator: the
 * critical-illness (大病保险) annual cap with its increments, and the waiting period before basic benefits start after a
 * late or broken participation. They belong to the bureau; the service explains them. Pure.
 *
 * <p>Readings chosen where the notice leaves room (each quoted in the explanation):
 * <ul>
 * <li>满4年之后每连续参保1年 … 提高4000元: the increment counts each consecutive year after the fourth, so the n-th
 * consecutive year (the plan year counted) adds 4,000 × max(0, n − 4).</li>
 * <li>当年基金零报销 … 提高4000元: each earlier year with no fund reimbursement, not yet cleared, adds 4,000.</li>
 * <li>最高不超过 … 20%: both together at most 80,000 (20 % of 400,000); the continuous increment counts first, the
 * zero-reimbursement credit fills what is left.</li>
 * <li>固定等待期3个月; 每多断保1年 … 增加1个月: the first missing year is covered by the fixed period, so a break of b
 * years adds b − 1 months; each year paid back (按当年个人缴费标准补缴) removes one of those, never the fixed three.</li>
 * <li>断保4年及以上 … 不少于6个月: after a break of four years or more, fixed plus variable is at least six months, even
 * after back-payment.</li>
 * <li>Benefits start that many calendar months after the payment date ({@code LocalDate.plusMonths}: a day that does not
 * exist in the target month is its last day).</li>
 * </ul>
 */
@Pure
public final class BasicBenefitRules {

    public static final BigDecimal BASE_CAP = new BigDecimal("400000.00");
    public static final BigDecimal YEARLY_INCREMENT = new BigDecimal("4000.00");
    /** 20 % of the base cap. */
    public static final BigDecimal MAX_INCREMENTS = new BigDecimal("80000.00");
    public static final int FIXED_WAITING_MONTHS = 3;
    public static final int LONG_BREAK_YEARS = 4;
    public static final int LONG_BREAK_MINIMUM_MONTHS = 6;
    public static final int FIRST_YEAR = 2025;

    private BasicBenefitRules() {
    }

    /** The inputs, as the request carries them. */
    public record Situation(InsuranceType insuranceType, int planYear, int consecutiveYears, int zeroReimbursementYears,
            boolean assistanceFunded, boolean exempt, boolean enrolledInCollectionPeriod, int breakYears, int repaidYears,
            LocalDate paidOn) {
    }

    public enum InsuranceType {
        EMPLOYEE, RESIDENT
    }

    /** The answer. {@code criticalIllnessCap} is null for people whose contribution medical assistance pays. */
    public record Outcome(BigDecimal criticalIllnessCap, Increments capIncrements, WaitingMonths waitingMonths,
            LocalDate benefitsFrom, List<String> explanation) {
    }

    public record Increments(BigDecimal continuous, BigDecimal zeroReimbursement) {
    }

    public record WaitingMonths(int fixed, int variable, int total) {
    }

    /** Why the input cannot be computed: inconsistent, or not the residents' rules. */
    public static Optional<Refusal> refusal(Situation s) {
        if (s.insuranceType() == InsuranceType.EMPLOYEE) {
            return Optional.of(Refusal.unprocessable("RULES_NOT_APPLICABLE",
                    "These are the participation rules of residents (居民); employees (职工) follow other rules."));
        }
        if (s.planYear() < FIRST_YEAR) {
            return Optional.of(Refusal.unprocessable("RULES_NOT_APPLICABLE",
                    "These readings apply to residents from " + FIRST_YEAR + "."));
        }
        List<String> wrong = new ArrayList<>();
        if (s.consecutiveYears() < 0 || s.zeroReimbursementYears() < 0 || s.breakYears() < 0 || s.repaidYears() < 0) {
            wrong.add("years cannot be negative");
        }
        if (s.repaidYears() > s.breakYears()) {
            wrong.add("repaidYears (" + s.repaidYears() + ") cannot exceed breakYears (" + s.breakYears() + ")");
        }
        if (s.breakYears() > 0 && s.consecutiveYears() != 1) {
            wrong.add("after a break the consecutive years start again at 1 (consecutiveYears is " + s.consecutiveYears() + ")");
        }
        if (!wrong.isEmpty()) {
            return Optional.of(Refusal.unprocessable("INCONSISTENT_INPUT", "The situation is inconsistent: "
                    + String.join("; ", wrong) + "."));
        }
        return Optional.empty();
    }

    /** Computes the outcome of a situation that {@link #refusal} accepts. */
    public static Outcome compute(Situation s) {
        List<String> explanation = new ArrayList<>();
        BigDecimal cap = null;
        Increments increments = new Increments(Money.ZERO, Money.ZERO);
        if (s.assistanceFunded()) {
            explanation.add("The basic contribution is paid by medical assistance (医疗救助资助参保): outside this cap.");
        } else {
            BigDecimal continuous = YEARLY_INCREMENT.multiply(BigDecimal.valueOf(Math.max(0, s.consecutiveYears() - 4)));
            BigDecimal zero = YEARLY_INCREMENT.multiply(BigDecimal.valueOf(s.zeroReimbursementYears()));
            continuous = Money.min(continuous, MAX_INCREMENTS);
            zero = Money.min(zero, MAX_INCREMENTS.subtract(continuous));
            increments = new Increments(continuous.setScale(2), zero.setScale(2));
            cap = BASE_CAP.add(continuous).add(zero).setScale(2);
            explanation.add("Critical-illness annual cap 400,000.00 (大病保险年度最高支付限额40万元).");
            explanation.add("Consecutive years including " + s.planYear() + ": " + s.consecutiveYears() + "; after the fourth, "
                    + "each adds 4,000.00 (满4年之后每连续参保1年提高4000元): " + plain(continuous) + ".");
            explanation.add("Earlier years without fund reimbursement, not yet cleared: " + s.zeroReimbursementYears()
                    + ", 4,000.00 each (当年基金零报销的，下一年度提高4000元): " + plain(zero)
                    + "; cleared once a critical-illness payment uses the increment.");
            explanation.add("Increments together at most 80,000.00 (累计最高不超过20%): cap " + plain(cap) + ".");
        }
        WaitingMonths waiting = waiting(s);
        if (waiting.total() == 0) {
            explanation.add(s.exempt() ? "Exempt from the waiting period (newborns and others the bureau exempts): benefits "
                    + "from the payment date." : "Enrolled in the collection period without a break: no waiting period.");
        } else {
            explanation.add("Not enrolled in the collection period, or participation broken: a fixed waiting period of 3 "
                    + "months (固定等待期3个月).");
            if (s.breakYears() > 0) {
                explanation.add("A break of " + s.breakYears() + " year(s): " + (s.breakYears() - 1) + " month(s) more, the "
                        + "first missing year being the fixed period (每多断保1年，增加1个月变动等待期); " + s.repaidYears()
                        + " year(s) paid back remove as many (补缴可减少变动等待期).");
            }
            if (s.breakYears() >= LONG_BREAK_YEARS) {
                explanation.add("After a break of 4 years or more, at least 6 months in all (断保4年及以上的，不少于6个月).");
            }
            explanation.add("Waiting " + waiting.total() + " month(s) after the payment on " + s.paidOn() + ".");
        }
        LocalDate from = s.paidOn().plusMonths(waiting.total());
        explanation.add("Basic-insurance benefits from " + from + ".");
        return new Outcome(cap, increments, waiting, from, explanation);
    }

    /** The waiting months: none when exempt or enrolled on time without a break; else 3 fixed plus what the break adds. */
    static WaitingMonths waiting(Situation s) {
        if (s.exempt() || (s.enrolledInCollectionPeriod() && s.breakYears() == 0)) {
            return new WaitingMonths(0, 0, 0);
        }
        int variable = Math.max(0, s.breakYears() - 1 - s.repaidYears());
        int total = FIXED_WAITING_MONTHS + variable;
        if (s.breakYears() >= LONG_BREAK_YEARS) {
            total = Math.max(total, LONG_BREAK_MINIMUM_MONTHS);
        }
        return new WaitingMonths(FIXED_WAITING_MONTHS, total - FIXED_WAITING_MONTHS, total);
    }

    private static String plain(BigDecimal amount) {
        return String.format("%,.2f", amount);
    }
}
