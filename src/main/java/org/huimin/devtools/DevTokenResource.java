package org.huimin.devtools;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.huimin.common.HuiminConfig;
import org.huimin.common.Refused;

import io.quarkus.arc.profile.IfBuildProfile;

/**
 * Development only: mints tokens signed with the dev key, which only the dev profile trusts. The class is not even
 * built into the production artefact ({@code @IfBuildProfile("dev")}).
 */
@jakarta.ws.rs.Path("/dev/tokens")
@IfBuildProfile("dev")
@Tag(name = "Development", description = "Local run only: a token for each role, e.g. `curl -s localhost:8080/dev/tokens/operator`.")
public class DevTokenResource {

    private final TokenSigner signer;

    public DevTokenResource(HuiminConfig config) {
        this.signer = TokenSigner.fromPem(Path.of(config.dev().privateKeyFile().orElseThrow()), TokenSigner.DEV_ISSUER);
    }

    @GET
    @jakarta.ws.rs.Path("/{role}")
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "A dev token for a role (local run only)", description = "`insured?idNumber=…`, "
            + "`hospital?hospitalCode=H0001`, `org?orgCode=ORG001&orgType=EMPLOYER`, `insurer?insurerCode=PICC`, "
            + "`bureau?region=210000`, `regulator?region=210000`, `operator`. Paste it in Swagger UI's Authorize dialog.")
    public String token(@PathParam("role") String role, @QueryParam("idNumber") String idNumber,
            @QueryParam("hospitalCode") String hospitalCode, @QueryParam("orgCode") String orgCode,
            @QueryParam("orgType") String orgType, @QueryParam("insurerCode") String insurerCode,
            @QueryParam("region") String region, @QueryParam("sub") String sub) {
        Map<String, Object> claims = new LinkedHashMap<>();
        switch (role) {
            case "insured" -> claims.put("id_number", required(idNumber, "idNumber"));
            case "hospital" -> claims.put("hospital_code", hospitalCode == null ? "H0001" : hospitalCode);
            case "org" -> {
                claims.put("org_code", orgCode == null ? "ORG001" : orgCode);
                claims.put("org_type", orgType == null ? "EMPLOYER" : orgType);
            }
            case "insurer" -> claims.put("insurer_code", insurerCode == null ? "PICC" : insurerCode);
            case "bureau", "regulator" -> claims.put("region", region == null ? "210000" : region);
            case "operator" -> {
            }
            default -> throw Refused.notFound("UNKNOWN_ROLE",
                    "Roles: insured, org, hospital, bureau, regulator, insurer, operator.");
        }
        // Opaque subjects, as a real provider issues them: never an ID number. Two reviewers need two subjects (?sub=).
        String subject = sub != null ? sub : role + "-" + (claims.isEmpty() ? "dev"
                : UUID.nameUUIDFromBytes(String.valueOf(claims.values().iterator().next()).getBytes()).toString());
        return signer.sign(subject, role, claims);
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw Refused.invalidField(name, "is required for this role");
        }
        return value;
    }
}
