package org.huimin.devtools;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.huimin.common.ApiException;

import io.quarkus.arc.profile.IfBuildProfile;

/**
 * Development only: mints tokens signed with the dev key, which only the dev profile trusts. The class is not
 * even built into the production artefact ({@code @IfBuildProfile("dev")}).
 */
@jakarta.ws.rs.Path("/dev/tokens")
@IfBuildProfile("dev")
@Tag(name = "Development", description = "Local run only: tokens for each role.")
public class DevTokenResource {

    @ConfigProperty(name = "huimin.dev.private-key-file")
    String keyFile;

    @GET
    @jakarta.ws.rs.Path("/{role}")
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "A dev token for a role", description = "insured?idNumber=…, hospital?hospitalCode=…, "
            + "org?orgCode=…&orgType=…, insurer?insurerCode=…, bureau, operator.")
    public String token(@PathParam("role") String role, @QueryParam("idNumber") String idNumber,
            @QueryParam("hospitalCode") String hospitalCode, @QueryParam("orgCode") String orgCode,
            @QueryParam("orgType") String orgType, @QueryParam("insurerCode") String insurerCode) {
        Map<String, Object> claims = new LinkedHashMap<>();
        switch (role) {
            case "insured" -> claims.put("id_number", required(idNumber, "idNumber"));
            case "hospital" -> claims.put("hospital_code", hospitalCode == null ? "H0001" : hospitalCode);
            case "org" -> {
                claims.put("org_code", orgCode == null ? "ORG001" : orgCode);
                claims.put("org_type", orgType == null ? "EMPLOYER" : orgType);
            }
            case "insurer" -> claims.put("insurer_code", insurerCode == null ? "PICC" : insurerCode);
            case "bureau", "operator" -> {
            }
            default -> throw ApiException.notFound("UNKNOWN_ROLE", "Roles: insured, org, hospital, bureau, insurer, operator.");
        }
        // Opaque subjects, as a real provider issues them: never an ID number.
        String subject = role + "-" + (claims.isEmpty() ? "dev"
                : java.util.UUID.nameUUIDFromBytes(String.valueOf(claims.values().iterator().next()).getBytes()).toString());
        return TokenSigner.fromPem(Path.of(keyFile), TokenSigner.DEV_ISSUER).sign(subject, role, claims);
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidField(name, "is required for this role");
        }
        return value;
    }
}
