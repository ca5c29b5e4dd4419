package org.huimin.devtools;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's embedded binaries) for the local run and the tests, started only when no database is
 * configured. Not in the production artefact: the zonky dependency is optional and filtered out of the packaged
 * application, and {@code HuiminMain} refuses to start a production build without a database.
 *
 * <p>It is set up as production is: the migration role {@code huimin_owner} owns the schema and runs Flyway, the
 * service connects as {@code huimin_service}, which may only insert and select audit rows (V7). So the tests run with
 * the rights the service really has.
 */
public final class EmbeddedDatabase {

    public static final String OWNER = "huimin_owner";
    public static final String SERVICE = "huimin_service";
    public static final String PASSWORD = "huimin-local";
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static EmbeddedPostgres server;

    private EmbeddedDatabase() {
    }

    /** Whether the embedded server is on the class path (the local run and the tests; never the packaged service). */
    public static boolean available() {
        try {
            Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", false,
                    EmbeddedDatabase.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Starts (once per JVM) and returns the Quarkus properties that point the service and Flyway at it. */
    public static synchronized Map<String, String> start() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .start();
                createRoles(server);
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("Embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stop, "embedded-postgres-stop"));
            LOG.infof("Embedded PostgreSQL listening on port %d", server.getPort());
        }
        int port = server.getPort();
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://localhost:" + port + "/huimin",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + port + "/huimin",
                "quarkus.datasource.username", SERVICE,
                "quarkus.datasource.password", PASSWORD,
                "quarkus.flyway.username", OWNER,
                "quarkus.flyway.password", PASSWORD);
    }

    /** The port, for tests that connect as another role. */
    public static synchronized int port() {
        return server.getPort();
    }

    /** The two roles of production, and a database the migration role owns. */
    private static void createRoles(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE ROLE " + OWNER + " LOGIN PASSWORD '" + PASSWORD + "'");
            sql.execute("CREATE ROLE " + SERVICE + " LOGIN PASSWORD '" + PASSWORD + "'");
            sql.execute("CREATE DATABASE huimin OWNER " + OWNER);
        }
        try (Connection connection = postgres.getDatabase("postgres", "huimin").getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("ALTER SCHEMA public OWNER TO " + OWNER);
            sql.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        }
    }

    private static synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
            server = null;
        }
    }
}
