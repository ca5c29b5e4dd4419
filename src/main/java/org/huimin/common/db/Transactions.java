package org.huimin.common.db;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

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
