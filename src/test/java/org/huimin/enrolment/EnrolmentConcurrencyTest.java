package org.huimin.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.huimin.support.Api;
import org.huimin.support.Concurrently;
import org.huimin.support.Db;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
}
