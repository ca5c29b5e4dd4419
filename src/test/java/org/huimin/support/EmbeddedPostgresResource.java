package org.huimin.support;

import java.util.Map;

import org.huimin.devtools.EmbeddedDatabase;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The tests' database: a real embedded PostgreSQL server, one per test JVM, with production's two roles. */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return EmbeddedDatabase.start();
    }

    @Override
    public void stop() {
        // Stopped by the JVM's shutdown hook, after the last test class.
    }
}
