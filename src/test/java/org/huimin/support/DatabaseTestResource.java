package org.huimin.support;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Registers, for every {@code @QuarkusTest} of the module (not restricted to a class), the embedded PostgreSQL and the
 * stub payment provider, and the object store for documents.
 */
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubProvider.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ObjectStoreResource.class, restrictToAnnotatedClass = false)
public class DatabaseTestResource {
}
