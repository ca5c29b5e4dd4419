package org.huimin.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.huimin.balance.Balances;
import org.huimin.balance.Consumption;
import org.huimin.plan.CareType;
import org.huimin.plan.InsurerSplit;
import org.huimin.plan.LiabilityCode;
import org.huimin.plan.Plan;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the payout over random plans and random sequences of settlements and reversals. */
class PayoutPropertiesTest {

    record Step(SettlementAmounts amounts, boolean reverseLater) {
    }

    @Provide
    Arbitrary<Plan> plans() {
        Arbitrary<BigDecimal> money = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("50000")).ofScale(2);
        Arbitrary<BigDecimal> ratio = Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.ONE).ofScale(2);
        Arbitrary<Boolean> shared = Arbitraries.of(true, false);
        Arbitrary<List<BigDecimal>> shares = Arbitraries.integers().between(1, 4).flatMap(n ->
                Arbitraries.integers().between(1, 100).list().ofSize(n).map(weights -> {
                    // Shares with up to 4 decimals that sum to exactly 1: the last takes the remainder.
                    int total = weights.stream().mapToInt(Integer::intValue).sum();
                    List<BigDecimal> result = new ArrayList<>();
                    BigDecimal sum = BigDecimal.ZERO;
                    for (int i = 0; i < weights.size() - 1; i++) {
                        BigDecimal s = BigDecimal.valueOf(weights.get(i)).divide(BigDecimal.valueOf(total), 4,
                                java.math.RoundingMode.DOWN);
                        result.add(s);
                        sum = sum.add(s);
                    }
                    result.add(BigDecimal.ONE.subtract(sum));
                    return result;
                }));
        return Combinators.combine(money, money, ratio, ratio, money, money, shared, shares)
                .as((d1, d2, r1, r2, c1, c2, isShared, insurerShares) -> {
                    Map<String, BigDecimal> groups = new LinkedHashMap<>();
                    groups.put("A", d1);
                    if (!isShared) {
                        groups.put("B", d2);
                    }
                    List<Plan.Insurer> insurers = new ArrayList<>();
                    for (int i = 0; i < insurerShares.size(); i++) {
                        insurers.add(new Plan.Insurer("I" + i, insurerShares.get(i)));
                    }
                    return Plans.plan(groups, List.of(
                            new Plan.Liability(LiabilityCode.IN_POLICY, "A", r1, c1),
                            new Plan.Liability(LiabilityCode.OUT_OF_POLICY, isShared ? "A" : "B", r2, c2)), insurers);
                });
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<BigDecimal> money = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("30000")).ofScale(2);
        return Combinators.combine(money, money, money, Arbitraries.of(true, false, false))
                .as((in, out, over, reverse) -> new Step(Plans.amounts(CareType.INPATIENT, LocalDate.of(2026, 3, 1),
                        in.toPlainString(), out.toPlainString(), over.toPlainString()), reverse))
                .list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 300)
    void balancesStayWithinTermsAndReversalsRestoreExactly(@ForAll("plans") Plan plan, @ForAll("steps") List<Step> steps) {
        Balances balances = Balances.none();
        List<Consumption> toReverse = new ArrayList<>();
        for (Step step : steps) {
            Decision d = PayoutCalculator.decide(plan, Plans.COVERAGE_STARTS, Plans.activeParticipant(), balances,
                    step.amounts());
            BigDecimal eligible = step.amounts().inPolicySelfPay().add(step.amounts().outOfPolicySelfPay());
            assertThat(d.payout()).isLessThanOrEqualTo(eligible);
            assertThat(d.payout().scale()).isEqualTo(2);
            assertThat(d.patientPays()).isEqualByComparingTo(step.amounts().selfPay().subtract(d.payout()));
            assertThat(d.insurerShares().stream().map(InsurerSplit.Part::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo(d.payout());
            balances = balances.plus(d.consumption());
            if (step.reverseLater()) {
                toReverse.add(d.consumption());
            }
            assertWithinTerms(plan, balances);
        }
        // Giving back what some settlements consumed never leaves the balances outside the terms. (That a reversal
        // restores exactly what its settlement took is tested through the real reversal path: SettlementReversalTest.)
        for (Consumption consumption : toReverse) {
            balances = balances.minus(consumption);
            assertWithinTerms(plan, balances);
        }
    }

    private static void assertWithinTerms(Plan plan, Balances balances) {
        for (String group : plan.deductibles().keySet()) {
            assertThat(balances.deductibleUsed(group)).isBetween(BigDecimal.ZERO, plan.deductibles().get(group));
        }
        for (Plan.Liability liability : plan.liabilities()) {
            assertThat(balances.capUsed(liability.code())).isBetween(BigDecimal.ZERO, liability.annualCap());
        }
    }
}
