package org.huimin.common;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.common.db.SqlErrors;
import org.huimin.common.db.Transactions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * {@code Idempotency-Key}: a retry with the same key returns the first answer, byte for byte.
 *
 * <p>How it holds across instances. The work's transaction reads {@code (caller, key)} ({@link Step#unanswered}, in
 * the round trip of its other reads, after them): a stored answer is replayed at once. Then, as its <em>first write</em>, it
 * inserts the key ({@link Step#store} with the answer, or {@link Step#claim} when the answer depends on what the writes
 * return). Two requests with one key that both found nothing meet at that insert: the second waits on the primary key
 * until the first's transaction ends. If the first committed, the second's insert fails ({@code 23505}), its
 * transaction rolls back and it answers with the stored answer; if the first was refused (rolled back), the second
 * proceeds as if it were first. Because the key is the first write, the second never reaches the writes (a member's
 * policy) that would make the rules refuse it. Refusals are not stored: a retry of a refused request is evaluated
 * again. The same key with another request is {@code 409 IDEMPOTENCY_KEY_REUSED}.
 */
@ApplicationScoped
public class Idempotency {

    static final String KEY_TAKEN = "idempotency_record_pkey";

    private final Transactions transactions;
    private final IdempotencyRepository records;
    private final ObjectMapper json;

    public Idempotency(Transactions transactions, IdempotencyRepository records, ObjectMapper json) {
        this.transactions = transactions;
        this.records = records;
        this.json = json;
    }

    /** One idempotent request's transaction; the work decides when to send each statement, to share round trips. */
    public final class Step {

        private final Transactions.Pipeline pipeline;
        private final String caller;
        private final String key;
        private final String fingerprint;
        private String written;

        Step(Transactions.Pipeline pipeline, String caller, String key, String fingerprint) {
            this.pipeline = pipeline;
            this.caller = caller;
            this.key = key;
            this.fingerprint = fingerprint;
        }

        /** The transaction's connection. */
        public SqlClient tx() {
            return pipeline.client();
        }

        /**
         * Fails (and the stored answer is replayed) when the key already has an answer. Send it in the round trip of
         * the work's reads, <em>after</em> those its rules depend on: each statement sees what was committed before it
         * started, and a first request's work commits with its answer, so if a read saw that work (a member's new
         * policy), this later read sees the answer, and the retry replays it instead of being refused by the rules.
         */
        public Uni<Void> unanswered() {
            return key == null ? Uni.createFrom().voidItem() : records.find(tx(), caller, key).map(stored -> {
                if (stored != null) {
                    throw new Answered(stored);
                }
                return null;
            });
        }

        /** The key with its answer, written once: the first of the writes, when the answer is known before them. */
        public Uni<Void> store(Object answer) {
            written = write(answer);
            return key == null ? Uni.createFrom().voidItem() : records.insert(tx(), caller, key, fingerprint, written);
        }

        /** The key without its answer yet: the first of the writes, when the answer depends on what they return. */
        public Uni<Void> claim() {
            return key == null ? Uni.createFrom().voidItem() : records.insert(tx(), caller, key, fingerprint, null);
        }

        /** The answer to a {@link #claim claimed} key. */
        public Uni<Void> complete(Object answer) {
            written = write(answer);
            return key == null ? Uni.createFrom().voidItem() : records.complete(tx(), caller, key, written);
        }

        /** {@code writes} and {@code COMMIT} in one round trip ({@link Transactions.Pipeline#commitWith}). */
        public <R> Uni<R> commitWith(Uni<R> writes) {
            return pipeline.commitWith(writes);
        }
    }

    /** Signals, inside a transaction, that the key already has an answer; the transaction is abandoned. */
    static final class Answered extends RuntimeException {
        final IdempotencyRepository.Stored stored;

        Answered(IdempotencyRepository.Stored stored) {
            super(null, null, false, false);
            this.stored = stored;
        }
    }

    /**
     * Runs {@code work} once per (caller, key) and returns the answer's JSON; without a key, simply runs it. The
     * answer is written to JSON here, so that the first answer and every replay are the same bytes.
     */
    public Uni<String> run(String caller, String key, String fingerprint, Function<Step, Uni<?>> work) {
        // BEGIN goes out with the key's read and the work's first reads (Transactions.pipelined): one round trip fewer.
        return transactions.pipelined(pipeline -> {
            Step step = new Step(pipeline, caller, key, fingerprint);
            return work.apply(step).map(answer -> step.written != null ? step.written : write(answer));
        })
                // (recoverWithUni, so that a refusal of the replay is the failure itself, not wrapped with the signal)
                .onFailure(Answered.class)
                .recoverWithUni(failure -> Uni.createFrom().item(() -> replay(((Answered) failure).stored, fingerprint)))
                .onFailure(failure -> key != null && SqlErrors.uniqueViolation(failure, KEY_TAKEN))
                .recoverWithUni(() -> transactions.read(client -> records.find(client, caller, key))
                        .map(stored -> replay(stored, fingerprint)));
    }

    private static String replay(IdempotencyRepository.Stored stored, String fingerprint) {
        if (stored == null || !stored.fingerprint().equals(fingerprint)) {
            throw Refused.conflict("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used with a different request body.");
        }
        return stored.answer();
    }

    private String write(Object answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Answer could not be written", e);
        }
    }
}
