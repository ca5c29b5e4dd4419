package org.huimin.common.db;

import jakarta.inject.Singleton;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * Flyway takes its migration lock as a session advisory lock instead of a transactional one. With the transactional
 * lock Flyway keeps a transaction open on a second connection for the whole run, and {@code CREATE INDEX CONCURRENTLY}
 * (V10) waits for every open transaction to end: it would wait for Flyway itself until {@code lock_timeout}
 * (flyway/flyway#3497). A session lock needs a session, which the migration has: it runs over JDBC straight to the
 * primary (the Kubernetes migration Job), never through PgBouncer. Two instances migrating at once still queue on
 * the lock; the second finds nothing left to do.
 */
@Singleton
public class FlywaySessionLock implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.getPluginRegister().getExact(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
    }
}
