package org.huimin.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.util.List;
import java.util.Map;

import org.huimin.support.Api;
import org.huimin.support.Ids;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The attacks of issue 17 that once stalled, crashed or 500ed the service, each answered as API.md "Hostile input"
 * says: refused early, per field, as problem+json, never a 500.
 */
@QuarkusTest
class HostileInputTest {

    private static final String PLAN = "HOSTILE-" + System.nanoTime() % 100000;

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType("application/problem+json");
    }

    @Test
    void anOversizedListIsRefusedBeforeItsElementsAreValidated() throws Exception {
        String person = Ids.next("210102");
        // 50,000 empty members (the attack was 146 KB): over the endpoint's body limit.
        StringBuilder members = new StringBuilder("{\"plan\":\"X\",\"payer\":\"SELF\",\"members\":[");
        for (int i = 0; i < 50_000; i++) {
            members.append(i == 0 ? "{}" : ",{}");
        }
        members.append("]}");
        // Sent with a plain client: rest-assured's contract validation would parse the 150 KB body itself.
        java.net.http.HttpRequest attack = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://localhost:" + io.restassured.RestAssured.port + "/api/v1/enrolments"))
                .header("Authorization", "Bearer " + Tokens.insured(person)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(members.toString())).build();
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(attack,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("BODY_TOO_LARGE");
        // Within the body limit but 11 members: one error about the list, none about its 11 empty elements.
        String eleven = "{\"plan\":\"X\",\"payer\":\"SELF\",\"members\":[" + "{},".repeat(10) + "{}]}";
        problem(Api.as(Tokens.insured(person)).body(eleven).post("/api/v1/enrolments").then(), 400)
                .body("errors", hasSize(1)).body("errors[0].field", equalTo("members"));
        // An organisation's 5,001 empty members (within its 2 MB): refused by their number alone.
        String org = "{\"plan\":\"X\",\"members\":[" + "{},".repeat(5000) + "{}]}";
        problem(Api.as(Tokens.org("ORG-H", "EMPLOYER")).body(org).post("/api/v1/org/enrolments").then(), 400)
                .body("errors", hasSize(1)).body("errors[0].field", equalTo("members"));
        // Past the 5,001st the elements are not even built (BoundedList): a member that is not an object, or whose
        // consent is text, would each be an error of its own if it were read.
        String beyond = "{\"plan\":\"X\",\"members\":[" + "{},".repeat(5001) + "\"x\",{\"consent\":\"yes\"},[1,{}]]}";
        problem(Api.as(Tokens.org("ORG-H", "EMPLOYER")).body(beyond).post("/api/v1/org/enrolments").then(), 400)
                .body("errors", hasSize(1)).body("errors[0].field", equalTo("members"))
                .body("errors[0].message", equalTo("an organisation enrols at most 5000 members per request"));
        // Within the limit they are read, and a bad one is named by its place in the list.
        String second = "{\"plan\":\"X\",\"members\":[{},{\"consent\":\"yes\"}]}";
        problem(Api.as(Tokens.org("ORG-H", "EMPLOYER")).body(second).post("/api/v1/org/enrolments").then(), 400)
                .body("errors[0].field", equalTo("members[1].consent"));
        // A bureau batch the same: 5,001 records and then ones that are not objects, one error about the number.
        String batch = "{\"records\":[" + "{},".repeat(5001) + "7,\"x\",[[]]]}";
        problem(Api.as(Tokens.bureau("210100")).body(batch).put("/api/v1/bureau/participants").then(), 400)
                .body("errors", hasSize(1)).body("errors[0].field", equalTo("records"))
                .body("errors[0].message", equalTo("a batch holds at most 5000 records"));
        // 5,000 bad members: at most 50 errors listed.
        String bad = "{\"plan\":\"X\",\"members\":[" + "{},".repeat(4999) + "{}]}";
        problem(Api.as(Tokens.org("ORG-H", "EMPLOYER")).body(bad).post("/api/v1/org/enrolments").then(), 400)
                .body("errors.size()", lessThanOrEqualTo(50));
    }

    @Test
    void nulBytesAreRefusedPerField() {
        String nul = "\u0000";
        problem(given().urlEncodingEnabled(false).get("/api/v1/plans/A%00B").then(), 400)
                .body("code", equalTo("INVALID_CHARACTERS"));
        problem(given().queryParam("region", "21" + nul).get("/api/v1/plans").then(), 400);
        Map<String, Object> plan = Api.plan("NUL" + nul, Api.region());
        problem(Api.createPlan(plan), 400);
        String person = Ids.next("210102");
        Map<String, Object> member = Api.member(person, "SELF");
        member.put("name", "张" + nul + "三");
        problem(Api.enrol(person, null, Api.enrolment("X", "SELF", List.of(member))), 400)
                .body("errors[0].field", equalTo("members[0].name"));
        Map<String, Object> settlement = Api.settlement("S" + nul, person, Api.today().toString(), "1.00", "0.00", "0.00");
        problem(Api.settle("H1", settlement), 400);
        problem(Api.notifyPaid(Api.notificationBody(java.util.UUID.randomUUID().toString(), "TX" + nul, "69.00", Api.now())), 400);
        problem(Api.as(Tokens.bureau()).queryParam("plan", "X" + nul).get("/api/v1/bureau/reports/claims").then(), 400);
        problem(Api.as(Tokens.operator()).queryParam("actor", "a" + nul).get("/api/v1/audit/records").then(), 400);
        // One bureau record with a NUL is rejected alone.
        String good = Ids.next("210102");
        Map<String, Object> bad = Api.participant(Ids.next("210102"), "210102", "RESIDENT", "ACTIVE", 1);
        bad.put("name", "李" + nul);
        Api.pushParticipants(List.of(bad, Api.participant(good, "210102", "RESIDENT", "ACTIVE", 1))).statusCode(200)
                .body("applied", equalTo(1)).body("rejected[0].index", equalTo(0));
    }

    @Test
    void aRepeatedJsonKeyIsA400() {
        String person = Ids.next("210102");
        String body = "{\"plan\":\"A\",\"payer\":\"SELF\",\"members\":[{\"idNumber\":\"" + person
                + "\",\"name\":\"x\",\"relation\":\"SELF\",\"consent\":true}],\"plan\":\"B\"}";
        problem(Api.as(Tokens.insured(person)).body(body).post("/api/v1/enrolments").then(), 400);
        String early = "{\"plan\":\"A\",\"plan\":\"B\",\"payer\":\"SELF\",\"members\":[]}";
        problem(Api.as(Tokens.insured(person)).body(early).post("/api/v1/enrolments").then(), 400);
    }

    @Test
    void datesOutsideTheContractsRangeAreRefused() {
        String person = Ids.next("210102");
        for (String date : List.of("-4800-01-01", "-999999999-01-01", "1899-12-31", "3000-01-01")) {
            Map<String, Object> settlement = Api.settlement("D-" + date, person, "2026-01-01", "1.00", "0.00", "0.00");
            settlement.put("admissionDate", date);
            problem(Api.settle("H1", settlement), 400);
        }
        problem(Api.notifyPaid(Api.notificationBody(java.util.UUID.randomUUID().toString(), "TX-Y", "69.00",
                "+999999999-01-01T00:00:00Z")), 400);
        Map<String, Object> plan = Api.plan(Api.uniqueCode("FAR"), Api.region());
        for (String field : List.of("enrolmentOpens", "enrolmentCloses", "coverageStarts", "coverageEnds")) {
            plan.put(field, "999999-0" + (field.startsWith("enrol") ? "1" : "2") + "-01");
        }
        assertThat(Api.createPlan(plan).extract().statusCode()).isIn(400, 422);
    }

    @Test
    void personalDataIsNeverCached() {
        String person = Ids.next("210102");
        Api.as(Tokens.insured(person)).get("/api/v1/me/policies").then().statusCode(200).header("Cache-Control", "no-store");
        Api.as(Tokens.hospital("H1")).get("/api/v1/hospital/coverage/" + person).then().header("Cache-Control", "no-store");
    }

    @Test
    void aBodyOverTheLimitIs413ProblemJson() {
        String big = "{\"plan\":\"" + "x".repeat(200_000) + "\"}";
        problem(Api.as(Tokens.operator()).body(big).post("/api/v1/plans").then(), 413).body("code", equalTo("BODY_TOO_LARGE"));
        problem(given().contentType(ContentType.JSON).body(big).post("/api/v1/payments/notifications").then(), 413);
    }

    @Test
    void aChunkedBodyWithoutLengthIsRefusedBeforeItIsRead() throws Exception {
        int port = io.restassured.RestAssured.port;
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("POST /api/v1/plans HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[1024];
            while (!answer.toString().contains("}")) {
                int n = socket.getInputStream().read(buffer);
                if (n < 0) {
                    break;
                }
                answer.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(answer.toString()).startsWith("HTTP/1.1 411").contains("application/problem+json").contains("LENGTH_REQUIRED");
        }
    }
}
