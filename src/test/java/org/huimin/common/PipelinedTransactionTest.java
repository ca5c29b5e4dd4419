package org.huimin.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.huimin.common.db.SqlErrors;
import org.huimin.common.db.Transactions;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * {@link Transactions#pipelined}: BEGIN sent with the first statements, COMMIT with the last. Each case reads the
 * transaction's own ID and asks PostgreSQL afterwards whether that transaction committed or aborted
 * ({@code pg_xact_status}), on the real database: the statements before and after a failure are one transaction, and a
 * failure anywhere — in SQL behind the COMMIT, or in Java after the statements — leaves nothing committed and no
 * connection in the pool inside a transaction.
 */
@QuarkusTest
class PipelinedTransactionTest {

    @Inject
    Transactions transactions;

    private static Uni<String> xid(SqlClient client) {
        return client.query("SELECT pg_current_xact_id()::text").execute().map(rows -> rows.iterator().next().getString(0));
    }

    private String status(String xid) {
        return transactions.read(client -> client.query("SELECT pg_xact_status('" + xid + "'::xid8)").execute())
                .await().indefinitely().iterator().next().getString(0);
    }

    @Test
    void theStatementsBeforeAndWithTheCommitAreOneTransactionAndCommit() {
        List<String> seen = new ArrayList<>();
        String result = transactions.pipelined(tx -> xid(tx.client()).invoke(seen::add)
                .chain(first -> tx.commitWith(xid(tx.client()).invoke(seen::add)))).await().indefinitely();
        assertThat(seen).hasSize(2).containsOnly(result);
        assertThat(status(result)).isEqualTo("committed");
    }

    @Test
    void aStatementFailingBehindTheFirstOnesRollsAllOfThemBack() {
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> transactions.pipelined(tx -> xid(tx.client()).invoke(seen::add)
                .chain(first -> tx.commitWith(Uni.combine().all().unis(xid(tx.client()).invoke(seen::add),
                        tx.client().query("SELECT 1 / 0").execute()).asTuple())))
                .await().indefinitely())
                .satisfies(failure -> assertThat(SqlErrors.describe(failure)).contains("22012"));
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
        // PostgreSQL answered the COMMIT sent behind the division with a rollback.
        assertThat(status(seen.get(0))).isEqualTo("aborted");
        assertNoConnectionLeftInATransaction();
    }

    @Test
    void aRefusalInJavaAfterTheStatementsRollsBack() {
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> transactions.pipelined(tx -> xid(tx.client()).invoke(seen::add)
                .map(xid -> {
                    throw new IllegalStateException("refused after reading");
                })).await().indefinitely())
                .hasMessage("refused after reading");
        assertThat(status(seen.get(0))).isEqualTo("aborted");
        assertNoConnectionLeftInATransaction();
    }

    @Test
    void withoutCommitWithTheTransactionCommitsAfterTheWork() {
        String xid = transactions.pipelined(tx -> xid(tx.client())).await().indefinitely();
        assertThat(status(xid)).isEqualTo("committed");
    }

    /**
     * Many at once on the pool, every other one failing behind its first statement: each failure is its own
     * statement's (not "transaction is aborted"), every success committed, and afterwards no connection is inside a
     * transaction — a connection handed back mid-transaction would fail the next request's statements with 25P02.
     */
    @Test
    void concurrentFailuresLeaveNoConnectionInATransaction() {
        List<Uni<String>> runs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            boolean fail = i % 2 == 0;
            runs.add(transactions.pipelined(tx -> xid(tx.client()).chain(first -> tx.commitWith(
                    Uni.combine().all().unis(xid(tx.client()),
                            tx.client().query(fail ? "SELECT 1 / 0" : "SELECT 1").execute()).asTuple()
                            .map(done -> done.getItem1()))))
                    .onFailure().recoverWithItem(failure -> "failed " + SqlErrors.describe(failure)));
        }
        List<String> outcomes = Uni.join().all(runs).andFailFast().await().indefinitely();
        assertThat(outcomes.stream().filter(o -> o.startsWith("failed"))).hasSize(30).allSatisfy(o -> assertThat(o).contains("22012"));
        assertThat(outcomes.stream().filter(o -> !o.startsWith("failed"))).hasSize(30).allSatisfy(xid -> assertThat(status(xid)).isEqualTo("committed"));
        assertNoConnectionLeftInATransaction();
    }

    /** Every pooled connection at once (more statements than connections): none is inside a transaction. */
    private void assertNoConnectionLeftInATransaction() {
        List<Uni<Row>> reads = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            reads.add(transactions.read(client -> client.query(
                    "SELECT pg_current_xact_id_if_assigned()::text AS xid, now() = statement_timestamp() AS fresh").execute()
                    .map(rows -> rows.iterator().next())));
        }
        List<Row> rows = Uni.join().all(reads).andFailFast().await().indefinitely();
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.getString("xid")).isNull();
            assertThat(row.getBoolean("fresh")).isTrue();
        });
    }
}
