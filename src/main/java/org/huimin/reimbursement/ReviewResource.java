package org.huimin.reimbursement;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
import org.huimin.common.Page;
import org.huimin.common.Roles;
import org.huimin.common.web.ApiDocs;
import org.huimin.common.web.QueryParams;

import io.smallrye.mutiny.Uni;

/** The lead insurer's review: the queue, whole claims and their documents, decisions, payment. */
@Path("/api/v1/insurer/reimbursements")
@Tag(name = "Online claims")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    enum Status {
        SUBMITTED, MORE_INFO_REQUESTED, PENDING_SECOND_REVIEW, APPROVED, PAID, REJECTED
    }

    static final String ITEM = """
            {"reimbursementId":"8d0f6c2e-1a2b-4c3d-9e8f-7a6b5c4d3e2f","plan":"LN-2026","idNumber":"2101**********1233",
             "careType":"INPATIENT","offsite":true,"admissionDate":"2026-03-01","dischargeDate":"2026-03-10",
             "totalAmount":120000.00,"inPolicySelfPay":30000.00,"outOfPolicySelfPay":20000.00,"estimate":22000.00,
             "flags":["OVERLAPPING_STAY"],"status":"SUBMITTED","decisionDueBy":"2026-04-20","overdue":false,
             "submittedAt":"2026-03-21T02:00:00Z"}""";
    static final String APPROVED = """
            {"reimbursementId":"8d0f6c2e-1a2b-4c3d-9e8f-7a6b5c4d3e2f","status":"APPROVED","idNumber":"210102199003071233",
             "careType":"INPATIENT","hospitalName":"北京协和医院","offsite":true,"admissionDate":"2026-03-01",
             "dischargeDate":"2026-03-10","basicSettlementId":"110000-2026-000123",
             "amounts":{"totalAmount":120000.00,"basicFundPaid":60000.00,"criticalIllnessPaid":10000.00,
               "medicalAssistancePaid":0.00,"otherFundPaid":0.00,"inPolicySelfPay":30000.00,"outOfPolicySelfPay":20000.00,
               "overLimitSelfPay":0.00},
             "payee":{"name":"张三","bank":"中国银行","account":"6216 6100 0000 0000 123"},"documents":[],"flags":[],
             "estimate":{"eligible":true,"payout":22000.00,"patientPays":28000.00,"breakdown":[],
               "remaining":{"deductibles":{"MAIN":0.00},"caps":{}},"insurerShares":[]},
             "payout":22000.00,
             "approval":{"eligible":true,"payout":22000.00,"patientPays":28000.00,
               "breakdown":[{"liability":"IN_POLICY","eligibleAmount":30000.00,"deductibleApplied":20000.00,"ratio":0.80,"payout":8000.00},
                            {"liability":"OUT_OF_POLICY","eligibleAmount":20000.00,"deductibleApplied":0.00,"ratio":0.70,"payout":14000.00}],
               "remaining":{"deductibles":{"MAIN":0.00},"caps":{"IN_POLICY":992000.00,"OUT_OF_POLICY":986000.00}},
               "insurerShares":[{"insurer":"PICC","amount":8800.00},{"insurer":"CPIC","amount":7700.00},{"insurer":"PAIC","amount":5500.00}]},
             "decisionDueBy":"2026-04-20","paymentDueBy":"2026-04-05","overdue":false,"submittedAt":"2026-03-21T02:00:00Z",
             "decidedAt":"2026-03-26T02:00:00Z",
             "decisions":[{"decision":"APPROVE","reviewer":"reviewer-li","outcome":"APPROVED","decidedAt":"2026-03-26T02:00:00Z"}]}""";
    static final String NOT_FOUND = MyReimbursementResource.NOT_FOUND;

    private final ReimbursementService reimbursements;
    private final ApprovalService approvals;
    private final Caller caller;

    public ReviewResource(ReimbursementService reimbursements, ApprovalService approvals, Caller caller) {
        this.reimbursements = reimbursements;
        this.approvals = approvals;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.INSURER)
    @Operation(summary = "The review queue", description = "Role: `insurer` — the claims of the plans it leads, oldest "
            + "decision date first; `status` and `overdue=true` narrow it. ID numbers masked. Pages of `limit` (default "
            + "100, at most 1,000) and the opaque `cursor` from the previous page's `next`.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one waiting", value = "{\"items\":[" + ITEM + "],\"next\":null}")))
    public Uni<Page<ReimbursementAnswers.QueueItem>> queue(
            @QueryParam("status") @Schema(type = SchemaType.STRING, enumeration = {"SUBMITTED", "MORE_INFO_REQUESTED",
                    "PENDING_SECOND_REVIEW", "APPROVED", "PAID", "REJECTED"}) String status,
            @QueryParam("overdue") @Schema(type = SchemaType.BOOLEAN) String overdue,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        Status wanted = QueryParams.oneOf(Status.class, status, "status", null);
        Boolean onlyOverdue = QueryParams.bool(overdue, "overdue");
        return reimbursements.queue(caller.insurerCode(), wanted == null ? null : wanted.name(),
                Boolean.TRUE.equals(onlyOverdue), cursor, QueryParams.limit(limit));
    }

    @GET
    @Path("/{reimbursementId}")
    @RolesAllowed(Roles.INSURER)
    @Operation(summary = "A whole claim", description = "Role: `insurer` leading the claim's plan (others `404`). Every "
            + "field, the payee's whole account and the decisions so far; the read is audit-logged.")
    @APIResponse(responseCode = "200", description = "The claim", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "approved", value = APPROVED)))
    @APIResponse(responseCode = "404", description = "`REIMBURSEMENT_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
    public Uni<ReimbursementAnswers.View> one(@PathParam("reimbursementId") String id) {
        return reimbursements.forInsurer(caller.insurerCode(), QueryParams.uuid(id, "reimbursementId"));
    }

    @GET
    @Path("/{reimbursementId}/documents/{documentId}")
    @RolesAllowed(Roles.INSURER)
    @Produces({"application/pdf", "image/jpeg", "image/png", MediaType.APPLICATION_JSON})
    @Operation(summary = "A claim's document", description = "Role: `insurer` leading the claim's plan. The document's "
            + "bytes with their content type; the read is audit-logged.")
    @APIResponse(responseCode = "200", description = "The bytes", content = {
            @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "a PDF", value = "%PDF-1.7 … (the document's bytes, as uploaded)")),
            @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "404", description = "`REIMBURSEMENT_NOT_FOUND`, `DOCUMENT_NOT_FOUND`",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
    public Uni<Response> document(@PathParam("reimbursementId") String id, @PathParam("documentId") String documentId) {
        return reimbursements.document(caller.insurerCode(), QueryParams.uuid(id, "reimbursementId"),
                QueryParams.uuid(documentId, "documentId"))
                .map(d -> Response.ok(d.bytes(), d.contentType()).header("Cache-Control", "no-store").build());
    }

    @POST
    @Path("/{reimbursementId}/decision")
    @RolesAllowed(Roles.INSURER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide on a claim", description = "Role: `insurer` leading the claim's plan; the reviewer is the "
            + "token's `sub`. `APPROVE` computes the payout with the desk's rules, under the same lock and from the same "
            + "balances as settlements, and consumes them — unless it pays 50,000.00 or more (`HUIMIN_SECOND_REVIEW_FROM`): "
            + "then it waits for another reviewer's approval (`PENDING_SECOND_REVIEW`; the same reviewer again is "
            + "`409 SECOND_REVIEWER_REQUIRED`). `adjustedAmounts` may lower amounts item by item, never raise them "
            + "(`422 ADJUSTMENT_NOT_ALLOWED`), must add up, and need a `reason`. `REJECT` (frees the basic-insurance "
            + "settlement for a new claim) and `REQUEST_INFO` need a `reason`. A decision in the wrong state is "
            + "`409 INVALID_STATE`.")
    @RequestBody(content = @Content(examples = {
            @ExampleObject(name = "approve", value = "{\"decision\":\"APPROVE\",\"reason\":null,\"adjustedAmounts\":null}"),
            @ExampleObject(name = "lower an amount", value = """
                    {"decision":"APPROVE","reason":"自费药品超出目录 3,000.00",
                     "adjustedAmounts":{"totalAmount":117000.00,"basicFundPaid":60000.00,"criticalIllnessPaid":10000.00,
                       "medicalAssistancePaid":0.00,"otherFundPaid":0.00,"inPolicySelfPay":30000.00,
                       "outOfPolicySelfPay":17000.00,"overLimitSelfPay":0.00}}"""),
            @ExampleObject(name = "ask for more", value = "{\"decision\":\"REQUEST_INFO\",\"reason\":\"请补充出院小结\"}")}))
    @APIResponse(responseCode = "200", description = "The claim in its new state", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "approved", value = APPROVED)))
    @APIResponse(responseCode = "404", description = "`REIMBURSEMENT_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "`INVALID_STATE`, `SECOND_REVIEWER_REQUIRED`",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "four eyes", value = """
                    {"type":"https://huimin.org/problems/second-reviewer-required","title":"Conflict","status":409,
                     "detail":"This claim was approved once by this reviewer; another reviewer must give the second approval.",
                     "code":"SECOND_REVIEWER_REQUIRED"}""")))
    @APIResponse(responseCode = "422", description = "`ADJUSTMENT_NOT_ALLOWED`, `AMOUNTS_DO_NOT_ADD_UP`, `REASON_REQUIRED`, "
            + "or an eligibility reason (`NO_POLICY`, `WAITING_PERIOD`, `BASIC_INSURANCE_INACTIVE`, `CARE_TYPE_NOT_COVERED`)",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "raised", value = """
                    {"type":"https://huimin.org/problems/adjustment-not-allowed","title":"Unprocessable Content","status":422,
                     "detail":"Amounts may be lowered, never raised.","code":"ADJUSTMENT_NOT_ALLOWED",
                     "errors":[{"field":"adjustedAmounts.inPolicySelfPay","message":"may not be raised above 30000.00"}]}""")))
    public Uni<ReimbursementAnswers.View> decide(@PathParam("reimbursementId") String id,
            @NotNull @Valid DecisionRequest request) {
        java.util.UUID claim = QueryParams.uuid(id, "reimbursementId");
        String insurer = caller.insurerCode();
        if (request.decision() == DecisionRequest.Decision.APPROVE) {
            return approvals.approve(insurer, caller.subject(), claim, request)
                    .chain(() -> reimbursements.forInsurer(insurer, claim));
        }
        return reimbursements.decide(insurer, caller.subject(), claim, request);
    }

    @POST
    @Path("/{reimbursementId}/payment")
    @RolesAllowed(Roles.INSURER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record the payment to the member", description = "Role: `insurer` leading the claim's plan. The "
            + "amount must equal the approved payout (`422 AMOUNT_MISMATCH`); idempotent on `transactionId`; the claim is "
            + "then `PAID`. Another transaction for a paid claim is `409 ALREADY_PAID`; before approval `409 INVALID_STATE`.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "transfer", value = """
            {"transactionId":"PICC-20260328-000017","amount":22000.00,"paidAt":"2026-03-28T10:00:00+08:00"}""")))
    @APIResponse(responseCode = "200", description = "The claim, paid", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "paid", value = APPROVED)))
    @APIResponse(responseCode = "404", description = "`REIMBURSEMENT_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "`INVALID_STATE`, `ALREADY_PAID`, `TRANSACTION_ID_REUSED`",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "not approved", value = """
                    {"type":"https://huimin.org/problems/invalid-state","title":"Conflict","status":409,
                     "detail":"The claim is SUBMITTED: payment is not possible now.","code":"INVALID_STATE"}""")))
    @APIResponse(responseCode = "422", description = "`AMOUNT_MISMATCH`, `INVALID_PAYMENT_TIME`",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "amount", value = """
                    {"type":"https://huimin.org/problems/amount-mismatch","title":"Unprocessable Content","status":422,
                     "detail":"The approved payout is 22000.00, the payment says 2200.00.","code":"AMOUNT_MISMATCH"}""")))
    public Uni<ReimbursementAnswers.View> pay(@PathParam("reimbursementId") String id, @NotNull @Valid MemberPayment payment) {
        java.util.UUID claim = QueryParams.uuid(id, "reimbursementId");
        String insurer = caller.insurerCode();
        return approvals.pay(insurer, claim, payment).chain(() -> reimbursements.forInsurer(insurer, claim));
    }
}
