package org.huimin.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The published contract lists every path of API.md, each operation with a summary, examples and its errors. */
@QuarkusTest
class OpenApiTest {

    private static final Map<String, List<String>> API_MD = Map.ofEntries(
            Map.entry("/api/v1/plans", List.of("post", "get")),
            Map.entry("/api/v1/plans/{code}", List.of("put", "get")),
            Map.entry("/api/v1/bureau/participants", List.of("put")),
            Map.entry("/api/v1/bureau/personal-account-deductions", List.of("get")),
            Map.entry("/api/v1/bureau/personal-account-deductions/{orderId}/result", List.of("post")),
            Map.entry("/api/v1/bureau/reports/enrolment", List.of("get")),
            Map.entry("/api/v1/bureau/reports/claims", List.of("get")),
            Map.entry("/api/v1/enrolments", List.of("post")),
            Map.entry("/api/v1/me/policies", List.of("get")),
            Map.entry("/api/v1/me/claims", List.of("get")),
            Map.entry("/api/v1/policies/{policyNumber}/cancellation", List.of("post")),
            Map.entry("/api/v1/org/enrolments", List.of("post")),
            Map.entry("/api/v1/payments/notifications", List.of("post")),
            Map.entry("/api/v1/hospital/coverage/{idNumber}", List.of("get")),
            Map.entry("/api/v1/hospital/settlements/trial", List.of("post")),
            Map.entry("/api/v1/hospital/settlements", List.of("post")),
            Map.entry("/api/v1/hospital/settlements/{settlementId}/reversal", List.of("post")),
            Map.entry("/api/v1/hospital/settlements/{settlementId}", List.of("get")),
            Map.entry("/api/v1/hospital/reconciliation", List.of("get")),
            Map.entry("/api/v1/audit/records", List.of("get")),
            Map.entry("/api/v1/audit/verification", List.of("get")));

    @Test
    void everyPathOfTheContractIsDocumentedWithExamples() {
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        assertThat(openapi.getMap("paths").keySet()).doesNotContain("/dev/tokens/{role}");
        List<String> withoutExample = new java.util.ArrayList<>();
        for (var entry : API_MD.entrySet()) {
            for (String method : entry.getValue()) {
                String operation = "paths.'" + entry.getKey() + "'." + method;
                Map<String, Object> op = openapi.getMap(operation);
                assertThat(op).as(operation).isNotNull();
                assertThat((String) op.get("summary")).as(operation + " summary").isNotBlank();
                Map<String, Object> responses = openapi.getMap(operation + ".responses");
                assertThat(responses.keySet()).as(operation + " responses").anyMatch(code -> code.startsWith("2"))
                        .anyMatch(code -> code.startsWith("4"));
                if (!openapi.getString(operation).contains("example")) {
                    withoutExample.add(operation);
                }
            }
        }
        assertThat(withoutExample).as("operations without any example").isEmpty();
        assertThat(openapi.getString("components.securitySchemes")).isNotNull();
    }
}
