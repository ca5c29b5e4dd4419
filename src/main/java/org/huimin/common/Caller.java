package org.huimin.common;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from the verified bearer token. A token that has the role but lacks the identity claim the
 * role needs (an {@code insured} token without {@code id_number}, a {@code hospital} token without
 * {@code hospital_code}) is refused with {@code 403}: acting on an empty identity would leak other people's data.
 */
@RequestScoped
public class Caller {

    private final JsonWebToken token;

    public Caller(JsonWebToken token) {
        this.token = token;
    }

    public String subject() {
        return token.getSubject() == null ? "anonymous" : token.getSubject();
    }

    /** The insured person's ID number, normalised. */
    public String idNumber() {
        String id = required("id_number");
        if (!IdNumber.isValid(id)) {
            throw Refused.forbidden("INVALID_IDENTITY", "The token's id_number is not a valid ID number.");
        }
        return IdNumber.normalize(id);
    }

    public String hospitalCode() {
        return required("hospital_code");
    }

    public String orgCode() {
        return required("org_code");
    }

    public String orgType() {
        return required("org_type");
    }

    public String insurerCode() {
        return required("insurer_code");
    }

    /**
     * The region a bureau or regulator token acts for ({@code region}, 6 digits), or null when the token has none — which
     * means no data: {@link #regionPrefix()} then matches nothing.
     */
    public String region() {
        Object value = token.getClaim("region");
        if (value == null) {
            return null;
        }
        String region = unquote(value.toString());
        if (!Region.valid(region)) {
            throw Refused.forbidden("INVALID_IDENTITY", "The token's region is not a 6-digit administrative division code.");
        }
        return region;
    }

    /** The county-code prefix of the caller's region; one that matches no county when the token has no region. */
    public String regionPrefix() {
        String region = region();
        return region == null ? Region.NOTHING : Region.prefix(region);
    }

    /** The caller's view of plan figures, from its role: operator everything, bureau and regulator a region, insurer its own. */
    public Viewer viewer() {
        java.util.Set<String> groups = token.getGroups() == null ? java.util.Set.of() : token.getGroups();
        if (groups.contains(Roles.OPERATOR)) {
            return Viewer.everything();
        }
        if (groups.contains(Roles.BUREAU) || groups.contains(Roles.REGULATOR)) {
            return Viewer.ofRegion(region());
        }
        if (groups.contains(Roles.INSURER)) {
            return Viewer.ofInsurer(insurerCode());
        }
        throw Refused.forbidden("FORBIDDEN", "This role sees no plan figures.");
    }

    private String required(String claim) {
        Object value = token.getClaim(claim);
        if (value == null || value.toString().isBlank()) {
            throw Refused.forbidden("MISSING_IDENTITY_CLAIM", "The token has no '" + claim + "' claim.");
        }
        return unquote(value.toString());
    }

    /** A JsonString from the JSON-P claim set prints with quotes. */
    private static String unquote(String text) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
