package org.huimin.clearing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.huimin.common.Caller;
import org.huimin.common.CleanText;
import org.huimin.common.Roles;
import org.huimin.common.web.ApiDocs;
import org.huimin.common.web.QueryParams;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.smallrye.mutiny.Uni;

/** Hospital clearing: runs (operator, lead insurer) and payments of parts (insurers); statements: {@link HospitalStatementResource}. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ClearingResource {

    /** The plan to clear. */
    public record RunRequest(@NotBlank @Size(max = 32) @CleanText String plan) {
    }

    static final String STATEMENT = """
            {"statementId":"5b0d8f0e-3f8c-4c3e-9a43-6a3d5b1e2f10","runId":"1f7c2a9e-8d4b-4e1a-b2c3-d4e5f6a7b8c9",
             "cutOff":"2026-04-01T00:00:00Z","hospital":"H4401","plan":"LN-2026",
             "settled":{"count":3,"payout":22800.00},"reversed":{"count":1,"payout":800.00},"net":22000.00,
             "byInsurer":[{"insurer":"PICC","amount":8800.00,"paid":true},{"insurer":"CPIC","amount":7700.00,"paid":false},
                          {"insurer":"PAIC","amount":5500.00,"paid":false}],"status":"CONFIRMED"}""";
    static final String NOT_FOUND = """
            {"type":"https://huimin.org/problems/statement-not-found","title":"Not Found","status":404,
             "detail":"No clearing statement 5b0d8f0e-3f8c-4c3e-9a43-6a3d5b1e2f10.","code":"STATEMENT_NOT_FOUND"}""";

    private final ClearingService clearing;
    private final Caller caller;

    public ClearingResource(ClearingService clearing, Caller caller) {
        this.clearing = clearing;
        this.caller = caller;
    }

    @POST
    @Path("/clearing/runs")
    @RolesAllowed({Roles.OPERATOR, Roles.INSURER})
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Tag(name = "Money")
    @Operation(summary = "Run hospital clearing (清算) for a plan", description = "Roles: `operator`, or the plan's lead "
            + "`insurer` (another insurer of the plan: `403 NOT_LEAD_INSURER`; one not in it: `404`). Puts every settlement "
            + "and reversal of the plan recorded before the run and not yet cleared into one statement per hospital that "
            + "has any: counts, payouts, reversals, net, and each insurer's part (the sum of its recorded shares, adding "
            + "up to the net exactly). Two runs at once: the second waits for the first and clears only what is new; "
            + "every settlement and reversal is in exactly one statement. A statement that nets to nothing is `PAID` at once.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "plan", value = "{\"plan\":\"LN-2026\"}")))
    @APIResponse(responseCode = "201", description = "The run and its statements", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "two hospitals", value = """
                    {"runId":"1f7c2a9e-8d4b-4e1a-b2c3-d4e5f6a7b8c9","plan":"LN-2026","cutOff":"2026-04-01T00:00:00Z",
                     "statements":[{"statementId":"5b0d8f0e-3f8c-4c3e-9a43-6a3d5b1e2f10","hospital":"H4401","net":22000.00},
                                   {"statementId":"8e2a1c3d-5f6b-4a7c-9d8e-0f1a2b3c4d5e","hospital":"H4402","net":-800.00}]}""")))
    @APIResponse(responseCode = "400", description = "No plan", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unauthenticated", value = ApiDocs.PROBLEM_401)))
    @APIResponse(responseCode = "403", description = "`NOT_LEAD_INSURER`, or a role that may not run clearing",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "not lead", value = """
                    {"type":"https://huimin.org/problems/not-lead-insurer","title":"Forbidden","status":403,
                     "detail":"Only the plan's lead insurer (PICC) or an operator starts a clearing run.","code":"NOT_LEAD_INSURER"}""")))
    @APIResponse(responseCode = "404", description = "`PLAN_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unknown", value = """
                    {"type":"https://huimin.org/problems/plan-not-found","title":"Not Found","status":404,
                     "detail":"No plan with code LN-2026.","code":"PLAN_NOT_FOUND"}""")))
    public Uni<ClearingRun> run(@NotNull @Valid RunRequest request) {
        return clearing.run(request.plan(), caller.viewer(), caller.subject());
    }

    @POST
    @Path("/insurer/clearing-statements/{statementId}/payment")
    @RolesAllowed(Roles.INSURER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "Money")
    @Operation(summary = "Pay this insurer's part of a clearing statement", description = "Role: `insurer` with a part in "
            + "the statement (others `404`). The amount must equal the part (`422 AMOUNT_MISMATCH`; a negative part is what "
            + "the hospital pays back). Idempotent on `transactionId`: the same payment again answers the same; another "
            + "transaction for a paid part is `409 PART_ALREADY_PAID`; a transaction ID that paid another part "
            + "`409 TRANSACTION_ID_REUSED`. The statement is `PAID` once every part is paid.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "CPIC pays", value = """
            {"amount":7700.00,"transactionId":"CPIC-20260405-0001","paidAt":"2026-04-05T10:00:00+08:00"}""")))
    @APIResponse(responseCode = "200", description = "The statement", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "part paid", value = STATEMENT)))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unauthenticated", value = ApiDocs.PROBLEM_401)))
    @APIResponse(responseCode = "403", description = "Not an insurer", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "forbidden", value = ApiDocs.PROBLEM_403)))
    @APIResponse(responseCode = "404", description = "`STATEMENT_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "`PART_ALREADY_PAID`, `TRANSACTION_ID_REUSED`",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "paid", value = """
                    {"type":"https://huimin.org/problems/part-already-paid","title":"Conflict","status":409,
                     "detail":"This insurer's part was already paid by transaction CPIC-20260405-0001.","code":"PART_ALREADY_PAID"}""")))
    @APIResponse(responseCode = "422", description = "`AMOUNT_MISMATCH`, `INVALID_PAYMENT_TIME`",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "amount", value = """
                    {"type":"https://huimin.org/problems/amount-mismatch","title":"Unprocessable Content","status":422,
                     "detail":"This insurer's part is 7700.00, the payment says 7000.00.","code":"AMOUNT_MISMATCH"}""")))
    public Uni<Statement> pay(@PathParam("statementId") String statementId, @NotNull @Valid Payment payment) {
        return clearing.pay(caller.insurerCode(), QueryParams.uuid(statementId, "statementId"), payment);
    }
}
