package org.huimin.balance;

import java.math.BigDecimal;
import java.util.Map;

import org.huimin.plan.LiabilityCode;

/** What one settlement took from a policy's balances; a reversal gives exactly this back. */
@org.huimin.common.Pure
public record Consumption(Map<String, BigDecimal> deductibles, Map<LiabilityCode, BigDecimal> caps) {

    public static Consumption nothing() {
        return new Consumption(Map.of(), Map.of());
    }
}
