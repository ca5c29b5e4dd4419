package org.huimin.support;

import java.util.Map;

import org.huimin.devtools.EmbeddedObjectStore;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The tests' object store: s3proxy on a temporary directory, one per test JVM (a real S3 protocol). */
public class ObjectStoreResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return EmbeddedObjectStore.start();
    }

    @Override
    public void stop() {
        // Stopped by the JVM's shutdown hook, after the last test class.
    }
}
