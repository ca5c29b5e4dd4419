package org.huimin.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;

import jakarta.inject.Inject;

import org.huimin.devtools.EmbeddedDatabase;
import org.huimin.support.Api;
import org.huimin.support.Db;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A settlement that waits on a row lock past the database's {@code lock_timeout} (V10: 5 s for every session, so that
 * it holds through PgBouncer) is refused {@code 503 DATABASE_UNAVAILABLE} with {@code Retry-After}, not {@code 500};
 * nothing of it is recorded, and the same request succeeds once the lock is gone.
 */
@QuarkusTest
class DatabaseBusyTest {

    @Inject
    Pool pool;

    @Test
    void aSettlementHeldPastTheLockTimeoutIsRefusedAndCanBeRetried() throws Exception {
        String plan = Api.uniqueCode("BUSY");
        Map<String, Object> planBody = Api.runningPlan(plan);
        Api.createPlan(planBody).statusCode(201);
        String person = Api.insuredPerson(plan, planBody);
        Map<String, Object> settlement = Api.settlement("BUSY-" + plan, person, Api.today().minusDays(2).toString(),
                "30000.00", "20000.00", "0.00");
        try (Connection owner = Db.connect(EmbeddedDatabase.OWNER)) {
            owner.setAutoCommit(false);
            // Another transaction holds the person's balance row (as a long clearing or a stuck client would).
            try (PreparedStatement lock = owner.prepareStatement(
                    "SELECT 1 FROM benefit_balance WHERE id_number = ? FOR UPDATE")) {
                lock.setString(1, person);
                assertThat(lock.executeQuery().next()).isTrue();
            }
            long start = System.nanoTime();
            Response refused = Api.settle("H0001", settlement).extract().response();
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.jsonPath().getString("code")).isEqualTo("DATABASE_UNAVAILABLE");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(ms).isBetween(4_500L, 9_000L);
            owner.rollback();
        }
        assertThat(Db.count(pool, "SELECT count(*) FROM settlement WHERE settlement_id = $1", "BUSY-" + plan)).isZero();
        // The hospital's retry with the same ID is the first that counts.
        Api.settle("H0001", settlement).statusCode(201);
    }
}
