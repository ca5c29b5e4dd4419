package org.huimin.plan;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.huimin.support.Api;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class PlanResourceTest {

    @Test
    void createsAndReadsAPlanPublicly() {
        String code = Api.uniqueCode("LN");
        String region = Api.region();
        Map<String, Object> plan = Api.plan(code, region);
        Api.createPlan(plan).statusCode(201)
                .body("code", equalTo(code))
                .body("premium", equalTo(69.00f))
                .body("liabilities.code", contains("IN_POLICY", "OUT_OF_POLICY"))
                .body("termsLocked", equalTo(true));
        given().get("/api/v1/plans/" + code).then().statusCode(200)
                .body("deductibles.MAIN", equalTo(20000.00f))
                .body("insurers[0].code", equalTo("PICC"));
        given().queryParam("region", region).get("/api/v1/plans").then().statusCode(200)
                .body("code", hasItem(code));
    }

    @Test
    void duplicateCodeIsAConflict() {
        Map<String, Object> plan = Api.plan(Api.uniqueCode("DUP"), Api.region());
        Api.createPlan(plan).statusCode(201);
        Api.createPlan(plan).statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("PLAN_CODE_EXISTS"));
    }

    @Test
    void sharesMustSumToExactlyOne() {
        Map<String, Object> plan = Api.plan(Api.uniqueCode("SH"), Api.region());
        plan.put("insurers", List.of(Api.insurer("PICC", "0.40"), Api.insurer("CPIC", "0.35"), Api.insurer("PAIC", "0.24")));
        Api.createPlan(plan).statusCode(422).body("code", equalTo("PLAN_TERMS_INCONSISTENT"))
                .body("errors[0].field", equalTo("insurers"));
        given().get("/api/v1/plans/" + plan.get("code")).then().statusCode(404).body("code", equalTo("PLAN_NOT_FOUND"));
    }

    @Test
    void needsTheOperatorRole() {
        Map<String, Object> plan = Api.plan(Api.uniqueCode("RO"), Api.region());
        given().contentType(ContentType.JSON).body(plan).post("/api/v1/plans").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED"));
        Api.as(Tokens.bureau()).body(plan).post("/api/v1/plans").then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        Api.as("not-a-token").body(plan).post("/api/v1/plans").then().statusCode(401);
    }

    @Test
    void plansOfNestedRegionsMayNotShareACoverageDay() {
        // A province of its own (Hainan, 46) so that no other test's plan is in the way.
        Map<String, Object> province = Api.plan(Api.uniqueCode("HN"), "460000");
        Api.createPlan(province).statusCode(201);
        Map<String, Object> city = Api.plan(Api.uniqueCode("HK"), "460100");
        Api.createPlan(city).statusCode(409).body("code", equalTo("PLAN_OVERLAPS"));
        // The next year does not overlap.
        city.put("coverageStarts", java.time.LocalDate.parse((String) province.get("coverageEnds")).plusDays(1).toString());
        city.put("coverageEnds", java.time.LocalDate.parse((String) province.get("coverageEnds")).plusDays(365).toString());
        city.put("planYear", java.time.LocalDate.parse((String) city.get("coverageStarts")).getYear());
        Api.createPlan(city).statusCode(201);
        // Nor may a change make them overlap (before enrolment opens, terms may change).
        Map<String, Object> future = Api.plan(Api.uniqueCode("SY"), "460200");
        future.put("enrolmentOpens", Api.today().plusDays(10).toString());
        future.put("coverageStarts", city.get("coverageStarts"));
        future.put("coverageEnds", city.get("coverageEnds"));
        future.put("enrolmentCloses", Api.today().plusDays(30).toString());
        future.put("planYear", city.get("planYear"));
        Api.createPlan(future).statusCode(201);
        future.put("region", "460000");
        Api.as(Tokens.operator()).body(future).put("/api/v1/plans/" + future.get("code")).then().statusCode(409)
                .body("code", equalTo("PLAN_OVERLAPS"));
    }

    @Test
    void twoOverlappingPlansCreatedAtOnceGiveOne() {
        List<Integer> statuses = org.huimin.support.Concurrently.run(10, i -> Api.createPlan(
                Api.plan(Api.uniqueCode("RACE"), "450000")).extract().statusCode());
        org.assertj.core.api.Assertions.assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        org.assertj.core.api.Assertions.assertThat(statuses).filteredOn(s -> s == 409).hasSize(9);
    }

    @Test
    void theEnrolmentWindowIsExtendedOnlyLater() {
        String code = Api.uniqueCode("WIN");
        Map<String, Object> plan = Api.plan(code, Api.region());
        Api.createPlan(plan).statusCode(201);
        java.time.LocalDate closes = java.time.LocalDate.parse((String) plan.get("enrolmentCloses"));
        java.time.LocalDate latest = java.time.LocalDate.parse((String) plan.get("coverageEnds")).minusDays(30);
        String path = "/api/v1/plans/" + code + "/enrolment-window";
        Api.as(Tokens.operator()).body(Map.of("enrolmentCloses", closes.plusDays(10).toString())).patch(path).then()
                .statusCode(200).body("enrolmentCloses", equalTo(closes.plusDays(10).toString()))
                .body("premium", equalTo(69.00f));
        given().get("/api/v1/plans/" + code).then().body("enrolmentCloses", equalTo(closes.plusDays(10).toString()));
        // Again the same day: a retry, answered the same.
        Api.as(Tokens.operator()).body(Map.of("enrolmentCloses", closes.plusDays(10).toString())).patch(path).then().statusCode(200);
        Api.as(Tokens.operator()).body(Map.of("enrolmentCloses", closes.toString())).patch(path).then().statusCode(422)
                .body("code", equalTo("WINDOW_NOT_EXTENDABLE"));
        Api.as(Tokens.operator()).body(Map.of("enrolmentCloses", latest.toString())).patch(path).then().statusCode(200);
        Api.as(Tokens.operator()).body(Map.of("enrolmentCloses", latest.plusDays(1).toString())).patch(path).then()
                .statusCode(422).body("code", equalTo("WINDOW_NOT_EXTENDABLE"));
        Api.as(Tokens.bureau()).body(Map.of("enrolmentCloses", latest.toString())).patch(path).then().statusCode(403);
        Api.as(Tokens.operator()).body(Map.of("enrolmentCloses", "2026-02-30")).patch(path).then().statusCode(400);
        Api.as(Tokens.operator()).body(Map.of("enrolmentCloses", latest.toString())).patch("/api/v1/plans/NOPE/enrolment-window")
                .then().statusCode(404).body("code", equalTo("PLAN_NOT_FOUND"));
    }

    @Test
    void termsThatCannotBeTogetherAre422() {
        Map<String, Object> plan = Api.plan(Api.uniqueCode("BAD"), Api.region());
        plan.put("coverageStarts", Api.today().minusDays(31).toString()); // before enrolment opens (today − 30)
        Api.createPlan(plan).statusCode(422).body("code", equalTo("PLAN_TERMS_INCONSISTENT"))
                .body("errors.field", org.hamcrest.Matchers.hasItem("coverageStarts"));
        plan = Api.plan(Api.uniqueCode("BAD"), Api.region());
        plan.put("planYear", 2099);
        Api.createPlan(plan).statusCode(422).body("errors.field", org.hamcrest.Matchers.hasItem("planYear"));
        plan = Api.plan(Api.uniqueCode("BAD"), Api.region());
        plan.put("enrolmentCloses", java.time.LocalDate.parse((String) plan.get("coverageEnds")).plusDays(1).toString());
        Api.createPlan(plan).statusCode(422).body("errors.field", org.hamcrest.Matchers.hasItem("enrolmentCloses"));
    }
}
