package org.huimin.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The published contract lists every path of API.md, and each operation carries what a team building against it needs:
 * a summary, a request example when it takes a body, a success answer with an example, and its errors as problem+json
 * with at least one example — every example a real JSON document, not just the word.
 */
@QuarkusTest
class OpenApiTest {

    static final Map<String, List<String>> API_MD = Map.ofEntries(
            Map.entry("/api/v1/plans", List.of("post", "get")),
            Map.entry("/api/v1/plans/{code}", List.of("put", "get")),
            Map.entry("/api/v1/plans/{code}/enrolment-window", List.of("patch")),
            Map.entry("/api/v1/bureau/participants", List.of("put")),
            Map.entry("/api/v1/bureau/personal-account-deductions", List.of("get")),
            Map.entry("/api/v1/bureau/personal-account-deductions/{orderId}/result", List.of("post")),
            Map.entry("/api/v1/bureau/personal-account-refunds", List.of("get")),
            Map.entry("/api/v1/bureau/personal-account-refunds/{refundId}/result", List.of("post")),
            Map.entry("/api/v1/bureau/reports/enrolment", List.of("get")),
            Map.entry("/api/v1/bureau/reports/claims", List.of("get")),
            Map.entry("/api/v1/enrolments", List.of("post")),
            Map.entry("/api/v1/enrolments/{orderId}", List.of("get")),
            Map.entry("/api/v1/enrolments/{orderId}/cancellation", List.of("post")),
            Map.entry("/api/v1/me/policies", List.of("get")),
            Map.entry("/api/v1/me/claims", List.of("get")),
            Map.entry("/api/v1/me/refunds", List.of("get")),
            Map.entry("/api/v1/policies/{policyNumber}/cancellation", List.of("post")),
            Map.entry("/api/v1/org/enrolments", List.of("post")),
            Map.entry("/api/v1/org/refunds", List.of("get")),
            Map.entry("/api/v1/payments/notifications", List.of("post")),
            Map.entry("/api/v1/payments/refund-notifications", List.of("post")),
            Map.entry("/api/v1/refunds", List.of("get")),
            Map.entry("/api/v1/refunds/{refundId}/result", List.of("post")),
            Map.entry("/api/v1/refunds/{refundId}/retry", List.of("post")),
            Map.entry("/api/v1/hospital/coverage/{idNumber}", List.of("get")),
            Map.entry("/api/v1/hospital/settlements/trial", List.of("post")),
            Map.entry("/api/v1/hospital/settlements", List.of("post")),
            Map.entry("/api/v1/hospital/settlements/{settlementId}/reversal", List.of("post")),
            Map.entry("/api/v1/hospital/settlements/{settlementId}", List.of("get")),
            Map.entry("/api/v1/hospital/reconciliation", List.of("get")),
            Map.entry("/api/v1/bureau/rules/basic-benefits", List.of("post")),
            Map.entry("/api/v1/hospital/clearing-statements", List.of("get")),
            Map.entry("/api/v1/hospital/clearing-statements/{statementId}", List.of("get")),
            Map.entry("/api/v1/hospital/clearing-statements/{statementId}/confirmation", List.of("post")),
            Map.entry("/api/v1/clearing/runs", List.of("post")),
            Map.entry("/api/v1/insurer/clearing-statements/{statementId}/payment", List.of("post")),
            Map.entry("/api/v1/insurer/accounts", List.of("get")),
            Map.entry("/api/v1/ledger/verification", List.of("get")),
            Map.entry("/api/v1/me/documents", List.of("post")),
            Map.entry("/api/v1/me/reimbursements", List.of("post", "get")),
            Map.entry("/api/v1/me/reimbursements/{reimbursementId}", List.of("get")),
            Map.entry("/api/v1/me/reimbursements/{reimbursementId}/documents", List.of("post")),
            Map.entry("/api/v1/insurer/reimbursements", List.of("get")),
            Map.entry("/api/v1/insurer/reimbursements/{reimbursementId}", List.of("get")),
            Map.entry("/api/v1/insurer/reimbursements/{reimbursementId}/documents/{documentId}", List.of("get")),
            Map.entry("/api/v1/insurer/reimbursements/{reimbursementId}/decision", List.of("post")),
            Map.entry("/api/v1/insurer/reimbursements/{reimbursementId}/payment", List.of("post")),
            Map.entry("/api/v1/audit/records", List.of("get")),
            Map.entry("/api/v1/audit/verification", List.of("get")));

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Request metrics are labelled by route template (Routes): the list must be exactly the published paths. */
    @Test
    void theMetricsRouteTemplatesAreThePublishedPaths() throws Exception {
        JsonNode openapi = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        List<String> published = new ArrayList<>();
        openapi.path("paths").fieldNames().forEachRemaining(published::add);
        assertThat(org.huimin.common.web.Routes.TEMPLATES).containsExactlyInAnyOrderElementsOf(published);
        assertThat(API_MD.keySet()).containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void everyOperationOfTheContractIsDocumentedWithRealExamples() throws Exception {
        JsonNode openapi = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        assertThat(openapi.path("paths").has("/dev/tokens/{role}")).as("dev endpoints are not published").isFalse();
        List<String> missing = new ArrayList<>();
        for (var entry : API_MD.entrySet()) {
            for (String method : entry.getValue()) {
                String name = method.toUpperCase() + " " + entry.getKey();
                JsonNode op = openapi.path("paths").path(entry.getKey()).path(method);
                if (op.isMissingNode()) {
                    missing.add(name + ": not published");
                    continue;
                }
                if (op.path("summary").asText().isBlank()) {
                    missing.add(name + ": summary");
                }
                JsonNode body = op.path("requestBody").path("content");
                body.fields().forEachRemaining(media -> {
                    if (media.getKey().contains("json") && !hasJsonExample(media.getValue())) {
                        missing.add(name + ": request example (" + media.getKey() + ")");
                    }
                });
                boolean successExample = false;
                boolean errorExample = false;
                for (var response : iterable(op.path("responses").fields())) {
                    String code = response.getKey();
                    JsonNode content = response.getValue().path("content");
                    if (code.startsWith("2")) {
                        successExample |= content.isEmpty() || hasJsonExample(content.path("application/json"))
                                || hasJsonExample(content.path("text/csv")) || hasAnyExample(content);
                    } else if (code.startsWith("4")) {
                        if (!content.has("application/problem+json")) {
                            missing.add(name + ": " + code + " is not problem+json");
                        }
                        errorExample |= hasJsonExample(content.path("application/problem+json"));
                    }
                }
                if (!successExample) {
                    missing.add(name + ": success answer with an example");
                }
                if (!errorExample) {
                    missing.add(name + ": an error answer with an example");
                }
            }
        }
        assertThat(missing).as("what the published contract lacks").isEmpty();
        assertThat(openapi.path("components").path("securitySchemes").isEmpty()).isFalse();
    }

    /** Every example of this media type is a JSON document. */
    private static boolean hasJsonExample(JsonNode media) {
        JsonNode examples = media.path("examples");
        if (examples.isEmpty()) {
            return media.has("example") && parses(media.path("example"));
        }
        for (JsonNode example : iterable(examples.elements())) {
            if (!parses(example.path("value"))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasAnyExample(JsonNode content) {
        for (JsonNode media : iterable(content.elements())) {
            if (!media.path("examples").isEmpty() || media.has("example")) {
                return true;
            }
        }
        return false;
    }

    private static boolean parses(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isTextual()) {
            return true; // already a JSON structure in the document
        }
        try {
            JSON.readTree(value.asText());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
