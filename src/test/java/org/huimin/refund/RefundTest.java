package org.huimin.refund;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.huimin.common.PaymentSignature;
import org.huimin.support.Api;
import org.huimin.support.StubProvider;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Refunds run to the end on all three channels: to the original payment through the outbox (the stub provider refuses
 * for a while, then accepts — every refund arrives exactly once), to the personal account through the bureau, to an
 * organisation by a transfer an operator records.
 */
@QuarkusTest
class RefundTest {

    private final String region = Api.region();
    private String plan;

    @BeforeEach
    void openPlan() {
        plan = Api.uniqueCode("RF");
        Api.createPlan(Api.plan(plan, region)).statusCode(201);
    }

    /** A paid SELF policy of {@code person}, cancelled before coverage: its refund ID. */
    private String cancelledPolicy(String person) {
        String number = Api.activePolicy(plan, person, Api.now());
        return Api.as(Tokens.insured(person)).post("/api/v1/policies/" + number + "/cancellation").then().statusCode(200)
                .body("refund.status", equalTo("REQUESTED")).body("refund.refundId", notNullValue())
                .extract().path("refund.refundId");
    }

    @Test
    void aProviderThatIsDownDelaysRefundsButNeverLosesOrDoublesOne() {
        List<String> people = Api.activePeople(region, "RESIDENT", 3);
        StubProvider.refuseNext(5);
        List<String> refunds = people.stream().map(this::cancelledPolicy).toList();
        // The provider refuses five requests, then accepts: each refund is accepted exactly once, the same request
        // (same refund ID, same signed body) every time.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> refunds.forEach(id ->
                assertThat(StubProvider.accepted(id)).as(id).isEqualTo(1)));
        assertThat(refunds.stream().mapToInt(id -> StubProvider.received(id).size()).sum()).isGreaterThanOrEqualTo(3 + 5);
        for (String id : refunds) {
            List<StubProvider.Received> received = StubProvider.received(id);
            assertThat(received).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
            assertThat(received.stream().map(StubProvider.Received::body).distinct()).hasSize(1);
            assertThat(received.get(0).body()).contains("\"amount\":69.00").contains("\"transactionId\":\"TX-");
        }
        // Nothing more is sent once accepted.
        int before = StubProvider.received(refunds.get(0)).size();
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(StubProvider.received(refunds.get(0))).hasSize(before));
        // The provider's notification completes it; a repeat answers the same; a contrary one is refused.
        Api.refundNotification(refunds.get(0), "SUCCEEDED").statusCode(200).body("status", equalTo("SUCCEEDED"))
                .body("completedAt", notNullValue());
        Api.refundNotification(refunds.get(0), "SUCCEEDED").statusCode(200).body("status", equalTo("SUCCEEDED"));
        Api.refundNotification(refunds.get(0), "FAILED").statusCode(409).body("code", equalTo("REFUND_ALREADY_SETTLED"));
        Api.refundNotification(java.util.UUID.randomUUID().toString(), "SUCCEEDED").statusCode(404)
                .body("code", equalTo("REFUND_NOT_FOUND"));
        given().contentType(ContentType.JSON).header("X-Signature", "00")
                .body("{\"refundId\":\"" + refunds.get(0) + "\",\"status\":\"FAILED\",\"at\":\"" + Api.now() + "\"}")
                .post("/api/v1/payments/refund-notifications").then().statusCode(401).body("code", equalTo("BAD_SIGNATURE"));
        Api.as(Tokens.insured(people.get(0))).get("/api/v1/me/refunds").then().statusCode(200)
                .body("find { it.refundId == '" + refunds.get(0) + "' }.status", equalTo("SUCCEEDED"));
    }

    @Test
    void aFailedProviderRefundIsTriedAgainByAnOperator() {
        String person = Api.activePeople(region, "RESIDENT", 1).get(0);
        String refundId = cancelledPolicy(person);
        await().atMost(Duration.ofSeconds(20)).until(() -> StubProvider.accepted(refundId) == 1);
        Api.refundNotification(refundId, "FAILED").statusCode(200).body("status", equalTo("FAILED"));
        Api.as(Tokens.insured(person)).post("/api/v1/refunds/" + refundId + "/retry").then().statusCode(403);
        Api.as(Tokens.operator()).post("/api/v1/refunds/" + refundId + "/retry").then().statusCode(200)
                .body("status", equalTo("REQUESTED")).body("attempt", equalTo(2));
        Api.as(Tokens.operator()).post("/api/v1/refunds/" + refundId + "/retry").then().statusCode(409)
                .body("code", equalTo("REFUND_NOT_FAILED"));
        // The new attempt is sent again: same refund ID.
        await().atMost(Duration.ofSeconds(20)).until(() -> StubProvider.accepted(refundId) == 2);
        Api.refundNotification(refundId, "SUCCEEDED").statusCode(200).body("status", equalTo("SUCCEEDED"));
    }

    @Test
    void personalAccountMoneyGoesBackThroughTheBureau() {
        String employee = Api.activePeople(region, "EMPLOYEE", 1).get(0);
        String orderId = Api.enrol(employee, null, Api.enrolment(plan, "PERSONAL_ACCOUNT", List.of(Api.member(employee, "SELF"))))
                .statusCode(201).extract().path("orderId");
        String number = Api.as(Tokens.bureau()).body("{\"status\":\"SUCCEEDED\",\"amount\":69.00,\"at\":\"" + Api.now() + "\"}")
                .post("/api/v1/bureau/personal-account-deductions/" + orderId + "/result").then().statusCode(200)
                .extract().path("policies[0].policyNumber");
        String refundId = Api.as(Tokens.insured(employee)).post("/api/v1/policies/" + number + "/cancellation").then()
                .statusCode(200).body("refund.channel", equalTo("PERSONAL_ACCOUNT")).extract().path("refund.refundId");
        // The bureau lists it (for the payers of its region only) and reports the result.
        Api.as(Tokens.bureau()).get("/api/v1/bureau/personal-account-refunds?status=REQUESTED").then().statusCode(200)
                .body("find { it.refundId == '" + refundId + "' }.policyNumber", equalTo(number));
        Api.as(Tokens.bureau("360000")).get("/api/v1/bureau/personal-account-refunds?status=REQUESTED").then()
                .statusCode(200).body("refundId", not(hasItem(refundId)));
        String path = "/api/v1/bureau/personal-account-refunds/" + refundId + "/result";
        Api.as(Tokens.bureau("360000")).body("{\"status\":\"FAILED\",\"at\":\"" + Api.now() + "\"}").post(path).then()
                .statusCode(404);
        Api.as(Tokens.bureau()).body("{\"status\":\"SUCCEEDED\",\"amount\":68.00,\"at\":\"" + Api.now() + "\"}").post(path)
                .then().statusCode(422).body("code", equalTo("AMOUNT_MISMATCH"));
        Api.as(Tokens.bureau()).body("{\"status\":\"FAILED\",\"at\":\"" + Api.now() + "\"}").post(path).then()
                .statusCode(200).body("status", equalTo("FAILED"));
        Api.as(Tokens.operator()).post("/api/v1/refunds/" + refundId + "/retry").then().statusCode(200);
        Api.as(Tokens.bureau()).body("{\"status\":\"SUCCEEDED\",\"amount\":69.00,\"at\":\"" + Api.now() + "\"}").post(path)
                .then().statusCode(200).body("status", equalTo("SUCCEEDED")).body("attempt", equalTo(2));
        Api.as(Tokens.bureau()).body("{\"status\":\"SUCCEEDED\",\"amount\":69.00,\"at\":\"" + Api.now() + "\"}").post(path)
                .then().statusCode(200).body("status", equalTo("SUCCEEDED"));
        // Never through the provider: personal-account money goes back to the account, never to cash.
        assertThat(StubProvider.received(refundId)).isEmpty();
    }

    @Test
    void anOrganisationIsPaidBackByATransferAnOperatorRecords() {
        String member = Api.activePeople(region, "RESIDENT", 1).get(0);
        String org = Api.uniqueCode("ORG");
        String orderId = Api.as(Tokens.org(org, "EMPLOYER")).body(Map.of("plan", plan, "members",
                        List.of(Map.of("idNumber", member, "name", Api.nameOf(member), "consent", true))))
                .post("/api/v1/org/enrolments").then().statusCode(201).extract().path("orderId");
        String number = Api.notifyPaid(Api.notificationBody(orderId, "WX-" + orderId, "69.00", Api.now())).statusCode(200)
                .extract().path("policies[0].policyNumber");
        String refundId = Api.as(Tokens.org(org, "EMPLOYER")).post("/api/v1/policies/" + number + "/cancellation").then()
                .statusCode(200).body("refund.channel", equalTo("ORGANISATION")).extract().path("refund.refundId");
        Api.as(Tokens.org(org, "EMPLOYER")).get("/api/v1/org/refunds").then().statusCode(200)
                .body("[0].refundId", equalTo(refundId)).body("[0].status", equalTo("REQUESTED"));
        Api.as(Tokens.org("OTHER-" + org, "EMPLOYER")).get("/api/v1/org/refunds").then().statusCode(200)
                .body("refundId", not(hasItem(refundId)));
        // The provider's channel cannot settle it, nor the bureau's.
        Api.refundNotification(refundId, "SUCCEEDED").statusCode(409).body("code", equalTo("WRONG_REFUND_CHANNEL"));
        Api.as(Tokens.operator()).body("{\"status\":\"SUCCEEDED\",\"at\":\"" + Api.now() + "\",\"reference\":\"ICBC-1\"}")
                .post("/api/v1/refunds/" + refundId + "/result").then().statusCode(200)
                .body("status", equalTo("SUCCEEDED")).body("reference", equalTo("ICBC-1"));
        Api.as(Tokens.org(org, "EMPLOYER")).get("/api/v1/org/refunds").then().body("[0].status", equalTo("SUCCEEDED"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOperatorsListIsPagedWithAnOpaqueCursor() {
        List<String> people = Api.activePeople(region, "RESIDENT", 3);
        people.forEach(this::cancelledPolicy);
        var first = Api.as(Tokens.operator()).get("/api/v1/refunds?channel=ORIGINAL_PAYMENT&limit=2").then().statusCode(200)
                .body("items.size()", equalTo(2)).body("next", notNullValue()).extract();
        String next = first.path("next");
        Api.as(Tokens.operator()).get("/api/v1/refunds?channel=ORIGINAL_PAYMENT&limit=2&cursor=" + next).then().statusCode(200)
                .body("items[0].refundId", not(in((java.util.Collection<String>) first.path("items.refundId"))));
        Api.as(Tokens.operator()).get("/api/v1/refunds?cursor=bm9wZQ").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        Api.as(Tokens.operator()).get("/api/v1/refunds?limit=0").then().statusCode(400);
        Api.as(Tokens.operator()).get("/api/v1/refunds?status=LOST").then().statusCode(400);
        Api.as(Tokens.operator()).get("/api/v1/refunds?limit=1000").then().statusCode(200).body("next", nullValue());
    }
}
