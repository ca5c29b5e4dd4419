package org.huimin.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.inject.Inject;

import org.huimin.common.db.SqlErrors;
import org.huimin.common.db.Transactions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The database's own time-out (V10: 10 s for every statement of the service's sessions, so that it holds through
 * PgBouncer) stops a request's statement, and is answered as temporarily unavailable; a long read (insurer accounts
 * over a whole plan's journal, a ledger verification) lifts it for its own transaction only.
 */
@QuarkusTest
class StatementTimeoutTest {

    @Inject
    Transactions transactions;

    @Test
    void aRequestsStatementStopsAtTenSecondsAndALongReadMayTakeLonger() {
        assertThatThrownBy(() -> transactions.read(client -> client.query("SELECT pg_sleep(10.5)").execute())
                .await().indefinitely())
                .satisfies(failure -> assertThat(SqlErrors.describe(failure)).contains("57014"))
                .satisfies(failure -> assertThat(SqlErrors.temporarilyUnavailable(failure)).isTrue());
        assertThat(transactions.longRead(client -> client.query("SELECT pg_sleep(10.5)").execute()).await().indefinitely()
                .rowCount()).isEqualTo(1);
        // The lift ended with that transaction: the next request's statement has the 10 s again.
        assertThat(transactions.read(client -> client.query("SHOW statement_timeout").execute()).await().indefinitely()
                .iterator().next().getString(0)).isEqualTo("10s");
    }
}
