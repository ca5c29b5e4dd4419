package org.huimin.refund;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import org.huimin.common.Amount;
import org.huimin.common.Caller;
import org.huimin.common.CleanText;
import org.huimin.common.Page;
import org.huimin.common.Roles;
import org.huimin.common.ValidDate;
import org.huimin.common.web.ApiDocs;
import org.huimin.common.web.QueryParams;
import org.huimin.common.web.SignedBody;

import io.smallrye.mutiny.Uni;

/** Refunds on every channel: the provider's notifications, the bureau's personal-account list, operators, payers. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RefundResource {

    static final String LINE = """
            {"refundId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","orderId":"0b7f3c1e-6a8e-4c55-9d7e-2f1f4b1b9c11",
             "policyNumber":"HM20262100000000000001","amount":69.00,"channel":"ORIGINAL_PAYMENT","source":"CANCELLATION",
             "status":"SUCCEEDED","attempt":1,"requestedAt":"2025-11-02T03:00:00Z","completedAt":"2025-11-02T03:05:00Z"}""";
    static final String NOT_FOUND = """
            {"type":"https://huimin.org/problems/refund-not-found","title":"Not Found","status":404,
             "detail":"No refund 7c9e6679-7425-40de-944b-e07fc1f90ae7.","code":"REFUND_NOT_FOUND"}""";
    static final String SETTLED = """
            {"type":"https://huimin.org/problems/refund-already-settled","title":"Conflict","status":409,
             "detail":"Refund 7c9e6679-7425-40de-944b-e07fc1f90ae7 is already SUCCEEDED.","code":"REFUND_ALREADY_SETTLED"}""";

    /** The provider's signed refund notification. */
    public record ProviderNotification(@NotNull UUID refundId, @NotNull Refund.Result status, @NotNull @ValidDate OffsetDateTime at) {
    }

    /** The bureau's result of a personal-account refund. */
    public record BureauResult(@NotNull Refund.Result status, @Amount BigDecimal amount, @NotNull @ValidDate OffsetDateTime at) {
    }

    /** An operator's record of the bank transfer of an organisation refund. */
    public record TransferResult(@NotNull Refund.Result status, @NotNull @ValidDate OffsetDateTime at,
            @Size(max = 64) @CleanText String reference) {
    }

    private final RefundService refunds;
    private final SignedBody signed;
    private final Caller caller;

    public RefundResource(RefundService refunds, SignedBody signed, Caller caller) {
        this.refunds = refunds;
        this.signed = signed;
        this.caller = caller;
    }

    @POST
    @Path("/payments/refund-notifications")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Tag(name = "Payment provider")
    @Operation(summary = "Notification of a completed (or failed) refund", description = "No token: signed by the provider "
            + "like its payment notifications, `X-Signature: hex(HMAC-SHA256(secret, raw body))`. Idempotent: the same "
            + "result again answers the same; a contrary result for a settled refund is `409 REFUND_ALREADY_SETTLED`.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProviderNotification.class), examples = @ExampleObject(name = "refunded", value = """
                    {"refundId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","status":"SUCCEEDED","at":"2025-11-02T11:05:00+08:00"}""")))
    @APIResponse(responseCode = "200", description = "Recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "succeeded", value = LINE)))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "`BAD_SIGNATURE`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "bad signature", value = """
                    {"type":"https://huimin.org/problems/bad-signature","title":"Unauthorized","status":401,
                     "detail":"X-Signature does not match the body.","code":"BAD_SIGNATURE"}""")))
    @APIResponse(responseCode = "404", description = "`REFUND_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "`REFUND_ALREADY_SETTLED`, `WRONG_REFUND_CHANNEL`",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "settled", value = SETTLED)))
    public Uni<RefundLine> providerNotification(@HeaderParam("X-Signature") String signature, byte[] body) throws IOException {
        ProviderNotification notification = signed.read(signature, body, ProviderNotification.class);
        return refunds.providerResult(notification.refundId(), notification.status(), notification.at().toInstant());
    }

    @GET
    @Path("/bureau/personal-account-refunds")
    @RolesAllowed(Roles.BUREAU)
    @Tag(name = "Bureau")
    @Operation(summary = "Personal-account refunds waiting for the bureau", description = "Role: `bureau`, for the payers of "
            + "its `region`. Oldest first. Money that came from an employee's personal account goes back to it (never to "
            + "cash): the ID number is the account holder's, whole. Every listed person's read is audit-logged.")
    @APIResponse(responseCode = "200", description = "Refunds", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one waiting", value = """
                    [{"refundId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","orderId":"9a1d5e2f-7c3b-4b8a-a1d2-3e4f5a6b7c8d",
                      "policyNumber":"HM20262100000000000002","idNumber":"210102199003071233","amount":69.00,
                      "requestedAt":"2025-11-02T03:00:00Z"}]""")))
    @APIResponse(responseCode = "400", description = "Bad filter", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unauthenticated", value = ApiDocs.PROBLEM_401)))
    @APIResponse(responseCode = "403", description = "Not the bureau", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "forbidden", value = ApiDocs.PROBLEM_403)))
    public Uni<List<BureauRefundLine>> bureauRefunds(
            @QueryParam("status") @DefaultValue("REQUESTED")
            @Schema(type = SchemaType.STRING, enumeration = {"REQUESTED", "SUCCEEDED", "FAILED"}) String status,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") String limit) {
        String wanted = QueryParams.oneOf(StatusFilter.class, status, "status", StatusFilter.REQUESTED).name();
        return refunds.forBureau(wanted, caller.regionPrefix(), QueryParams.limit(limit));
    }

    @POST
    @Path("/bureau/personal-account-refunds/{refundId}/result")
    @RolesAllowed(Roles.BUREAU)
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "Bureau")
    @Operation(summary = "Result of a personal-account refund", description = "Role: `bureau`, for payers of its `region` "
            + "(others are `404`). `SUCCEEDED` with the credited amount, which must equal the refund's "
            + "(`422 AMOUNT_MISMATCH`), or `FAILED` (an operator may retry it). Idempotent like deduction results.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "credited", value = """
            {"status":"SUCCEEDED","amount":69.00,"at":"2025-11-03T10:00:00+08:00"}""")))
    @APIResponse(responseCode = "200", description = "Recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "credited", value = LINE)))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unauthenticated", value = ApiDocs.PROBLEM_401)))
    @APIResponse(responseCode = "403", description = "Not the bureau", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "forbidden", value = ApiDocs.PROBLEM_403)))
    @APIResponse(responseCode = "404", description = "`REFUND_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "`REFUND_ALREADY_SETTLED`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "settled", value = SETTLED)))
    @APIResponse(responseCode = "422", description = "`AMOUNT_MISMATCH`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "amount", value = """
                    {"type":"https://huimin.org/problems/amount-mismatch","title":"Unprocessable Content","status":422,
                     "detail":"The refund's amount is 69.00.","code":"AMOUNT_MISMATCH"}""")))
    public Uni<RefundLine> bureauResult(@PathParam("refundId") String refundId, @NotNull @Valid BureauResult result) {
        return refunds.bureauResult(QueryParams.uuid(refundId, "refundId"), result.status(), result.amount(), result.at().toInstant(),
                caller.regionPrefix());
    }

    @GET
    @Path("/refunds")
    @RolesAllowed(Roles.OPERATOR)
    @Tag(name = "Money")
    @Operation(summary = "All refunds, by status and channel", description = "Role: `operator`. Oldest first, in pages: "
            + "`limit` (default 100, at most 1,000) and the opaque `cursor` from the previous page's `next`.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + LINE + "],\"next\":null}")))
    @APIResponse(responseCode = "400", description = "Bad filter or cursor", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unauthenticated", value = ApiDocs.PROBLEM_401)))
    @APIResponse(responseCode = "403", description = "Not an operator", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "forbidden", value = ApiDocs.PROBLEM_403)))
    public Uni<Page<RefundLine>> all(
            @QueryParam("status") @Schema(type = SchemaType.STRING, enumeration = {"REQUESTED", "SUCCEEDED", "FAILED"}) String status,
            @QueryParam("channel") @Schema(type = SchemaType.STRING,
                    enumeration = {"ORIGINAL_PAYMENT", "PERSONAL_ACCOUNT", "ORGANISATION"}) String channel,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        StatusFilter wantedStatus = QueryParams.oneOf(StatusFilter.class, status, "status", null);
        Refund.Channel wantedChannel = QueryParams.oneOf(Refund.Channel.class, channel, "channel", null);
        return refunds.page(wantedStatus == null ? null : wantedStatus.name(),
                wantedChannel == null ? null : wantedChannel.name(), cursor, QueryParams.limit(limit));
    }

    @POST
    @Path("/refunds/{refundId}/result")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "Money")
    @Operation(summary = "Record the bank transfer of an organisation refund", description = "Role: `operator`. Organisation "
            + "money goes back by bank transfer: `SUCCEEDED` with the bank's `reference`, or `FAILED`. Only for refunds on "
            + "the `ORGANISATION` channel (`409 WRONG_REFUND_CHANNEL`). Idempotent.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "transferred", value = """
            {"status":"SUCCEEDED","at":"2025-11-05T15:00:00+08:00","reference":"ICBC-20251105-000123"}""")))
    @APIResponse(responseCode = "200", description = "Recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "transferred", value = LINE)))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unauthenticated", value = ApiDocs.PROBLEM_401)))
    @APIResponse(responseCode = "403", description = "Not an operator", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "forbidden", value = ApiDocs.PROBLEM_403)))
    @APIResponse(responseCode = "404", description = "`REFUND_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "`REFUND_ALREADY_SETTLED`, `WRONG_REFUND_CHANNEL`",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "settled", value = SETTLED)))
    public Uni<RefundLine> operatorResult(@PathParam("refundId") String refundId, @NotNull @Valid TransferResult result) {
        return refunds.operatorResult(QueryParams.uuid(refundId, "refundId"), result.status(), result.at().toInstant(), result.reference());
    }

    @POST
    @Path("/refunds/{refundId}/retry")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.WILDCARD)
    @Tag(name = "Money")
    @Operation(summary = "Try a failed refund again", description = "Role: `operator`. A `FAILED` refund goes back to "
            + "`REQUESTED`: a new attempt of the same refund, same refund ID, through the same channel (a provider refund "
            + "is sent again at once). Any other state is `409 REFUND_NOT_FAILED`.")
    @APIResponse(responseCode = "200", description = "Requested again", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "again", value = """
                    {"refundId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","orderId":"0b7f3c1e-6a8e-4c55-9d7e-2f1f4b1b9c11",
                     "amount":69.00,"channel":"ORIGINAL_PAYMENT","source":"CANCELLATION","status":"REQUESTED","attempt":2,
                     "requestedAt":"2025-11-02T03:00:00Z"}""")))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unauthenticated", value = ApiDocs.PROBLEM_401)))
    @APIResponse(responseCode = "403", description = "Not an operator", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "forbidden", value = ApiDocs.PROBLEM_403)))
    @APIResponse(responseCode = "404", description = "`REFUND_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "`REFUND_NOT_FAILED`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "not failed", value = """
                    {"type":"https://huimin.org/problems/refund-not-failed","title":"Conflict","status":409,
                     "detail":"Refund 7c9e6679-7425-40de-944b-e07fc1f90ae7 is REQUESTED; only a FAILED refund can be tried again.",
                     "code":"REFUND_NOT_FAILED"}""")))
    public Uni<RefundLine> retry(@PathParam("refundId") String refundId) {
        return refunds.retry(QueryParams.uuid(refundId, "refundId"));
    }

    @GET
    @Path("/me/refunds")
    @RolesAllowed(Roles.INSURED)
    @Tag(name = "Insured person")
    @Operation(summary = "My refunds", description = "Role: `insured`. Refunds of the orders the caller paid (cancellations "
            + "and money that arrived too late), newest first, with how far each has got.")
    @APIResponse(responseCode = "200", description = "Refunds", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one", value = "[" + LINE + "]")))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unauthenticated", value = ApiDocs.PROBLEM_401)))
    @APIResponse(responseCode = "403", description = "Not an insured person", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "forbidden", value = ApiDocs.PROBLEM_403)))
    public Uni<List<RefundLine>> mine() {
        return refunds.ofPayer(caller.idNumber());
    }

    @GET
    @Path("/org/refunds")
    @RolesAllowed(Roles.ORG)
    @Tag(name = "Organisation")
    @Operation(summary = "The organisation's refunds", description = "Role: `org`. Refunds of the orders the organisation "
            + "paid, newest first (`limit`, default 100, at most 1,000); they are paid back by bank transfer.")
    @APIResponse(responseCode = "200", description = "Refunds", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one", value = "[" + LINE + "]")))
    @APIResponse(responseCode = "400", description = "Bad limit", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unauthenticated", value = ApiDocs.PROBLEM_401)))
    @APIResponse(responseCode = "403", description = "Not an organisation", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "forbidden", value = ApiDocs.PROBLEM_403)))
    public Uni<List<RefundLine>> organisation(
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") String limit) {
        return refunds.ofOrganisation(caller.orgCode(), QueryParams.limit(limit));
    }

    /** The states a refund list can be filtered by. */
    enum StatusFilter {
        REQUESTED, SUCCEEDED, FAILED
    }
}
