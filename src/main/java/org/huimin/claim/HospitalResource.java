package org.huimin.claim;

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
import org.huimin.common.web.ApiDocs;
import org.huimin.common.BusinessClock;
import org.huimin.common.Caller;
import org.huimin.common.web.QueryParams;
import org.huimin.common.Roles;

import io.smallrye.mutiny.Uni;

/** Hospital information systems (定点医疗机构): the hospital is the token's {@code hospital_code}. */
@Path("/api/v1/hospital")
@Tag(name = "Hospital", description = "Instant claims at discharge: coverage, trial, settlement, reversal, reconciliation.")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.HOSPITAL)
public class HospitalResource {

    static final String REQUEST = """
            {"settlementId":"H4401-20260310-0001","idNumber":"210102199003071233","careType":"INPATIENT",
             "admissionDate":"2026-03-01","dischargeDate":"2026-03-10","totalAmount":120000.00,"basicFundPaid":60000.00,
             "criticalIllnessPaid":10000.00,"medicalAssistancePaid":0.00,"otherFundPaid":0.00,"inPolicySelfPay":30000.00,
             "outOfPolicySelfPay":20000.00,"overLimitSelfPay":0.00}""";
    static final String ELIGIBLE = """
            {"settlementId":"H4401-20260310-0001","status":"SETTLED","eligible":true,"reason":null,
             "policyNumber":"HM20262100000000000001","payout":22000.00,"patientPays":28000.00,
             "breakdown":[{"liability":"IN_POLICY","eligibleAmount":30000.00,"deductibleApplied":20000.00,"ratio":0.80,"payout":8000.00},
                          {"liability":"OUT_OF_POLICY","eligibleAmount":20000.00,"deductibleApplied":0.00,"ratio":0.70,"payout":14000.00}],
             "remaining":{"deductibles":{"MAIN":0.00},"caps":{"IN_POLICY":992000.00,"OUT_OF_POLICY":986000.00}},
             "insurerShares":[{"insurer":"PICC","amount":8800.00},{"insurer":"CPIC","amount":7700.00},{"insurer":"PAIC","amount":5500.00}],
             "settledAt":"2026-03-10T02:00:00Z"}""";
    static final String INELIGIBLE = """
            {"settlementId":"H4401-20260310-0002","status":"SETTLED","eligible":false,"reason":"WAITING_PERIOD",
             "policyNumber":"HM20262100000000000007","payout":0.00,"patientPays":50000.00,"breakdown":[],
             "remaining":{"deductibles":{"MAIN":20000.00},"caps":{"IN_POLICY":1000000.00,"OUT_OF_POLICY":1000000.00}},
             "insurerShares":[{"insurer":"PICC","amount":0.00},{"insurer":"CPIC","amount":0.00},{"insurer":"PAIC","amount":0.00}],
             "settledAt":"2026-03-10T02:05:00Z"}""";
    static final String NOT_ADDING_UP = """
            {"type":"https://huimin.org/problems/amounts-do-not-add-up","title":"Unprocessable Content","status":422,
             "detail":"totalAmount is not the sum of the fund payments and the self-pay amounts.","code":"AMOUNTS_DO_NOT_ADD_UP",
             "errors":[{"field":"totalAmount","message":"must equal the sum of the other eight amounts"}]}""";

    private final SettlementService settlements;
    private final Caller caller;
    private final BusinessClock clock;

    public HospitalResource(SettlementService settlements, Caller caller, BusinessClock clock) {
        this.settlements = settlements;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Path("/coverage/{idNumber}")
    @Operation(summary = "Is the patient covered?", description = "Role: `hospital`. Covered or not on `date` (default "
            + "today, Asia/Shanghai) with the first failing reason (`NO_POLICY`, `WAITING_PERIOD`, "
            + "`BASIC_INSURANCE_INACTIVE`), the remaining deductibles and caps. The ID number in the answer is masked.")
    @APIResponse(responseCode = "200", description = "Coverage", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = "covered", value = """
                    {"covered":true,"reason":null,"idNumber":"2101**********1233","plan":"LN-2026",
                     "policyNumber":"HM20262100000000000001","benefitsFrom":"2026-01-01",
                     "remaining":{"deductibles":{"MAIN":20000.00},"caps":{"IN_POLICY":1000000.00,"OUT_OF_POLICY":1000000.00}}}"""),
                    @ExampleObject(name = "not covered", value = """
                    {"covered":false,"reason":"NO_POLICY","idNumber":"2101**********1233","plan":null,"policyNumber":null,
                     "benefitsFrom":null,"remaining":null}""")}))
    @APIResponse(responseCode = "400", description = "Bad date", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Not a hospital", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "`INVALID_ID_NUMBER`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    public Uni<ClaimAnswers.Coverage> coverage(@PathParam("idNumber") String idNumber,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("date") String date) {
        caller.hospitalCode();
        return settlements.coverage(idNumber, QueryParams.date(date, "date", clock.today()));
    }

    @POST
    @Path("/settlements/trial")
    @Operation(summary = "Trial settlement (预结算)", description = "Role: `hospital`. The same computation as a settlement; "
            + "nothing is recorded and no balance changes. `status` is `TRIAL`; `settlementId` is optional.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "inpatient", value = REQUEST)))
    @APIResponse(responseCode = "200", description = "The computed answer", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "eligible", value = ELIGIBLE)))
    @APIResponse(responseCode = "400", description = "Malformed body, negative or 3-decimal amount, unknown care type",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Not a hospital", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "`AMOUNTS_DO_NOT_ADD_UP`, `INVALID_ID_NUMBER`, `DISCHARGE_BEFORE_ADMISSION`",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "sum", value = NOT_ADDING_UP)))
    public Uni<ClaimAnswers.Settlement> trial(@NotNull @Valid SettlementRequest request) {
        caller.hospitalCode();
        return settlements.trial(request);
    }

    @POST
    @Path("/settlements")
    @Operation(summary = "Settle at discharge", description = "Role: `hospital`. Checks eligibility (first failing reason "
            + "of `NO_POLICY`, `WAITING_PERIOD`, `BASIC_INSURANCE_INACTIVE`, `CARE_TYPE_NOT_COVERED`), computes the payout "
            + "per liability against the annual deductible and caps, splits it between the insurers, and records it. An "
            + "ineligible settlement is recorded too, with payout 0. Exactly once: a retry with the same body answers `200` "
            + "with the first answer; the same `settlementId` with another body is `409 SETTLEMENT_ID_REUSED`.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "inpatient", value = REQUEST)))
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = "eligible", value = ELIGIBLE), @ExampleObject(name = "ineligible", value = INELIGIBLE)}))
    @APIResponse(responseCode = "200", description = "A retry: the first answer", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "replayed", value = ELIGIBLE)))
    @APIResponse(responseCode = "400", description = "Malformed body, missing field, negative or 3-decimal amount",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Not a hospital", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "`SETTLEMENT_ID_REUSED`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "reused", value = """
                    {"type":"https://huimin.org/problems/settlement-id-reused","title":"Conflict","status":409,
                     "detail":"Settlement H4401-20260310-0001 was recorded with a different body.","code":"SETTLEMENT_ID_REUSED"}""")))
    @APIResponse(responseCode = "422", description = "`AMOUNTS_DO_NOT_ADD_UP`, `INVALID_ID_NUMBER`, `DISCHARGE_BEFORE_ADMISSION`",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "sum", value = NOT_ADDING_UP)))
    public Uni<Response> settle(@NotNull @Valid SettlementRequest request) {
        return settlements.settle(caller.hospitalCode(), request)
                .map(settled -> json(settled.recordedNow() ? 201 : 200, settled.answer()));
    }

    @POST
    @Path("/settlements/{settlementId}/reversal")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Reverse a settlement (结算撤销)", description = "Role: `hospital`, own settlements only. Returns "
            + "exactly the deductible and cap amounts the settlement consumed (`restored`); later settlements are not "
            + "recomputed. A retry answers the same and restores nothing twice.")
    @APIResponse(responseCode = "200", description = "Reversed", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "reversed", value = """
                    {"settlementId":"H4401-20260310-0001","status":"REVERSED","eligible":true,"reason":null,
                     "policyNumber":"HM20262100000000000001","payout":22000.00,"patientPays":28000.00,"breakdown":[],
                     "remaining":{"deductibles":{"MAIN":20000.00},"caps":{"IN_POLICY":1000000.00,"OUT_OF_POLICY":1000000.00}},
                     "insurerShares":[{"insurer":"PICC","amount":8800.00},{"insurer":"CPIC","amount":7700.00},{"insurer":"PAIC","amount":5500.00}],
                     "settledAt":"2026-03-10T02:00:00Z","reversedAt":"2026-03-10T03:00:00Z",
                     "restored":{"deductibles":{"MAIN":20000.00},"caps":{"IN_POLICY":8000.00,"OUT_OF_POLICY":14000.00}}}""")))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Not a hospital", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "`SETTLEMENT_NOT_FOUND` (unknown, or another hospital's)",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    public Uni<Response> reverse(@PathParam("settlementId") String settlementId) {
        return settlements.reverse(caller.hospitalCode(), settlementId).map(body -> json(200, body));
    }

    @GET
    @Path("/settlements/{settlementId}")
    @Operation(summary = "A settlement's current state", description = "Role: `hospital`, own settlements only.")
    @APIResponse(responseCode = "200", description = "SETTLED or REVERSED", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "settled", value = ELIGIBLE)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Not a hospital", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "`SETTLEMENT_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    public Uni<Response> get(@PathParam("settlementId") String settlementId) {
        return settlements.current(caller.hospitalCode(), settlementId).map(body -> json(200, body));
    }

    @GET
    @Path("/reconciliation")
    @Operation(summary = "Daily reconciliation (对账)", description = "Role: `hospital`. For `date` (Asia/Shanghai; default "
            + "today): settlements recorded that day (ineligible ones included, whatever happened later) and reversals "
            + "recorded that day, each with count and payout; `net` = settled − reversed. Retries count once.")
    @APIResponse(responseCode = "200", description = "The day's figures", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "day", value = """
                    {"date":"2026-03-10","hospital":"H4401","settled":{"count":3,"payout":30500.00},
                     "reversed":{"count":1,"payout":22000.00},"net":8500.00}""")))
    @APIResponse(responseCode = "400", description = "Bad date", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Not a hospital", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    public Uni<ClaimAnswers.Reconciliation> reconciliation(
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("date") String date) {
        return settlements.reconciliation(caller.hospitalCode(), QueryParams.date(date, "date", clock.today()));
    }

    private static Response json(int status, String body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
