package org.huimin.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.huimin.support.Api;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reversals through the real path: random settlements and reversals of one person (seeded, so a failure can be
 * replayed), and after each step the balances the service reports equal the terms minus what the settlements still
 * standing consumed — a reversal gives back exactly its own consumption, and later settlements are not recomputed.
 */
@QuarkusTest
class SettlementReversalTest {

    private static final long SEED = 20261126L;

    @Inject
    Pool pool;

    @Test
    void balancesAlwaysEqualTheTermsMinusWhatStandingSettlementsConsumed() {
        String region = Api.region();
        String plan = Api.uniqueCode("REV");
        Map<String, Object> body = Api.runningPlan(plan, region);
        body.put("deductibles", Map.of("MAIN", new BigDecimal("5000.00")));
        body.put("liabilities", List.of(Api.liability("IN_POLICY", "MAIN", "0.80", "60000.00"),
                Api.liability("OUT_OF_POLICY", "MAIN", "0.70", "30000.00")));
        Api.createPlan(body).statusCode(201);
        String person = Api.insuredPerson(plan, body);
        String hospital = Api.uniqueCode("HREV");
        String admission = Api.today().minusDays(5).toString();
        Random random = new Random(SEED);
        List<String> standing = new ArrayList<>();
        for (int step = 0; step < 40; step++) {
            if (!standing.isEmpty() && random.nextInt(3) == 0) {
                String id = standing.remove(random.nextInt(standing.size()));
                JsonPath reversal = exact(Api.as(Tokens.hospital(hospital))
                        .post("/api/v1/hospital/settlements/" + id + "/reversal").then().statusCode(200).extract().asString());
                // What came back is what the settlement took, liability by liability (its breakdown's payouts).
                for (String liability : List.of("IN_POLICY", "OUT_OF_POLICY")) {
                    BigDecimal paid = reversal.getList("breakdown.findAll { it.liability == '" + liability + "' }.payout",
                            BigDecimal.class).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                    assertThat(new BigDecimal(reversal.getString("restored.caps." + liability))).isEqualByComparingTo(paid);
                }
            } else {
                String id = hospital + "-" + step;
                String in = amount(random, 12000);
                String out = amount(random, 8000);
                Api.settle(hospital, Api.settlement(id, person, admission, in, out, amount(random, 2000))).statusCode(201);
                standing.add(id);
            }
            assertBalancesMatch(plan, person, hospital);
        }
    }

    /** JSON read with its numbers as BigDecimal: money compared exactly, never through a float. */
    private static JsonPath exact(String json) {
        return JsonPath.from(json).using(new io.restassured.path.json.config.JsonPathConfig(
                io.restassured.path.json.config.JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    private void assertBalancesMatch(String plan, String person, String hospital) {
        Row consumed = pool.preparedQuery("""
                SELECT coalesce(sum((consumed->'deductibles'->>'MAIN')::numeric), 0),
                       coalesce(sum((consumed->'caps'->>'IN_POLICY')::numeric), 0),
                       coalesce(sum((consumed->'caps'->>'OUT_OF_POLICY')::numeric), 0)
                  FROM settlement WHERE id_number = $1 AND status = 'SETTLED'""")
                .execute(Tuple.of(person)).await().indefinitely().iterator().next();
        JsonPath coverage = exact(Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/coverage/" + person).then()
                .statusCode(200).extract().asString());
        assertThat(new BigDecimal(coverage.getString("remaining.deductibles.MAIN")))
                .isEqualByComparingTo(new BigDecimal("5000.00").subtract(consumed.getBigDecimal(0)));
        assertThat(new BigDecimal(coverage.getString("remaining.caps.IN_POLICY")))
                .isEqualByComparingTo(new BigDecimal("60000.00").subtract(consumed.getBigDecimal(1)));
        assertThat(new BigDecimal(coverage.getString("remaining.caps.OUT_OF_POLICY")))
                .isEqualByComparingTo(new BigDecimal("30000.00").subtract(consumed.getBigDecimal(2)));
    }

    private static String amount(Random random, int max) {
        return BigDecimal.valueOf(random.nextInt(max * 100), 2).toPlainString();
    }
}
