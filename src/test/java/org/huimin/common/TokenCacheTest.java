package org.huimin.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.huimin.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The verified-token cache never accepts what full verification would refuse. */
@QuarkusTest
class TokenCacheTest {

    private static final String PATH = "/api/v1/bureau/personal-account-deductions";

    @Test
    void aCachedTokenStillAuthenticatesAndKeepsItsRole() {
        String bureau = Tokens.bureau();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(bureau).get(PATH).then().statusCode(200);
        }
        String hospital = Tokens.hospital("HC1");
        given().auth().oauth2(hospital).get(PATH).then().statusCode(403);
        given().auth().oauth2(hospital).get(PATH).then().statusCode(403);
    }

    @Test
    void anAlteredTokenIsVerifiedInFullAndRefused() {
        String hospital = Tokens.hospital("HC2");
        given().auth().oauth2(hospital).get("/api/v1/hospital/reconciliation").then().statusCode(200);
        // Same signature, claims changed to the bureau role: a different string, so no cache hit, and refused.
        String[] parts = hospital.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"hospital\"", "\"bureau\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        given().auth().oauth2(forged).get(PATH).then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void anExpiredTokenIsRefused() {
        String expired = Tokens.SIGNER.sign("bureau-old", "bureau", Map.of("exp", 1_000_000_000L, "iat", 999_999_000L));
        given().auth().oauth2(expired).get(PATH).then().statusCode(401);
    }
}
