package org.huimin.basicbenefit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.huimin.support.Api;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The calculator over HTTP: API.md's example to the field, the roles, and its refusals. */
@QuarkusTest
class BasicBenefitResourceTest {

    private static final String PATH = "/api/v1/bureau/rules/basic-benefits";

    @Test
    void apiMdsExampleAnswersAsApiMdSays() {
        Api.as(Tokens.insured("210102199003071233")).body(BasicBenefitResource.LATE_AFTER_BREAK).post(PATH).then()
                .statusCode(200)
                .body("criticalIllnessCap", equalTo(400000.00f))
                .body("capIncrements.continuous", equalTo(0.00f))
                .body("capIncrements.zeroReimbursement", equalTo(0.00f))
                .body("waitingMonths.fixed", equalTo(3))
                .body("waitingMonths.variable", equalTo(4))
                .body("waitingMonths.total", equalTo(7))
                .body("benefitsFrom", equalTo("2026-10-15"))
                .body("explanation.size()", org.hamcrest.Matchers.greaterThan(2));
        for (String token : new String[] {Tokens.bureau(), Tokens.hospital("H1"), Tokens.operator()}) {
            Api.as(token).body(BasicBenefitResource.LATE_AFTER_BREAK).post(PATH).then().statusCode(200);
        }
        Api.as(Tokens.insurer("PICC")).body(BasicBenefitResource.LATE_AFTER_BREAK).post(PATH).then().statusCode(403);
    }

    @Test
    void aSeventhYearAndAnAssistedPerson() {
        Api.as(Tokens.bureau()).body("""
                {"insuranceType":"RESIDENT","planYear":2026,"consecutiveYears":7,"zeroReimbursementYears":2,
                 "assistanceFunded":false,"exempt":false,"enrolledInCollectionPeriod":true,"breakYears":0,
                 "repaidYears":0,"paidOn":"2025-10-20"}""").post(PATH).then().statusCode(200)
                .body("criticalIllnessCap", equalTo(420000.00f)).body("waitingMonths.total", equalTo(0))
                .body("benefitsFrom", equalTo("2025-10-20"));
        Api.as(Tokens.bureau()).body("""
                {"insuranceType":"RESIDENT","planYear":2026,"consecutiveYears":7,"assistanceFunded":true,
                 "enrolledInCollectionPeriod":true,"paidOn":"2025-10-20"}""").post(PATH).then().statusCode(200)
                .body("criticalIllnessCap", nullValue());
    }

    @Test
    void refusals() {
        Api.as(Tokens.bureau()).body("{\"insuranceType\":\"EMPLOYEE\",\"planYear\":2026}").post(PATH).then()
                .statusCode(422).body("code", equalTo("RULES_NOT_APPLICABLE"));
        Api.as(Tokens.bureau()).body("{\"insuranceType\":\"RESIDENT\",\"planYear\":2026,\"breakYears\":2,"
                + "\"repaidYears\":3,\"paidOn\":\"2026-03-15\"}").post(PATH).then().statusCode(422)
                .body("code", equalTo("INCONSISTENT_INPUT"));
        Api.as(Tokens.bureau()).body("{\"insuranceType\":\"RESIDENT\",\"planYear\":2026,\"consecutiveYears\":-1,"
                + "\"paidOn\":\"2026-03-15\"}").post(PATH).then().statusCode(422).body("code", equalTo("INCONSISTENT_INPUT"));
        Api.as(Tokens.bureau()).body("{\"insuranceType\":\"RESIDENT\",\"planYear\":2026,\"breakYears\":2,"
                + "\"consecutiveYears\":4,\"paidOn\":\"2026-03-15\"}").post(PATH).then().statusCode(422)
                .body("code", equalTo("INCONSISTENT_INPUT"));
        Api.as(Tokens.bureau()).body("{\"insuranceType\":\"FARMER\",\"paidOn\":\"2026-03-15\"}").post(PATH).then()
                .statusCode(400);
        Api.as(Tokens.bureau()).body("{\"insuranceType\":\"RESIDENT\",\"planYear\":2026,\"breakYears\":2000000000,"
                + "\"paidOn\":\"2026-03-15\"}").post(PATH).then().statusCode(400);
        Api.as(Tokens.bureau()).body("{\"insuranceType\":\"RESIDENT\",\"planYear\":2026}").post(PATH).then()
                .statusCode(400).body("errors[0].field", equalTo("paidOn"));
        Api.as(Tokens.bureau()).body("{\"insuranceType\":\"RESIDENT\",\"paidOn\":\"999999-01-01\"}").post(PATH).then()
                .statusCode(400);
    }
}
