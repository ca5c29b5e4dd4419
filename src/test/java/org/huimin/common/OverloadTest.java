package org.huimin.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.huimin.devtools.EmbeddedDatabase;
import org.huimin.support.Api;
import org.huimin.support.Db;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Overload is refused at once, not queued: past {@code huimin.max-in-flight} requests in progress, and past the pool's
 * bounded wait for a connection, a request is {@code 503 OVERLOADED} with {@code Retry-After}; health is never shed,
 * and capacity comes back when the requests end (also when their clients vanish). Capacity 2 and a pool of one
 * connection here, so that a few held requests fill them.
 */
@QuarkusTest
@TestProfile(OverloadTest.SmallCapacity.class)
class OverloadTest {

    public static class SmallCapacity implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("huimin.max-in-flight", "2", "huimin.max-uploads-in-flight", "1",
                    "quarkus.datasource.reactive.max-size", "1",
                    "huimin.db.connection-timeout", "PT0.5S");
        }
    }

    @TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    @Test
    void pastTheInFlightLimitARequestIsShedAndCapacityReturnsWhenClientsGo() throws Exception {
        // Two requests in progress that never finish sending their bodies (with a token: a request without one is
        // answered 401 before its body is read, and ends): the capacity is taken.
        String token = Tokens.insured(org.huimin.support.Ids.next("210102"));
        try (Socket first = halfSentEnrolment(token); Socket second = halfSentEnrolment(token)) {
            Response shed = given().get("/api/v1/plans?region=210000");
            assertThat(shed.statusCode()).isEqualTo(503);
            assertThat(shed.contentType()).startsWith("application/problem+json");
            assertThat(shed.jsonPath().getString("code")).isEqualTo("OVERLOADED");
            assertThat(shed.header("Retry-After")).isEqualTo("1");
            // Health is on the management port and never shed: an overloaded pod is not restarted for it.
            given().get(management.getProtocol() + "://" + management.getHost() + ":" + management.getPort()
                    + "/q/health/live").then().statusCode(200);
        }
        // The clients went away mid-request: their places are given back (a leak would shed everything from now on).
        assertThat(plansOnceCapacityReturns()).isEqualTo(200);
    }

    @Test
    void documentUploadsHaveTheirOwnCapacity() throws Exception {
        String uploader = org.huimin.support.Ids.next("210102");
        String token = Tokens.insured(uploader);
        // The requests' two places taken: an upload is still admitted and answered by its resource.
        try (Socket first = halfSentEnrolment(token); Socket second = halfSentEnrolment(token)) {
            assertThat(given().get("/api/v1/plans?region=210000").statusCode()).isEqualTo(503);
            org.huimin.support.Claims.upload(uploader, "INVOICE", org.huimin.support.Claims.PDF, "invoice.pdf").statusCode(201);
        }
        // The uploads' one place taken by a slow upload: another upload is shed, the other requests are not.
        try (Socket slow = halfSent("/api/v1/me/documents", token, "multipart/form-data; boundary=x", 100_000)) {
            Response shed = given().auth().oauth2(token).multiPart("type", "INVOICE")
                    .multiPart("file", "invoice.pdf", org.huimin.support.Claims.PDF, "application/octet-stream")
                    .post("/api/v1/me/documents");
            assertThat(shed.statusCode()).isEqualTo(503);
            assertThat(shed.jsonPath().getString("code")).isEqualTo("OVERLOADED");
            assertThat(plansOnceCapacityReturns()).isEqualTo(200);
        }
    }

    @Test
    void noConnectionWithinTheBoundedWaitIsOverloadedNotAnError() throws Exception {
        String hospital = Tokens.hospital("H0001");
        String someone = org.huimin.support.Ids.next("210102");
        try (Connection owner = Db.connect(EmbeddedDatabase.OWNER); Statement sql = owner.createStatement()) {
            owner.setAutoCommit(false);
            // The pool's only connection is held by a coverage check that waits for this lock.
            sql.execute("LOCK TABLE policy IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<Integer> held = CompletableFuture.supplyAsync(() -> Api.as(hospital)
                    .get("/api/v1/hospital/coverage/" + someone).statusCode());
            Thread.sleep(300);
            long start = System.nanoTime();
            Response waited = Api.as(hospital).get("/api/v1/hospital/coverage/" + someone);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(waited.statusCode()).isEqualTo(503);
            waited.then().body("code", equalTo("OVERLOADED"));
            assertThat(waited.header("Retry-After")).isEqualTo("1");
            assertThat(ms).isBetween(400L, 4_000L);
            owner.rollback();
            // The held check gets its answer once the lock goes, or is refused the same way if its audit record
            // waited for the one connection too long: never a 500.
            assertThat(held.get()).isIn(200, 503);
        }
    }

    private static Socket halfSentEnrolment(String token) throws Exception {
        return halfSent("/api/v1/enrolments", token, "application/json", 200);
    }

    /** A POST whose body never finishes arriving: its request stays in progress until the socket closes. */
    private static Socket halfSent(String path, String token, String contentType, int length) throws Exception {
        Socket socket = new Socket("localhost", io.restassured.RestAssured.port);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: " + contentType + "\r\n"
                + "Content-Length: " + length + "\r\n\r\n--x").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(200);
        return socket;
    }

    /**
     * The plan catalogue's status once the requests' places are free again (places are given back as exchanges end,
     * which takes a moment after a client goes): 503 only if they never are within 10 s.
     */
    private static int plansOnceCapacityReturns() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status;
        do {
            status = given().get("/api/v1/plans?region=210000").statusCode();
        } while (status == 503 && System.nanoTime() < deadline && pause());
        return status;
    }

    private static boolean pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
