package org.huimin.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** CNY to the cent: which amounts a client may send, and the one rounding the rules allow. */
class MoneyTest {

    @Test
    void acceptsNonNegativeAmountsWithAtMostTwoDecimals() {
        assertThat(Money.isValidAmount(new BigDecimal("69"))).isTrue();
        assertThat(Money.isValidAmount(new BigDecimal("69.00"))).isTrue();
        assertThat(Money.isValidAmount(new BigDecimal("69.010"))).as("trailing zero ignored").isTrue();
        assertThat(Money.isValidAmount(new BigDecimal("69.001"))).isFalse();
        assertThat(Money.isValidAmount(new BigDecimal("-0.01"))).isFalse();
        assertThat(Money.isValidAmount(new BigDecimal("999999999999.99"))).isTrue();
        assertThat(Money.isValidAmount(new BigDecimal("1000000000000.00"))).isFalse();
        assertThat(Money.isValidAmount(new BigDecimal("1e1000000"))).as("refused before any arithmetic").isFalse();
        assertThat(Money.isValidAmount(null)).isFalse();
    }

    @Test
    void roundsHalfUpToTheCent() {
        // 12,345.675 → 12,345.68; 0.005 → 0.01; 0.0049 → 0.00; −1.005 → −1.01 (half away from zero).
        assertThat(Money.roundHalfUp(new BigDecimal("12345.675"))).isEqualTo("12345.68");
        assertThat(Money.roundHalfUp(new BigDecimal("0.005"))).isEqualTo("0.01");
        assertThat(Money.roundHalfUp(new BigDecimal("0.0049"))).isEqualTo("0.00");
        assertThat(Money.roundHalfUp(new BigDecimal("-1.005"))).isEqualTo("-1.01");
    }

    @Test
    void exactNeverLosesADigit() {
        assertThat(Money.exact(new BigDecimal("69.1"))).isEqualTo("69.10");
        assertThatThrownBy(() -> Money.exact(new BigDecimal("69.105"))).isInstanceOf(ArithmeticException.class);
        assertThat(Money.min(new BigDecimal("1.00"), new BigDecimal("0.99"))).isEqualTo("0.99");
    }
}
