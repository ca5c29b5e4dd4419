package org.huimin.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.huimin.support.Api;
import org.huimin.support.Concurrently;
import org.huimin.support.Db;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The settlement rules added since the first release: dates may not lie ahead, a reversed settlement ID is spent, one
 * basic-insurance settlement is paid once — and balances belong to the person in the plan, whatever becomes of a policy.
 */
@QuarkusTest
class SettlementRulesTest {

    private final String region = Api.region();
    private String plan;
    private Map<String, Object> planBody;
    private String hospital;
    private String admission;

    @Inject
    Pool pool;

    @BeforeEach
    void runningPlan() {
        plan = Api.uniqueCode("SR");
        planBody = Api.runningPlan(plan, region);
        Api.createPlan(planBody).statusCode(201);
        hospital = Api.uniqueCode("HSR");
        admission = Api.today().minusDays(5).toString();
    }

    @Test
    void admissionAndDischargeMayNotLieAfterToday() {
        String person = Api.insuredPerson(plan, planBody);
        Map<String, Object> tomorrow = Api.settlement(hospital + "-1", person, Api.today().toString(), "100.00", "0.00", "0.00");
        tomorrow.put("dischargeDate", Api.today().plusDays(1).toString());
        Api.settle(hospital, tomorrow).statusCode(422).body("code", equalTo("DATE_IN_FUTURE"))
                .body("errors[0].field", equalTo("dischargeDate"));
        Map<String, Object> admittedTomorrow = Api.settlement(hospital + "-2", person, Api.today().plusDays(1).toString(),
                "100.00", "0.00", "0.00");
        admittedTomorrow.put("dischargeDate", Api.today().plusDays(1).toString());
        Api.as(Tokens.hospital(hospital)).body(admittedTomorrow).post("/api/v1/hospital/settlements/trial").then()
                .statusCode(422).body("code", equalTo("DATE_IN_FUTURE")).body("errors[0].field", equalTo("admissionDate"));
        assertThat(Db.count(pool, "SELECT count(*) FROM settlement WHERE id_number = $1", person)).isZero();
    }

    @Test
    void aReversedSettlementIdIsSpent() {
        String person = Api.insuredPerson(plan, planBody);
        Map<String, Object> body = Api.settlement(hospital + "-1", person, admission, "25000.00", "0.00", "0.00");
        Api.settle(hospital, body).statusCode(201).body("payout", equalTo(4000.00f));
        Api.as(Tokens.hospital(hospital)).post("/api/v1/hospital/settlements/" + hospital + "-1/reversal").then().statusCode(200);
        // The same body again is not a retry of "settled": the settlement was reversed.
        Api.settle(hospital, body).statusCode(409).body("code", equalTo("SETTLEMENT_REVERSED"));
        Map<String, Object> other = Api.settlement(hospital + "-1", person, admission, "1.00", "0.00", "0.00");
        Api.settle(hospital, other).statusCode(409).body("code", equalTo("SETTLEMENT_REVERSED"));
        // Under a new ID it settles again, against the balances the reversal restored.
        body.put("settlementId", hospital + "-1b");
        Api.settle(hospital, body).statusCode(201).body("payout", equalTo(4000.00f));
    }

    @Test
    void aBasicSettlementIsPaidOnceWhateverTheHospital() {
        String person = Api.insuredPerson(plan, planBody);
        String basic = "210000-" + Api.uniqueCode("B");
        Map<String, Object> first = Api.settlement(hospital + "-1", person, admission, "25000.00", "0.00", "0.00");
        first.put("basicSettlementId", basic);
        Api.settle(hospital, first).statusCode(201).body("payout", equalTo(4000.00f));
        Api.settle(hospital, first).statusCode(200); // a retry is a retry, not a second claim
        String other = Api.uniqueCode("HSR");
        Map<String, Object> again = Api.settlement(other + "-1", person, admission, "25000.00", "0.00", "0.00");
        again.put("basicSettlementId", basic);
        Api.settle(other, again).statusCode(409).body("code", equalTo("ALREADY_CLAIMED"));
        assertThat(Db.count(pool, "SELECT count(*) FROM settlement WHERE hospital_code = $1", other)).isZero();
        // Reversed, the basic settlement is free again.
        Api.as(Tokens.hospital(hospital)).post("/api/v1/hospital/settlements/" + hospital + "-1/reversal").then().statusCode(200);
        Api.settle(other, again).statusCode(201).body("payout", equalTo(4000.00f));
    }

    @Test
    void anIneligibleSettlementDoesNotHoldItsBasicSettlementAndTwoClaimsAtOnceGiveOne() {
        String uninsured = Api.activePeople(region, "RESIDENT", 1).get(0);
        String basic = "210000-" + Api.uniqueCode("B");
        Map<String, Object> refused = Api.settlement(hospital + "-np", uninsured, admission, "25000.00", "0.00", "0.00");
        refused.put("basicSettlementId", basic);
        Api.settle(hospital, refused).statusCode(201).body("reason", equalTo("NO_POLICY"));
        // Twenty hospitals claim the same basic settlement at the same moment: the primary key lets one through.
        String person = Api.insuredPerson(plan, planBody);
        String contested = "210000-" + Api.uniqueCode("C");
        List<Integer> statuses = Concurrently.run(20, i -> {
            Map<String, Object> body = Api.settlement(hospital + "-c" + i, person, admission, "25000.00", "0.00", "0.00");
            body.put("basicSettlementId", contested);
            return Api.settle(hospital, body).extract().statusCode();
        });
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
    }

    @Test
    void cancellingAndEnrollingAgainNeverResetsACap() {
        String person = Api.insuredPerson(plan, planBody);
        // IN_POLICY pays 80 % after the 20,000 deductible, up to 1,000,000: 1,145,000 in-policy self-pay pays
        // (1,145,000 − 20,000) × 0.80 = 900,000.
        Api.settle(hospital, Api.settlement(hospital + "-big", person, admission, "1145000.00", "0.00", "0.00"))
                .statusCode(201).body("payout", equalTo(900000.00f)).body("remaining.caps.IN_POLICY", equalTo(100000.00f));
        String number = Api.as(Tokens.insured(person)).get("/api/v1/me/policies").then().extract()
                .path("find { it.status == 'ACTIVE' }.policyNumber");
        // After coverage started: cancelled with nothing refunded.
        Api.as(Tokens.insured(person)).post("/api/v1/policies/" + number + "/cancellation").then().statusCode(200)
                .body("refund.amount", equalTo(0.00f));
        // Enrolled and paid again (a late enrolment: benefits 30 days after payment): 100,000 remains, not 1,000,000.
        Api.activePolicy(plan, person, Api.now());
        String later = Api.today().plusDays(30).toString();
        Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/coverage/" + person + "?date=" + later).then().statusCode(200)
                .body("covered", equalTo(true))
                .body("remaining.caps.IN_POLICY", equalTo(100000.00f))
                .body("remaining.deductibles.MAIN", equalTo(0.00f));
        assertThat(Db.count(pool, "SELECT count(*) FROM benefit_balance WHERE id_number = $1", person)).isEqualTo(1);
        // Reversing the settlement made under the cancelled policy gives the amounts back to the same balances.
        Api.as(Tokens.hospital(hospital)).post("/api/v1/hospital/settlements/" + hospital + "-big/reversal").then()
                .statusCode(200).body("remaining.caps.IN_POLICY", equalTo(1000000.00f));
        Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/coverage/" + person + "?date=" + later).then()
                .body("remaining.caps.IN_POLICY", equalTo(1000000.00f)).body("remaining.deductibles.MAIN", equalTo(20000.00f));
        assertThat(new BigDecimal("1145000.00").subtract(new BigDecimal("20000.00")).multiply(new BigDecimal("0.80")))
                .isEqualByComparingTo("900000.00");
    }
}
