package org.huimin.common;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.common.db.Transactions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * {@code Idempotency-Key}: a retry with the same key returns the first answer, byte for byte.
 *
 * <p>How it holds across instances: the work's transaction inserts {@code (caller, key)} first; a concurrent request
 * with the same key blocks on that primary key until the first transaction ends. If the first committed, the second's
 * insert does nothing, its transaction is abandoned and it answers with the stored answer. If the first was refused
 * (rolled back), the second proceeds as if it were first. Refusals are therefore not stored: a retry of a refused
 * request is evaluated again. The same key with another request is {@code 409 IDEMPOTENCY_KEY_REUSED}.
 */
@ApplicationScoped
public class Idempotency {

    private final Transactions transactions;
    private final IdempotencyRepository records;
    private final ObjectMapper json;

    public Idempotency(Transactions transactions, IdempotencyRepository records, ObjectMapper json) {
        this.transactions = transactions;
        this.records = records;
        this.json = json;
    }

    /**
     * One idempotent request's transaction: {@link #claimed} claims the key (fails when it is taken), {@link #complete}
     * stores the answer. The work decides when to subscribe to them, so that it can send the claim in the same round
     * trip as its first reads.
     */
    public record Step(SqlClient tx, Uni<Void> claimed, Function<Object, Uni<Void>> complete) {
    }

    /** Signals, inside a transaction, that another request owns the key; the transaction is abandoned and replayed. */
    static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super(null, null, false, false);
        }
    }

    /**
     * Runs {@code work} once per (caller, key) and returns the answer's JSON; without a key, simply runs it. The
     * answer is written to JSON here, so that the first answer and every replay are the same bytes.
     */
    public Uni<String> run(String caller, String key, String fingerprint, Function<Step, Uni<?>> work) {
        // BEGIN goes out with the claim and the work's first reads (Transactions.pipelined): one round trip fewer.
        return transactions.pipelined(pipeline -> {
            SqlClient tx = pipeline.client();
            Uni<Void> claimed = key == null ? Uni.createFrom().voidItem()
                    : records.claim(tx, caller, key, fingerprint).map(won -> {
                        if (!won) {
                            throw new KeyTaken();
                        }
                        return null;
                    });
            String[] written = new String[1];
            Function<Object, Uni<Void>> complete = answer -> {
                written[0] = write(answer);
                return key == null ? Uni.createFrom().voidItem() : records.complete(tx, caller, key, written[0]);
            };
            return work.apply(new Step(tx, claimed, complete)).map(answer -> written[0] != null ? written[0] : write(answer));
        }).onFailure(KeyTaken.class).recoverWithUni(() -> transactions.read(client -> records.find(client, caller, key))
                .map(stored -> {
                    if (stored == null || !stored.fingerprint().equals(fingerprint)) {
                        throw Refused.conflict("IDEMPOTENCY_KEY_REUSED",
                                "This Idempotency-Key was used with a different request body.");
                    }
                    return stored.answer();
                }));
    }

    private String write(Object answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Answer could not be written", e);
        }
    }
}
