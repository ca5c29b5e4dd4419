package org.huimin.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.oneOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.huimin.support.Api;
import org.huimin.support.Ids;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Whatever a client sends, the answer is a problem+json 4xx, never a 500. */
@QuarkusTest
class BadInputTest {

    /** Each test's own region: plans of one region may not overlap. */
    private final String region = Api.region();

    private static final String PROBLEM = "application/problem+json";

    private static void badRequest(String token, String method, String path, String body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        var response = "PUT".equals(method) ? request.put(path) : request.post(path);
        response.then().statusCode(oneOf(400, 422)).contentType(PROBLEM).body("code", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void malformedJsonAndWrongTypes() {
        String operator = Tokens.operator();
        badRequest(operator, "POST", "/api/v1/plans", "{not json");
        badRequest(operator, "POST", "/api/v1/plans", "[]");
        badRequest(operator, "POST", "/api/v1/plans", "");
        badRequest(operator, "POST", "/api/v1/plans", "{\"code\": 12, \"premium\": \"69.00\"}");
        String insured = Tokens.insured(Ids.next(region));
        badRequest(insured, "POST", "/api/v1/enrolments", "{\"plan\":\"X\",\"payer\":\"CASH\",\"members\":[]}");
        badRequest(insured, "POST", "/api/v1/enrolments", "{\"plan\":\"X\",\"payer\":\"SELF\",\"members\":[{\"idNumber\":1}]}");
        badRequest(insured, "POST", "/api/v1/enrolments", "{\"plan\":\"X\",\"payer\":\"SELF\",\"members\":"
                + "[{\"idNumber\":\"x\",\"name\":\"n\",\"relation\":\"COUSIN\",\"consent\":true}]}");
        badRequest(insured, "POST", "/api/v1/enrolments", "{\"plan\":\"X\",\"payer\":\"SELF\",\"members\":"
                + "[{\"idNumber\":\"x\",\"name\":\"n\",\"relation\":\"SELF\",\"consent\":\"yes\"}]}");
        given().auth().oauth2(insured).contentType(ContentType.JSON)
                .body("{\"plan\":\"X\",\"payer\":\"CASH\",\"members\":[]}").post("/api/v1/enrolments").then()
                .statusCode(400).body("errors.field", hasItem("payer"));
    }

    @Test
    void moneyOutOfShape() {
        String operator = Tokens.operator();
        for (Object premium : List.of("69.001", "-1", "1e400", "99999999999999999999.00", "\"69.00\"", "null", "true")) {
            String body = plan().replace("\"premium\":69.00", "\"premium\":" + premium);
            badRequest(operator, "POST", "/api/v1/plans", body);
        }
        String hospital = Tokens.hospital("HBAD");
        String settlement = "{\"settlementId\":\"S1\",\"idNumber\":\"" + Ids.next(region) + "\",\"careType\":\"INPATIENT\","
                + "\"admissionDate\":\"2026-03-01\",\"dischargeDate\":\"2026-03-10\",\"totalAmount\":AMOUNT,"
                + "\"basicFundPaid\":0,\"criticalIllnessPaid\":0,\"medicalAssistancePaid\":0,\"otherFundPaid\":0,"
                + "\"inPolicySelfPay\":AMOUNT,\"outOfPolicySelfPay\":0,\"overLimitSelfPay\":0}";
        for (String amount : List.of("100.001", "-100.00", "1e1000000000", "\"100\"", "1e-1000000000", "NaN")) {
            badRequest(hospital, "POST", "/api/v1/hospital/settlements", settlement.replace("AMOUNT", amount));
            badRequest(hospital, "POST", "/api/v1/hospital/settlements/trial", settlement.replace("AMOUNT", amount));
        }
        badRequest(hospital, "POST", "/api/v1/hospital/settlements",
                settlement.replace("AMOUNT", "100.00").replace("\"INPATIENT\"", "\"SPA\""));
        badRequest(hospital, "POST", "/api/v1/hospital/settlements",
                settlement.replace("AMOUNT", "100.00").replace("\"2026-03-01\"", "\"2026-02-30\""));
        badRequest(hospital, "POST", "/api/v1/hospital/settlements", "{\"settlementId\":\"S2\"}");
    }

    @Test
    void hugeBodies() {
        List<Map<String, Object>> members = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            members.add(Map.of("idNumber", "210102199003071233", "name", "n", "relation", "SELF", "consent", true));
        }
        given().auth().oauth2(Tokens.insured(Ids.next(region))).contentType(ContentType.JSON)
                .body(Map.of("plan", "X", "payer", "SELF", "members", members)).post("/api/v1/enrolments").then()
                .statusCode(413).contentType(PROBLEM).body("code", equalTo("BODY_TOO_LARGE"));
        List<Map<String, Object>> orgMembers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            orgMembers.add(Map.of("idNumber", "210102199003071233", "name", "n", "consent", true));
        }
        given().auth().oauth2(Tokens.org("O1", "EMPLOYER")).contentType(ContentType.JSON)
                .body(Map.of("plan", "X", "members", orgMembers)).post("/api/v1/org/enrolments").then()
                .statusCode(400).contentType(PROBLEM).body("errors", org.hamcrest.Matchers.hasSize(1))
                .body("errors[0].field", equalTo("members"));
    }

    @Test
    void unknownPathsMethodsAndMediaTypes() {
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType(PROBLEM).body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(Tokens.operator()).contentType("text/plain").body("x").post("/api/v1/plans").then()
                .statusCode(415).contentType(PROBLEM);
        given().delete("/api/v1/plans/X").then().statusCode(405).contentType(PROBLEM);
        given().queryParam("year", "abc").get("/api/v1/plans").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("year"));
        given().queryParam("region", "21").get("/api/v1/plans").then().statusCode(400).contentType(PROBLEM);
    }

    static String plan() {
        return """
                {"code":"BAD-1","name":"x","region":"650000","planYear":2026,"premium":69.00,
                 "enrolmentOpens":"2025-09-01","enrolmentCloses":"2026-03-31","coverageStarts":"2026-01-01",
                 "coverageEnds":"2026-12-31","lateEnrolmentWaitingDays":30,"coveredCareTypes":["INPATIENT"],
                 "deductibles":{"MAIN":20000.00},
                 "liabilities":[{"code":"IN_POLICY","deductibleGroup":"MAIN","ratio":0.80,"annualCap":1000000.00}],
                 "insurers":[{"code":"PICC","share":1}]}""";
    }

    @Test
    void validPlanBodyIsAccepted() {
        // The baseline of moneyOutOfShape: the same body with a good premium is created, so the 400s above are
        // caused by the premium alone.
        String body = plan().replace("BAD-1", Api.uniqueCode("OK"));
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body(body).post("/api/v1/plans").then()
                .statusCode(201);
    }
}
