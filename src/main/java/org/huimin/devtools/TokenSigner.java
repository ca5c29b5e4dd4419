package org.huimin.devtools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.jwt.build.Jwt;

/**
 * Signs RS256 JWTs with the development key ({@code src/test/resources/dev-signing-key.pem}), which only the dev and
 * test profiles trust, with smallrye-jwt-build. Used by the tests (real tokens, verified by quarkus-oidc) and by the
 * dev-only token endpoint; production verifies tokens of its own OIDC provider and never sees this key, and the
 * packaged application does not even carry the JWT builder (an optional dependency, filtered out).
 */
public final class TokenSigner {

    public static final String DEV_ISSUER = "huimin-dev";

    private final PrivateKey key;
    private final String issuer;

    public TokenSigner(PrivateKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    public static TokenSigner fromPem(Path pem, String issuer) {
        try {
            return fromPem(Files.readString(pem), issuer);
        } catch (IOException e) {
            throw new IllegalStateException("Signing key " + pem + " is unreadable", e);
        }
    }

    public static TokenSigner fromPem(String pem, String issuer) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return new TokenSigner(KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body))), issuer);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Not a PKCS#8 RSA private key", e);
        }
    }

    /**
     * A token for {@code subject} with the given role and identity claims, valid for an hour; a claim given here
     * ({@code exp}, {@code aud}, …) replaces the default.
     */
    public String sign(String subject, String role, Map<String, Object> claims) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", issuer);
        payload.put("sub", subject);
        payload.put("iat", now);
        payload.put("exp", now + 3600);
        payload.put("groups", List.of(role));
        payload.putAll(claims);
        return Jwt.claims(payload).jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(key);
    }
}
