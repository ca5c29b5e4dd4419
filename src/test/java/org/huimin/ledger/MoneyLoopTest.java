package org.huimin.ledger;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.huimin.support.Api;
import org.huimin.support.TestClock;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The money loop by hand, on a plan whose consortium is PICC 40 %, CPIC 35 %, PAIC 25 % (PICC leads):
 *
 * <ul>
 * <li>A, B and C each pay 69.00 before coverage: each premium splits 27.60 / 24.15 / 17.25. C cancels before coverage
 * and the provider returns the 69.00: the refund splits the same way.
 * <li>In one month, hospital H settles A: in-policy 21,250.01 − deductible 20,000 = 1,250.01 × 0.80 = 1,000.008 →
 * 1,000.01, which splits 400.004 → 400.00, 350.0035 → 350.00, 250.0025 → 250.00 = 1,000.00: the cent left over goes to
 * the lead, 400.01. And B: 30,000 − 20,000 = 10,000 × 0.80 = 8,000.00 → 3,200.00 / 2,800.00 / 2,000.00.
 * <li>Clearing then: one statement, 2 settlements, 9,000.01, parts 3,600.01 / 3,150.00 / 2,250.00; paid in full.
 * <li>The next month H reverses B: the next run's statement is the reversal alone, net −8,000.00, parts −3,200.00 /
 * −2,800.00 / −2,000.00, which the hospital pays back.
 * </ul>
 */
@QuarkusTest
class MoneyLoopTest {

    private static final String PICC = Tokens.insurer("PICC");
    private static final String CPIC = Tokens.insurer("CPIC");
    private static final String PAIC = Tokens.insurer("PAIC");

    @Test
    void settleReverseClearConfirmPayAndVerify() {
        Map<String, Object> planBody = Api.runningPlan(Api.uniqueCode("ML"));
        String plan = (String) planBody.get("code");
        String county = (String) planBody.get("region");
        Api.createPlan(planBody).statusCode(201);
        List<String> people = Api.activePeople(county, "RESIDENT", 3);
        String a = people.get(0), b = people.get(1), c = people.get(2);
        LocalDate coverageStarts = LocalDate.parse((String) planBody.get("coverageStarts"));
        for (String person : people) {
            Api.activePolicy(plan, person, coverageStarts.minusDays(5) + "T10:00:00+08:00");
        }
        Instant beforeCoverage = coverageStarts.minusDays(3).atTime(9, 0).atZone(TestClock.SHANGHAI).toInstant();
        String refund = TestClock.at(beforeCoverage, () -> {
            String number = Api.as(Tokens.insured(c)).get("/api/v1/me/policies").then().extract().path("[0].policyNumber");
            return Api.as(Tokens.insured(c)).post("/api/v1/policies/" + number + "/cancellation").then().statusCode(200)
                    .extract().<String>path("refund.refundId");
        });
        TestClock.at(beforeCoverage.plusSeconds(60), () -> Api.refundNotification(refund, "SUCCEEDED").statusCode(200));

        // Month one: two settlements at H, then a clearing run.
        String hospital = Api.uniqueCode("HML");
        Instant month1 = Api.today().minusDays(40).atTime(15, 0).atZone(TestClock.SHANGHAI).toInstant();
        TestClock.at(month1, () -> {
            String admission = Api.today().minusDays(6).toString();
            Api.settle(hospital, Api.settlement(hospital + "-A", a, admission, "21250.01", "0.00", "0.00")).statusCode(201)
                    .body("payout", equalTo(1000.01f))
                    .body("insurerShares.amount", equalTo(List.of(400.01f, 350.00f, 250.00f)));
            return Api.settle(hospital, Api.settlement(hospital + "-B", b, admission, "30000.00", "0.00", "0.00"))
                    .statusCode(201).body("payout", equalTo(8000.00f));
        });
        // Only the lead insurer or an operator runs clearing; an insurer outside the plan does not see it.
        Api.as(CPIC).body(Map.of("plan", plan)).post("/api/v1/clearing/runs").then().statusCode(403)
                .body("code", equalTo("NOT_LEAD_INSURER"));
        Api.as(Tokens.insurer("TAIPING")).body(Map.of("plan", plan)).post("/api/v1/clearing/runs").then().statusCode(404);
        String first = TestClock.at(month1.plusSeconds(86_400), () -> Api.as(PICC).body(Map.of("plan", plan))
                .post("/api/v1/clearing/runs").then().statusCode(201)
                .body("plan", equalTo(plan))
                .body("statements", hasSize(1))
                .body("statements[0].hospital", equalTo(hospital))
                .body("statements[0].net", equalTo(9000.01f))
                .extract().<String>path("statements[0].statementId"));
        statement(hospital, first)
                .body("settled.count", equalTo(2)).body("settled.payout", equalTo(9000.01f))
                .body("reversed.count", equalTo(0)).body("reversed.payout", equalTo(0.00f))
                .body("net", equalTo(9000.01f))
                .body("byInsurer.insurer", equalTo(List.of("PICC", "CPIC", "PAIC")))
                .body("byInsurer.amount", equalTo(List.of(3600.01f, 3150.00f, 2250.00f)))
                .body("byInsurer.paid", equalTo(List.of(false, false, false)))
                .body("status", equalTo("ISSUED"));
        // Another hospital does not see it; the hospital confirms it (twice: the same answer).
        Api.as(Tokens.hospital("H-OTHER")).get("/api/v1/hospital/clearing-statements/" + first).then().statusCode(404);
        for (int i = 0; i < 2; i++) {
            Api.as(Tokens.hospital(hospital)).post("/api/v1/hospital/clearing-statements/" + first + "/confirmation").then()
                    .statusCode(200).body("status", equalTo("CONFIRMED"));
        }
        // The insurers pay their parts: exactly, once per transaction.
        pay(PICC, first, "3600.00", "PICC-1").statusCode(422).body("code", equalTo("AMOUNT_MISMATCH"));
        pay(PICC, first, "3600.01", "PICC-1").statusCode(200).body("byInsurer.paid", equalTo(List.of(true, false, false)))
                .body("status", equalTo("CONFIRMED"));
        pay(PICC, first, "3600.01", "PICC-1").statusCode(200).body("byInsurer.paid", equalTo(List.of(true, false, false)));
        pay(PICC, first, "3600.01", "PICC-2").statusCode(409).body("code", equalTo("PART_ALREADY_PAID"));
        pay(CPIC, first, "3150.00", "PICC-1").statusCode(409).body("code", equalTo("TRANSACTION_ID_REUSED"));
        pay(CPIC, first, "3150.00", "CPIC-1").statusCode(200);
        pay(Tokens.insurer("TAIPING"), first, "1.00", "T-1").statusCode(404).body("code", equalTo("STATEMENT_NOT_FOUND"));
        pay(PAIC, first, "2250.00", "PAIC-1").statusCode(200).body("status", equalTo("PAID"));

        // Month two: B's settlement is reversed; the next run's statement holds the reversal alone.
        Instant month2 = Api.today().minusDays(5).atTime(10, 0).atZone(TestClock.SHANGHAI).toInstant();
        TestClock.at(month2, () -> Api.as(Tokens.hospital(hospital))
                .post("/api/v1/hospital/settlements/" + hospital + "-B/reversal").then().statusCode(200));
        String second = TestClock.at(month2.plusSeconds(3600), () -> Api.as(Tokens.operator()).body(Map.of("plan", plan))
                .post("/api/v1/clearing/runs").then().statusCode(201)
                .body("statements", hasSize(1)).body("statements[0].net", equalTo(-8000.00f))
                .extract().<String>path("statements[0].statementId"));
        statement(hospital, second)
                .body("settled.count", equalTo(0)).body("reversed.count", equalTo(1)).body("reversed.payout", equalTo(8000.00f))
                .body("byInsurer.amount", equalTo(List.of(-3200.00f, -2800.00f, -2000.00f)));
        // A run with nothing new issues nothing.
        TestClock.at(month2.plusSeconds(7200), () -> Api.as(Tokens.operator()).body(Map.of("plan", plan))
                .post("/api/v1/clearing/runs").then().statusCode(201).body("statements", hasSize(0)));

        // Until the hospital pays the reversal back it owes the insurers: nothing may be owed negative, so the books
        // do not verify yet (the hospital's reconciliation and its statements agree, though).
        Api.as(Tokens.operator()).get("/api/v1/ledger/verification?plan=" + plan).then().statusCode(200)
                .body("balanced", equalTo(false))
                .body("checks.find { it.name.startsWith('nothing owed') }.actual", equalTo(-3200.00f))
                .body("checks.find { it.name.startsWith('hospital') }.expected", equalTo(1000.01f))
                .body("checks.find { it.name.startsWith('hospital') }.actual", equalTo(1000.01f));
        pay(PICC, second, "-3200.00", "H-BACK-PICC").statusCode(200);
        pay(CPIC, second, "-2800.00", "H-BACK-CPIC").statusCode(200);
        pay(PAIC, second, "-2000.00", "H-BACK-PAIC").statusCode(200).body("status", equalTo("PAID"));

        // Each insurer's account, line by line from the hand-worked figures above.
        Api.as(Tokens.operator()).get("/api/v1/insurer/accounts?plan=" + plan).then().statusCode(200)
                .body("insurers.insurer", equalTo(List.of("PICC", "CPIC", "PAIC")))
                .body("insurers.premium.received", equalTo(List.of(82.80f, 72.45f, 51.75f)))
                .body("insurers.premium.refunded", equalTo(List.of(27.60f, 24.15f, 17.25f)))
                .body("insurers.premium.net", equalTo(List.of(55.20f, 48.30f, 34.50f)))
                .body("insurers.claims.settlements", equalTo(List.of(3600.01f, 3150.00f, 2250.00f)))
                .body("insurers.claims.reversals", equalTo(List.of(3200.00f, 2800.00f, 2000.00f)))
                .body("insurers.claims.incurred", equalTo(List.of(400.01f, 350.00f, 250.00f)))
                .body("insurers.owed.hospitals", equalTo(List.of(0.00f, 0.00f, 0.00f)))
                .body("insurers.paid.hospitals", equalTo(List.of(400.01f, 350.00f, 250.00f)))
                .body("totals.premium.received", equalTo(207.00f))
                .body("totals.premium.net", equalTo(138.00f))
                .body("totals.claims.incurred", equalTo(1000.01f))
                .body("totals.paid.hospitals", equalTo(1000.01f));
        // An insurer sees its own line only; the regulator of the plan's province all of them, another province nothing.
        Api.as(CPIC).get("/api/v1/insurer/accounts?plan=" + plan).then().statusCode(200)
                .body("insurers", hasSize(1)).body("insurers[0].insurer", equalTo("CPIC"))
                .body("totals.premium.net", equalTo(48.30f));
        Api.as(Tokens.insurer("TAIPING")).get("/api/v1/insurer/accounts?plan=" + plan).then().statusCode(404);
        Api.as(Tokens.regulator("210000")).get("/api/v1/insurer/accounts?plan=" + plan).then().statusCode(200)
                .body("insurers", hasSize(3));
        Api.as(Tokens.regulator("150000")).get("/api/v1/ledger/verification?plan=" + plan).then().statusCode(404);
        Api.as(Tokens.hospital(hospital)).get("/api/v1/insurer/accounts?plan=" + plan).then().statusCode(403);

        // Now everything verifies: journal balanced; net premium 207 − 69 = 138; incurred 9,000.01 − 8,000 = 1,000.01.
        Api.as(Tokens.regulator("210000")).get("/api/v1/ledger/verification?plan=" + plan).then().statusCode(200)
                .body("balanced", equalTo(true))
                .body("checks.find { it.name.startsWith('net premium') }.expected", equalTo(138.00f))
                .body("checks.find { it.name.startsWith('claims incurred') }.actual", equalTo(1000.01f))
                .body("checks.ok", org.hamcrest.Matchers.everyItem(equalTo(true)));
        // The hospital's list, newest first.
        Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/clearing-statements").then().statusCode(200)
                .body("statementId", equalTo(List.of(second, first)));
        // The statistics' insurer shares are the journal's sums: payouts 400.01 / 350.00 / 250.00.
        Api.as(Tokens.operator()).get("/api/v1/bureau/reports/claims?plan=" + plan).then().statusCode(200)
                .body("insurers.payouts", equalTo(List.of(400.01f, 350.00f, 250.00f)))
                .body("insurers.premium", equalTo(List.of(55.20f, 48.30f, 34.50f)));
    }

    private static ValidatableResponse statement(String hospital, String statementId) {
        return Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/clearing-statements/" + statementId).then()
                .statusCode(200);
    }

    private static ValidatableResponse pay(String insurer, String statementId, String amount, String transactionId) {
        return Api.as(insurer).body("{\"amount\":" + amount + ",\"transactionId\":\"" + transactionId + "\",\"paidAt\":\""
                + Api.now() + "\"}").post("/api/v1/insurer/clearing-statements/" + statementId + "/payment").then();
    }
}
