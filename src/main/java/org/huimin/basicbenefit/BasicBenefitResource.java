package org.huimin.basicbenefit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.huimin.common.Roles;
import org.huimin.common.web.ApiDocs;

/** The seed-004 calculator: pure, nothing stored, nothing read. */
@Path("/api/v1/bureau/rules/basic-benefits")
@Tag(name = "Bureau")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BasicBenefitResource {

    static final String LATE_AFTER_BREAK = """
            {"insuranceType":"RESIDENT","planYear":2026,"consecutiveYears":1,"zeroReimbursementYears":0,
             "assistanceFunded":false,"exempt":false,"enrolledInCollectionPeriod":false,"breakYears":6,"repaidYears":1,
             "paidOn":"2026-03-15"}""";

    @POST
    @RolesAllowed({Roles.BUREAU, Roles.INSURED, Roles.HOSPITAL, Roles.OPERATOR})
    @Operation(summary = "Liaoning's basic-insurance rules for residents (seed 004): cap and waiting period",
            description = "Roles: `bureau`, `insured`, `hospital`, `operator`. Pure: nothing is stored. The critical-illness "
                    + "annual cap is 400,000.00 plus 4,000.00 for each consecutive year after the fourth "
                    + "(`consecutiveYears` counts the plan year) and 4,000.00 for each earlier zero-reimbursement year not yet "
                    + "cleared, both together at most 80,000.00; `null` when medical assistance pays the contribution. "
                    + "Waiting: none when `exempt` or enrolled in the collection period without a break; otherwise 3 fixed "
                    + "months plus one for each broken year after the first, less one for each year paid back, at least 6 "
                    + "in all after a break of 4 years or more. Benefits start that many calendar months after `paidOn`. "
                    + "`422 INCONSISTENT_INPUT` (negative counts, `repaidYears > breakYears`, a break with "
                    + "`consecutiveYears` other than 1), `422 RULES_NOT_APPLICABLE` for `EMPLOYEE` or before 2025.")
    @RequestBody(content = @Content(examples = {@ExampleObject(name = "late, after a 6-year break, 1 paid back",
            value = LATE_AFTER_BREAK), @ExampleObject(name = "7th consecutive year, 2 zero years", value = """
            {"insuranceType":"RESIDENT","planYear":2026,"consecutiveYears":7,"zeroReimbursementYears":2,
             "assistanceFunded":false,"exempt":false,"enrolledInCollectionPeriod":true,"breakYears":0,"repaidYears":0,
             "paidOn":"2025-10-20"}""")}))
    @APIResponse(responseCode = "200", description = "Cap, increments, waiting months, benefit start, and why",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {@ExampleObject(name = "7 months", value = """
                    {"criticalIllnessCap":400000.00,"capIncrements":{"continuous":0.00,"zeroReimbursement":0.00},
                     "waitingMonths":{"fixed":3,"variable":4,"total":7},"benefitsFrom":"2026-10-15",
                     "explanation":["Critical-illness annual cap 400,000.00 (大病保险年度最高支付限额40万元).",
                                    "Waiting 7 month(s) after the payment on 2026-03-15.",
                                    "Basic-insurance benefits from 2026-10-15."]}"""),
                    @ExampleObject(name = "420,000 and no wait", value = """
                    {"criticalIllnessCap":420000.00,"capIncrements":{"continuous":12000.00,"zeroReimbursement":8000.00},
                     "waitingMonths":{"fixed":0,"variable":0,"total":0},"benefitsFrom":"2025-10-20",
                     "explanation":["Increments together at most 80,000.00 (累计最高不超过20%): cap 420,000.00."]}""")}))
    @APIResponse(responseCode = "400", description = "Malformed body, unknown insurance type, absurd counts",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Wrong role", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "`INCONSISTENT_INPUT`, `RULES_NOT_APPLICABLE`",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = {@ExampleObject(name = "inconsistent", value = """
                    {"type":"https://huimin.org/problems/inconsistent-input","title":"Unprocessable Content","status":422,
                     "detail":"The situation is inconsistent: repaidYears (3) cannot exceed breakYears (2).",
                     "code":"INCONSISTENT_INPUT"}"""), @ExampleObject(name = "employee", value = """
                    {"type":"https://huimin.org/problems/rules-not-applicable","title":"Unprocessable Content","status":422,
                     "detail":"These are the participation rules of residents (居民); employees (职工) follow other rules.",
                     "code":"RULES_NOT_APPLICABLE"}""")}))
    public BasicBenefitRules.Outcome calculate(@NotNull @Valid BasicBenefitRequest request) {
        BasicBenefitRules.Situation situation = request.situation();
        BasicBenefitRules.refusal(situation).ifPresent(r -> {
            throw r.refused();
        });
        request.requirePaidOn();
        return BasicBenefitRules.compute(situation);
    }
}
