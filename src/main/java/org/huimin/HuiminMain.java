package org.huimin;

import org.huimin.common.EmbeddedDatabase;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts an embedded PostgreSQL before Quarkus when no database is configured (the local run), then the
 * service. With {@code QUARKUS_DATASOURCE_REACTIVE_URL} set (Kubernetes, load tests) it only starts the service.
 */
@QuarkusMain
public class HuiminMain {

    public static void main(String... args) {
        if (EmbeddedDatabase.wanted()) {
            EmbeddedDatabase.start().forEach(System::setProperty);
        }
        Quarkus.run(args);
    }
}
