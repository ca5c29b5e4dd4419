package org.huimin.enrolment;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.huimin.common.ApiDocs;
import org.huimin.common.ApiException;
import org.huimin.common.Caller;
import org.huimin.common.Roles;

import io.smallrye.mutiny.Uni;

/** The insured person's side (the mini-program): enrol, see own policies, cancel. */
@Path("/api/v1")
@Tag(name = "Insured person", description = "参保人: the mini-program front end, with an `insured` token carrying `id_number`.")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EnrolmentResource {

    static final String KEY_PATTERN = "[\\x21-\\x7E]{1,200}";

    @Inject
    EnrolmentService enrolments;

    @Inject
    CancellationService cancellations;

    @Inject
    MyPolicies myPolicies;

    @Inject
    Caller caller;

    @POST
    @Path("/enrolments")
    @RolesAllowed(Roles.INSURED)
    @Operation(summary = "Enrol self and family", description = "Role: `insured`; the payer is the token's `id_number`. "
            + "Every member needs an ACTIVE bureau record in the plan's region, consent, and no live policy of the plan. "
            + "`PERSONAL_ACCOUNT`: the payer must be an EMPLOYEE member, paying for self, spouse, children or parents; "
            + "the bureau then deducts the amount. A retry with the same `Idempotency-Key` returns the first answer; the "
            + "same key with a different body is `409 IDEMPOTENCY_KEY_REUSED`.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "family", value = """
            {"plan":"LN-2026","payer":"SELF","members":[
              {"idNumber":"210102199003071233","name":"张三","relation":"SELF","consent":true},
              {"idNumber":"210102196505120021","name":"张父","relation":"PARENT","consent":true}]}""")))
    @APIResponse(responseCode = "201", description = "Order created, waiting for payment", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "pending", value = """
                    {"orderId":"0b7f3c1e-6a8e-4c55-9d7e-2f1f4b1b9c11","plan":"LN-2026","payer":"SELF","amount":138.00,
                     "status":"PENDING_PAYMENT","policies":[
                       {"idNumber":"210102199003071233","name":"张三","relation":"SELF","status":"PENDING_PAYMENT"},
                       {"idNumber":"210102196505120021","name":"张父","relation":"PARENT","status":"PENDING_PAYMENT"}]}""")))
    @APIResponse(responseCode = "400", description = "Malformed body, unknown enum value, missing field",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Not an insured person", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "`PLAN_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "`ALREADY_ENROLLED`, `IDEMPOTENCY_KEY_REUSED`",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "already enrolled", value = """
                    {"type":"https://huimin.org/problems/already-enrolled","title":"Conflict","status":409,
                     "detail":"The person already has a policy of plan LN-2026.","code":"ALREADY_ENROLLED"}""")))
    @APIResponse(responseCode = "422", description = "`NOT_ELIGIBLE`, `NOT_IN_REGION`, `ENROLMENT_CLOSED`, "
            + "`CONSENT_REQUIRED`, `RELATION_NOT_ALLOWED`, `PAYER_NOT_EMPLOYEE`, `INVALID_ID_NUMBER`, `DUPLICATE_MEMBER`",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "not employee", value = """
                    {"type":"https://huimin.org/problems/payer-not-employee","title":"Unprocessable Content","status":422,
                     "detail":"Only an employee (职工) member of basic insurance has a personal account to pay from.",
                     "code":"PAYER_NOT_EMPLOYEE"}""")))
    public Uni<Response> enrol(
            @Parameter(description = "Client-chosen key; a retry with the same key returns the first answer")
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = "must be 1 to 200 visible ASCII characters") String key,
            @NotNull @Valid EnrolmentRequest request) {
        return enrolments.enrol(caller.idNumber(), key, request);
    }

    @GET
    @Path("/me/policies")
    @RolesAllowed(Roles.INSURED)
    @Operation(summary = "My policies", description = "Role: `insured`. The caller's own policies and those the caller "
            + "paid for, with policy number, tax-preferential code (税优识别码), benefit start, consent, and the remaining "
            + "deductibles and caps. Nobody else's.")
    @APIResponse(responseCode = "200", description = "Newest first", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one active", value = """
                    [{"policyNumber":"HM20262100000000000001","plan":"LN-2026","planName":"辽宁惠民保 2026",
                      "idNumber":"210102199003071233","name":"张三","relation":"SELF","status":"ACTIVE","premium":69.00,
                      "payer":"SELF","paidByMe":true,"orderId":"0b7f3c1e-6a8e-4c55-9d7e-2f1f4b1b9c11",
                      "taxCode":"SY2026000000000001","benefitsFrom":"2026-01-01","coverageStarts":"2026-01-01",
                      "coverageEnds":"2026-12-31","consent":{"given":true,"at":"2025-10-01T08:00:00Z"},
                      "remaining":{"deductibles":{"MAIN":20000.00},"caps":{"IN_POLICY":1000000.00,"OUT_OF_POLICY":1000000.00}}}]""")))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Not an insured person", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    public Uni<List<EnrolmentAnswers.MyPolicy>> myPolicies() {
        return myPolicies.of(caller.idNumber());
    }

    @POST
    @Path("/policies/{policyNumber}/cancellation")
    @RolesAllowed({Roles.INSURED, Roles.ORG})
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Cancel a policy (by its payer)", description = "Roles: `insured` (the paying person) or `org` "
            + "(the paying organisation). Before `coverageStarts` the premium is refunded in full, from then on nothing. "
            + "The refund goes back where the money came from: `ORIGINAL_PAYMENT`, `PERSONAL_ACCOUNT` (never cash) or "
            + "`ORGANISATION`. A retry answers the same and refunds once.")
    @APIResponse(responseCode = "200", description = "Cancelled", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "refunded", value = """
                    {"policyNumber":"HM20262100000000000001","status":"CANCELLED","cancelledAt":"2025-11-02T03:00:00Z",
                     "refund":{"amount":69.00,"channel":"PERSONAL_ACCOUNT","status":"REQUESTED"}}""")))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Wrong role", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "`POLICY_NOT_FOUND` (unknown, or not paid by the caller)",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "`POLICY_NOT_ACTIVE`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    public Uni<EnrolmentAnswers.Cancellation> cancel(@PathParam("policyNumber") String policyNumber,
            @jakarta.ws.rs.core.Context io.quarkus.security.identity.SecurityIdentity identity) {
        CancellationService.Payer payer = identity.hasRole(Roles.INSURED)
                ? new CancellationService.Payer(caller.idNumber(), null)
                : new CancellationService.Payer(null, caller.orgCode());
        return cancellations.cancel(policyNumber, payer);
    }

    static OrgType orgType(String value) {
        try {
            return OrgType.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.forbidden("INVALID_IDENTITY", "The token's org_type is not one of EMPLOYER, SCHOOL, VILLAGE, CHARITY.");
        }
    }
}
