package org.huimin.reimbursement;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.groups.ConvertGroup;
import jakarta.validation.groups.Default;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.huimin.common.Caller;
import org.huimin.common.Roles;
import org.huimin.common.SizeFirst;
import org.huimin.common.web.ApiDocs;
import org.huimin.common.web.QueryParams;

import io.smallrye.mutiny.Uni;

/** The insured person's online claims: submit, follow, add documents when asked. */
@Path("/api/v1/me/reimbursements")
@Tag(name = "Online claims")
@Produces(MediaType.APPLICATION_JSON)
public class MyReimbursementResource {

    static final String CLAIM = """
            {"idNumber":"210102199003071233","careType":"INPATIENT","hospitalName":"北京协和医院","hospitalCode":null,
             "offsite":true,"admissionDate":"2026-03-01","dischargeDate":"2026-03-10","basicSettlementId":"110000-2026-000123",
             "totalAmount":120000.00,"basicFundPaid":60000.00,"criticalIllnessPaid":10000.00,"medicalAssistancePaid":0.00,
             "otherFundPaid":0.00,"inPolicySelfPay":30000.00,"outOfPolicySelfPay":20000.00,"overLimitSelfPay":0.00,
             "payee":{"name":"张三","bank":"中国银行","account":"6216 6100 0000 0000 123"},
             "documents":["3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b","4a3b2c1d-6e5f-4071-9b8a-1d0c2e3f4a5c",
                          "5b4c3d2e-7f60-4182-8c9b-2e1d3f4a5b6d"]}""";
    static final String SUBMITTED = """
            {"reimbursementId":"8d0f6c2e-1a2b-4c3d-9e8f-7a6b5c4d3e2f","status":"SUBMITTED",
             "estimate":{"eligible":true,"payout":22000.00,"patientPays":28000.00,
               "breakdown":[{"liability":"IN_POLICY","eligibleAmount":30000.00,"deductibleApplied":20000.00,"ratio":0.80,"payout":8000.00},
                            {"liability":"OUT_OF_POLICY","eligibleAmount":20000.00,"deductibleApplied":0.00,"ratio":0.70,"payout":14000.00}],
               "remaining":{"deductibles":{"MAIN":0.00},"caps":{"IN_POLICY":992000.00,"OUT_OF_POLICY":986000.00}},
               "insurerShares":[{"insurer":"PICC","amount":8800.00},{"insurer":"CPIC","amount":7700.00},{"insurer":"PAIC","amount":5500.00}]},
             "flags":[],"decisionDueBy":"2026-04-20"}""";
    static final String VIEW = """
            {"reimbursementId":"8d0f6c2e-1a2b-4c3d-9e8f-7a6b5c4d3e2f","status":"SUBMITTED","idNumber":"210102199003071233",
             "careType":"INPATIENT","hospitalName":"北京协和医院","offsite":true,"admissionDate":"2026-03-01",
             "dischargeDate":"2026-03-10","basicSettlementId":"110000-2026-000123",
             "amounts":{"totalAmount":120000.00,"basicFundPaid":60000.00,"criticalIllnessPaid":10000.00,
               "medicalAssistancePaid":0.00,"otherFundPaid":0.00,"inPolicySelfPay":30000.00,"outOfPolicySelfPay":20000.00,
               "overLimitSelfPay":0.00},
             "payee":{"name":"张三","bank":"中国银行","account":"****0123"},
             "documents":[{"documentId":"3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b","type":"INVOICE","contentType":"application/pdf",
               "size":182734,"sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}],
             "flags":[],"estimate":{"eligible":true,"payout":22000.00,"patientPays":28000.00,"breakdown":[],
               "remaining":{"deductibles":{"MAIN":0.00},"caps":{"IN_POLICY":992000.00,"OUT_OF_POLICY":986000.00}},
               "insurerShares":[]},
             "decisionDueBy":"2026-04-20","overdue":false,"submittedAt":"2026-03-21T02:00:00Z"}""";
    static final String NOT_FOUND = """
            {"type":"https://huimin.org/problems/reimbursement-not-found","title":"Not Found","status":404,
             "detail":"No claim 8d0f6c2e-1a2b-4c3d-9e8f-7a6b5c4d3e2f.","code":"REIMBURSEMENT_NOT_FOUND"}""";

    private final ReimbursementService reimbursements;
    private final Caller caller;

    public MyReimbursementResource(ReimbursementService reimbursements, Caller caller) {
        this.reimbursements = reimbursements;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.INSURED)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit an online claim (线上理赔)", description = "Role: `insured`, for themself or for a child "
            + "under 18 whose policy they paid as `CHILD` (anyone else: `404 PERSON_NOT_FOUND`). Checked as a settlement is "
            + "(amounts add up, dates, the policy and the eligibility reasons as codes), within 2 years of discharge "
            + "(`CLAIM_TOO_LATE`), with the invoice and the settlement sheet, and the discharge summary for inpatient care "
            + "(`DOCUMENTS_MISSING`), paid to an account in the insured's name or the claiming guardian's "
            + "(`PAYEE_NOT_ALLOWED`). A basic-insurance settlement already paid at a desk or claimed online is "
            + "`409 ALREADY_CLAIMED`; a stay overlapping another claim or settlement is flagged `OVERLAPPING_STAY` for "
            + "the reviewer. Answers an estimate (today's balances; nothing consumed) and the decision date (30 days). "
            + "`Idempotency-Key`: a retry with the same key answers the first claim (`200`).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "offsite stay", value = CLAIM)))
    @APIResponse(responseCode = "201", description = "Submitted", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReimbursementAnswers.Submitted.class),
            examples = @ExampleObject(name = "submitted", value = SUBMITTED)))
    @APIResponse(responseCode = "200", description = "A retry with the same Idempotency-Key: the first answer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReimbursementAnswers.Submitted.class),
                    examples = @ExampleObject(name = "replayed", value = SUBMITTED)))
    @APIResponse(responseCode = "404", description = "`PERSON_NOT_FOUND`: someone the caller may not claim for",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "not yours", value = """
                    {"type":"https://huimin.org/problems/person-not-found","title":"Not Found","status":404,
                     "detail":"No one the caller may claim for has a policy under this ID number.","code":"PERSON_NOT_FOUND"}""")))
    @APIResponse(responseCode = "409", description = "`ALREADY_CLAIMED`, `IDEMPOTENCY_KEY_REUSED`",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "claimed", value = """
                    {"type":"https://huimin.org/problems/already-claimed","title":"Conflict","status":409,
                     "detail":"Basic-insurance settlement 110000-2026-000123 has already been paid, at a desk or online.",
                     "code":"ALREADY_CLAIMED"}""")))
    @APIResponse(responseCode = "422", description = "`AMOUNTS_DO_NOT_ADD_UP`, `DATE_IN_FUTURE`, `DISCHARGE_BEFORE_ADMISSION`, "
            + "`NO_POLICY`, `WAITING_PERIOD`, `BASIC_INSURANCE_INACTIVE`, `CARE_TYPE_NOT_COVERED`, `CLAIM_TOO_LATE`, "
            + "`DOCUMENTS_MISSING`, `PAYEE_NOT_ALLOWED`, `INVALID_ID_NUMBER`",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "too late", value = """
                    {"type":"https://huimin.org/problems/claim-too-late","title":"Unprocessable Content","status":422,
                     "detail":"A claim must arrive within 2 years of the discharge (2023-03-10; 保险法 第二十六条).",
                     "code":"CLAIM_TOO_LATE"}""")))
    public Uni<Response> submit(
            @Parameter(description = "Client-chosen key; a retry with the same key answers the first claim")
            @HeaderParam("Idempotency-Key") @Pattern(regexp = "[\\x21-\\x7E]{1,200}",
                    message = "must be 1 to 200 visible ASCII characters") String key,
            @NotNull @Valid @ConvertGroup(from = Default.class, to = SizeFirst.Then.class) ReimbursementRequest request) {
        return reimbursements.submit(caller.idNumber(), key, request)
                .map(s -> Response.status(s.created() ? 201 : 200).type(MediaType.APPLICATION_JSON).entity(s.answer()).build());
    }

    @GET
    @RolesAllowed(Roles.INSURED)
    @Operation(summary = "My online claims", description = "Role: `insured`. The claims the caller made (for themself or "
            + "a child) and those about them, newest first: status, decision, reason, payout, due dates.")
    @APIResponse(responseCode = "200", description = "Claims", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one", value = "[" + VIEW + "]")))
    public Uni<List<ReimbursementAnswers.View>> mine() {
        return reimbursements.mine(caller.idNumber());
    }

    @GET
    @Path("/{reimbursementId}")
    @RolesAllowed(Roles.INSURED)
    @Operation(summary = "One of my online claims", description = "Role: `insured`: its claimant or the person it is about; "
            + "anyone else `404`.")
    @APIResponse(responseCode = "200", description = "The claim", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "submitted", value = VIEW)))
    @APIResponse(responseCode = "404", description = "`REIMBURSEMENT_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
    public Uni<ReimbursementAnswers.View> one(@PathParam("reimbursementId") String id) {
        return reimbursements.mineOne(caller.idNumber(), QueryParams.uuid(id, "reimbursementId"));
    }

    @POST
    @Path("/{reimbursementId}/documents")
    @RolesAllowed(Roles.INSURED)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add the documents the reviewer asked for", description = "Role: `insured`, the claimant; only "
            + "while `MORE_INFO_REQUESTED` (else `409 INVALID_STATE`). The claim is `SUBMITTED` again and complete from "
            + "today: the decision is due 30 days later.")
    @RequestBody(content = @Content(schema = @Schema(implementation = MoreDocuments.class),
            examples = @ExampleObject(name = "a referral", value = "{\"documents\":[\"6c5d4e3f-8071-4293-9dac-3f2e4a5b6c7e\"]}")))
    @APIResponse(responseCode = "200", description = "The claim, submitted again", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "resubmitted", value = VIEW)))
    @APIResponse(responseCode = "404", description = "`REIMBURSEMENT_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "`INVALID_STATE`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "not asked", value = """
                    {"type":"https://huimin.org/problems/invalid-state","title":"Conflict","status":409,
                     "detail":"The claim is SUBMITTED: adding documents is not possible now.","code":"INVALID_STATE"}""")))
    @APIResponse(responseCode = "422", description = "`DOCUMENTS_MISSING`: not the caller's, unknown, or attached elsewhere",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "unknown document", value = """
                    {"type":"https://huimin.org/problems/documents-missing","title":"Unprocessable Content","status":422,
                     "detail":"Documents not found among the caller's unattached uploads: 6c5d4e3f-8071-4293-9dac-3f2e4a5b6c7e.",
                     "code":"DOCUMENTS_MISSING"}""")))
    public Uni<ReimbursementAnswers.View> addDocuments(@PathParam("reimbursementId") String id,
            @NotNull @Valid MoreDocuments documents) {
        return reimbursements.addDocuments(caller.idNumber(), QueryParams.uuid(id, "reimbursementId"), documents);
    }
}
