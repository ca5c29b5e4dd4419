package org.huimin.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

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
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;

/** Enrolment by a person: the happy path and every refusal of API.md, each asserting that nothing was written. */
@QuarkusTest
class EnrolmentResourceTest {

    @Inject
    Pool pool;

    private String plan;
    private String region;

    @BeforeEach
    void openPlan() {
        plan = Api.uniqueCode("LN");
        region = Api.region();
        Api.createPlan(Api.plan(plan, region)).statusCode(201);
    }

    private long ordersOf(String payer) {
        return Db.count(pool, "SELECT count(*) FROM enrolment_order WHERE payer_id_number = $1", payer);
    }

    private long policiesOf(String id) {
        return Db.count(pool, "SELECT count(*) FROM policy WHERE id_number = $1", id);
    }

    private void refused(ValidatableResponse response, int status, String code, String payer, String... members) {
        response.statusCode(status).contentType("application/problem+json").body("code", equalTo(code))
                .body("status", equalTo(status)).body("title", notNullValue()).body("type", notNullValue());
        assertThat(ordersOf(payer)).as("orders written").isZero();
        for (String member : members) {
            assertThat(policiesOf(member)).as("policies written").isZero();
        }
    }

    @Test
    void familyEnrolsPaysAndBecomesActive() {
        List<String> ids = Api.activePeople(region, "RESIDENT", 2);
        String self = ids.get(0);
        String parent = ids.get(1);
        String orderId = Api.enrol(self, "k-" + self, Api.enrolment(plan, "SELF",
                        List.of(Api.member(self, "SELF"), Api.member(parent, "PARENT"))))
                .statusCode(201)
                .body("amount", equalTo(138.00f))
                .body("status", equalTo("PENDING_PAYMENT"))
                .body("policies", hasSize(2))
                .body("policies[1].idNumber", equalTo(parent))
                .body("policies[1].status", equalTo("PENDING_PAYMENT"))
                .extract().path("orderId");
        // Paid before coverage starts → benefits from coverageStarts.
        String coverageStarts = Api.today().plusDays(40).toString();
        Api.notifyPaid(Api.notificationBody(orderId, "WX-" + orderId, "138.00", Api.now()))
                .statusCode(200)
                .body("status", equalTo("PAID"))
                .body("policies", hasSize(2))
                .body("policies[0].status", equalTo("ACTIVE"))
                .body("policies[0].benefitsFrom", equalTo(coverageStarts))
                .body("policies[0].policyNumber", notNullValue())
                .body("policies[0].taxCode", notNullValue());
        List<String> taxCodes = Api.as(Tokens.insured(self)).get("/api/v1/me/policies").then().statusCode(200)
                .body("", hasSize(2))
                .body("find { it.idNumber == '" + parent + "' }.paidByMe", equalTo(true))
                .body("find { it.idNumber == '" + self + "' }.remaining.deductibles.MAIN", equalTo(20000.00f))
                .body("find { it.idNumber == '" + self + "' }.consent.given", equalTo(true))
                .extract().path("taxCode");
        assertThat(taxCodes).doesNotHaveDuplicates().doesNotContainNull();
        // The parent sees own policy (paid by someone else); a stranger sees nothing.
        Api.as(Tokens.insured(parent)).get("/api/v1/me/policies").then().statusCode(200)
                .body("", hasSize(1)).body("[0].paidByMe", equalTo(false));
        Api.as(Tokens.insured(Ids.next(region))).get("/api/v1/me/policies").then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void lateEnrolmentStartsBenefitsAfterTheWaitingPeriod() {
        String lateRegion = Api.region();
        Map<String, Object> started = Api.plan(Api.uniqueCode("LATE"), lateRegion);
        started.put("enrolmentOpens", Api.today().minusDays(60).toString());
        started.put("coverageStarts", Api.today().minusDays(10).toString());
        Api.createPlan(started).statusCode(201);
        String self = Api.activePeople(lateRegion, "RESIDENT", 1).get(0);
        String orderId = Api.enrol(self, null, Api.enrolment((String) started.get("code"), "SELF",
                List.of(Api.member(self, "SELF")))).statusCode(201).extract().path("orderId");
        // Paid today (Asia/Shanghai), on or after coverageStarts → today + 30 days.
        Api.notifyPaid(Api.notificationBody(orderId, "WX-" + orderId, "69.00", Api.now()))
                .statusCode(200).body("policies[0].benefitsFrom", equalTo(Api.today().plusDays(30).toString()));
    }

    @Test
    void idempotencyKeyReplaysTheFirstAnswer() {
        String self = Api.activePeople(region, "RESIDENT", 1).get(0);
        Map<String, Object> body = Api.enrolment(plan, "SELF", List.of(Api.member(self, "SELF")));
        String first = Api.enrol(self, "same-key", body).statusCode(201).extract().path("orderId");
        String again = Api.enrol(self, "same-key", body).statusCode(201).extract().path("orderId");
        assertThat(again).isEqualTo(first);
        assertThat(ordersOf(self)).isEqualTo(1);
        Map<String, Object> other = Api.enrolment(plan, "PERSONAL_ACCOUNT", List.of(Api.member(self, "SELF")));
        Api.enrol(self, "same-key", other).statusCode(409).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        // Another key: the person is already enrolled.
        Api.enrol(self, "other-key", body).statusCode(409).body("code", equalTo("ALREADY_ENROLLED"));
        assertThat(ordersOf(self)).isEqualTo(1);
    }

    @Test
    void refusesPeopleWithoutARecordOrTerminatedButASuspendedMemberMayEnrol() {
        String payer = Api.activePeople(region, "RESIDENT", 1).get(0);
        String unknown = Ids.next(region);
        refused(Api.enrol(payer, null, Api.enrolment(plan, "SELF",
                List.of(Api.member(payer, "SELF"), Api.member(unknown, "SPOUSE")))), 422, "NOT_ELIGIBLE", payer, payer, unknown);
        String terminated = Ids.next(region);
        Api.pushParticipants(List.of(Api.participant(terminated, region, "RESIDENT", "TERMINATED", 1))).statusCode(200);
        refused(Api.enrol(terminated, null, Api.enrolment(plan, "SELF", List.of(Api.member(terminated, "SELF")))),
                422, "NOT_ELIGIBLE", terminated, terminated);
        // 002 covers every basic-insurance member: one in arrears enrols, and their benefits wait for basic insurance.
        String suspended = Ids.next(region);
        Api.pushParticipants(List.of(Api.participant(suspended, region, "RESIDENT", "SUSPENDED", 1))).statusCode(200);
        Api.enrol(suspended, null, Api.enrolment(plan, "SELF", List.of(Api.member(suspended, "SELF")))).statusCode(201);
    }

    @Test
    void refusesPeopleOutsideTheRegion() {
        String yichun = Api.activePeople("360902", "RESIDENT", 1).get(0);
        refused(Api.enrol(yichun, null, Api.enrolment(plan, "SELF", List.of(Api.member(yichun, "SELF")))),
                422, "NOT_IN_REGION", yichun, yichun);
        // A city plan 360900 covers 3609xx but not 3610xx.
        String cityPlan = Api.uniqueCode("YC");
        Api.createPlan(Api.plan(cityPlan, "360900")).statusCode(201);
        Api.enrol(yichun, null, Api.enrolment(cityPlan, "SELF", List.of(Api.member(yichun, "SELF")))).statusCode(201);
        String fuzhou = Api.activePeople("361002", "RESIDENT", 1).get(0);
        refused(Api.enrol(fuzhou, null, Api.enrolment(cityPlan, "SELF", List.of(Api.member(fuzhou, "SELF")))),
                422, "NOT_IN_REGION", fuzhou, fuzhou);
    }

    @Test
    void refusesOutsideTheWindow() {
        Map<String, Object> closed = Api.plan(Api.uniqueCode("CLOSED"), Api.region());
        closed.put("enrolmentOpens", Api.today().minusDays(60).toString());
        closed.put("enrolmentCloses", Api.today().minusDays(1).toString());
        Api.createPlan(closed).statusCode(201);
        String self = Api.activePeople(region, "RESIDENT", 1).get(0);
        refused(Api.enrol(self, null, Api.enrolment((String) closed.get("code"), "SELF", List.of(Api.member(self, "SELF")))),
                422, "ENROLMENT_CLOSED", self, self);
        Map<String, Object> future = Api.plan(Api.uniqueCode("FUT"), Api.region());
        future.put("enrolmentOpens", Api.today().plusDays(1).toString());
        Api.createPlan(future).statusCode(201);
        refused(Api.enrol(self, null, Api.enrolment((String) future.get("code"), "SELF", List.of(Api.member(self, "SELF")))),
                422, "ENROLMENT_CLOSED", self, self);
    }

    @Test
    void refusesWithoutConsent() {
        List<String> ids = Api.activePeople(region, "RESIDENT", 2);
        Map<String, Object> child = Api.member(ids.get(1), "CHILD");
        child.put("consent", false);
        refused(Api.enrol(ids.get(0), null, Api.enrolment(plan, "SELF", List.of(Api.member(ids.get(0), "SELF"), child))),
                422, "CONSENT_REQUIRED", ids.get(0), ids.toArray(String[]::new));
        child.remove("consent");
        refused(Api.enrol(ids.get(0), null, Api.enrolment(plan, "SELF", List.of(Api.member(ids.get(0), "SELF"), child))),
                422, "CONSENT_REQUIRED", ids.get(0), ids.toArray(String[]::new));
    }

    @Test
    void personalAccountOnlyForEmployeesAndCloseFamily() {
        String resident = Api.activePeople(region, "RESIDENT", 1).get(0);
        refused(Api.enrol(resident, null, Api.enrolment(plan, "PERSONAL_ACCOUNT", List.of(Api.member(resident, "SELF")))),
                422, "PAYER_NOT_EMPLOYEE", resident, resident);
        List<String> family = Api.activePeople(region, "EMPLOYEE", 2);
        refused(Api.enrol(family.get(0), null, Api.enrolment(plan, "PERSONAL_ACCOUNT",
                List.of(Api.member(family.get(0), "SELF"), Api.member(family.get(1), "SIBLING")))),
                422, "RELATION_NOT_ALLOWED", family.get(0), family.toArray(String[]::new));
        // Spouse, child and parent are allowed when the bureau holds the binding (家庭共济绑定), with that relation.
        List<String> close = Api.activePeople(region, "RESIDENT", 3);
        refused(Api.enrol(family.get(0), null, Api.enrolment(plan, "PERSONAL_ACCOUNT",
                List.of(Api.member(family.get(0), "SELF"), Api.member(close.get(0), "SPOUSE")))),
                422, "RELATION_NOT_VERIFIED", family.get(0), family.get(0), close.get(0));
        Map<String, Object> employee = Api.participant(family.get(0), region, "EMPLOYEE", "ACTIVE", 2);
        employee.put("familyBindings", List.of(Map.of("idNumber", close.get(0), "relation", "SPOUSE"),
                Map.of("idNumber", close.get(1), "relation", "CHILD"), Map.of("idNumber", close.get(2), "relation", "PARENT")));
        Api.pushParticipants(List.of(employee)).statusCode(200).body("applied", equalTo(1));
        // Bound, but as a child, not a spouse: a declared relation is never taken on trust.
        refused(Api.enrol(family.get(0), null, Api.enrolment(plan, "PERSONAL_ACCOUNT",
                List.of(Api.member(family.get(0), "SELF"), Api.member(close.get(1), "SPOUSE")))),
                422, "RELATION_NOT_VERIFIED", family.get(0), family.get(0), close.get(1));
        String orderId = Api.enrol(family.get(0), null, Api.enrolment(plan, "PERSONAL_ACCOUNT", List.of(
                Api.member(family.get(0), "SELF"), Api.member(close.get(0), "SPOUSE"), Api.member(close.get(1), "CHILD"),
                Api.member(close.get(2), "PARENT")))).statusCode(201).body("amount", equalTo(276.00f))
                .extract().path("orderId");
        assertThat(Db.count(pool, "SELECT count(*) FROM personal_account_deduction WHERE order_id = $1::uuid AND amount = 276.00",
                orderId)).isEqualTo(1);
    }

    @Test
    void refusesASecondPolicyOfTheSamePlan() {
        String self = Api.activePeople(region, "RESIDENT", 1).get(0);
        Api.enrol(self, null, Api.enrolment(plan, "SELF", List.of(Api.member(self, "SELF")))).statusCode(201);
        String payer = Api.activePeople(region, "RESIDENT", 1).get(0);
        refused(Api.enrol(payer, null, Api.enrolment(plan, "SELF", List.of(Api.member(payer, "SELF"),
                Api.member(self, "SPOUSE")))), 409, "ALREADY_ENROLLED", payer, payer);
        assertThat(policiesOf(self)).isEqualTo(1);
    }

    @Test
    void refusesUnknownPlansBadIdsAndDuplicates() {
        String self = Api.activePeople(region, "RESIDENT", 1).get(0);
        refused(Api.enrol(self, null, Api.enrolment("NO-SUCH-PLAN", "SELF", List.of(Api.member(self, "SELF")))),
                404, "PLAN_NOT_FOUND", self, self);
        refused(Api.enrol(self, null, Api.enrolment(plan, "SELF", List.of(Api.member(Ids.withBadCheck(self), "SELF")))),
                422, "INVALID_ID_NUMBER", self, self);
        refused(Api.enrol(self, null, Api.enrolment(plan, "SELF", List.of(Api.member(self, "SELF"), Api.member(self, "CHILD")))),
                422, "DUPLICATE_MEMBER", self, self);
        refused(Api.enrol(self, null, Api.enrolment(plan, "ORGANISATION", List.of(Api.member(self, "SELF")))),
                422, "PAYER_NOT_ALLOWED", self, self);
    }

    @Test
    void onlyInsuredTokensWithAnIdentityMayEnrol() {
        Map<String, Object> body = Api.enrolment(plan, "SELF", List.of(Api.member(Ids.next(region), "SELF")));
        Api.as(Tokens.hospital("H1")).body(body).post("/api/v1/enrolments").then().statusCode(403);
        Api.as(Tokens.SIGNER.sign("anon", "insured", Map.of())).body(body).post("/api/v1/enrolments").then()
                .statusCode(403).body("code", equalTo("MISSING_IDENTITY_CLAIM"));
        io.restassured.RestAssured.given().get("/api/v1/me/policies").then().statusCode(401);
    }
}
