package org.huimin.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.huimin.devtools.EmbeddedDatabase;
import org.huimin.support.Api;
import org.huimin.support.Concurrently;
import org.huimin.support.Db;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.awaitility.Awaitility;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Correctness under simultaneous requests against the real database: the unique index and the idempotency key
 * decide, not a read-then-write in the service.
 */
@QuarkusTest
class EnrolmentConcurrencyTest {

    /** Each test's own region: plans of one region may not overlap. */
    private final String region = Api.region();

    @Inject
    Pool pool;

    private String plan;

    @BeforeEach
    void openPlan() {
        plan = Api.uniqueCode("CC");
        Api.createPlan(Api.plan(plan, region)).statusCode(201);
    }

    @Test
    void fiftySimultaneousEnrolmentsWithDifferentKeysGiveOnePolicy() {
        String self = Api.activePeople(region, "RESIDENT", 1).get(0);
        Map<String, Object> body = Api.enrolment(plan, "SELF", List.of(Api.member(self, "SELF")));
        List<Integer> statuses = Concurrently.run(50, i -> Api.enrol(self, "key-" + i, body).extract().statusCode());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(49);
        assertThat(Db.count(pool, "SELECT count(*) FROM policy WHERE id_number = $1", self)).isEqualTo(1);
        assertThat(Db.count(pool, "SELECT count(*) FROM enrolment_order WHERE payer_id_number = $1", self)).isEqualTo(1);
    }

    @Test
    void fiftySimultaneousEnrolmentsWithOneKeyReplayOneAnswer() {
        String self = Api.activePeople(region, "RESIDENT", 1).get(0);
        Map<String, Object> body = Api.enrolment(plan, "SELF", List.of(Api.member(self, "SELF")));
        List<ExtractableResponse<Response>> answers = Concurrently.run(50, i -> Api.enrol(self, "one-key", body).extract());
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(201));
        assertThat(answers.stream().map(a -> (String) a.path("orderId")).distinct()).hasSize(1);
        assertThat(Db.count(pool, "SELECT count(*) FROM policy WHERE id_number = $1", self)).isEqualTo(1);
    }

    @Test
    void fiftySimultaneousNotificationsActivateOnce() {
        List<String> family = Api.activePeople(region, "RESIDENT", 3);
        String orderId = Api.enrol(family.get(0), null, Api.enrolment(plan, "SELF", List.of(Api.member(family.get(0), "SELF"),
                Api.member(family.get(1), "SPOUSE"), Api.member(family.get(2), "CHILD")))).statusCode(201)
                .extract().path("orderId");
        String body = Api.notificationBody(orderId, "WX-" + orderId, "207.00", Api.now());
        List<ExtractableResponse<Response>> answers = Concurrently.run(50, i -> Api.notifyPaid(body).extract());
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(200));
        assertThat(answers.stream().map(a -> a.path("policies.policyNumber").toString()).distinct()).hasSize(1);
        assertThat(Db.count(pool, "SELECT count(*) FROM policy WHERE order_id = $1::uuid AND status = 'ACTIVE'", orderId))
                .isEqualTo(3);
        assertThat(Db.count(pool, "SELECT count(DISTINCT tax_code) FROM policy WHERE order_id = $1::uuid", orderId))
                .isEqualTo(3);
    }

    /**
     * The family enrolment sends its writes with {@code COMMIT} (two round trips), so "a member's policy appeared
     * between the reads and the writes" is decided by PostgreSQL, not by Java: another instance's enrolment of the
     * spouse, not yet committed when the service reads, commits while the service's policy insert waits on it. The
     * insert fails on the partial unique index, the COMMIT behind it rolls back, and the family is refused: no order,
     * no payer's policy, no stored answer, no audit record of it.
     */
    @Test
    void aPolicyCommittedBetweenTheReadsAndTheWritesRefusesTheWholeFamilyAndWritesNothing() throws Exception {
        List<String> people = Api.activePeople(region, "RESIDENT", 2);
        String payer = people.get(0);
        String spouse = people.get(1);
        Map<String, Object> body = Api.enrolment(plan, "SELF", List.of(Api.member(payer, "SELF"), Api.member(spouse, "SPOUSE")));
        UUID otherOrder = UUID.randomUUID();
        long auditedBefore = Db.count(pool, "SELECT coalesce(max(id), 0) FROM audit_record");
        try (Connection other = Db.connect(EmbeddedDatabase.OWNER)) {
            other.setAutoCommit(false);
            try (PreparedStatement order = other.prepareStatement("""
                    INSERT INTO enrolment_order (id, plan_id, payer_type, payer_id_number, amount, status, created_at, expires_at)
                    SELECT ?, id, 'SELF', ?, premium, 'PENDING_PAYMENT', now(), now() + interval '2 hours'
                      FROM plan WHERE code = ?""");
                    PreparedStatement policy = other.prepareStatement("""
                    INSERT INTO policy (order_id, plan_id, id_number, name, relation, status, premium, consent_at, created_at)
                    SELECT ?, id, ?, 'x', 'SELF', 'PENDING_PAYMENT', premium, now(), now() FROM plan WHERE code = ?""")) {
                order.setObject(1, otherOrder);
                order.setString(2, spouse);
                order.setString(3, plan);
                assertThat(order.executeUpdate()).isEqualTo(1);
                policy.setObject(1, otherOrder);
                policy.setString(2, spouse);
                policy.setString(3, plan);
                assertThat(policy.executeUpdate()).isEqualTo(1);
            }
            CompletableFuture<ExtractableResponse<Response>> answer = CompletableFuture
                    .supplyAsync(() -> Api.enrol(payer, "race-key", body).extract());
            // The service has read (the spouse was free) and its policy insert now waits on the other transaction.
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Db.count(pool, """
                    SELECT count(*) FROM pg_stat_activity
                     WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO policy%'""") == 1);
            other.commit();
            ExtractableResponse<Response> refused = answer.get(30, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.jsonPath().getString("code")).isEqualTo("ALREADY_ENROLLED");
        }
        assertThat(Db.count(pool, "SELECT count(*) FROM enrolment_order WHERE payer_id_number = $1", payer)).isZero();
        assertThat(Db.count(pool, "SELECT count(*) FROM policy WHERE id_number = $1", payer)).isZero();
        assertThat(Db.count(pool, "SELECT count(*) FROM policy WHERE id_number = $1", spouse)).isEqualTo(1);
        assertThat(Db.count(pool, "SELECT count(*) FROM idempotency_record WHERE caller = $1", "insured:" + payer)).isZero();
        assertThat(Db.count(pool, "SELECT count(*) FROM audit_record WHERE id > $1 AND action = 'ENROLMENT' "
                + "AND outcome = 'PENDING_PAYMENT members=2'", auditedBefore)).isZero();
        // Refusals are not stored: the retry with the same key is evaluated again, and refused again.
        Api.enrol(payer, "race-key", body).statusCode(409);
        Api.enrol(payer, "race-key-2", Api.enrolment(plan, "SELF", List.of(Api.member(payer, "SELF")))).statusCode(201);
    }

    /** An organisation's list, sent twenty times at once with one key: one order, one answer. */
    @Test
    void twentySimultaneousOrgEnrolmentsWithOneKeyReplayOneAnswer() {
        List<String> staff = Api.activePeople(region, "EMPLOYEE", 3);
        List<Map<String, Object>> members = staff.stream()
                .map(id -> Map.<String, Object>of("idNumber", id, "name", Api.nameOf(id), "consent", true)).toList();
        String org = "K" + plan;
        List<ExtractableResponse<Response>> answers = Concurrently.run(20, i -> Api.as(Tokens.org(org, "EMPLOYER"))
                .header("Idempotency-Key", "one-list").body(Map.of("plan", plan, "members", members))
                .post("/api/v1/org/enrolments").then().extract());
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(201));
        assertThat(answers.stream().map(ExtractableResponse::asString).distinct()).hasSize(1);
        assertThat(answers.get(0).jsonPath().getList("accepted")).hasSize(3);
        assertThat(Db.count(pool, "SELECT count(*) FROM enrolment_order WHERE payer_org_code = $1", org)).isEqualTo(1);
        assertThat(Db.count(pool, "SELECT count(*) FROM idempotency_record WHERE caller = $1 AND status = 1", "org:" + org))
                .isEqualTo(1);
    }
}
