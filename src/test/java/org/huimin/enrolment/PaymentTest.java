package org.huimin.enrolment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;

import jakarta.inject.Inject;

import org.huimin.common.PaymentSignature;
import org.huimin.support.Api;
import org.huimin.support.Db;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/** Payment confirmation: the provider's signed notification and the bureau's personal-account deductions. */
@QuarkusTest
class PaymentTest {

    /** Each test's own region: plans of one region may not overlap. */
    private final String region = Api.region();

    @Inject
    Pool pool;

    private String plan;

    @BeforeEach
    void openPlan() {
        plan = Api.uniqueCode("PAY");
        Api.createPlan(Api.plan(plan, region)).statusCode(201);
    }

    private String pendingOrder(String payerType, String self) {
        return Api.enrol(self, null, Api.enrolment(plan, payerType, List.of(Api.member(self, "SELF"))))
                .statusCode(201).extract().path("orderId");
    }

    private long active(String orderId) {
        return Db.count(pool, "SELECT count(*) FROM policy WHERE order_id = $1::uuid AND status = 'ACTIVE'", orderId);
    }

    @Test
    void badSignatureIsRefusedAndChangesNothing() {
        String orderId = pendingOrder("SELF", Api.activePeople(region, "RESIDENT", 1).get(0));
        String body = Api.notificationBody(orderId, "WX-1-" + orderId, "69.00", Api.now());
        given().contentType(ContentType.JSON).header("X-Signature", "00ff").body(body)
                .post("/api/v1/payments/notifications").then().statusCode(401).body("code", equalTo("BAD_SIGNATURE"));
        given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/payments/notifications").then().statusCode(401).body("code", equalTo("BAD_SIGNATURE"));
        // Signed for another body: a tampered amount.
        String signature = PaymentSignature.sign(Api.PAYMENT_SECRET, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        given().contentType(ContentType.JSON).header("X-Signature", signature).body(body.replace("69.00", "0.01"))
                .post("/api/v1/payments/notifications").then().statusCode(401);
        assertThat(active(orderId)).isZero();
    }

    @Test
    void amountMustMatchTheOrder() {
        String orderId = pendingOrder("SELF", Api.activePeople(region, "RESIDENT", 1).get(0));
        Api.notifyPaid(Api.notificationBody(orderId, "WX-2-" + orderId, "68.99", Api.now()))
                .statusCode(422).body("code", equalTo("AMOUNT_MISMATCH"));
        assertThat(active(orderId)).isZero();
        assertThat(Db.count(pool, "SELECT count(*) FROM enrolment_order WHERE id = $1::uuid AND status = 'PENDING_PAYMENT'",
                orderId)).isEqualTo(1);
    }

    @Test
    void repeatedNotificationHasNoSecondEffect() {
        String orderId = pendingOrder("SELF", Api.activePeople(region, "RESIDENT", 1).get(0));
        String body = Api.notificationBody(orderId, "WX-3-" + orderId, "69.00", Api.now());
        String number = Api.notifyPaid(body).statusCode(200).extract().path("policies[0].policyNumber");
        Api.notifyPaid(body).statusCode(200).body("policies[0].policyNumber", equalTo(number));
        assertThat(Db.count(pool, "SELECT count(*) FROM policy WHERE order_id = $1::uuid AND policy_number IS NOT NULL", orderId))
                .isEqualTo(1);
        // Another transaction for the same paid order is a conflict (the provider must refund it).
        Api.notifyPaid(Api.notificationBody(orderId, "WX-OTHER-" + orderId, "69.00", Api.now()))
                .statusCode(409).body("code", equalTo("ORDER_ALREADY_PAID"));
        Api.notifyPaid(Api.notificationBody(java.util.UUID.randomUUID().toString(), "WX-X", "69.00", Api.now()))
                .statusCode(404).body("code", equalTo("ORDER_NOT_FOUND"));
    }

    /**
     * The provider's transaction ID is unique across orders. The activation, the order's mark and the audit record go
     * out together (PaymentService#activate), so the refusal comes from the database after the policies were activated
     * in the transaction: all of it rolls back — no active policy, no balance, no journal line, the order still pending.
     */
    @Test
    void aTransactionIdThatPaidAnotherOrderIsRefusedAndActivatesNothing() {
        List<String> people = Api.activePeople(region, "RESIDENT", 2);
        String first = pendingOrder("SELF", people.get(0));
        String second = pendingOrder("SELF", people.get(1));
        Api.notifyPaid(Api.notificationBody(first, "WX-SAME-" + first, "69.00", Api.now())).statusCode(200);
        Api.notifyPaid(Api.notificationBody(second, "WX-SAME-" + first, "69.00", Api.now()))
                .statusCode(409).body("code", equalTo("TRANSACTION_ID_REUSED"));
        assertThat(active(second)).isZero();
        assertThat(Db.count(pool, "SELECT count(*) FROM enrolment_order WHERE id = $1::uuid AND status = 'PENDING_PAYMENT'",
                second)).isEqualTo(1);
        assertThat(Db.count(pool, "SELECT count(*) FROM benefit_balance WHERE id_number = $1", people.get(1))).isZero();
        assertThat(Db.count(pool, "SELECT count(*) FROM journal_line j JOIN policy p ON p.id = j.source_id "
                + "WHERE j.kind = 'PREMIUM' AND p.order_id = $1::uuid", second)).isZero();
        // The same order, paid with its own transaction, activates as usual.
        Api.notifyPaid(Api.notificationBody(second, "WX-OWN-" + second, "69.00", Api.now())).statusCode(200);
        assertThat(active(second)).isEqualTo(1);
        assertThat(Db.count(pool, "SELECT count(*) FROM benefit_balance WHERE id_number = $1", people.get(1))).isEqualTo(1);
    }

    @Test
    void personalAccountDeductionSucceeds() {
        String employee = Api.activePeople(region, "EMPLOYEE", 1).get(0);
        String orderId = pendingOrder("PERSONAL_ACCOUNT", employee);
        Api.as(Tokens.bureau()).get("/api/v1/bureau/personal-account-deductions?status=REQUESTED&limit=1000").then()
                .statusCode(200).body("orderId", hasItem(orderId))
                .body("find { it.orderId == '" + orderId + "' }.idNumber", equalTo(employee))
                .body("find { it.orderId == '" + orderId + "' }.amount", equalTo(69.00f));
        // The provider may not confirm a personal-account order.
        Api.notifyPaid(Api.notificationBody(orderId, "WX-4-" + orderId, "69.00", Api.now()))
                .statusCode(422).body("code", equalTo("WRONG_PAYMENT_CHANNEL"));
        String result = "{\"status\":\"SUCCEEDED\",\"amount\":69.00,\"at\":\"" + Api.now() + "\"}";
        Api.as(Tokens.bureau()).body("{\"status\":\"SUCCEEDED\",\"amount\":70.00,\"at\":\"" + Api.now() + "\"}")
                .post("/api/v1/bureau/personal-account-deductions/" + orderId + "/result").then()
                .statusCode(422).body("code", equalTo("AMOUNT_MISMATCH"));
        assertThat(active(orderId)).isZero();
        Api.as(Tokens.bureau()).body(result).post("/api/v1/bureau/personal-account-deductions/" + orderId + "/result")
                .then().statusCode(200).body("status", equalTo("SUCCEEDED")).body("orderStatus", equalTo("PAID"))
                .body("policies[0].status", equalTo("ACTIVE"));
        // Idempotent: the same result again, same answer; a contrary one is a conflict.
        Api.as(Tokens.bureau()).body(result).post("/api/v1/bureau/personal-account-deductions/" + orderId + "/result")
                .then().statusCode(200).body("orderStatus", equalTo("PAID"));
        Api.as(Tokens.bureau()).body(result.replace("SUCCEEDED", "FAILED"))
                .post("/api/v1/bureau/personal-account-deductions/" + orderId + "/result")
                .then().statusCode(409).body("code", equalTo("DEDUCTION_ALREADY_SETTLED"));
        assertThat(active(orderId)).isEqualTo(1);
        Api.as(Tokens.bureau()).get("/api/v1/bureau/personal-account-deductions").then().statusCode(200)
                .body("orderId", org.hamcrest.Matchers.not(hasItem(orderId)));
    }

    @Test
    void failedDeductionLeavesNothingActiveAndFreesThePerson() {
        String employee = Api.activePeople(region, "EMPLOYEE", 1).get(0);
        String orderId = pendingOrder("PERSONAL_ACCOUNT", employee);
        Api.as(Tokens.bureau()).body("{\"status\":\"FAILED\",\"at\":\"" + Api.now() + "\"}")
                .post("/api/v1/bureau/personal-account-deductions/" + orderId + "/result").then()
                .statusCode(200).body("orderStatus", equalTo("PAYMENT_FAILED"))
                .body("policies[0].status", equalTo("PAYMENT_FAILED"));
        assertThat(active(orderId)).isZero();
        // The person may enrol again.
        pendingOrder("SELF", employee);
        Api.as(Tokens.bureau()).body("{\"status\":\"FAILED\",\"at\":\"" + Api.now() + "\"}")
                .post("/api/v1/bureau/personal-account-deductions/" + java.util.UUID.randomUUID() + "/result").then()
                .statusCode(404).body("code", equalTo("DEDUCTION_NOT_FOUND"));
    }
}
