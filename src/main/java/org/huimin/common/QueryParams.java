package org.huimin.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Optional query parameters parsed by hand, so a bad value is a {@code 400} naming the field, not a {@code 404}. */
public final class QueryParams {

    private QueryParams() {
    }

    /** {@code YYYY-MM-DD}, or {@code fallback} when absent. */
    public static LocalDate date(String value, String field, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, "must be a date YYYY-MM-DD");
        }
    }

    /** An ISO-8601 instant with offset, or null when absent. */
    public static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, "must be an ISO-8601 instant with offset");
        }
    }
}
