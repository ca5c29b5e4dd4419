package org.huimin.devtools;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.huimin.common.Refused;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;

/**
 * Development only: a demo family nobody has enrolled yet, so that every walkthrough in the README can be run again
 * and again (1,500 families) without colliding with its previous run. Not built into the production artefact.
 */
@jakarta.ws.rs.Path("/dev/people")
@IfBuildProfile("dev")
@Tag(name = "Development")
public class DemoPeopleResource {

    private final DemoSeedRepository seed;

    public DemoPeopleResource(DemoSeedRepository seed) {
        this.seed = seed;
    }

    @GET
    @jakarta.ws.rs.Path("/free-family")
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "A demo employee and the parent bound to their personal account, neither enrolled yet "
            + "(local run only)", description = "Plain text `employeeId employeeName parentId parentName`, for "
            + "`read ME ME_NAME PARENT PARENT_NAME < <(curl -fsS localhost:8080/dev/people/free-family)`.")
    public Uni<String> freeFamily() {
        return seed.freeFamily().map(family -> orRefuse(family, "NO_FREE_FAMILY"));
    }

    @GET
    @jakarta.ws.rs.Path("/fresh-patient")
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "An insured demo patient with benefits running and no claim yet (local run only)",
            description = "Plain text `idNumber name`: the full deductible and caps are left, so a walkthrough's "
                    + "figures come out the same on every run.")
    public Uni<String> freshPatient() {
        return seed.freshPatient().map(patient -> orRefuse(patient, "NO_FRESH_PATIENT"));
    }

    private static String orRefuse(String answer, String code) {
        if (answer == null) {
            throw Refused.notFound(code, "Every demo person of this kind is used: restart dev mode for fresh data.");
        }
        return answer;
    }
}
