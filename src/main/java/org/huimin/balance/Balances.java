package org.huimin.balance;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.huimin.common.Money;
import org.huimin.plan.LiabilityCode;
import org.huimin.plan.Plan;

/**
 * What a policy has used this plan year: deductible per group (年度累计起付线) and payout per liability (annual cap).
 * Cumulative across all settlements of the year, from any hospital.
 */
@org.huimin.common.Pure
public record Balances(Map<String, BigDecimal> deductiblesUsed, Map<LiabilityCode, BigDecimal> capsUsed) {

    public static Balances none() {
        return new Balances(Map.of(), Map.of());
    }

    public BigDecimal deductibleUsed(String group) {
        return deductiblesUsed.getOrDefault(group, Money.ZERO);
    }

    public BigDecimal capUsed(LiabilityCode liability) {
        return capsUsed.getOrDefault(liability, Money.ZERO);
    }

    public BigDecimal deductibleRemaining(Plan plan, String group) {
        return nonNegative(plan.deductibles().get(group).subtract(deductibleUsed(group)));
    }

    public BigDecimal capRemaining(Plan.Liability liability) {
        return nonNegative(liability.annualCap().subtract(capUsed(liability.code())));
    }

    public Remaining remaining(Plan plan) {
        Map<String, BigDecimal> deductibles = new LinkedHashMap<>();
        plan.deductibles().keySet().forEach(group -> deductibles.put(group, deductibleRemaining(plan, group)));
        Map<String, BigDecimal> caps = new LinkedHashMap<>();
        plan.liabilities().forEach(liability -> caps.put(liability.code().name(), capRemaining(liability)));
        return new Remaining(deductibles, caps);
    }

    /** Balances after a settlement consumed {@code consumption}. */
    public Balances plus(Consumption consumption) {
        return combine(consumption, 1);
    }

    /** Balances after a reversal gave {@code consumption} back. */
    public Balances minus(Consumption consumption) {
        return combine(consumption, -1);
    }

    private Balances combine(Consumption consumption, int sign) {
        Map<String, BigDecimal> deductibles = new LinkedHashMap<>(deductiblesUsed);
        consumption.deductibles().forEach((group, amount) ->
                deductibles.merge(group, sign > 0 ? amount : amount.negate(), BigDecimal::add));
        Map<LiabilityCode, BigDecimal> caps = new LinkedHashMap<>(capsUsed);
        consumption.caps().forEach((liability, amount) ->
                caps.merge(liability, sign > 0 ? amount : amount.negate(), BigDecimal::add));
        return new Balances(deductibles, caps);
    }

    private static BigDecimal nonNegative(BigDecimal value) {
        return value.signum() < 0 ? Money.ZERO : value.setScale(2);
    }
}
