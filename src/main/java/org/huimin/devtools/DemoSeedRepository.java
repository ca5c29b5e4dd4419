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

    /** An active employee and the active parent bound to them, neither holding a live policy; null when none is left. */
    Uni<String> freeFamily() {
        return pool.query("""
                SELECT e.id_number, e.name, p.id_number AS parent_id, p.name AS parent_name
                FROM participant e
                JOIN participant p ON p.id_number = e.family_bindings -> 0 ->> 'idNumber'
                WHERE e.insurance_type = 'EMPLOYEE' AND e.status = 'ACTIVE' AND p.status = 'ACTIVE'
                  AND NOT EXISTS (SELECT 1 FROM policy
                                  WHERE policy.id_number IN (e.id_number, p.id_number)
                                    AND policy.status IN ('PENDING_PAYMENT', 'ACTIVE'))
                ORDER BY random() LIMIT 1""").execute()
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    var row = it.next();
                    return String.join(" ", row.getString("id_number"), row.getString("name"),
                            row.getString("parent_id"), row.getString("parent_name")) + "\n";
                });
    }

    /** An insured demo patient whose benefits run today and who has no settlement or online claim yet; null when none. */
    Uni<String> freshPatient() {
        return pool.query("""
                SELECT policy.id_number, policy.name
                FROM policy
                WHERE policy.status = 'ACTIVE' AND policy.benefits_from <= current_date
                  AND NOT EXISTS (SELECT 1 FROM settlement s WHERE s.id_number = policy.id_number)
                  AND NOT EXISTS (SELECT 1 FROM reimbursement r WHERE r.id_number = policy.id_number)
                ORDER BY random() LIMIT 1""").execute()
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    var row = it.next();
                    return row.getString("id_number") + " " + row.getString("name") + "\n";
                });
    }
}
