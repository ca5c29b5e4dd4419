package org.huimin.common.db;

import io.vertx.pgclient.PgException;

/** Reading PostgreSQL failures without ever printing their messages (they may quote ID numbers). */
public final class SqlErrors {

    private SqlErrors() {
    }

    /** True when {@code failure} is a unique violation of {@code constraint} (any constraint when null). */
    public static boolean uniqueViolation(Throwable failure, String constraint) {
        PgException pg = pgException(failure);
        if (pg != null) {
            return "23505".equals(pg.getSqlState()) && (constraint == null || constraint.equals(pg.getConstraint()));
        }
        // Hibernate Reactive reports it as its own exception, with PostgreSQL's message (and SQL state) in the text.
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("(23505)")
                    && (constraint == null || message.contains("unique constraint \"" + constraint + "\""))) {
                return true;
            }
        }
        return false;
    }

    /** A deadlock or serialisation failure: the transaction may simply be run again. */
    public static boolean retryable(Throwable failure) {
        PgException pg = pgException(failure);
        return pg != null && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()));
    }

    /** {@code " (SQL state 23505)"} for a database failure, empty otherwise: what may be logged. */
    public static String describe(Throwable failure) {
        PgException pg = pgException(failure);
        return pg == null ? "" : " (SQL state " + pg.getSqlState() + ")";
    }

    public static PgException pgException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return pg;
            }
        }
        return null;
    }
}
