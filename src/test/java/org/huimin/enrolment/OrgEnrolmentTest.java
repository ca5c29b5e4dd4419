package org.huimin.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.HashMap;
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
import io.vertx.mutiny.sqlclient.Pool;

/** Group enrolment by employers, schools, villages and charities. */
@QuarkusTest
class OrgEnrolmentTest {

    /** Each test's own region: plans of one region may not overlap. */
    private final String region = Api.region();

    @Inject
    Pool pool;

    private String plan;

    @BeforeEach
    void openPlan() {
        plan = Api.uniqueCode("ORG");
        Api.createPlan(Api.plan(plan, region)).statusCode(201);
    }

    private static Map<String, Object> member(String id, Boolean consent, Boolean guardian) {
        Map<String, Object> member = new HashMap<>();
        member.put("idNumber", id);
        member.put("name", Api.nameOf(id));
        member.put("consent", consent);
        member.put("guardianConsent", guardian);
        return member;
    }

    @Test
    void schoolNeedsEachGuardiansConsent() {
        List<String> students = Api.activePeople(region, "RESIDENT", 3);
        String outsider = Api.activePeople("360902", "RESIDENT", 1).get(0);
        List<Map<String, Object>> members = new ArrayList<>(List.of(member(students.get(0), true, true),
                member(students.get(1), true, false), member(students.get(2), true, null), member(outsider, true, true),
                member(Ids.withBadCheck(students.get(0)), true, true)));
        Api.as(Tokens.org("S001", "SCHOOL")).header("Idempotency-Key", "school-" + plan)
                .body(Map.of("plan", plan, "members", members)).post("/api/v1/org/enrolments").then()
                .statusCode(201)
                .body("amount", equalTo(69.00f))
                .body("accepted", hasSize(1))
                .body("accepted[0].idNumber", equalTo(students.get(0)))
                .body("refused", hasSize(4))
                .body("refused[0].index", equalTo(1))
                .body("refused[0].code", equalTo("GUARDIAN_CONSENT_REQUIRED"))
                .body("refused[1].code", equalTo("GUARDIAN_CONSENT_REQUIRED"))
                .body("refused[2].code", equalTo("NOT_IN_REGION"))
                .body("refused[3].code", equalTo("INVALID_ID_NUMBER"));
        assertThat(Db.count(pool, "SELECT count(*) FROM policy WHERE id_number = $1", students.get(1))).isZero();
        // A replay with the same key returns the first answer and writes nothing.
        Api.as(Tokens.org("S001", "SCHOOL")).header("Idempotency-Key", "school-" + plan)
                .body(Map.of("plan", plan, "members", members)).post("/api/v1/org/enrolments").then()
                .statusCode(201).body("accepted", hasSize(1));
        assertThat(Db.count(pool, "SELECT count(*) FROM enrolment_order WHERE payer_org_code = 'S001' AND plan_id = "
                + "(SELECT id FROM plan WHERE code = $1)", plan)).isEqualTo(1);
    }

    @Test
    void employerNeedsNoGuardianButEachMembersConsent() {
        List<String> staff = Api.activePeople(region, "EMPLOYEE", 2);
        Api.as(Tokens.org("E001", "EMPLOYER")).body(Map.of("plan", plan, "members",
                        List.of(member(staff.get(0), true, null), member(staff.get(1), false, null))))
                .post("/api/v1/org/enrolments").then().statusCode(201)
                .body("accepted", hasSize(1)).body("refused[0].code", equalTo("CONSENT_REQUIRED"));
    }

    @Test
    void noMemberAcceptedIsRefusedWhole() {
        String student = Api.activePeople(region, "RESIDENT", 1).get(0);
        Api.as(Tokens.org("S002", "SCHOOL")).body(Map.of("plan", plan, "members", List.of(member(student, true, false))))
                .post("/api/v1/org/enrolments").then().statusCode(422)
                .body("code", equalTo("NO_MEMBER_ACCEPTED")).body("refused[0].code", equalTo("GUARDIAN_CONSENT_REQUIRED"));
        assertThat(Db.count(pool, "SELECT count(*) FROM enrolment_order WHERE payer_org_code = 'S002'")).isZero();
    }

    @Test
    void alreadyEnrolledMembersAreRefusedNotFailed() {
        List<String> people = Api.activePeople(region, "RESIDENT", 2);
        Api.enrol(people.get(0), null, Api.enrolment(plan, "SELF", List.of(Api.member(people.get(0), "SELF")))).statusCode(201);
        Api.as(Tokens.org("C001", "CHARITY")).body(Map.of("plan", plan, "members",
                        List.of(member(people.get(0), true, null), member(people.get(1), true, null))))
                .post("/api/v1/org/enrolments").then().statusCode(201)
                .body("accepted[0].idNumber", equalTo(people.get(1)))
                .body("refused[0].code", equalTo("ALREADY_ENROLLED"));
    }

    @Test
    void tokenMustNameAKnownOrganisationType() {
        Api.as(Tokens.org("X", "SHOP")).body(Map.of("plan", plan, "members", List.of(member(Ids.next(region), true, true))))
                .post("/api/v1/org/enrolments").then().statusCode(403).body("code", equalTo("INVALID_IDENTITY"));
    }
}
