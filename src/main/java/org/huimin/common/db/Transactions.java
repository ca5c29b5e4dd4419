package org.huimin.common.db;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Where services get their database work done: a transaction on one pooled connection, or single statements on
 * the pool. Repositories receive the {@link SqlClient} and never open connections of their own, so a service
 * decides what commits together (the change, its audit record, its journal entry).
 *
 * <p>A transaction that PostgreSQL aborts to break a deadlock ({@code 40P01}) or a serialisation conflict
 * ({@code 40001}) is run again from its start, at most {@value #ATTEMPTS} times in all: the work is a function of
 * what it reads, so the next run reads the state the winner committed (and waits on the winner's locks, so an
 * immediate retry does not spin). It is re-run on the same thread and context, so the request's identity and
 * audit actor stay with it. The work must keep its side effects (metrics, messages) for after the commit.
 */
@ApplicationScoped
public class Transactions {

    static final int ATTEMPTS = 4;

    private final Pool pool;

    public Transactions(Pool pool) {
        this.pool = pool;
    }

    /** Runs {@code work} in one transaction: committed when its {@code Uni} succeeds, rolled back when it fails. */
    public <T> Uni<T> inTransaction(Function<SqlClient, Uni<T>> work) {
        return pool.withTransaction(connection -> work.apply(connection))
                .onFailure(SqlErrors::retryable).retry().atMost(ATTEMPTS - 1);
    }

    /**
     * One transaction in as few round trips as its statements allow: {@code BEGIN} goes out with the work's first
     * statements and, when the work ends in {@link Pipeline#commitWith}, {@code COMMIT} with its last ones. A settlement
     * takes two round trips this way instead of four ({@link #inTransaction} waits for {@code BEGIN}'s answer before the
     * work starts and sends {@code COMMIT} after the work's result): two fewer waits while the balance row is locked,
     * and two fewer messages for PostgreSQL and the event loop on the two cores they share (issue 16).
     *
     * <p>Why it is still all or nothing: PostgreSQL runs one connection's statements in the order they were sent, and
     * once a statement in a transaction fails it answers every later one with an error and {@code COMMIT} with a
     * rollback. So the {@code COMMIT} behind the writes commits exactly when every statement before it succeeded,
     * whatever the client has read of their answers yet. On any failure {@code ROLLBACK} is sent before the connection
     * goes back to the pool, unless PostgreSQL has already answered the {@code COMMIT}. Through PgBouncer in
     * transaction mode the server connection stays assigned from {@code BEGIN} to the end of the transaction, as ever.
     * Deadlocks and serialisation failures are retried as by {@link #inTransaction}.
     */
    public <T> Uni<T> pipelined(Function<Pipeline, Uni<T>> work) {
        return pool.withConnection(connection -> {
            Pipeline tx = new Pipeline(connection);
            // combine() subscribes in order: BEGIN is queued on the connection before the work's first statement.
            return Uni.combine().all().unis(connection.query("BEGIN").execute(), Uni.createFrom().deferred(() -> work.apply(tx)))
                    .asTuple().map(Tuple2::getItem2)
                    .call(result -> tx.commitSent ? Uni.createFrom().voidItem() : connection.query("COMMIT").execute())
                    // Once PostgreSQL has answered the COMMIT, the transaction is over either way (behind a failed
                    // statement it answers with a rollback). In every other case — a failure before the COMMIT was
                    // sent, or before its answer — ROLLBACK goes out, so that no connection returns to the pool inside
                    // a transaction (a ROLLBACK after a COMMIT is only a warning).
                    .onFailure().call(failure -> tx.commitAnswered ? Uni.createFrom().voidItem()
                            : connection.query("ROLLBACK").execute().onFailure().recoverWithNull());
        }).onFailure(SqlErrors::retryable).retry().atMost(ATTEMPTS - 1);
    }

    /** The connection of a {@link #pipelined} transaction. */
    public static final class Pipeline {

        private final SqlConnection connection;
        private boolean commitSent;
        private boolean commitAnswered;

        Pipeline(SqlConnection connection) {
            this.connection = connection;
        }

        /** Where the transaction's statements go. */
        public SqlClient client() {
            return connection;
        }

        /**
         * {@code writes}, then {@code COMMIT}, sent together: the transaction commits if and only if every statement
         * in {@code writes} succeeds. Two rules follow. Each statement of {@code writes} must be sent when
         * {@code writes} is subscribed (statements combined with {@code Uni.combine()}, not chained after an answer),
         * or it would run after the commit. And no answer to them may decide whether to commit: a check belongs in
         * SQL as an error (a unique constraint, a failed cast), which turns the {@code COMMIT} into a rollback.
         */
        public <R> Uni<R> commitWith(Uni<R> writes) {
            return Uni.createFrom().deferred(() -> {
                commitSent = true;
                Uni<Void> commit = connection.query("COMMIT").execute()
                        .onItemOrFailure().invoke(() -> commitAnswered = true).replaceWithVoid();
                // Every answer is awaited (collectFailures), the COMMIT's included, before the outcome is known; the
                // failure reported is the first statement's, not the "transaction is aborted" of those behind it.
                return Uni.combine().all().unis(writes, commit).collectFailures().asTuple().map(Tuple2::getItem1)
                        .onFailure(CompositeException.class).transform(failure -> ((CompositeException) failure).getCauses().get(0));
            });
        }
    }

    /**
     * Reads that must agree with each other (a verification comparing the journal with the business records): one
     * read-only REPEATABLE READ transaction, so every statement sees the same snapshot, whatever commits meanwhile. A
     * sum over a whole plan's journal: the statement time-out is lifted as for {@link #longRead}.
     */
    public <T> Uni<T> snapshot(Function<SqlClient, Uni<T>> work) {
        return pool.withTransaction(connection -> connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .execute().chain(() -> connection.query("SET LOCAL statement_timeout = '" + LONG_READ_TIMEOUT + "'").execute())
                .chain(() -> work.apply(connection)));
    }

    /** Statements outside a transaction (each on whichever pooled connection is free). */
    public <T> Uni<T> read(Function<SqlClient, Uni<T>> work) {
        return work.apply(pool);
    }

    /**
     * One long read (insurer accounts or the ledger verification: sums over a whole plan's journal) in a transaction
     * of its own, with the database's 10 s {@code statement_timeout} (V10, meant for requests) lifted to
     * {@value #LONG_READ_TIMEOUT} for it alone; a {@code SET LOCAL} ends with the transaction, so it holds through
     * PgBouncer and leaks to no other request.
     */
    public <T> Uni<T> longRead(Function<SqlClient, Uni<T>> work) {
        return pool.withTransaction(connection -> connection.query("SET LOCAL statement_timeout = '" + LONG_READ_TIMEOUT + "'")
                .execute().chain(() -> work.apply(connection)));
    }

    static final String LONG_READ_TIMEOUT = "2min";

    /** Several statements on one connection, without a transaction (a consistent sequence of reads). */
    public <T> Uni<T> onOneConnection(Function<SqlClient, Uni<T>> work) {
        return pool.withConnection(connection -> work.apply(connection));
    }
}
