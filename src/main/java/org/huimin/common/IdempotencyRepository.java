package org.huimin.common;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The stored first answers of {@code Idempotency-Key} requests. */
@ApplicationScoped
public class IdempotencyRepository {

    /** A stored first answer: the request's fingerprint and the answer's JSON. */
    public record Stored(String fingerprint, String answer) {
    }

    public Uni<Stored> find(SqlClient client, String caller, String key) {
        return client.preparedQuery("SELECT request_hash, response FROM idempotency_record WHERE caller = $1 AND idem_key = $2")
                .execute(Tuple.of(caller, key))
                .map(rows -> rows.rowCount() == 0 ? null
                        : new Stored(rows.iterator().next().getString(0), rows.iterator().next().getString(1)));
    }

    /** Inserts the key; false when it is taken (committed, or being committed by a concurrent request it then waited for). */
    public Uni<Boolean> claim(SqlClient tx, String caller, String key, String fingerprint) {
        return tx.preparedQuery("""
                INSERT INTO idempotency_record (caller, idem_key, request_hash, status, response)
                VALUES ($1, $2, $3, 0, '') ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(caller, key, fingerprint))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> complete(SqlClient tx, String caller, String key, String answer) {
        return tx.preparedQuery("UPDATE idempotency_record SET status = 1, response = $3 WHERE caller = $1 AND idem_key = $2")
                .execute(Tuple.of(caller, key, answer))
                .replaceWithVoid();
    }
}
