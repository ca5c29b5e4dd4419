package org.huimin.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.huimin.support.Api;
import org.huimin.support.Concurrently;
import org.huimin.support.Db;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every settlement and reversal in exactly one statement: runs started at the same instant by the operator and the
 * lead insurer, while settlements and reversals keep arriving; then a last run picks up whatever the first ones did not
 * see. Fails without the runs' lock (the second run dies on the items' key) and without the items' key (a settlement
 * committed during a run would be cleared twice or never).
 */
@QuarkusTest
class ClearingConcurrencyTest {

    @Inject
    Pool pool;

    @Test
    void twoRunsAtOnceWhileSettlementsArrive() {
        Map<String, Object> planBody = Api.runningPlan(Api.uniqueCode("CC"));
        String plan = (String) planBody.get("code");
        Api.createPlan(planBody).statusCode(201);
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            people.add(Api.insuredPerson(plan, planBody));
        }
        String admission = Api.today().minusDays(10).toString();
        List<String> hospitals = List.of(Api.uniqueCode("HA"), Api.uniqueCode("HB"), Api.uniqueCode("HC"));
        // 30 settled before the runs (22,000.00 each: 10,000 in-policy above the deductible… see Api.settlement).
        for (int i = 0; i < 30; i++) {
            settle(hospitals.get(i % 3), people.get(i), admission);
        }
        // At once: two runs, 30 more settlements, and the reversal of 10 of the first ones.
        List<Integer> statuses = Concurrently.run(42, i -> {
            if (i == 0) {
                return Api.as(Tokens.operator()).body(Map.of("plan", plan)).post("/api/v1/clearing/runs").then().extract().statusCode();
            }
            if (i == 1) {
                return Api.as(Tokens.insurer("PICC")).body(Map.of("plan", plan)).post("/api/v1/clearing/runs").then().extract().statusCode();
            }
            if (i < 32) {
                return settle(hospitals.get(i % 3), people.get(28 + i), admission);
            }
            int reversed = i - 32;
            return Api.as(Tokens.hospital(hospitals.get(reversed % 3)))
                    .post("/api/v1/hospital/settlements/" + hospitals.get(reversed % 3) + "-" + people.get(reversed) + "/reversal")
                    .then().extract().statusCode();
        });
        assertThat(statuses).containsOnly(200, 201);
        Api.as(Tokens.operator()).body(Map.of("plan", plan)).post("/api/v1/clearing/runs").then().statusCode(201);

        long planId = Db.count(pool, "SELECT id FROM plan WHERE code = $1", plan);
        // 60 settlements and 10 reversals, each itemised once (the key forbids twice; the counts forbid never).
        assertThat(Db.count(pool, "SELECT count(*) FROM settlement WHERE plan_id = $1", planId)).isEqualTo(60);
        assertThat(Db.count(pool, """
                SELECT count(*) FROM clearing_item i JOIN settlement s ON s.id = i.settlement_id
                 WHERE s.plan_id = $1 AND i.kind = 'S'""", planId)).isEqualTo(60);
        assertThat(Db.count(pool, """
                SELECT count(*) FROM clearing_item i JOIN settlement s ON s.id = i.settlement_id
                 WHERE s.plan_id = $1 AND i.kind = 'R'""", planId)).isEqualTo(10);
        // Per hospital, the statements' nets are the reconciliation: 20 × payout − reversals.
        for (String hospital : hospitals) {
            BigDecimal stated = pool.preparedQuery("SELECT coalesce(sum(net), 0) FROM clearing_statement WHERE plan_id = $1 AND hospital_code = $2")
                    .execute(Tuple.of(planId, hospital)).await().indefinitely().iterator().next().getBigDecimal(0);
            BigDecimal settled = pool.preparedQuery("""
                    SELECT coalesce(sum(payout) FILTER (WHERE status = 'SETTLED'), 0) FROM settlement
                     WHERE plan_id = $1 AND hospital_code = $2""")
                    .execute(Tuple.of(planId, hospital)).await().indefinitely().iterator().next().getBigDecimal(0);
            assertThat(stated).isEqualByComparingTo(settled);
        }
        Api.as(Tokens.operator()).get("/api/v1/ledger/verification?plan=" + plan).then().statusCode(200)
                .body("checks.findAll { it.name.startsWith('hospital') }.ok", org.hamcrest.Matchers.everyItem(equalTo(true)));
    }

    private static int settle(String hospital, String person, String admission) {
        return Api.settle(hospital, Api.settlement(hospital + "-" + person, person, admission, "30000.00", "0.00", "0.00"))
                .extract().statusCode();
    }
}
