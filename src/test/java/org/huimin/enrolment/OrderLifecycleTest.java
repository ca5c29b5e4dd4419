package org.huimin.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.huimin.support.Api;
import org.huimin.support.Concurrently;
import org.huimin.support.Db;
import org.huimin.support.TestClock;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Nobody is locked out: unpaid orders expire (2 hours paid through the provider, 3 days by personal account, 7 days by
 * an organisation), the payer may withdraw one, a person's own enrolment wins over someone else's unpaid order, names
 * must match the bureau's, and money that arrives too late is refunded. Time is the service's, fixed by the test.
 */
@QuarkusTest
class OrderLifecycleTest {

    private final String region = Api.region();
    private String plan;

    @Inject
    Pool pool;

    @Inject
    OrderExpiry expiry;

    @BeforeEach
    void openPlan() {
        plan = Api.uniqueCode("LC");
        Api.createPlan(Api.plan(plan, region)).statusCode(201);
    }

    @AfterEach
    void letTimeRun() {
        TestClock.reset();
    }

    private String enrol(String payer, String... members) {
        List<Map<String, Object>> list = new java.util.ArrayList<>();
        for (String member : members) {
            list.add(Api.member(member, member.equals(payer) ? "SELF" : "SPOUSE"));
        }
        return Api.enrol(payer, null, Api.enrolment(plan, "SELF", list)).statusCode(201).extract().path("orderId");
    }

    private String orderStatus(String payer, String orderId) {
        return Api.as(Tokens.insured(payer)).get("/api/v1/enrolments/" + orderId).then().statusCode(200)
                .extract().path("status");
    }

    @Test
    void anUnpaidOrderHoldsItsMembersForTwoHoursAndNotASecondMore() {
        List<String> people = Api.activePeople(region, "RESIDENT", 3);
        Instant created = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        TestClock.set(created);
        String orderId = enrol(people.get(0), people.get(0), people.get(1));
        Api.as(Tokens.insured(people.get(0))).get("/api/v1/enrolments/" + orderId).then().statusCode(200)
                .body("status", equalTo("PENDING_PAYMENT"))
                .body("expiresAt", equalTo(created.plus(Duration.ofHours(2)).toString()))
                .body("policies.status", equalTo(List.of("PENDING_PAYMENT", "PENDING_PAYMENT")));
        // One second before the deadline the spouse is still held by the order.
        TestClock.set(created.plus(Duration.ofHours(2)).minusSeconds(1));
        Api.enrol(people.get(2), null, Api.enrolment(plan, "SELF", List.of(Api.member(people.get(2), "SELF"),
                Api.member(people.get(1), "SPOUSE")))).statusCode(409).body("code", equalTo("ALREADY_ENROLLED"));
        // One second after it, the order reads EXPIRED, and a new enrolment of the spouse succeeds at once.
        TestClock.set(created.plus(Duration.ofHours(2)).plusSeconds(1));
        assertThat(orderStatus(people.get(0), orderId)).isEqualTo("EXPIRED");
        String second = enrol(people.get(2), people.get(2), people.get(1));
        Api.as(Tokens.insured(people.get(0))).get("/api/v1/enrolments/" + orderId).then()
                .body("status", equalTo("EXPIRED")).body("policies.status", hasItem("EXPIRED"));
        assertThat(Db.count(pool, "SELECT count(*) FROM enrolment_order WHERE id = $1::uuid AND status = 'EXPIRED'", orderId))
                .as("closed by the enrolment that touched its member").isEqualTo(1);
        assertThat(orderStatus(people.get(2), second)).isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void theSweepExpiresWhatNothingTouches() {
        String person = Api.activePeople(region, "EMPLOYEE", 1).get(0);
        TestClock.set(Instant.now());
        String orderId = Api.enrol(person, null, Api.enrolment(plan, "PERSONAL_ACCOUNT", List.of(Api.member(person, "SELF"))))
                .statusCode(201).extract().path("orderId");
        Api.as(Tokens.bureau()).get("/api/v1/bureau/personal-account-deductions").then().body("orderId", hasItem(orderId));
        // A personal-account order waits three days for the bureau.
        TestClock.advance(Duration.ofDays(3).plusSeconds(1));
        // Out of the bureau's list at once, before any sweep.
        Api.as(Tokens.bureau()).get("/api/v1/bureau/personal-account-deductions").then().body("orderId", not(hasItem(orderId)));
        int expired = expiry.sweep().await().atMost(Duration.ofSeconds(30));
        assertThat(expired).isPositive();
        assertThat(Db.count(pool, "SELECT count(*) FROM enrolment_order WHERE id = $1::uuid AND status = 'EXPIRED'", orderId))
                .isEqualTo(1);
        assertThat(Db.count(pool, "SELECT count(*) FROM personal_account_deduction WHERE order_id = $1::uuid AND status = 'WITHDRAWN'",
                orderId)).isEqualTo(1);
    }

    @Test
    void thePayerWithdrawsAnUnpaidOrder() {
        List<String> people = Api.activePeople(region, "RESIDENT", 2);
        String orderId = enrol(people.get(0), people.get(0), people.get(1));
        String path = "/api/v1/enrolments/" + orderId + "/cancellation";
        // Only the payer: the spouse, a stranger and organisations get 404.
        Api.as(Tokens.insured(people.get(1))).post(path).then().statusCode(404).body("code", equalTo("ORDER_NOT_FOUND"));
        Api.as(Tokens.org("ORG-X", "EMPLOYER")).post(path).then().statusCode(404);
        Api.as(Tokens.insured(people.get(0))).post(path).then().statusCode(200)
                .body("orderId", equalTo(orderId)).body("status", equalTo("WITHDRAWN"));
        Api.as(Tokens.insured(people.get(0))).post(path).then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        // Both are free at once, with any payer.
        enrol(people.get(1), people.get(1));
        // A paid order cannot be withdrawn (its policies can be cancelled).
        String paid = enrol(people.get(0), people.get(0));
        Api.notifyPaid(Api.notificationBody(paid, "WX-" + paid, "69.00", Api.now())).statusCode(200);
        Api.as(Tokens.insured(people.get(0))).post("/api/v1/enrolments/" + paid + "/cancellation").then().statusCode(409)
                .body("code", equalTo("ORDER_ALREADY_PAID"));
        Api.as(Tokens.insured(people.get(0))).get("/api/v1/enrolments/not-a-uuid").then().statusCode(400);
    }

    @Test
    void nobodyCanHoldAStrangersPlace() {
        List<String> people = Api.activePeople(region, "RESIDENT", 2);
        String squatter = people.get(0);
        String stranger = people.get(1);
        // With a made-up name: refused before anything else about the stranger is revealed, and nothing is written.
        Map<String, Object> madeUp = Api.member(stranger, "SPOUSE");
        madeUp.put("name", "王五");
        madeUp.put("consent", false);
        Api.enrol(squatter, null, Api.enrolment(plan, "SELF", List.of(Api.member(squatter, "SELF"), madeUp)))
                .statusCode(422).body("code", equalTo("NAME_MISMATCH")).body("errors[0].field", equalTo("members[1].name"));
        assertThat(Db.count(pool, "SELECT count(*) FROM policy WHERE id_number = $1", stranger)).isZero();
        // Even knowing the name, an unpaid order placed for the stranger gives way to the stranger's own enrolment.
        String squat = enrol(squatter, squatter, stranger);
        Api.as(Tokens.insured(stranger)).get("/api/v1/me/policies").then().body("status", hasItem("PENDING_PAYMENT"));
        String own = enrol(stranger, stranger);
        assertThat(orderStatus(squatter, squat)).isEqualTo("WITHDRAWN");
        assertThat(orderStatus(stranger, own)).isEqualTo("PENDING_PAYMENT");
        // The whole order went: the squatter is free too.
        enrol(squatter, squatter);
        // Money that still arrives for the withdrawn order goes back, activating nothing.
        String refundId = Api.notifyPaid(Api.notificationBody(squat, "WX-LATE-" + squat, "138.00", Api.now())).statusCode(200)
                .body("status", equalTo("REFUND_REQUESTED")).body("refundId", notNullValue()).extract().path("refundId");
        Api.notifyPaid(Api.notificationBody(squat, "WX-LATE-" + squat, "138.00", Api.now())).statusCode(200)
                .body("refundId", equalTo(refundId));
        assertThat(Db.count(pool, "SELECT count(*) FROM policy WHERE order_id = $1::uuid AND status = 'ACTIVE'", squat)).isZero();
        Api.as(Tokens.insured(squatter)).get("/api/v1/me/refunds").then().statusCode(200)
                .body("find { it.refundId == '" + refundId + "' }.source", equalTo("LATE_PAYMENT"))
                .body("find { it.refundId == '" + refundId + "' }.amount", equalTo(138.00f))
                .body("find { it.refundId == '" + refundId + "' }.channel", equalTo("ORIGINAL_PAYMENT"));
    }

    @Test
    void moneyForAnExpiredOrderIsRefundedAndAPaymentTimeMustBeBelievable() {
        String person = Api.activePeople(region, "RESIDENT", 1).get(0);
        Instant created = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        TestClock.set(created);
        String orderId = enrol(person, person);
        // Before the order existed, or more than five minutes ahead of our clock: refused.
        Api.notifyPaid(Api.notificationBody(orderId, "WX-E1-" + orderId, "69.00", created.minusSeconds(1).toString()))
                .statusCode(422).body("code", equalTo("INVALID_PAYMENT_TIME"));
        Api.notifyPaid(Api.notificationBody(orderId, "WX-E1-" + orderId, "69.00", created.plusSeconds(301).toString()))
                .statusCode(422).body("code", equalTo("INVALID_PAYMENT_TIME"));
        // Paid three hours later (the provider's notification delayed): the order expired, the money goes back.
        TestClock.set(created.plus(Duration.ofHours(3)));
        Api.notifyPaid(Api.notificationBody(orderId, "WX-E1-" + orderId, "69.00", Api.now())).statusCode(200)
                .body("status", equalTo("REFUND_REQUESTED"));
        assertThat(orderStatus(person, orderId)).isEqualTo("EXPIRED");
        assertThat(Db.count(pool, "SELECT count(*) FROM refund WHERE order_id = $1::uuid AND source = 'LATE_PAYMENT'", orderId))
                .isEqualTo(1);
    }

    @Test
    void aDeductionForAWithdrawnOrderGoesBackToThePersonalAccount() {
        String employee = Api.activePeople(region, "EMPLOYEE", 1).get(0);
        String orderId = Api.enrol(employee, null, Api.enrolment(plan, "PERSONAL_ACCOUNT", List.of(Api.member(employee, "SELF"))))
                .statusCode(201).extract().path("orderId");
        Api.as(Tokens.insured(employee)).post("/api/v1/enrolments/" + orderId + "/cancellation").then().statusCode(200);
        Api.as(Tokens.bureau()).get("/api/v1/bureau/personal-account-deductions").then().body("orderId", not(hasItem(orderId)));
        // The bureau had already deducted it: recorded, nothing activated, the money goes back to the account.
        String result = "{\"status\":\"SUCCEEDED\",\"amount\":69.00,\"at\":\"" + Api.now() + "\"}";
        String refundId = Api.as(Tokens.bureau()).body(result)
                .post("/api/v1/bureau/personal-account-deductions/" + orderId + "/result").then().statusCode(200)
                .body("orderStatus", equalTo("WITHDRAWN")).body("refundId", notNullValue()).extract().path("refundId");
        Api.as(Tokens.bureau()).body(result).post("/api/v1/bureau/personal-account-deductions/" + orderId + "/result")
                .then().statusCode(200).body("orderStatus", equalTo("WITHDRAWN"));
        Api.as(Tokens.bureau()).get("/api/v1/bureau/personal-account-refunds").then().statusCode(200)
                .body("find { it.refundId == '" + refundId + "' }.idNumber", equalTo(employee))
                .body("find { it.refundId == '" + refundId + "' }.amount", equalTo(69.00f));
        assertThat(Db.count(pool, "SELECT count(*) FROM policy WHERE order_id = $1::uuid AND status = 'ACTIVE'", orderId)).isZero();
    }

    @Test
    void fiftyEnrolmentsRacingAnExpiringOrderGiveOnePolicy() {
        List<String> people = Api.activePeople(region, "RESIDENT", 2);
        String holder = people.get(0);
        String person = people.get(1);
        Instant created = Instant.now();
        TestClock.set(created);
        String held = enrol(holder, holder, person);
        TestClock.set(created.plus(Duration.ofHours(2)).plusSeconds(1));
        Map<String, Object> body = Api.enrolment(plan, "SELF", List.of(Api.member(person, "SELF")));
        List<Integer> statuses = Concurrently.run(50, i -> Api.enrol(person, "race-" + i, body).extract().statusCode());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(49);
        assertThat(Db.count(pool, "SELECT count(*) FROM policy WHERE id_number = $1 AND status IN ('PENDING_PAYMENT', 'ACTIVE')",
                person)).isEqualTo(1);
        assertThat(orderStatus(holder, held)).isEqualTo("EXPIRED");
    }
}
