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

    /**
     * Inserts the key, with its answer (status 1) or without it yet (status 0, completed in the same transaction). No
     * {@code ON CONFLICT}: a key taken by a committed or concurrently committing request fails the statement with
     * {@code 23505}, which rolls the whole transaction back (Idempotency replays the stored answer).
     */
    public Uni<Void> insert(SqlClient tx, String caller, String key, String fingerprint, String answer) {
        return tx.preparedQuery("""
                INSERT INTO idempotency_record (caller, idem_key, request_hash, status, response)
                VALUES ($1, $2, $3, $4, $5)""")
                .execute(Tuple.of(caller, key, fingerprint, answer == null ? 0 : 1, answer == null ? "" : answer))
                .replaceWithVoid();
    }

    public Uni<Void> complete(SqlClient tx, String caller, String key, String answer) {
        return tx.preparedQuery("UPDATE idempotency_record SET status = 1, response = $3 WHERE caller = $1 AND idem_key = $2")
                .execute(Tuple.of(caller, key, answer))
                .replaceWithVoid();
    }
}
