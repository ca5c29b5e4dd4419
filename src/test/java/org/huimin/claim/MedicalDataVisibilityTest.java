package org.huimin.claim;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.huimin.support.Api;
import org.huimin.support.Ids;
import org.huimin.support.TestClock;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * DOMAIN.md "Who may see what": one payer buys for themself, their spouse, a child of 10 and a "child" of 25; each has
 * a hospital stay. The payer reads their own and the 10-year-old's claims and balances; of the two adults only the
 * policies (number, status, tax code, benefit start). Each adult reads their own.
 */
@QuarkusTest
class MedicalDataVisibilityTest {

    @Test
    void thePayerOfAnAdultSeesThePolicyNotTheClaims() {
        Map<String, Object> planBody = Api.runningPlan(Api.uniqueCode("VIS"));
        String plan = (String) planBody.get("code");
        String county = (String) planBody.get("region");
        Api.createPlan(planBody).statusCode(201);
        LocalDate today = Api.today();
        String self = Ids.bornOn(county, today.minusYears(40));
        String spouse = Ids.bornOn(county, today.minusYears(38));
        String child = Ids.bornOn(county, today.minusYears(10));
        String grownChild = Ids.bornOn(county, today.minusYears(25));
        Api.pushParticipants(List.of(Api.participant(self, county, "RESIDENT", "ACTIVE", 1),
                Api.participant(spouse, county, "RESIDENT", "ACTIVE", 1), Api.participant(child, county, "RESIDENT", "ACTIVE", 1),
                Api.participant(grownChild, county, "RESIDENT", "ACTIVE", 1))).statusCode(200);
        // Paid five days before coverage started, so every member is covered from its first day.
        java.time.Instant paid = LocalDate.parse((String) planBody.get("coverageStarts")).minusDays(5).atTime(10, 0)
                .atZone(TestClock.SHANGHAI).toInstant();
        String orderId = TestClock.at(paid.minusSeconds(60), () -> Api.enrol(self, null, Api.enrolment(plan, "SELF",
                        List.of(Api.member(self, "SELF"), Api.member(spouse, "SPOUSE"), Api.member(child, "CHILD"),
                                Api.member(grownChild, "CHILD"))))
                .statusCode(201).extract().<String>path("orderId"));
        TestClock.at(paid.plusSeconds(1), () -> Api.notifyPaid(Api.notificationBody(orderId, "TX-" + orderId, "276.00",
                paid.atZone(TestClock.SHANGHAI).toOffsetDateTime().toString())).statusCode(200));

        String hospital = Api.uniqueCode("HVIS");
        String admission = today.minusDays(20).toString();
        for (String person : List.of(self, spouse, child, grownChild)) {
            Api.settle(hospital, Api.settlement(hospital + "-" + person, person, admission, "30000.00", "0.00", "0.00"))
                    .statusCode(201);
        }

        Api.as(Tokens.insured(self)).get("/api/v1/me/claims").then().statusCode(200)
                .body("idNumber", containsInAnyOrder(self, child));
        Api.as(Tokens.insured(self)).get("/api/v1/me/policies").then().statusCode(200)
                .body("", hasSize(4))
                .body("find { it.idNumber == '" + self + "' }.remaining.deductibles.MAIN", equalTo(0.00f))
                .body("find { it.idNumber == '" + child + "' }.remaining.deductibles.MAIN", equalTo(0.00f))
                .body("find { it.idNumber == '" + spouse + "' }.remaining", nullValue())
                .body("find { it.idNumber == '" + spouse + "' }.policyNumber", org.hamcrest.Matchers.notNullValue())
                .body("find { it.idNumber == '" + spouse + "' }.taxCode", org.hamcrest.Matchers.notNullValue())
                .body("find { it.idNumber == '" + spouse + "' }.benefitsFrom", equalTo(planBody.get("coverageStarts")))
                .body("find { it.idNumber == '" + grownChild + "' }.remaining", nullValue());
        // Each adult reads their own claim; the child's token (if the child had one) would read the child's.
        Api.as(Tokens.insured(spouse)).get("/api/v1/me/claims").then().statusCode(200)
                .body("idNumber", equalTo(List.of(spouse)));
        Api.as(Tokens.insured(grownChild)).get("/api/v1/me/claims").then().statusCode(200)
                .body("idNumber", equalTo(List.of(grownChild)));
        Api.as(Tokens.insured(grownChild)).get("/api/v1/me/policies").then().statusCode(200)
                .body("[0].remaining.deductibles.MAIN", equalTo(0.00f));
    }
}
