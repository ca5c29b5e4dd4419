package org.huimin.common;

import java.io.IOException;
import java.util.Map;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's embedded binaries) for the local run and the tests, started only when no
 * database is configured. Production sets {@code QUARKUS_DATASOURCE_REACTIVE_URL} and
 * {@code HUIMIN_EMBEDDED_POSTGRES_ENABLED=false}, so a pod that lost its configuration fails to start rather
 * than silently writing policies into a throw-away database.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static EmbeddedPostgres server;

    private EmbeddedDatabase() {
    }

    /** Starts (once per JVM) and returns the Quarkus datasource properties that point at it. */
    public static synchronized Map<String, String> start() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("fsync", "off")
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("Embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stop, "embedded-postgres-stop"));
            LOG.infof("Embedded PostgreSQL listening on port %d", server.getPort());
        }
        int port = server.getPort();
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://localhost:" + port + "/postgres",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + port + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    /** True when neither the environment nor a system property names a database. */
    public static boolean wanted() {
        String enabled = firstNonBlank(System.getProperty("huimin.embedded-postgres.enabled"),
                System.getenv("HUIMIN_EMBEDDED_POSTGRES_ENABLED"));
        if ("false".equalsIgnoreCase(enabled)) {
            return false;
        }
        return firstNonBlank(System.getProperty("quarkus.datasource.reactive.url"),
                System.getenv("QUARKUS_DATASOURCE_REACTIVE_URL")) == null;
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
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
