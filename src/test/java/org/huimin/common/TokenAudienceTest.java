package org.huimin.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.huimin.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With an audience configured ({@code QUARKUS_OIDC_TOKEN_AUDIENCE}, as the Deployment sets it), a token the provider
 * issued for another client — or for none — is {@code 401}: a token minted for the mini-program's own backend must not
 * open the hospital API.
 */
@QuarkusTest
@TestProfile(TokenAudienceTest.AudienceConfigured.class)
class TokenAudienceTest {

    public static class AudienceConfigured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.token.audience", "huimin-api");
        }
    }

    private static final String PATH = "/api/v1/hospital/reconciliation";

    @Test
    void onlyTokensForThisAudienceAreAccepted() {
        given().auth().oauth2(Tokens.SIGNER.sign("his-A1", "hospital", Map.of("hospital_code", "A1", "aud", "huimin-api")))
                .get(PATH).then().statusCode(200);
        given().auth().oauth2(Tokens.SIGNER.sign("his-A2", "hospital",
                Map.of("hospital_code", "A2", "aud", List.of("account", "huimin-api")))).get(PATH).then().statusCode(200);
        given().auth().oauth2(Tokens.SIGNER.sign("his-A3", "hospital", Map.of("hospital_code", "A3", "aud", "mini-program")))
                .get(PATH).then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("UNAUTHENTICATED"));
        given().auth().oauth2(Tokens.hospital("A4")).get(PATH).then().statusCode(401);
    }
}
