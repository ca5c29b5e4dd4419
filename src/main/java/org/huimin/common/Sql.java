package org.huimin.common;

import io.vertx.pgclient.PgException;

/** Reading PostgreSQL failures without ever printing their messages (they may quote ID numbers). */
public final class Sql {

    private Sql() {
    }

    /** True when {@code failure} is a unique violation of {@code constraint}. */
    public static boolean uniqueViolation(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())
                    && (constraint == null || constraint.equals(pg.getConstraint()))) {
                return true;
            }
        }
        return false;
    }
}
