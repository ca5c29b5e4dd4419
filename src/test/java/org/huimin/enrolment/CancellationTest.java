package org.huimin.enrolment;

import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.huimin.support.Api;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Cancellation: full refund before coverage starts, none after; refunds go back to the source. */
@QuarkusTest
class CancellationTest {

    /** Each test's own region: plans of one region may not overlap. */
    private final String region = Api.region();

    private static String cancel(String token, String policyNumber) {
        return "/api/v1/policies/" + policyNumber + "/cancellation";
    }

    @Test
    void beforeCoverageStartsTheFullPremiumGoesBackToThePayment() {
        String plan = Api.uniqueCode("CX");
        Api.createPlan(Api.plan(plan, region)).statusCode(201);
        List<String> ids = Api.activePeople(region, "RESIDENT", 2);
        String payer = ids.get(0);
        String orderId = Api.enrol(payer, null, Api.enrolment(plan, "SELF",
                List.of(Api.member(payer, "SELF"), Api.member(ids.get(1), "CHILD")))).statusCode(201).extract().path("orderId");
        String childPolicy = Api.notifyPaid(Api.notificationBody(orderId, "WX-" + orderId, "138.00",
                        Api.now())).statusCode(200)
                .extract().path("policies.find { it.idNumber == '" + ids.get(1) + "' }.policyNumber");
        // Only the payer may cancel: the insured child and strangers get 404.
        Api.as(Tokens.insured(ids.get(1))).post(cancel(null, childPolicy)).then().statusCode(404)
                .body("code", equalTo("POLICY_NOT_FOUND"));
        Api.as(Tokens.insured(payer)).post(cancel(null, childPolicy)).then().statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("refund.amount", equalTo(69.00f))
                .body("refund.channel", equalTo("ORIGINAL_PAYMENT"));
        // A retry answers the same and refunds once.
        Api.as(Tokens.insured(payer)).post(cancel(null, childPolicy)).then().statusCode(200)
                .body("refund.amount", equalTo(69.00f));
        // The child may be enrolled again.
        Api.enrol(payer, null, Api.enrolment(plan, "SELF", List.of(Api.member(ids.get(1), "CHILD")))).statusCode(201);
    }

    @Test
    void personalAccountMoneyGoesBackToThePersonalAccount() {
        String plan = Api.uniqueCode("CXPA");
        Api.createPlan(Api.plan(plan, region)).statusCode(201);
        String employee = Api.activePeople(region, "EMPLOYEE", 1).get(0);
        String orderId = Api.enrol(employee, null, Api.enrolment(plan, "PERSONAL_ACCOUNT",
                List.of(Api.member(employee, "SELF")))).statusCode(201).extract().path("orderId");
        String number = Api.as(Tokens.bureau()).body("{\"status\":\"SUCCEEDED\",\"amount\":69.00,\"at\":\"" + Api.now()
                        + "\"}").post("/api/v1/bureau/personal-account-deductions/" + orderId + "/result")
                .then().statusCode(200).extract().path("policies[0].policyNumber");
        Api.as(Tokens.insured(employee)).post(cancel(null, number)).then().statusCode(200)
                .body("refund.channel", equalTo("PERSONAL_ACCOUNT")).body("refund.amount", equalTo(69.00f));
    }

    @Test
    void afterCoverageStartsNothingIsRefunded() {
        Map<String, Object> started = Api.plan(Api.uniqueCode("CXLATE"), region);
        started.put("enrolmentOpens", Api.today().minusDays(60).toString());
        started.put("coverageStarts", Api.today().minusDays(1).toString());
        Api.createPlan(started).statusCode(201);
        String self = Api.activePeople(region, "RESIDENT", 1).get(0);
        String number = Api.activePolicy((String) started.get("code"), self, Api.today().minusDays(30) + "T08:00:00+08:00");
        Api.as(Tokens.insured(self)).post(cancel(null, number)).then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("refund.amount", equalTo(0.00f))
                .body("refund.status", equalTo("NONE"));
    }

    @Test
    void organisationCancelsWhatItPaid() {
        String plan = Api.uniqueCode("CXORG");
        Api.createPlan(Api.plan(plan, region)).statusCode(201);
        String member = Api.activePeople(region, "RESIDENT", 1).get(0);
        String orderId = Api.as(Tokens.org("E100", "EMPLOYER")).body(Map.of("plan", plan, "members",
                        List.of(Map.of("idNumber", member, "name", Api.nameOf(member), "consent", true))))
                .post("/api/v1/org/enrolments").then().statusCode(201).extract().path("orderId");
        String number = Api.notifyPaid(Api.notificationBody(orderId, "WX-" + orderId, "69.00", Api.now()))
                .statusCode(200).extract().path("policies[0].policyNumber");
        Api.as(Tokens.org("E200", "EMPLOYER")).post(cancel(null, number)).then().statusCode(404);
        Api.as(Tokens.insured(member)).post(cancel(null, number)).then().statusCode(404);
        Api.as(Tokens.org("E100", "EMPLOYER")).post(cancel(null, number)).then().statusCode(200)
                .body("refund.channel", equalTo("ORGANISATION"));
    }
}
