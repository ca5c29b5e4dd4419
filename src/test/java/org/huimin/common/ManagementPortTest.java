package org.huimin.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.UUID;

import org.huimin.common.web.Routes;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Health and metrics live on the management port (a random port in tests, 9000 in production), not on the API port; metrics
 * are labelled by route template only, whatever paths clients make up.
 */
@QuarkusTest
class ManagementPortTest {

    @TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    private String at(String path) {
        return management.getProtocol() + "://" + management.getHost() + ":" + management.getPort() + path;
    }

    @Test
    void healthAndMetricsAreNotOnTheApiPort() {
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
        given().get(at("/q/health/ready")).then().statusCode(200);
        given().get(at("/q/health/live")).then().statusCode(200);
    }

    @Test
    void clientsCannotWriteLabelValues() {
        String made = "PROBE" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 30; i++) {
            given().get("/api/v1/plans/" + made + i).then().statusCode(404);
            given().auth().oauth2(Tokens.hospital("HM")).get("/api/v1/hospital/settlements/" + made + i).then().statusCode(404);
            given().contentType("application/json").body("{}").patch("/api/v1/plans/" + made + i).then().statusCode(405);
            given().contentType("application/json").body("{}").post("/api/v1/plans/" + made + i + "/enrolment-window").then()
                    .statusCode(405);
            given().get("/api/v1/nothing/" + made + i).then().statusCode(404);
        }
        String metrics = given().get(at("/q/metrics")).then().statusCode(200).extract().asString();
        assertThat(metrics).doesNotContain(made).contains("uri=\"/api/v1/plans/{code}\"")
                .contains("uri=\"" + Routes.UNMATCHED + "\"");
    }

    @Test
    void theRootIsTheDocumentation() {
        given().redirects().follow(false).get("/").then().statusCode(302).header("Location", containsString("/q/swagger-ui"));
    }
}
