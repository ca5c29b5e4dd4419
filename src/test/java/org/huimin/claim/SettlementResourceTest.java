package org.huimin.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.huimin.support.Api;
import org.huimin.support.Db;
import org.huimin.support.Ids;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** The hospital side over real HTTP: coverage, trial, settle, retry, reverse, reconcile, isolation. */
@QuarkusTest
class SettlementResourceTest {

    /** Each test's own region: plans of one region may not overlap. */
    private final String region = Api.region();

    @Inject
    Pool pool;

    private String plan;
    private Map<String, Object> planBody;
    private String hospital;
    private String admission;

    @BeforeEach
    void runningPlan() {
        plan = Api.uniqueCode("CLM");
        planBody = Api.runningPlan(plan, region);
        Api.createPlan(planBody).statusCode(201);
        hospital = Api.uniqueCode("H");
        admission = Api.today().minusDays(5).toString();
    }

    private long settlementsOf(String idNumber) {
        return Db.count(pool, "SELECT count(*) FROM settlement WHERE id_number = $1", idNumber);
    }

    @Test
    void settleRetryReverseAsApiMdShows() {
        String person = Api.insuredPerson(plan, planBody);
        Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/coverage/" + person).then().statusCode(200)
                .body("covered", equalTo(true)).body("reason", nullValue()).body("plan", equalTo(plan))
                .body("idNumber", equalTo(person.substring(0, 4) + "**********" + person.substring(14)))
                .body("remaining.deductibles.MAIN", equalTo(20000.00f));
        Map<String, Object> body = Api.settlement(hospital + "-1", person, admission, "30000.00", "20000.00", "0.00");
        // The trial computes the same and records nothing.
        Api.as(Tokens.hospital(hospital)).body(body).post("/api/v1/hospital/settlements/trial").then().statusCode(200)
                .body("status", equalTo("TRIAL")).body("payout", equalTo(22000.00f));
        assertThat(settlementsOf(person)).isZero();
        String first = Api.settle(hospital, body).statusCode(201)
                .body("status", equalTo("SETTLED"))
                .body("eligible", equalTo(true))
                .body("reason", nullValue())
                .body("payout", equalTo(22000.00f))
                .body("patientPays", equalTo(28000.00f))
                .body("breakdown[0].liability", equalTo("IN_POLICY"))
                .body("breakdown[0].deductibleApplied", equalTo(20000.00f))
                .body("breakdown[0].payout", equalTo(8000.00f))
                .body("breakdown[1].payout", equalTo(14000.00f))
                .body("remaining.deductibles.MAIN", equalTo(0.00f))
                .body("remaining.caps.IN_POLICY", equalTo(992000.00f))
                .body("remaining.caps.OUT_OF_POLICY", equalTo(986000.00f))
                .body("insurerShares.amount", equalTo(List.of(8800.00f, 7700.00f, 5500.00f)))
                .extract().asString();
        // A retry returns the first answer, byte for byte, and changes nothing.
        assertThat(Api.settle(hospital, body).statusCode(200).extract().asString()).isEqualTo(first);
        assertThat(settlementsOf(person)).isEqualTo(1);
        // The same ID with another body is a conflict.
        Map<String, Object> other = Api.settlement(hospital + "-1", person, admission, "30000.00", "20000.01", "0.00");
        Api.settle(hospital, other).statusCode(409).body("code", equalTo("SETTLEMENT_ID_REUSED"));
        // A later settlement: deductible used up, IN 1,000 × 0.80 = 800.
        Api.settle(hospital, Api.settlement(hospital + "-2", person, admission, "1000.00", "0.00", "0.00"))
                .statusCode(201).body("payout", equalTo(800.00f)).body("remaining.caps.IN_POLICY", equalTo(991200.00f));
        // Reversing the first gives back exactly what it took; the second is not recomputed.
        String reversal = Api.as(Tokens.hospital(hospital)).post("/api/v1/hospital/settlements/" + hospital + "-1/reversal")
                .then().statusCode(200)
                .body("status", equalTo("REVERSED"))
                .body("restored.deductibles.MAIN", equalTo(20000.00f))
                .body("restored.caps.IN_POLICY", equalTo(8000.00f))
                .body("restored.caps.OUT_OF_POLICY", equalTo(14000.00f))
                .body("remaining.deductibles.MAIN", equalTo(20000.00f))
                .body("remaining.caps.IN_POLICY", equalTo(999200.00f))
                .body("remaining.caps.OUT_OF_POLICY", equalTo(1000000.00f))
                .extract().asString();
        assertThat(Api.as(Tokens.hospital(hospital)).post("/api/v1/hospital/settlements/" + hospital + "-1/reversal")
                .then().statusCode(200).extract().asString()).isEqualTo(reversal);
        Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/coverage/" + person).then()
                .body("remaining.deductibles.MAIN", equalTo(20000.00f)).body("remaining.caps.IN_POLICY", equalTo(999200.00f));
        Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/settlements/" + hospital + "-1").then().statusCode(200)
                .body("status", equalTo("REVERSED"));
        // The insured person sees both claims; a stranger none.
        Api.as(Tokens.insured(person)).get("/api/v1/me/claims").then().statusCode(200).body("", hasSize(2))
                .body("find { it.settlementId == '" + hospital + "-1' }.status", equalTo("REVERSED"));
        Api.as(Tokens.insured(Ids.next(region))).get("/api/v1/me/claims").then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void ineligibleSettlementsAreRecordedWithTheirReason() {
        // NO_POLICY: an insured person of the bureau without a policy.
        String nobody = Api.activePeople(region, "RESIDENT", 1).get(0);
        Api.settle(hospital, Api.settlement(hospital + "-np", nobody, admission, "30000.00", "0.00", "0.00"))
                .statusCode(201).body("eligible", equalTo(false)).body("reason", equalTo("NO_POLICY"))
                .body("payout", equalTo(0.00f)).body("patientPays", equalTo(30000.00f))
                .body("policyNumber", nullValue());
        // WAITING_PERIOD: paid today, late → benefits in 30 days.
        String late = Api.activePeople(region, "RESIDENT", 1).get(0);
        Api.activePolicy(plan, late, Api.now());
        Api.settle(hospital, Api.settlement(hospital + "-wp", late, Api.today().toString(), "30000.00", "0.00", "0.00"))
                .statusCode(201).body("reason", equalTo("WAITING_PERIOD")).body("payout", equalTo(0.00f));
        Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/coverage/" + late).then()
                .body("covered", equalTo(false)).body("reason", equalTo("WAITING_PERIOD"));
        // BASIC_INSURANCE_INACTIVE: the bureau suspends the person.
        String suspended = Api.insuredPerson(plan, planBody);
        Api.pushParticipants(List.of(Api.participant(suspended, region, "RESIDENT", "SUSPENDED", 2))).statusCode(200);
        Api.settle(hospital, Api.settlement(hospital + "-bi", suspended, admission, "30000.00", "0.00", "0.00"))
                .statusCode(201).body("reason", equalTo("BASIC_INSURANCE_INACTIVE"));
        // CARE_TYPE_NOT_COVERED: ordinary outpatient; the balances stay untouched.
        String patient = Api.insuredPerson(plan, planBody);
        Map<String, Object> outpatient = Api.settlement(hospital + "-op", patient, admission, "30000.00", "0.00", "0.00");
        outpatient.put("careType", "OUTPATIENT");
        Api.settle(hospital, outpatient).statusCode(201).body("reason", equalTo("CARE_TYPE_NOT_COVERED"))
                .body("remaining.deductibles.MAIN", equalTo(20000.00f));
        assertThat(Db.count(pool, "SELECT count(*) FROM settlement WHERE hospital_code = $1 AND NOT eligible", hospital))
                .isEqualTo(4);
    }

    @Test
    void hospitalsSeeOnlyTheirOwnSettlements() {
        String person = Api.insuredPerson(plan, planBody);
        Api.settle(hospital, Api.settlement("SHARED-ID-" + hospital, person, admission, "25000.00", "0.00", "0.00"))
                .statusCode(201);
        String other = Api.uniqueCode("H");
        Api.as(Tokens.hospital(other)).get("/api/v1/hospital/settlements/SHARED-ID-" + hospital).then().statusCode(404)
                .body("code", equalTo("SETTLEMENT_NOT_FOUND"));
        Api.as(Tokens.hospital(other)).post("/api/v1/hospital/settlements/SHARED-ID-" + hospital + "/reversal").then()
                .statusCode(404);
        Api.as(Tokens.hospital(other)).get("/api/v1/hospital/reconciliation?date=" + Api.today()).then().statusCode(200)
                .body("settled.count", equalTo(0));
        // The same ID at another hospital is that hospital's own, independent settlement.
        Api.settle(other, Api.settlement("SHARED-ID-" + hospital, person, admission, "1000.00", "0.00", "0.00"))
                .statusCode(201).body("payout", equalTo(800.00f));
        Api.as(Tokens.insured(person)).get("/api/v1/hospital/coverage/" + person).then().statusCode(403);
        Api.as(Tokens.SIGNER.sign("his", "hospital", Map.of())).get("/api/v1/hospital/coverage/" + person).then()
                .statusCode(403).body("code", equalTo("MISSING_IDENTITY_CLAIM"));
    }

    @Test
    void reconciliationSumsTheDay() {
        String a = Api.insuredPerson(plan, planBody);
        String b = Api.activePeople(region, "RESIDENT", 1).get(0);
        // 25,000 − 20,000 = 5,000 × 0.80 = 4,000; then 10,000 × 0.80 = 8,000; b has no policy: 0.
        Api.settle(hospital, Api.settlement(hospital + "-a1", a, admission, "25000.00", "0.00", "0.00")).statusCode(201);
        Map<String, Object> second = Api.settlement(hospital + "-a2", a, admission, "10000.00", "0.00", "0.00");
        Api.settle(hospital, second).statusCode(201).body("payout", equalTo(8000.00f));
        Api.settle(hospital, second).statusCode(200);
        Api.settle(hospital, Api.settlement(hospital + "-b1", b, admission, "10000.00", "0.00", "0.00")).statusCode(201);
        Api.as(Tokens.hospital(hospital)).post("/api/v1/hospital/settlements/" + hospital + "-a1/reversal").then().statusCode(200);
        Api.as(Tokens.hospital(hospital)).post("/api/v1/hospital/settlements/" + hospital + "-a1/reversal").then().statusCode(200);
        Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/reconciliation?date=" + Api.today()).then().statusCode(200)
                .body("date", equalTo(Api.today().toString()))
                .body("settled.count", equalTo(3))
                .body("settled.payout", equalTo(12000.00f))
                .body("reversed.count", equalTo(1))
                .body("reversed.payout", equalTo(4000.00f))
                .body("net", equalTo(8000.00f));
        Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/reconciliation?date=" + Api.today().minusDays(1)).then()
                .body("settled.count", equalTo(0)).body("net", equalTo(0.00f));
        Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/reconciliation?date=yesterday").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void inconsistentSettlementsAreRefusedAndRecordNothing() {
        String person = Api.insuredPerson(plan, planBody);
        Map<String, Object> off = Api.settlement(hospital + "-x", person, admission, "30000.00", "0.00", "0.00");
        off.put("totalAmount", new java.math.BigDecimal("100000.01"));
        Api.settle(hospital, off).statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("AMOUNTS_DO_NOT_ADD_UP"));
        Map<String, Object> badId = Api.settlement(hospital + "-y", Ids.withBadCheck(person), admission, "1.00", "0.00", "0.00");
        Api.settle(hospital, badId).statusCode(422).body("code", equalTo("INVALID_ID_NUMBER"));
        Map<String, Object> backwards = Api.settlement(hospital + "-z", person, admission, "1.00", "0.00", "0.00");
        backwards.put("dischargeDate", Api.today().minusDays(10).toString());
        Api.settle(hospital, backwards).statusCode(422).body("code", equalTo("DISCHARGE_BEFORE_ADMISSION"));
        Map<String, Object> noId = Api.settlement(null, person, admission, "1.00", "0.00", "0.00");
        Api.settle(hospital, noId).statusCode(400).body("errors[0].field", equalTo("settlementId"));
        assertThat(settlementsOf(person)).isZero();
        Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/coverage/" + Ids.withBadCheck(person)).then()
                .statusCode(422).body("code", equalTo("INVALID_ID_NUMBER"));
        Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/settlements/nope").then().statusCode(404);
    }
}
