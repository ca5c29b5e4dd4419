package org.huimin.support;

import java.nio.file.Path;
import java.util.Map;

import org.huimin.devtools.TokenSigner;

/** Real signed tokens for the tests, verified by quarkus-oidc against the dev public key. */
public final class Tokens {

    public static final TokenSigner SIGNER = TokenSigner.fromPem(Path.of("src/test/resources/dev-signing-key.pem"),
            TokenSigner.DEV_ISSUER);

    private Tokens() {
    }

    public static String insured(String idNumber) {
        // The subject is an opaque user ID, as an OIDC provider issues it; never the ID number.
        return SIGNER.sign("user-" + java.util.UUID.nameUUIDFromBytes(idNumber.getBytes()), "insured", Map.of("id_number", idNumber));
    }

    public static String operator() {
        return SIGNER.sign("operator-1", "operator", Map.of());
    }

    /** The provincial bureau of Liaoning (210000), where the tests' regions lie. */
    public static String bureau() {
        return bureau("210000");
    }

    /** A bureau acting for {@code region} only. */
    public static String bureau(String region) {
        return SIGNER.sign("bureau-" + region, "bureau", Map.of("region", region));
    }

    public static String regulator(String region) {
        return SIGNER.sign("regulator-" + region, "regulator", Map.of("region", region));
    }

    public static String hospital(String code) {
        return SIGNER.sign("his-" + code, "hospital", Map.of("hospital_code", code));
    }

    public static String org(String code, String type) {
        return SIGNER.sign("org-" + code, "org", Map.of("org_code", code, "org_type", type));
    }

    public static String insurer(String code) {
        return SIGNER.sign("insurer-" + code, "insurer", Map.of("insurer_code", code));
    }

    /** An insurer's reviewer (the reviewer's identity is the token's subject). */
    public static String reviewer(String insurer, String subject) {
        return SIGNER.sign(subject, "insurer", Map.of("insurer_code", insurer));
    }
}
