package org.huimin.enrolment;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.groups.ConvertGroup;
import jakarta.validation.groups.Default;
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
import org.huimin.common.Caller;
import org.huimin.common.Refused;
import org.huimin.common.Roles;
import org.huimin.common.SizeFirst;
import org.huimin.common.web.ApiDocs;
import org.huimin.common.web.QueryParams;

import io.quarkus.security.identity.SecurityIdentity;

import io.smallrye.mutiny.Uni;

/** The insured person's side (the mini-program): enrol, see own policies, cancel. */
@Path("/api/v1")
@Tag(name = "Insured person", description = "参保人: the mini-program front end, with an `insured` token carrying `id_number`.")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EnrolmentResource {

    static final String KEY_PATTERN = "[\\x21-\\x7E]{1,200}";
    static final String ORDER_NOT_FOUND = """
            {"type":"https://huimin.org/problems/order-not-found","title":"Not Found","status":404,
             "detail":"No order 0b7f3c1e-6a8e-4c55-9d7e-2f1f4b1b9c11 placed by the caller.","code":"ORDER_NOT_FOUND"}""";

    private final FamilyEnrolmentService enrolments;
    private final CancellationService cancellations;
    private final MyPoliciesService myPolicies;
    private final Caller caller;
    private final SecurityIdentity identity;

    public EnrolmentResource(FamilyEnrolmentService enrolments, CancellationService cancellations,
            MyPoliciesService myPolicies, Caller caller, SecurityIdentity identity) {
        this.enrolments = enrolments;
        this.cancellations = cancellations;
        this.myPolicies = myPolicies;
        this.caller = caller;
        this.identity = identity;
    }

    @POST
    @Path("/enrolments")
    @RolesAllowed(Roles.INSURED)
    @Operation(summary = "Enrol self and family", description = "Role: `insured`; the payer is the token's `id_number`. "
            + "At most 10 members. Each member's name must be the one on the bureau record (`NAME_MISMATCH`, checked first); "
            + "each needs a bureau record that is not TERMINATED in the plan's region, consent, and no live policy of the "
            + "plan. A person's own enrolment withdraws an unpaid order someone else placed for them; an unpaid order past "
            + "its deadline frees its members. `PERSONAL_ACCOUNT`: the payer must be an EMPLOYEE member, paying for self, "
            + "spouse, children or parents bound to the account at the bureau (`RELATION_NOT_VERIFIED`); the bureau then "
            + "deducts the amount. The order expires unpaid at `expiresAt` (2 hours; 3 days by personal account). A retry "
            + "with the same `Idempotency-Key` returns the first answer; the same key with a different body is "
            + "`409 IDEMPOTENCY_KEY_REUSED`.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "family", value = """
            {"plan":"LN-2026","payer":"SELF","members":[
              {"idNumber":"210102199003071233","name":"张三","relation":"SELF","consent":true},
              {"idNumber":"210102196505120021","name":"张父","relation":"PARENT","consent":true}]}""")))
    @APIResponse(responseCode = "201", description = "Order created, waiting for payment", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "pending", value = """
                    {"orderId":"0b7f3c1e-6a8e-4c55-9d7e-2f1f4b1b9c11","plan":"LN-2026","payer":"SELF","amount":138.00,
                     "status":"PENDING_PAYMENT","expiresAt":"2025-10-01T04:00:00Z","policies":[
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
    @APIResponse(responseCode = "422", description = "`NAME_MISMATCH`, `NOT_ELIGIBLE`, `NOT_IN_REGION`, `ENROLMENT_CLOSED`, "
            + "`CONSENT_REQUIRED`, `RELATION_NOT_ALLOWED`, `RELATION_NOT_VERIFIED`, `PAYER_NOT_EMPLOYEE`, `INVALID_ID_NUMBER`, "
            + "`DUPLICATE_MEMBER`",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "not employee", value = """
                    {"type":"https://huimin.org/problems/payer-not-employee","title":"Unprocessable Content","status":422,
                     "detail":"Only an employee (职工) member of basic insurance has a personal account to pay from.",
                     "code":"PAYER_NOT_EMPLOYEE"}""")))
    public Uni<Response> enrol(
            @Parameter(description = "Client-chosen key; a retry with the same key returns the first answer")
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = "must be 1 to 200 visible ASCII characters") String key,
            @NotNull @Valid @ConvertGroup(from = Default.class, to = SizeFirst.Then.class) EnrolmentRequest request) {
        return enrolments.enrol(caller.idNumber(), key, request).map(EnrolmentResource::created);
    }

    @GET
    @Path("/enrolments/{orderId}")
    @RolesAllowed({Roles.INSURED, Roles.ORG})
    @Operation(summary = "One of my orders", description = "Roles: `insured` (the paying person) or `org` (the paying "
            + "organisation). The order's state as of now — `PENDING_PAYMENT` until `expiresAt`, then `EXPIRED`; `PAID`, "
            + "`WITHDRAWN`, `PAYMENT_FAILED` — and its policies. Someone else's order is `404`.")
    @APIResponse(responseCode = "200", description = "The order", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "pending", value = """
                    {"orderId":"0b7f3c1e-6a8e-4c55-9d7e-2f1f4b1b9c11","plan":"LN-2026","payer":"SELF","amount":138.00,
                     "status":"PENDING_PAYMENT","createdAt":"2025-10-01T02:00:00Z","expiresAt":"2025-10-01T04:00:00Z",
                     "policies":[{"idNumber":"210102199003071233","name":"张三","relation":"SELF","status":"PENDING_PAYMENT"},
                                 {"idNumber":"210102196505120021","name":"张父","relation":"PARENT","status":"PENDING_PAYMENT"}]}""")))
    @APIResponse(responseCode = "400", description = "Not an order ID", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unauthenticated", value = ApiDocs.PROBLEM_401)))
    @APIResponse(responseCode = "403", description = "Wrong role", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "forbidden", value = ApiDocs.PROBLEM_403)))
    @APIResponse(responseCode = "404", description = "`ORDER_NOT_FOUND` (unknown, or not the caller's)",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "unknown", value = ORDER_NOT_FOUND)))
    public Uni<EnrolmentAnswers.Order> order(@PathParam("orderId") String orderId) {
        return cancellations.order(QueryParams.uuid(orderId, "orderId"), payer());
    }

    @POST
    @Path("/enrolments/{orderId}/cancellation")
    @RolesAllowed({Roles.INSURED, Roles.ORG})
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Withdraw an unpaid order", description = "Roles: `insured` or `org`, the order's payer. While "
            + "unpaid: `WITHDRAWN`, and its members are free to enrol again at once (a personal-account order also leaves "
            + "the bureau's deduction list). A retry answers the same; an order that expired meanwhile answers `EXPIRED`; a "
            + "paid order is `409 ORDER_ALREADY_PAID` (cancel its policies instead). Money that still arrives for a "
            + "withdrawn order is refunded.")
    @APIResponse(responseCode = "200", description = "Withdrawn (or expired)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = "withdrawn", value = """
                    {"orderId":"0b7f3c1e-6a8e-4c55-9d7e-2f1f4b1b9c11","status":"WITHDRAWN"}"""),
                    @ExampleObject(name = "expired", value = """
                    {"orderId":"0b7f3c1e-6a8e-4c55-9d7e-2f1f4b1b9c11","status":"EXPIRED"}""")}))
    @APIResponse(responseCode = "400", description = "Not an order ID", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unauthenticated", value = ApiDocs.PROBLEM_401)))
    @APIResponse(responseCode = "403", description = "Wrong role", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "forbidden", value = ApiDocs.PROBLEM_403)))
    @APIResponse(responseCode = "404", description = "`ORDER_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unknown", value = ORDER_NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "`ORDER_ALREADY_PAID`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "paid", value = """
                    {"type":"https://huimin.org/problems/order-already-paid","title":"Conflict","status":409,
                     "detail":"The order is paid; cancel its policies instead.","code":"ORDER_ALREADY_PAID"}""")))
    public Uni<EnrolmentAnswers.Withdrawal> withdraw(@PathParam("orderId") String orderId) {
        return cancellations.withdraw(QueryParams.uuid(orderId, "orderId"), payer());
    }

    @GET
    @Path("/me/policies")
    @RolesAllowed(Roles.INSURED)
    @Operation(summary = "My policies", description = "Role: `insured`. The caller's own policies, with policy number, "
            + "tax-preferential code (税优识别码), benefit start, consent and the remaining deductibles and caps; and the "
            + "policies the caller paid for: a child under 18 paid as `CHILD` shows the same, another adult's shows number, "
            + "status, tax code and benefit start only (balances reveal medical spending). Nobody else's.")
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
                     "refund":{"refundId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","amount":69.00,"channel":"PERSONAL_ACCOUNT",
                               "status":"REQUESTED"}}""")))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Wrong role", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "`POLICY_NOT_FOUND` (unknown, or not paid by the caller)",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "`POLICY_NOT_ACTIVE`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    public Uni<EnrolmentAnswers.Cancellation> cancel(@PathParam("policyNumber") String policyNumber) {
        return cancellations.cancel(policyNumber, payer());
    }

    private CancellationService.Payer payer() {
        return identity.hasRole(Roles.INSURED)
                ? new CancellationService.Payer(caller.idNumber(), null)
                : new CancellationService.Payer(null, caller.orgCode());
    }

    static Response created(String json) {
        return Response.status(201).type(MediaType.APPLICATION_JSON).entity(json).build();
    }

    static OrgType orgType(String value) {
        try {
            return OrgType.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw Refused.forbidden("INVALID_IDENTITY", "The token's org_type is not one of EMPLOYER, SCHOOL, VILLAGE, CHARITY.");
        }
    }
}
