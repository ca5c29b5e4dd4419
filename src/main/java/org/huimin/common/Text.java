package org.huimin.common;

import java.text.Normalizer;
import java.time.LocalDate;

/**
 * Rules for text and dates that clients send. PostgreSQL refuses NUL in text (SQL state 22021) and control
 * characters have no place in a name or a code, so both are refused per field before anything reaches the database.
 */
public final class Text {

    /** The dates API.md accepts anywhere. */
    public static final LocalDate FIRST_DATE = LocalDate.of(1900, 1, 1);
    public static final LocalDate LAST_DATE = LocalDate.of(2999, 12, 31);

    private Text() {
    }

    /** NUL, C0 and C1 control characters (tab, CR and LF included), and unpaired surrogates. */
    public static boolean hasControlCharacters(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    public static boolean dateInRange(LocalDate date) {
        return date != null && !date.isBefore(FIRST_DATE) && !date.isAfter(LAST_DATE);
    }

    /**
     * A person's name as compared with the bureau's record: Unicode NFKC (full-width letters and the ideographic space
     * become their plain forms), without spaces. 张 三 and 张三 are one name; 张三 and 张山 are not.
     */
    public static String comparableName(String name) {
        if (name == null) {
            return "";
        }
        String normal = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(normal.length());
        for (int i = 0; i < normal.length(); i++) {
            char c = normal.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
