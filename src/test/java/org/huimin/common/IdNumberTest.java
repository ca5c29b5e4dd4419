package org.huimin.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The resident ID number: check character worked by hand, the birth date in characters 7–14, ages, masking. */
class IdNumberTest {

    @Test
    void checkCharacterIsIso7064Mod11Dash2() {
        // 2 1 0 1 0 2 1 9 9 0 0 3 0 7 1 2 3 × 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
        // = 14 + 9 + 0 + 5 + 0 + 8 + 2 + 9 + 54 + 0 + 0 + 27 + 0 + 35 + 8 + 8 + 6 = 185; 185 mod 11 = 9 → '3'.
        assertThat(IdNumber.checkCharacter("21010219900307123")).isEqualTo('3');
        assertThat(IdNumber.isValid("210102199003071233")).isTrue();
        assertThat(IdNumber.isValid("210102199003071234")).isFalse();
        // Remainder 2 maps to X: 11010519491231002 → 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → 'X'.
        assertThat(IdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(IdNumber.isValid("11010519491231002x")).isTrue();
        assertThat(IdNumber.normalize("11010519491231002x")).isEqualTo("11010519491231002X");
    }

    @Test
    void charactersSevenToFourteenMustBeARealDate() {
        String notADate = withCheck("21010220230229123"); // 2023 was not a leap year
        String leapDay = withCheck("21010220240229123");
        String month13 = withCheck("21010219901307123");
        String before1900 = withCheck("21010218991231123");
        assertThat(IdNumber.isValid(notADate)).isFalse();
        assertThat(IdNumber.isValid(month13)).isFalse();
        assertThat(IdNumber.isValid(before1900)).isFalse();
        assertThat(IdNumber.isValid(leapDay)).isTrue();
        assertThat(IdNumber.birthDateOf(leapDay)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(IdNumber.isValid("2101021990030712\u00003")).isFalse();
        assertThat(IdNumber.isValid(null)).isFalse();
        assertThat(IdNumber.isValid("21010219900307123")).isFalse();
    }

    @Test
    void ageOnADayCountsWholeYears() {
        String born20080315 = withCheck("21010220080315123");
        assertThat(IdNumber.ageOn(born20080315, LocalDate.of(2026, 3, 14))).isEqualTo(17);
        assertThat(IdNumber.ageOn(born20080315, LocalDate.of(2026, 3, 15))).isEqualTo(18);
        // Born on 29 February: a year older on 28 February? No — on 1 March in a common year (Period's rule).
        String leapling = withCheck("21010220080229123");
        assertThat(IdNumber.ageOn(leapling, LocalDate.of(2026, 2, 28))).isEqualTo(17);
        assertThat(IdNumber.ageOn(leapling, LocalDate.of(2026, 3, 1))).isEqualTo(18);
    }

    @Test
    void maskKeepsTheRegionAndTheLastFour() {
        assertThat(IdNumber.mask("210102199003071233")).isEqualTo("2101**********1233");
        assertThat(IdNumber.mask("1234")).isEqualTo("****");
        assertThat(IdNumber.mask(null)).isNull();
    }

    private static String withCheck(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }
}
