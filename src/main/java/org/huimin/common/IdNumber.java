package org.huimin.common;

/**
 * Mainland resident ID number (居民身份证号码), 18 characters, the last one an ISO 7064 MOD 11-2 check character.
 */
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

    /** Well formed (17 digits and a character) and the check character matches; a lower-case x is accepted. */
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
        return Character.toUpperCase(value.charAt(17)) == checkCharacter(value);
    }

    /** The canonical form stored and compared: upper-case check character. */
    public static String normalize(String value) {
        return value == null ? null : value.toUpperCase(java.util.Locale.ROOT);
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
