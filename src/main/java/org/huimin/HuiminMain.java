package org.huimin;

import org.huimin.devtools.EmbeddedDatabase;
import org.huimin.devtools.EmbeddedObjectStore;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the service. The local run ({@code ./mvnw quarkus:dev}) and the tests have no database configured and get an
 * embedded PostgreSQL; the packaged service (the embedded server is not part of it) must be given one, and says so.
 */
@QuarkusMain
public class HuiminMain {

    public static void main(String... args) {
        if (!databaseConfigured()) {
            if (!EmbeddedDatabase.available()) {
                System.err.println("No database configured: set QUARKUS_DATASOURCE_REACTIVE_URL and QUARKUS_DATASOURCE_JDBC_URL "
                        + "(with QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD). The embedded PostgreSQL is "
                        + "for the local run (./mvnw quarkus:dev) and the tests only.");
                System.exit(1);
            }
            EmbeddedDatabase.start().forEach(System::setProperty);
            // The local run's documents go to an embedded S3 server too (s3proxy), unless an object store is configured.
            if (!present(System.getenv("HUIMIN_DOCUMENTS_ENDPOINT")) && !present(System.getProperty("huimin.documents.endpoint"))) {
                EmbeddedObjectStore.start().forEach(System::setProperty);
            }
        }
        Quarkus.run(args);
    }

    private static boolean databaseConfigured() {
        return present(System.getProperty("quarkus.datasource.reactive.url"))
                || present(System.getenv("QUARKUS_DATASOURCE_REACTIVE_URL"));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
