package org.huimin.common;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from the verified bearer token. A token that has the role but lacks the identity claim the
 * role needs (an {@code insured} token without {@code id_number}, a {@code hospital} token without
 * {@code hospital_code}) is refused with {@code 403}: acting on an empty identity would leak other people's data.
 */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken token;

    public String subject() {
        return token.getSubject() == null ? "anonymous" : token.getSubject();
    }

    /** The insured person's ID number, normalised. */
    public String idNumber() {
        String id = required("id_number");
        if (!IdNumber.isValid(id)) {
            throw ApiException.forbidden("INVALID_IDENTITY", "The token's id_number is not a valid ID number.");
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

    private String required(String claim) {
        Object value = token.getClaim(claim);
        if (value == null || value.toString().isBlank()) {
            throw ApiException.forbidden("MISSING_IDENTITY_CLAIM", "The token has no '" + claim + "' claim.");
        }
        String text = value.toString();
        // JsonString from the JSON-P claim set prints with quotes.
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text;
    }
}
