package org.huimin.devtools;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Signs RS256 JWTs with the development key ({@code src/test/resources/dev-signing-key.pem}), which only the dev and
 * test profiles trust. Used by the tests (real tokens, verified by quarkus-oidc) and by the dev-only token endpoint;
 * production verifies tokens of its own OIDC provider or configured public key and never sees this key.
 */
public final class TokenSigner {

    public static final String DEV_ISSUER = "huimin-dev";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrivateKey key;
    private final String issuer;

    public TokenSigner(PrivateKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    public static TokenSigner fromPem(Path pem, String issuer) {
        try {
            return fromPem(Files.readString(pem), issuer);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Signing key " + pem + " is unreadable", e);
        }
    }

    public static TokenSigner fromPem(String pem, String issuer) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            return new TokenSigner(key, issuer);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Not a PKCS#8 RSA private key", e);
        }
    }

    /** A token for {@code subject} with the given role and identity claims, valid for an hour. */
    public String sign(String subject, String role, Map<String, Object> claims) {
        Map<String, Object> payload = new LinkedHashMap<>();
        long now = Instant.now().getEpochSecond();
        payload.put("iss", issuer);
        payload.put("sub", subject);
        payload.put("iat", now);
        payload.put("exp", now + 3600);
        payload.put("groups", java.util.List.of(role));
        payload.putAll(claims);
        try {
            String header = base64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
            String content = header + "." + base64(JSON.writeValueAsBytes(payload));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(content.getBytes(StandardCharsets.US_ASCII));
            return content + "." + base64(rsa.sign());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("Token could not be signed", e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
