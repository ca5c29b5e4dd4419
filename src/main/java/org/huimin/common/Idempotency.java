package org.huimin.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code Idempotency-Key}: a retry with the same key returns the first answer.
 *
 * <p>How it holds across instances: the work's transaction first inserts {@code (caller, key)}; a concurrent
 * request with the same key blocks on that primary key until the first transaction ends. If the first committed,
 * the second's insert does nothing, its transaction is abandoned and it answers with the stored response. If the
 * first was refused (rolled back), the second proceeds as if it were first. Refusals are therefore not stored: a
 * retry of a refused request is evaluated again.
 */
@ApplicationScoped
public class Idempotency {

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    /** A stored first answer. */
    public record Stored(String requestHash, int status, String body) {
        public Response toResponse() {
            return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
        }
    }

    /** Signals, inside a transaction, that another request already owns the key; the caller replays. */
    public static final class KeyTaken extends RuntimeException {
        public KeyTaken() {
            super(null, null, false, false);
        }
    }

    public String hash(Object request) {
        try {
            byte[] canonical = json.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Request could not be hashed", e);
        }
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Uni<Stored> find(String caller, String key) {
        return pool.preparedQuery("SELECT request_hash, status, response FROM idempotency_record WHERE caller = $1 AND idem_key = $2")
                .execute(Tuple.of(caller, key))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    var row = rows.iterator().next();
                    return new Stored(row.getString(0), row.getInteger(1), row.getString(2));
                });
    }

    /** Claims the key inside the work's transaction, or fails with {@link KeyTaken}. */
    public Uni<Void> claim(SqlClient tx, String caller, String key, String requestHash) {
        return tx.preparedQuery("""
                INSERT INTO idempotency_record (caller, idem_key, request_hash, status, response)
                VALUES ($1, $2, $3, 0, '') ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(caller, key, requestHash))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new KeyTaken();
                    }
                    return null;
                });
    }

    /** Stores the answer in the same transaction as the work. */
    public Uni<Void> complete(SqlClient tx, String caller, String key, int status, Object answer) {
        String body;
        try {
            body = json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return tx.preparedQuery("UPDATE idempotency_record SET status = $3, response = $4 WHERE caller = $1 AND idem_key = $2")
                .execute(Tuple.of(caller, key, status, body))
                .replaceWithVoid();
    }

    /** The stored answer for a replay, or {@code 409 IDEMPOTENCY_KEY_REUSED} when the body differs. */
    public static Response replay(Stored stored, String requestHash) {
        if (!stored.requestHash().equals(requestHash)) {
            throw ApiException.conflict("IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was used with a different request body.");
        }
        return stored.toResponse();
    }
}
