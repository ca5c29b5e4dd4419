package org.huimin.common;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * CNY amounts, exact to the cent. Never a {@code double} anywhere: amounts arrive as JSON numbers that Jackson
 * reads straight into {@link BigDecimal}, are checked here, and are computed with explicit half-up rounding.
 */
@Pure
public final class Money {

    /** Largest amount the schema stores ({@code numeric(14,2)}); anything larger is refused as bad input. */
    public static final BigDecimal MAX = new BigDecimal("999999999999.99");
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private Money() {
    }

    /**
     * A client-sent amount is acceptable when it is non-negative, not above {@link #MAX} and has at most two
     * decimals once trailing zeros are ignored ({@code 69.010} is 69.01). The magnitude check comes first so
     * that an exponent like {@code 1e1000000} is refused before any arithmetic touches it.
     */
    public static boolean isValidAmount(BigDecimal value) {
        return value != null
                && value.signum() >= 0
                && value.compareTo(MAX) <= 0
                && value.stripTrailingZeros().scale() <= 2;
    }

    /** An already validated amount at scale 2 (throws if it would lose a digit). */
    public static BigDecimal exact(BigDecimal value) {
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Round half-up to the cent: the only rounding the business rules allow. */
    public static BigDecimal roundHalfUp(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    public static BigDecimal min(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
