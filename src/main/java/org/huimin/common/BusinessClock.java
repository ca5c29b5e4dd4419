package org.huimin.common;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Business dates (payment date, benefit start, admission, reconciliation day) are dates in Asia/Shanghai,
 * whatever the server's own time zone.
 */
@ApplicationScoped
public class BusinessClock {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Clock clock = Clock.system(ZONE);

    public Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // what timestamptz stores
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public static LocalDate businessDate(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }
}
