package org.huimin.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import jakarta.inject.Inject;

import org.huimin.common.security.BearerAuthentication;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The verified-token cache serves repeated tokens, and never accepts what full verification would refuse. */
@QuarkusTest
class TokenCacheTest {

    private static final String PATH = "/api/v1/bureau/personal-account-deductions";

    @Inject
    BearerAuthentication authentication;

    @Test
    void aRepeatedTokenIsVerifiedOnceThenServedFromTheCache() {
        String bureau = Tokens.bureau("210200");
        long before = authentication.cachedTokens();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(bureau).get(PATH).then().statusCode(200);
        }
        // One entry for the three requests: with the cache switched off (or keyed by anything but the token) this fails.
        assertThat(authentication.cachedTokens()).isEqualTo(before + 1);
        // The cached identity keeps its role.
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
    void anExpiredTokenIsRefusedSayingSo() {
        String expired = Tokens.SIGNER.sign("bureau-old", "bureau", Map.of("exp", 1_000_000_000L, "iat", 999_999_000L));
        given().auth().oauth2(expired).get(PATH).then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", equalTo("The bearer token has expired."))
                .header("WWW-Authenticate", containsString("error_description=\"The bearer token has expired.\""));
        // No token at all is a different answer.
        given().get(PATH).then().statusCode(401).body("detail", equalTo("A valid bearer token is required."));
    }

    @Test
    void aHeaderThatCannotBeAJwtIsA401NotA500() {
        // quarkusio/quarkus#55887: a dots-only or empty bearer token reached OIDC's parser and answered 500.
        for (String header : new String[] {"Bearer ...", "Bearer .", "Bearer ", "Bearer a.b", "Bearer a..c", "Bearer \u00e9.b.c"}) {
            given().header("Authorization", header).get(PATH).then().statusCode(401)
                    .contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED"));
        }
    }
}
