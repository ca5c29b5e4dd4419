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
}
