package org.huimin.devtools;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Development only: what the demo data needs that the API rightly refuses (an order placed in the past). */
@ApplicationScoped
@IfBuildProfile("dev")
public class DemoSeedRepository {

    private final Pool pool;

    public DemoSeedRepository(Pool pool) {
        this.pool = pool;
    }

    Uni<Void> dateOrderBack(UUID orderId, OffsetDateTime createdAt) {
        return pool.preparedQuery("UPDATE enrolment_order SET created_at = $2 WHERE id = $1")
                .execute(Tuple.of(orderId, createdAt)).replaceWithVoid();
    }
}
