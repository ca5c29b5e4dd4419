package org.huimin.common;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.util.Locale;

/**
 * Mainland resident ID number (居民身份证号码), 18 characters: a 6-digit region, the birth date as YYYYMMDD
 * (characters 7–14), a 3-digit order code and an ISO 7064 MOD 11-2 check character.
 */
@Pure
public final class IdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";

    private IdNumber() {
    }

    /** The check character of the first 17 digits: weighted sum mod 11 mapped to {@code 1 0 X 9 8 7 6 5 4 3 2}. */
    public static char checkCharacter(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    /**
     * 17 digits and a check character that matches (a lower-case x is accepted), and characters 7–14 a real calendar
     * date no earlier than 1900 (20230229 is not a date; 19000101 is the earliest a living person can carry).
     */
    public static boolean isValid(String value) {
        if (value == null || value.length() != 18) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return Character.toUpperCase(value.charAt(17)) == checkCharacter(value) && birthDateOf(value) != null;
    }

    /** The birth date in characters 7–14, or null when they are not a date from 1900-01-01 on. */
    public static LocalDate birthDateOf(String value) {
        try {
            LocalDate born = LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                    Integer.parseInt(value.substring(12, 14)));
            return born.getYear() < 1900 ? null : born;
        } catch (DateTimeException | NumberFormatException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** Age in whole years on {@code day} (0 before the first birthday); a person born on 29 February turns a year older on 1 March in common years. */
    public static int ageOn(String idNumber, LocalDate day) {
        LocalDate born = birthDateOf(idNumber);
        if (born == null || day.isBefore(born)) {
            return 0;
        }
        return Period.between(born, day).getYears();
    }

    /** The canonical form stored and compared: upper-case check character. */
    public static String normalize(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    /** {@code 210102199003071233} → {@code 2101**********1233}: region prefix and last four only. */
    public static String mask(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() < 8) {
            return "*".repeat(value.length());
        }
        return value.substring(0, 4) + "*".repeat(value.length() - 8) + value.substring(value.length() - 4);
    }
}
