package org.huimin.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.huimin.support.Api;
import org.huimin.support.Concurrently;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * 100 simultaneous settlements for one person from several hospitals, plus retries of the same IDs: together
 * they never exceed the cap or use the deductible twice, and the recorded settlements replay to the stored
 * balances. (The same guarantee across two service instances is checked by load-tests/two-instances.sh.)
 */
@QuarkusTest
class SettlementConcurrencyTest {

    @Inject
    Pool pool;

    @Test
    void hundredSimultaneousSettlementsRespectTheCapAndDeductible() {
        String plan = Api.uniqueCode("CONC");
        Map<String, Object> planBody = Api.runningPlan(plan);
        planBody.put("deductibles", Map.of("MAIN", new BigDecimal("1000.00")));
        planBody.put("liabilities", List.of(Api.liability("IN_POLICY", "MAIN", "0.80", "10000.00"),
                Api.liability("OUT_OF_POLICY", "MAIN", "0.50", "5000.00")));
        Api.createPlan(planBody).statusCode(201);
        String person = Api.insuredPerson(plan, planBody);
        String admission = Api.today().minusDays(3).toString();
        // Each asks for IN 2,000 and OUT 1,000: alone it would pay 800 + 500 (after the 1,000 deductible) or more;
        // 100 of them would pay ~240,000 without the lock. Every 10th request is a retry of the one before.
        List<Integer> statuses = Concurrently.run(100, i -> {
            int id = i % 10 == 9 ? i - 1 : i;
            String hospital = "HC" + (id % 4);
            return Api.settle(hospital, Api.settlement("C-" + plan + "-" + id, person, admission, "2000.00", "1000.00", "0.00"))
                    .extract().statusCode();
        });
        assertThat(statuses).allMatch(s -> s == 201 || s == 200);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(90);

        Row stored = pool.preparedQuery("""
                SELECT coalesce((b.deductibles_used->>'MAIN')::numeric, 0), coalesce((b.caps_used->>'IN_POLICY')::numeric, 0),
                       coalesce((b.caps_used->>'OUT_OF_POLICY')::numeric, 0)
                  FROM benefit_balance b WHERE b.id_number = $1""")
                .execute(Tuple.of(person)).await().indefinitely().iterator().next();
        Row replayed = pool.preparedQuery("""
                SELECT count(*), sum((consumed->'deductibles'->>'MAIN')::numeric),
                       sum((consumed->'caps'->>'IN_POLICY')::numeric), sum((consumed->'caps'->>'OUT_OF_POLICY')::numeric),
                       sum(payout)
                  FROM settlement WHERE id_number = $1""")
                .execute(Tuple.of(person)).await().indefinitely().iterator().next();
        assertThat(replayed.getLong(0)).isEqualTo(90);
        // The deductible is used exactly once, the caps are reached and never exceeded.
        assertThat(stored.getBigDecimal(0)).isEqualByComparingTo("1000.00");
        assertThat(stored.getBigDecimal(1)).isEqualByComparingTo("10000.00");
        assertThat(stored.getBigDecimal(2)).isEqualByComparingTo("5000.00");
        // What the recorded settlements consumed adds up to exactly the stored balances.
        assertThat(replayed.getBigDecimal(1)).isEqualByComparingTo(stored.getBigDecimal(0));
        assertThat(replayed.getBigDecimal(2)).isEqualByComparingTo(stored.getBigDecimal(1));
        assertThat(replayed.getBigDecimal(3)).isEqualByComparingTo(stored.getBigDecimal(2));
        assertThat(replayed.getBigDecimal(4)).isEqualByComparingTo("15000.00");
    }
}
