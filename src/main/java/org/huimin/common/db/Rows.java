package org.huimin.common.db;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.vertx.mutiny.sqlclient.Row;

/** Instants in and out of {@code timestamptz} columns. */
public final class Rows {

    private Rows() {
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(Row row, int column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
