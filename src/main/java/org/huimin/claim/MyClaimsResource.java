package org.huimin.claim;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.huimin.common.web.ApiDocs;
import org.huimin.common.Caller;
import org.huimin.common.Roles;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/me/claims")
@Tag(name = "Insured person")
@Produces(MediaType.APPLICATION_JSON)
public class MyClaimsResource {

    private final SettlementService settlements;
    private final Caller caller;

    public MyClaimsResource(SettlementService settlements, Caller caller) {
        this.settlements = settlements;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.INSURED)
    @Operation(summary = "My claims", description = "Role: `insured`. Settlements of the caller's own policies and of "
            + "their children under 18 whose policy they paid as `CHILD`; never another adult's, even when the caller paid.")
    @APIResponse(responseCode = "200", description = "Newest first", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one", value = """
                    [{"settlementId":"H4401-20260310-0001","hospital":"H4401","policyNumber":"HM20262100000000000001",
                      "idNumber":"210102199003071233","name":"张三","careType":"INPATIENT","admissionDate":"2026-03-01",
                      "dischargeDate":"2026-03-10","status":"SETTLED","eligible":true,"payout":22000.00,
                      "patientPays":28000.00,"settledAt":"2026-03-10T02:00:00Z"}]""")))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Not an insured person", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    public Uni<List<ClaimAnswers.MyClaim>> mine() {
        return settlements.claimsOf(caller.idNumber());
    }
}
