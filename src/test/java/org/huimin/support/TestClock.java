package org.huimin.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Supplier;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The service's clock in the tests: the real time unless a test fixes it. A rule that depends on today (a payment time,
 * an order's deadline, the day a stay may start) is tested on the day it matters — midnight in Shanghai, the year
 * boundary, 29 February — and a test that enrols "before coverage started" does so at that time. Static, because the
 * tests that set it run outside CDI; a test that sets it resets it (tests run one at a time).
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static volatile Instant fixed;

    /** The clock stops at {@code instant} until {@link #reset()} or the next {@code set}. */
    public static void set(Instant instant) {
        fixed = instant;
    }

    public static void reset() {
        fixed = null;
    }

    /** Moves a fixed clock on (or fixes it at now + {@code amount}). */
    public static void advance(Duration amount) {
        fixed = now().plus(amount);
    }

    public static Instant now() {
        Instant at = fixed;
        return at != null ? at : Instant.now();
    }

    /** Runs {@code action} with the clock fixed at {@code instant}, then lets it run again. */
    public static <T> T at(Instant instant, Supplier<T> action) {
        Instant before = fixed;
        fixed = instant;
        try {
            return action.get();
        } finally {
            fixed = before;
        }
    }

    @Override
    public ZoneId getZone() {
        return SHANGHAI;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        return now();
    }
}
