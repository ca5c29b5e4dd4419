package org.huimin.common;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Time for the business rules. Business dates (payment date, benefit start, admission, reconciliation day) are dates
 * in Asia/Shanghai whatever the server's own zone. Every service asks this, never the system clock, so that a test
 * can fix the instant a rule depends on (the {@link Clock} bean is replaced in the tests).
 */
@ApplicationScoped
public class BusinessClock {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Clock clock;

    public BusinessClock(Clock clock) {
        this.clock = clock;
    }

    /** Now, to the microsecond (what {@code timestamptz} stores, so a stored instant reads back equal). */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public LocalDate today() {
        return businessDate(clock.instant());
    }

    public static LocalDate businessDate(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    /** The system clock; tests replace this bean with one they can set. */
    @Singleton
    static class Producer {
        @Produces
        @Singleton
        Clock clock() {
            return Clock.system(ZONE);
        }
    }
}
