package org.huimin.balance;

import java.math.BigDecimal;
import java.util.Map;

/** Remaining deductible per group and remaining cap per liability, as the API shows them. */
public record Remaining(Map<String, BigDecimal> deductibles, Map<String, BigDecimal> caps) {
}
