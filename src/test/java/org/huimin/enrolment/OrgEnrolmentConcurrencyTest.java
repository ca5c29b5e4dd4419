package org.huimin.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.huimin.support.Api;
import org.huimin.support.Concurrently;
import org.huimin.support.Db;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Two organisations submitting overlapping lists in opposite orders used to deadlock (members were inserted in request
 * order) and answer 500. Members are now inserted in ID-number order, and a deadlock or serialisation failure is run
 * again: 20 rounds of two 2,000-member lists in reverse order, never a 500, never a person enrolled twice.
 */
@QuarkusTest
class OrgEnrolmentConcurrencyTest {

    @Inject
    Pool pool;

    @Test
    void twoOverlappingListsInOppositeOrdersNeverDeadlock() {
        String region = Api.region();
        String plan = Api.uniqueCode("DL");
        Api.createPlan(Api.plan(plan, region)).statusCode(201);
        List<String> people = Api.activePeople(region, "RESIDENT", 2000);
        List<Map<String, Object>> forward = new ArrayList<>();
        for (String id : people) {
            forward.add(Map.of("idNumber", id, "name", Api.nameOf(id), "consent", true));
        }
        List<Map<String, Object>> backward = new ArrayList<>(forward);
        Collections.reverse(backward);
        for (int round = 0; round < 20; round++) {
            List<ExtractableResponse<Response>> answers = Concurrently.run(2, i -> Api.as(Tokens.org("DL-" + i, "EMPLOYER"))
                    .body(Map.of("plan", plan, "members", i == 0 ? forward : backward))
                    .post("/api/v1/org/enrolments").then().extract());
            assertThat(answers).extracting(ExtractableResponse::statusCode).as("round " + round)
                    .allMatch(status -> status == 201 || status == 422);
            long accepted = answers.stream().filter(a -> a.statusCode() == 201)
                    .mapToLong(a -> a.jsonPath().getList("accepted").size()).sum();
            assertThat(accepted).as("every person enrolled once, by one of the two").isEqualTo(2000);
            // Both withdraw, so that the next round starts from free people.
            for (int i = 0; i < 2; i++) {
                if (answers.get(i).statusCode() == 201) {
                    Api.as(Tokens.org("DL-" + i, "EMPLOYER"))
                            .post("/api/v1/enrolments/" + answers.get(i).path("orderId") + "/cancellation").then().statusCode(200);
                }
            }
        }
        assertThat(Db.count(pool, "SELECT count(*) FROM (SELECT id_number FROM policy WHERE status IN ('PENDING_PAYMENT', "
                + "'ACTIVE') GROUP BY plan_id, id_number HAVING count(*) > 1) twice")).isZero();
    }
}
