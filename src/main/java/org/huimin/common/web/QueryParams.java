package org.huimin.common.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.huimin.common.Refused;
import org.huimin.common.Text;

/**
 * Query parameters parsed by hand. JAX-RS answers {@code 404} when it cannot convert a query parameter
 * ({@code ?limit=abc}); API.md wants {@code 400} naming the field, so parameters arrive as text and are read here.
 */
public final class QueryParams {

    /** Default and largest page of a list that can grow (API.md "Conventions"). */
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private QueryParams() {
    }

    /** {@code YYYY-MM-DD} within 1900-01-01..2999-12-31, or {@code fallback} when absent. */
    public static LocalDate date(String value, String field, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            LocalDate date = LocalDate.parse(value);
            if (!Text.dateInRange(date)) {
                throw Refused.invalidField(field, "must lie between 1900-01-01 and 2999-12-31");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw Refused.invalidField(field, "must be a date YYYY-MM-DD");
        }
    }

    /** An ISO-8601 instant with offset, or null when absent. */
    public static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            OffsetDateTime parsed = OffsetDateTime.parse(value);
            if (!Text.dateInRange(parsed.toLocalDate())) {
                throw Refused.invalidField(field, "must lie between 1900-01-01 and 2999-12-31");
            }
            return parsed.toInstant();
        } catch (DateTimeParseException e) {
            throw Refused.invalidField(field, "must be an ISO-8601 instant with offset");
        }
    }

    /** {@code limit}: 1..1000, default 100. */
    public static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit < 1 || limit > MAX_LIMIT) {
                throw Refused.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw Refused.invalidField("limit", "must be an integer between 1 and " + MAX_LIMIT);
        }
    }

    /** An integer within bounds, or null when absent. */
    public static Integer integer(String value, String field, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < min || number > max) {
                throw Refused.invalidField(field, "must be between " + min + " and " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw Refused.invalidField(field, "must be an integer between " + min + " and " + max);
        }
    }

    /** {@code true} or {@code false}, or null when absent. */
    public static Boolean bool(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw Refused.invalidField(field, "must be true or false");
        };
    }

    /** One of an enum's constants, or {@code fallback} when absent. */
    public static <E extends Enum<E>> E oneOf(Class<E> type, String value, String field, E fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw Refused.invalidField(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** A UUID (an order, a refund, a claim); {@code 400} naming the field otherwise. */
    public static java.util.UUID uuid(String value, String field) {
        try {
            return java.util.UUID.fromString(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw Refused.invalidField(field, "must be a UUID");
        }
    }

    /** Free text (a code, an actor): no control characters, at most {@code max} characters; null when absent. */
    public static String text(String value, String field, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > max || Text.hasControlCharacters(value)) {
            throw Refused.invalidField(field, "must be at most " + max + " characters, without control characters");
        }
        return value;
    }
}
