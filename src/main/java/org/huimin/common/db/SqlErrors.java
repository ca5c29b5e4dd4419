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

    /**
     * No pool connection within the bounded wait, or the wait queue full (BoundedPool): the service is overloaded, not
     * broken, and nothing was sent to the database.
     */
    public static boolean poolExhausted(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            String message = String.valueOf(t.getMessage());
            if (name.endsWith("ConnectionPoolTooBusyException") || name.endsWith("NoStackTraceTimeoutException")
                    || message.contains("Timeout waiting for connection") || message.contains("Timeout while waiting for a connection")
                    || message.contains("max wait queue size")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database could not do the work now, and nothing was changed: a lock or a statement that ran past the database's
     * time-outs (V10: {@code 55P03} lock_timeout, {@code 57014} statement_timeout), a server shutting down or not yet
     * accepting connections ({@code 57P01..57P03}), a lost or refused connection ({@code 08...}, or the client's own
     * closed-connection and socket failures, as when a primary dies and its standby is promoted, or a connection to a
     * vanished host is timed out by the kernel: BoundedPool). A retry may succeed.
     */
    public static boolean temporarilyUnavailable(Throwable failure) {
        PgException pg = pgException(failure);
        if (pg != null) {
            String state = String.valueOf(pg.getSqlState());
            return state.equals("55P03") || state.equals("57014") || state.startsWith("57P") || state.startsWith("08");
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.sqlclient.ClosedConnectionException || t instanceof java.net.ConnectException) {
                return true;
            }
            // Vert.x's bare "Timeout" (a connection to the server not made in time, seen while a standby was promoted).
            if (t.getClass().getSimpleName().equals("NoStackTraceThrowable") && "Timeout".equals(t.getMessage())) {
                return true;
            }
            // A statement sent on a connection the kernel had just closed (a dead link timed out: BoundedPool).
            if (t.getClass().getSimpleName().equals("NoStackTraceThrowable") && t.getMessage() != null
                    && t.getMessage().startsWith("Connection is not active now")) {
                return true;
            }
            if (t instanceof java.io.IOException && t.getMessage() != null
                    && (t.getMessage().contains("Broken pipe") || t.getMessage().contains("Connection reset")
                            || t.getMessage().contains("Connection timed out"))) {
                return true;
            }
        }
        return false;
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
