package org.huimin.enrolment;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.huimin.common.Caller;
import org.huimin.common.Roles;
import org.huimin.common.web.ApiDocs;
import org.huimin.common.web.QueryParams;
import org.huimin.common.web.SignedBody;

import io.smallrye.mutiny.Uni;

/** Payment confirmations: the provider's signed callback, and the bureau's personal-account deductions. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentResource {

    private final PaymentService payments;
    private final SignedBody signed;
    private final Caller caller;

    public PaymentResource(PaymentService payments, SignedBody signed, Caller caller) {
        this.payments = payments;
        this.signed = signed;
        this.caller = caller;
    }

    @POST
    @Path("/payments/notifications")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Tag(name = "Payment provider", description = "The payment provider's signed callback.")
    @Operation(summary = "Notification of a paid order", description = "No token: the provider signs the raw body, "
            + "`X-Signature: hex(HMAC-SHA256(secret, raw body))`. On success the order's policies become ACTIVE with a "
            + "policy number, a tax-preferential code and their benefit start (late enrolment: payment date + waiting "
            + "days when paid on or after coverage starts). A repeated notification answers `200` with no second effect. "
            + "`paidAt` may not lie before the order's creation nor more than 5 minutes ahead (`INVALID_PAYMENT_TIME`). "
            + "Money for an order that expired or was withdrawn is recorded, activates nothing and is refunded at once: "
            + "`REFUND_REQUESTED` with the `refundId`.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentNotification.class),
            examples = @ExampleObject(name = "paid", value = """
                    {"orderId":"0b7f3c1e-6a8e-4c55-9d7e-2f1f4b1b9c11","transactionId":"WX4200001234","amount":138.00,
                     "paidAt":"2025-10-01T10:15:00+08:00"}""")))
    @APIResponse(responseCode = "200", description = "Paid (first or repeated notification), or refunded", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = {@ExampleObject(name = "active", value = """
                    {"orderId":"0b7f3c1e-6a8e-4c55-9d7e-2f1f4b1b9c11","status":"PAID","transactionId":"WX4200001234",
                     "amount":138.00,"paidAt":"2025-10-01T02:15:00Z","policies":[
                       {"idNumber":"210102199003071233","policyNumber":"HM20262100000000000001",
                        "taxCode":"SY2026000000000001","benefitsFrom":"2026-01-01","status":"ACTIVE"}]}"""),
                    @ExampleObject(name = "too late", value = """
                    {"orderId":"0b7f3c1e-6a8e-4c55-9d7e-2f1f4b1b9c11","status":"REFUND_REQUESTED","transactionId":"WX4200001234",
                     "amount":138.00,"paidAt":"2025-10-01T05:15:00Z","refundId":"7c9e6679-7425-40de-944b-e07fc1f90ae7"}""")}))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "401", description = "`BAD_SIGNATURE`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "bad signature", value = """
                    {"type":"https://huimin.org/problems/bad-signature","title":"Unauthorized","status":401,
                     "detail":"X-Signature does not match the body.","code":"BAD_SIGNATURE"}""")))
    @APIResponse(responseCode = "404", description = "`ORDER_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "`ORDER_ALREADY_PAID` (another transaction), `ORDER_NOT_PAYABLE`, "
            + "`TRANSACTION_ID_REUSED`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "`AMOUNT_MISMATCH`, `WRONG_PAYMENT_CHANNEL`, `INVALID_PAYMENT_TIME`", content = @Content(
            mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "amount", value = """
                    {"type":"https://huimin.org/problems/amount-mismatch","title":"Unprocessable Content","status":422,
                     "detail":"The order's amount is 138.00, the notification says 69.00.","code":"AMOUNT_MISMATCH"}""")))
    public Uni<EnrolmentAnswers.Payment> notification(@HeaderParam("X-Signature") String signature, byte[] body)
            throws java.io.IOException {
        return payments.paid(signed.read(signature, body, PaymentNotification.class));
    }

    @GET
    @Path("/bureau/personal-account-deductions")
    @RolesAllowed(Roles.BUREAU)
    @Tag(name = "Bureau")
    @Operation(summary = "Personal-account deductions waiting for the bureau", description = "Role: `bureau`, for the "
            + "payers of its `region`. Oldest first. The ID number is whole: the bureau deducts the employee's personal "
            + "account by it. A request whose order expired or was withdrawn is no longer listed. Every listed person's "
            + "read is audit-logged.")
    @APIResponse(responseCode = "200", description = "Deduction requests", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one waiting", value = """
                    [{"orderId":"9a1d5e2f-7c3b-4b8a-a1d2-3e4f5a6b7c8d","plan":"LN-2026","idNumber":"210102199003071233",
                      "amount":138.00,"status":"REQUESTED","requestedAt":"2025-10-01T02:00:00Z"}]""")))
    @APIResponse(responseCode = "400", description = "Bad filter", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Not the bureau", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    public Uni<List<EnrolmentAnswers.DeductionLine>> deductions(
            @QueryParam("status") @DefaultValue("REQUESTED")
            @Schema(type = SchemaType.STRING, enumeration = {"REQUESTED", "SUCCEEDED", "FAILED"})
            @jakarta.validation.constraints.Pattern(regexp = "REQUESTED|SUCCEEDED|FAILED",
                    message = "must be REQUESTED, SUCCEEDED or FAILED") String status,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") String limit) {
        return payments.deductions(status, caller.regionPrefix(), QueryParams.limit(limit));
    }

    @POST
    @Path("/bureau/personal-account-deductions/{orderId}/result")
    @RolesAllowed(Roles.BUREAU)
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "Bureau")
    @Operation(summary = "Result of a personal-account deduction", description = "Role: `bureau`. `SUCCEEDED` (with the "
            + "deducted amount, which must equal the order's) activates the policies, the payment date being `at` in "
            + "Asia/Shanghai; `FAILED` leaves nothing active and frees the people to enrol again. Idempotent: the same "
            + "result again answers the same; a contrary result is `409 DEDUCTION_ALREADY_SETTLED`. A result for a request "
            + "whose order expired or was withdrawn is recorded and activates nothing; deducted money goes back to the "
            + "personal account at once (`refundId`; it appears in the personal-account refund list). `at` may not lie "
            + "before the order nor more than 5 minutes ahead (`INVALID_PAYMENT_TIME`).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "succeeded", value = """
            {"status":"SUCCEEDED","amount":138.00,"at":"2025-10-01T10:20:00+08:00"}""")))
    @APIResponse(responseCode = "200", description = "Recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "paid", value = """
                    {"orderId":"9a1d5e2f-7c3b-4b8a-a1d2-3e4f5a6b7c8d","status":"SUCCEEDED","orderStatus":"PAID","amount":138.00,
                     "at":"2025-10-01T02:20:00Z","policies":[{"idNumber":"210102199003071233",
                     "policyNumber":"HM20262100000000000002","taxCode":"SY2026000000000002","benefitsFrom":"2026-01-01","status":"ACTIVE"}]}""")))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Not the bureau", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "`DEDUCTION_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "`DEDUCTION_ALREADY_SETTLED`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "`AMOUNT_MISMATCH`, `INVALID_PAYMENT_TIME`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    public Uni<EnrolmentAnswers.DeductionOutcome> deductionResult(@PathParam("orderId") String orderId,
            @NotNull @Valid DeductionResult result) {
        return payments.deductionResult(QueryParams.uuid(orderId, "orderId"), result, caller.regionPrefix());
    }
}
