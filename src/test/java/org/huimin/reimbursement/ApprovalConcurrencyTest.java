package org.huimin.reimbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.huimin.support.Api;
import org.huimin.support.Claims;
import org.huimin.support.Concurrently;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * 50 desk settlements and 50 approvals of online claims for one person, released at the same instant: together they
 * could pay 100 × 8,000 in-policy, but the in-policy cap is 100,000.00. Every one of them locks the person's balances
 * before computing, so they apply one at a time and the cap is reached exactly, never passed: the deductible (20,000)
 * is used once, and the payouts of both channels add up to 100,000.00.
 */
@QuarkusTest
class ApprovalConcurrencyTest {

    @Inject
    Pool pool;

    @Test
    void deskAndOnlineTogetherNeverPassACap() {
        Map<String, Object> planBody = Api.runningPlan(Api.uniqueCode("CAP"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> liabilities = (List<Map<String, Object>>) planBody.get("liabilities");
        liabilities.get(0).put("annualCap", new BigDecimal("100000.00"));
        String plan = (String) planBody.get("code");
        Api.createPlan(planBody).statusCode(201);
        String person = Api.insuredPerson(plan, planBody);
        String admission = Api.today().minusDays(20).toString();
        // 50 claims of in-policy 10,000 each (8,000 once the deductible is used), submitted one by one.
        List<String> claims = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Map<String, Object> claim = Claims.claim(person, Api.nameOf(person), java.time.LocalDate.parse(admission),
                    "10000.00", "0.00", Api.uniqueCode("BSC"), Claims.inpatientDocuments(person));
            claims.add(Claims.submit(person, claim).statusCode(201).extract().path("reimbursementId"));
        }
        String hospital = Api.uniqueCode("HCC");
        List<BigDecimal> payouts = Concurrently.run(100, i -> {
            if (i % 2 == 0) {
                return new BigDecimal(Api.settle(hospital, Api.settlement(hospital + "-" + i, person, admission, "10000.00",
                        "0.00", "0.00")).statusCode(201).extract().path("payout").toString());
            }
            return new BigDecimal(Claims.decide("reviewer-" + i, claims.get(i / 2), Map.of("decision", "APPROVE"))
                    .statusCode(200).body("status", equalTo("APPROVED")).extract().path("payout").toString());
        });
        BigDecimal total = payouts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(total).isEqualByComparingTo("100000.00");
        String capsUsed = pool.preparedQuery("""
                SELECT b.caps_used ->> 'IN_POLICY' FROM benefit_balance b JOIN plan p ON p.id = b.plan_id
                 WHERE p.code = $1 AND b.id_number = $2""").execute(Tuple.of(plan, person)).await().indefinitely()
                .iterator().next().getString(0);
        assertThat(new BigDecimal(capsUsed)).isEqualByComparingTo("100000.00");
        Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/coverage/" + person).then()
                .body("remaining.deductibles.MAIN", equalTo(0.00f)).body("remaining.caps.IN_POLICY", equalTo(0.00f));
        // The books agree: incurred = desk payouts + approved online claims.
        Api.as(Tokens.operator()).get("/api/v1/ledger/verification?plan=" + plan).then().statusCode(200)
                .body("checks.find { it.name.startsWith('claims incurred') }.ok", equalTo(true));
    }
}
