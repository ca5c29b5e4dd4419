package org.huimin.ledger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.huimin.common.Caller;
import org.huimin.common.Roles;
import org.huimin.common.web.ApiDocs;

import io.smallrye.mutiny.Uni;

/** The consortium's books: insurer accounts and the ledger verification of a plan. */
@Path("/api/v1")
@Tag(name = "Money", description = "Ledger, insurer accounts, hospital clearing, refunds.")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

    static final String ACCOUNTS = """
            {"plan":"LN-2026","insurers":[{"insurer":"PICC",
              "premium":{"received":55.20,"refunded":0.00,"net":55.20},
              "claims":{"settlements":8800.00,"reversals":0.00,"reimbursements":0.00,"incurred":8800.00},
              "owed":{"hospitals":0.00,"members":0.00},"paid":{"hospitals":8800.00,"members":0.00}}],
             "totals":{"premium":{"received":55.20,"refunded":0.00,"net":55.20},
              "claims":{"settlements":8800.00,"reversals":0.00,"reimbursements":0.00,"incurred":8800.00},
              "owed":{"hospitals":0.00,"members":0.00},"paid":{"hospitals":8800.00,"members":0.00}}}""";
    static final String VERIFICATION = """
            {"plan":"LN-2026","balanced":true,"checks":[
              {"name":"journal balanced (debits minus credits)","expected":0.00,"actual":0.00,"ok":true},
              {"name":"entries that do not balance","expected":0.00,"actual":0.00,"ok":true},
              {"name":"net premium over insurers = paid orders - completed refunds","expected":138.00,"actual":138.00,"ok":true},
              {"name":"claims incurred over insurers = settlement payouts - reversed payouts + approved online claims",
               "expected":22000.00,"actual":22000.00,"ok":true},
              {"name":"hospital H4401: statements' nets = reconciliation nets up to the last run","expected":22000.00,
               "actual":22000.00,"ok":true},
              {"name":"nothing owed is negative (lowest balance owed to a hospital or member)","expected":0.00,
               "actual":0.00,"ok":true}]}""";
    static final String NOT_FOUND = """
            {"type":"https://huimin.org/problems/plan-not-found","title":"Not Found","status":404,
             "detail":"No plan with code LN-2026.","code":"PLAN_NOT_FOUND"}""";

    private final LedgerService ledger;
    private final Caller caller;

    public LedgerResource(LedgerService ledger, Caller caller) {
        this.ledger = ledger;
        this.caller = caller;
    }

    @GET
    @Path("/insurer/accounts")
    @RolesAllowed({Roles.OPERATOR, Roles.INSURER, Roles.REGULATOR})
    @Operation(summary = "Insurer accounts of a plan", description = "Roles: `operator` and `regulator` (plans of its "
            + "`region`) see every insurer; an `insurer` its own line only, and `404` for plans it is not in. Each figure is "
            + "a sum of the insurer's journal lines: premium received, refunded (completed cancellation refunds) and net; "
            + "claims from settlements, minus reversals, plus approved online claims; what it owes hospitals (clearing) "
            + "and members (online claims) and what it has paid them.")
    @APIResponse(responseCode = "200", description = "Accounts", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one insurer", value = ACCOUNTS)))
    @APIResponse(responseCode = "400", description = "No plan given", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unauthenticated", value = ApiDocs.PROBLEM_401)))
    @APIResponse(responseCode = "403", description = "Wrong role", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "forbidden", value = ApiDocs.PROBLEM_403)))
    @APIResponse(responseCode = "404", description = "`PLAN_NOT_FOUND` (also for a plan the caller may not see)",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
    public Uni<InsurerAccounts> accounts(@QueryParam("plan") @NotBlank String plan) {
        return ledger.accounts(plan, caller.viewer());
    }

    @GET
    @Path("/ledger/verification")
    @RolesAllowed({Roles.OPERATOR, Roles.INSURER, Roles.REGULATOR})
    @Operation(summary = "Verify a plan's books", description = "Roles: `operator`, `regulator` (plans of its `region`), "
            + "`insurer` (plans it is in). Recomputes, from one snapshot: the journal balances; net premium over the "
            + "insurers = paid orders − completed refunds; claims incurred = settlement payouts − reversed payouts + "
            + "approved online claims; per hospital, its statements' nets = its reconciliation nets up to the last "
            + "clearing run; nothing owed is negative. `balanced` is true when every check holds.")
    @APIResponse(responseCode = "200", description = "The checks", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "balanced", value = VERIFICATION)))
    @APIResponse(responseCode = "400", description = "No plan given", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unauthenticated", value = ApiDocs.PROBLEM_401)))
    @APIResponse(responseCode = "403", description = "Wrong role", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "forbidden", value = ApiDocs.PROBLEM_403)))
    @APIResponse(responseCode = "404", description = "`PLAN_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
    public Uni<Verification> verification(@QueryParam("plan") @NotBlank String plan) {
        return ledger.verification(plan, caller.viewer());
    }
}
