package org.huimin.enrolment;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.huimin.common.ApiDocs;
import org.huimin.common.ApiException;
import org.huimin.common.Roles;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/** Payment confirmations: the provider's signed callback, and the bureau's personal-account deductions. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentResource {

    @Inject
    PaymentService payments;

    @Inject
    ObjectMapper json;

    @Inject
    Validator validator;

    @ConfigProperty(name = "huimin.payment.secret")
    java.util.Optional<String> secret;

    @POST
    @Path("/payments/notifications")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Tag(name = "Payment provider", description = "The payment provider's signed callback.")
    @Operation(summary = "Notification of a paid order", description = "No token: the provider signs the raw body, "
            + "`X-Signature: hex(HMAC-SHA256(secret, raw body))`. On success the order's policies become ACTIVE with a "
            + "policy number, a tax-preferential code and their benefit start (late enrolment: payment date + waiting "
            + "days when paid on or after coverage starts). A repeated notification answers `200` with no second effect.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentNotification.class),
            examples = @ExampleObject(name = "paid", value = """
                    {"orderId":"0b7f3c1e-6a8e-4c55-9d7e-2f1f4b1b9c11","transactionId":"WX4200001234","amount":138.00,
                     "paidAt":"2025-10-01T10:15:00+08:00"}""")))
    @APIResponse(responseCode = "200", description = "Paid (first or repeated notification)", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "active", value = """
                    {"orderId":"0b7f3c1e-6a8e-4c55-9d7e-2f1f4b1b9c11","status":"PAID","transactionId":"WX4200001234",
                     "amount":138.00,"paidAt":"2025-10-01T02:15:00Z","policies":[
                       {"idNumber":"210102199003071233","policyNumber":"HM20262100000000000001",
                        "taxCode":"SY2026000000000001","benefitsFrom":"2026-01-01","status":"ACTIVE"}]}""")))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "401", description = "`BAD_SIGNATURE`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "bad signature", value = """
                    {"type":"https://huimin.org/problems/bad-signature","title":"Unauthorized","status":401,
                     "detail":"X-Signature does not match the body.","code":"BAD_SIGNATURE"}""")))
    @APIResponse(responseCode = "404", description = "`ORDER_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "`ORDER_ALREADY_PAID` (another transaction), `ORDER_NOT_PAYABLE`, "
            + "`TRANSACTION_ID_REUSED`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "`AMOUNT_MISMATCH`, `WRONG_PAYMENT_CHANNEL`", content = @Content(
            mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "amount", value = """
                    {"type":"https://huimin.org/problems/amount-mismatch","title":"Unprocessable Content","status":422,
                     "detail":"The order's amount is 138.00, the notification says 69.00.","code":"AMOUNT_MISMATCH"}""")))
    public Uni<EnrolmentAnswers.Payment> notification(@HeaderParam("X-Signature") String signature, byte[] body)
            throws IOException {
        if (!PaymentSignature.verify(secret.orElse(""), body == null ? new byte[0] : body, signature)) {
            throw new ApiException(401, "BAD_SIGNATURE", "X-Signature does not match the body.");
        }
        PaymentNotification notification = json.readValue(body, PaymentNotification.class);
        if (notification == null) {
            throw ApiException.badRequest("MALFORMED_REQUEST", "The body is empty.", List.of());
        }
        Set<ConstraintViolation<PaymentNotification>> violations = validator.validate(notification);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return payments.paid(notification);
    }

    @GET
    @Path("/bureau/personal-account-deductions")
    @RolesAllowed(Roles.BUREAU)
    @Tag(name = "Bureau")
    @Operation(summary = "Personal-account deductions waiting for the bureau", description = "Role: `bureau`. Oldest "
            + "first. The ID number is whole: the bureau deducts the employee's personal account by it.")
    @APIResponse(responseCode = "200", description = "Deduction requests", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one waiting", value = """
                    [{"orderId":"9a1d5e2f-7c3b-4b8a-a1d2-3e4f5a6b7c8d","plan":"LN-2026","idNumber":"210102199003071233",
                      "amount":138.00,"status":"REQUESTED","requestedAt":"2025-10-01T02:00:00Z"}]""")))
    @APIResponse(responseCode = "400", description = "Bad filter", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Not the bureau", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    public Uni<List<EnrolmentAnswers.Deduction>> deductions(
            @QueryParam("status") @DefaultValue("REQUESTED")
            @Schema(type = SchemaType.STRING, enumeration = {"REQUESTED", "SUCCEEDED", "FAILED"})
            @jakarta.validation.constraints.Pattern(regexp = "REQUESTED|SUCCEEDED|FAILED",
                    message = "must be REQUESTED, SUCCEEDED or FAILED") String status,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return payments.deductions(status, limit);
    }

    @POST
    @Path("/bureau/personal-account-deductions/{orderId}/result")
    @RolesAllowed(Roles.BUREAU)
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "Bureau")
    @Operation(summary = "Result of a personal-account deduction", description = "Role: `bureau`. `SUCCEEDED` (with the "
            + "deducted amount, which must equal the order's) activates the policies, the payment date being `at` in "
            + "Asia/Shanghai; `FAILED` leaves nothing active and frees the people to enrol again. Idempotent: the same "
            + "result again answers the same; a contrary result is `409 DEDUCTION_ALREADY_SETTLED`.")
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
    @APIResponse(responseCode = "422", description = "`AMOUNT_MISMATCH`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    public Uni<EnrolmentAnswers.DeductionOutcome> deductionResult(@PathParam("orderId") UUID orderId,
            @NotNull @Valid DeductionResult result) {
        return payments.deductionResult(orderId, result);
    }
}
