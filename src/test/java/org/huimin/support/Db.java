package org.huimin.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.huimin.devtools.EmbeddedDatabase;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Direct reads of the test database, to assert what was (or was not) written. */
public final class Db {

    private Db() {
    }

    /** A count, read through the service's own pool (the service role). */
    public static long count(Pool pool, String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely()
                .iterator().next().getLong(0);
    }

    /** A JDBC connection as {@code role} (the migration role owns the schema; the service role is what the service uses). */
    public static Connection connect(String role) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + EmbeddedDatabase.port() + "/huimin", role,
                EmbeddedDatabase.PASSWORD);
    }

    /** Runs statements as the schema's owner, the one role that can bend the audit trail's guards. */
    public static void asOwner(String... statements) {
        try (Connection connection = connect(EmbeddedDatabase.OWNER); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
