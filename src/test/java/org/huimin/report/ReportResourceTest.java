package org.huimin.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import org.huimin.support.Api;
import org.huimin.support.Ids;
import org.huimin.support.TestClock;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Statistics over a small data set in a region no other test uses (Inner Mongolia, 15xxxx), every figure worked
 * by hand in the comments.
 */
@QuarkusTest
class ReportResourceTest {

    private static String plan;
    /** The bureau of Inner Mongolia, which this plan is in. */
    private static final String BUREAU = Tokens.bureau("150000");

    /**
     * Bureau: 150102 has A, B, D, F ACTIVE and G SUSPENDED; 150103 has C, E ACTIVE.
     * A pays (SELF) for A and B: 138.00. C pays from the personal account: 69.00. A school pays for D and E: 138.00.
     * F pays 69.00 and cancels before coverage: refund 69.00. Collected 414.00, refunded 69.00, net 345.00.
     * Settlements (admitted after benefits start): A in 30,000 / out 20,000 → 8,000 + 14,000 = 22,000;
     * B in 25,000 → 4,000, then reversed; D outpatient → ineligible, 0; C day surgery in 21,000 → 800.
     */
    @BeforeEach
    void seedOnce() {
        if (plan == null) {
            seed();
        }
    }

    static void seed() {
        plan = Api.uniqueCode("NM");
        Map<String, Object> body = Api.plan(plan, "150000");
        Api.createPlan(body).statusCode(201);
        String a = Ids.next("150102"), b = Ids.next("150102"), d = Ids.next("150102"), f = Ids.next("150102");
        String g = Ids.next("150102"), c = Ids.next("150103"), e = Ids.next("150103");
        Api.pushParticipants(List.of(Api.participant(a, "150102", "EMPLOYEE", "ACTIVE", 1),
                Api.participant(b, "150102", "RESIDENT", "ACTIVE", 1), Api.participant(d, "150102", "RESIDENT", "ACTIVE", 1),
                Api.participant(f, "150102", "RESIDENT", "ACTIVE", 1), Api.participant(g, "150102", "RESIDENT", "SUSPENDED", 1),
                Api.participant(c, "150103", "EMPLOYEE", "ACTIVE", 1), Api.participant(e, "150103", "RESIDENT", "ACTIVE", 1)))
                .statusCode(200);
        String orderA = Api.enrol(a, null, Api.enrolment(plan, "SELF", List.of(Api.member(a, "SELF"), Api.member(b, "SPOUSE"))))
                .statusCode(201).extract().path("orderId");
        Api.notifyPaid(Api.notificationBody(orderA, "TX-" + orderA, "138.00", Api.now())).statusCode(200);
        String orderC = Api.enrol(c, null, Api.enrolment(plan, "PERSONAL_ACCOUNT", List.of(Api.member(c, "SELF"))))
                .statusCode(201).extract().path("orderId");
        Api.as(BUREAU).body("{\"status\":\"SUCCEEDED\",\"amount\":69.00,\"at\":\"" + Api.now() + "\"}")
                .post("/api/v1/bureau/personal-account-deductions/" + orderC + "/result").then().statusCode(200);
        String orderSchool = Api.as(Tokens.org("NM-S1", "SCHOOL")).body(Map.of("plan", plan, "members", List.of(
                        Map.of("idNumber", d, "name", Api.nameOf(d), "consent", true, "guardianConsent", true),
                        Map.of("idNumber", e, "name", Api.nameOf(e), "consent", true, "guardianConsent", true))))
                .post("/api/v1/org/enrolments").then().statusCode(201).extract().path("orderId");
        Api.notifyPaid(Api.notificationBody(orderSchool, "TX-" + orderSchool, "138.00", Api.now())).statusCode(200);
        String numberF = Api.activePolicy(plan, f, Api.now());
        String refundF = Api.as(Tokens.insured(f)).post("/api/v1/policies/" + numberF + "/cancellation").then()
                .statusCode(200).body("refund.amount", equalTo(69.00f)).extract().path("refund.refundId");
        // The provider returns F's money: the journal books the refund (insurers' premium shares count completed refunds).
        Api.refundNotification(refundF, "SUCCEEDED").statusCode(200);

        // The stays are in coverage: 50 days from now, settled at discharge 5 days later (the clock moves there).
        String admission = Api.today().plusDays(50).toString();
        TestClock.set(Api.today().plusDays(56).atTime(12, 0).atZone(TestClock.SHANGHAI).toInstant());
        try {
            settle(a, b, c, d, admission);
        } finally {
            TestClock.reset();
        }
    }

    private static void settle(String a, String b, String c, String d, String admission) {
        String hospital = Api.uniqueCode("HNM");
        Api.settle(hospital, Api.settlement(hospital + "-A", a, admission, "30000.00", "20000.00", "0.00"))
                .statusCode(201).body("payout", equalTo(22000.00f));
        Api.settle(hospital, Api.settlement(hospital + "-B", b, admission, "25000.00", "0.00", "0.00"))
                .statusCode(201).body("payout", equalTo(4000.00f));
        Api.as(Tokens.hospital(hospital)).post("/api/v1/hospital/settlements/" + hospital + "-B/reversal").then().statusCode(200);
        Map<String, Object> outpatient = Api.settlement(hospital + "-D", d, admission, "5000.00", "0.00", "0.00");
        outpatient.put("careType", "OUTPATIENT");
        Api.settle(hospital, outpatient).statusCode(201).body("eligible", equalTo(false));
        Map<String, Object> daySurgery = Api.settlement(hospital + "-C", c, admission, "21000.00", "0.00", "0.00");
        daySurgery.put("careType", "DAY_SURGERY");
        Api.settle(hospital, daySurgery).statusCode(201).body("payout", equalTo(800.00f));
    }

    @Test
    void enrolmentPerCountyAndChannel() {
        Api.as(BUREAU).get("/api/v1/bureau/reports/enrolment?plan=" + plan).then().statusCode(200)
                // 150102: members A, B, D, F (G suspended) = 4; enrolled A, B, D = 3 (F cancelled) → 0.7500.
                .body("counties", hasSize(2))
                .body("counties[0].county", equalTo("150102"))
                .body("counties[0].members", equalTo(4))
                .body("counties[0].enrolled", equalTo(3))
                .body("counties[0].rate", equalTo(0.75f))
                // 150103: C, E of 2 → 1.0000.
                .body("counties[1].enrolled", equalTo(2))
                .body("counties[1].rate", equalTo(1.0f))
                // Channels (active policies): school 2 × 69 = 138.00; personal account 69.00; self A + B 138.00.
                .body("channels.payer", equalTo(List.of("ORGANISATION", "PERSONAL_ACCOUNT", "SELF")))
                .body("channels[0].orgType", equalTo("SCHOOL"))
                .body("channels[0].policies", equalTo(2))
                .body("channels[0].premium", equalTo(138.00f))
                .body("channels[1].premium", equalTo(69.00f))
                .body("channels[2].policies", equalTo(2))
                // 5 of 6 → 0.8333; collected 414.00, refunded 69.00, net 345.00.
                .body("totals.members", equalTo(6))
                .body("totals.enrolled", equalTo(5))
                .body("totals.rate", equalTo(0.8333f))
                .body("totals.premiumCollected", equalTo(414.00f))
                .body("totals.premiumRefunded", equalTo(69.00f))
                .body("totals.netPremium", equalTo(345.00f));
    }

    @Test
    void claimsPerLiabilityCareTypeAndInsurer() {
        Api.as(BUREAU).get("/api/v1/bureau/reports/claims?plan=" + plan).then().statusCode(200)
                .body("settlements", equalTo(4))
                .body("eligible", equalTo(3))
                .body("reversals", equalTo(1))
                // 22,000 + 0 + 800 (B reversed): 22,800; average over the 2 paying settlements 11,400.
                .body("payout", equalTo(22800.00f))
                .body("averagePayout", equalTo(11400.00f))
                // 22,800 / 345 = 66.0869565… → 66.0870.
                .body("lossRatio", equalTo(66.087f))
                .body("byLiability[0].payout", equalTo(8800.00f))
                .body("byLiability[0].settlements", equalTo(2))
                .body("byLiability[1].payout", equalTo(14000.00f))
                .body("byCareType.key", equalTo(List.of("DAY_SURGERY", "INPATIENT", "OUTPATIENT")))
                .body("byCareType[1].payout", equalTo(22000.00f))
                // Premium 345.00 → 138.00 / 120.75 / 86.25; payouts 22,800 → 9,120 / 7,980 / 5,700.
                .body("insurers.premium", equalTo(List.of(138.00f, 120.75f, 86.25f)))
                .body("insurers.payouts", equalTo(List.of(9120.00f, 7980.00f, 5700.00f)));
        // An insurer sees only its own share.
        Api.as(Tokens.insurer("CPIC")).get("/api/v1/bureau/reports/claims?plan=" + plan).then().statusCode(200)
                .body("insurers", hasSize(1)).body("insurers[0].insurer", equalTo("CPIC"))
                .body("insurers[0].payouts", equalTo(7980.00f));
    }

    @Test
    void csvHasABomForSpreadsheets() {
        byte[] csv = given().auth().oauth2(BUREAU).accept("text/csv")
                .get("/api/v1/bureau/reports/enrolment?plan=" + plan).then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asByteArray();
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("150102,4,3,0.7500\r\n").contains("6,5,0.8333,414.00,69.00,345.00");
        String claims = given().auth().oauth2(BUREAU).accept("text/csv")
                .get("/api/v1/bureau/reports/claims?plan=" + plan).then().statusCode(200).extract().asString();
        assertThat(claims).contains("PICC,0.40,138.00,9120.00");
    }

    @Test
    void bureausAndRegulatorsSeeTheirRegionOnly() {
        // A county bureau (150103) sees its county: C and E enrolled of 2 members; of the claims only C's 800.00.
        Api.as(Tokens.bureau("150103")).get("/api/v1/bureau/reports/enrolment?plan=" + plan).then().statusCode(200)
                .body("counties.county", equalTo(List.of("150103")))
                .body("totals.members", equalTo(2))
                .body("totals.enrolled", equalTo(2));
        Api.as(Tokens.bureau("150103")).get("/api/v1/bureau/reports/claims?plan=" + plan).then().statusCode(200)
                .body("settlements", equalTo(1))
                .body("payout", equalTo(800.00f));
        // The province's regulator reads the same figures as the province's bureau.
        Api.as(Tokens.regulator("150000")).get("/api/v1/bureau/reports/claims?plan=" + plan).then().statusCode(200)
                .body("settlements", equalTo(4)).body("payout", equalTo(22800.00f));
        // Dalian's bureau and regulator, and a bureau token without a region, see nothing of it.
        Api.as(Tokens.bureau("210200")).get("/api/v1/bureau/reports/enrolment?plan=" + plan).then().statusCode(404)
                .body("code", equalTo("PLAN_NOT_FOUND"));
        Api.as(Tokens.regulator("210200")).get("/api/v1/bureau/reports/claims?plan=" + plan).then().statusCode(404);
        Api.as(Tokens.SIGNER.sign("bureau-nowhere", "bureau", Map.of())).get("/api/v1/bureau/reports/claims?plan=" + plan)
                .then().statusCode(404);
        // An insurer that is not in the plan gets 404, as if the plan did not exist.
        Api.as(Tokens.insurer("TAIPING")).get("/api/v1/bureau/reports/claims?plan=" + plan).then().statusCode(404);
    }

    @Test
    void aRegulatorNeverReadsAPersonsData() {
        String regulator = Tokens.regulator("150000");
        Api.as(regulator).get("/api/v1/bureau/personal-account-deductions?status=REQUESTED").then().statusCode(403);
        Api.as(regulator).get("/api/v1/bureau/personal-account-refunds?status=REQUESTED").then().statusCode(403);
        Api.as(regulator).get("/api/v1/hospital/reconciliation?date=" + Api.today()).then().statusCode(403);
        Api.as(regulator).get("/api/v1/audit/records").then().statusCode(403);
        Api.as(regulator).get("/api/v1/me/policies").then().statusCode(403);
    }

    @Test
    void rolesAndUnknownPlans() {
        Api.as(Tokens.hospital("H1")).get("/api/v1/bureau/reports/claims?plan=" + plan).then().statusCode(403);
        Api.as(BUREAU).get("/api/v1/bureau/reports/claims?plan=NOPE").then().statusCode(404)
                .body("code", equalTo("PLAN_NOT_FOUND"));
        Api.as(BUREAU).get("/api/v1/bureau/reports/claims").then().statusCode(400);
    }
}
