package org.huimin.support;

import java.util.concurrent.atomic.AtomicInteger;

import org.huimin.common.IdNumber;

/** Fresh valid ID numbers for tests: county prefix, a birth date, a running sequence, the right check character. */
public final class Ids {

    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 100_000));

    private Ids() {
    }

    /** A new valid ID number in {@code county} (6 digits); unique within the test run. */
    public static String next(String county) {
        int n = NEXT.incrementAndGet();
        // A birth date and a 3-digit order code, both taken from n: unique for the first 25 million numbers.
        java.time.LocalDate born = java.time.LocalDate.of(1950, 1, 1).plusDays((n / 1000) % 25_000);
        String first17 = county + born.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%03d", n % 1000);
        return first17 + IdNumber.checkCharacter(first17);
    }

    /** A new valid ID number in {@code county} of someone born on {@code born}. */
    public static String bornOn(String county, java.time.LocalDate born) {
        int n = NEXT.incrementAndGet();
        String first17 = county + born.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", n % 1000);
        return first17 + IdNumber.checkCharacter(first17);
    }

    /** The same ID number with a wrong check character. */
    public static String withBadCheck(String valid) {
        char good = valid.charAt(17);
        char bad = good == '1' ? '2' : '1';
        return valid.substring(0, 17) + bad;
    }
}
