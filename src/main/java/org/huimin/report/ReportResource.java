package org.huimin.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.huimin.common.web.ApiDocs;
import org.huimin.common.Caller;
import org.huimin.common.Roles;
import org.huimin.common.Viewer;

import io.smallrye.mutiny.Uni;

/** Statistics for the bureau and regulators (JSON, or CSV with {@code Accept: text/csv}); insurers see their share. */
@Path("/api/v1/bureau/reports")
@Tag(name = "Bureau")
public class ReportResource {

    static final String CSV = "text/csv;charset=UTF-8";
    static final String ENROLMENT = """
            {"plan":"LN-2026","counties":[{"county":"210102","members":120000,"enrolled":54000,"rate":0.4500}],
             "channels":[{"payer":"ORGANISATION","orgType":"SCHOOL","policies":3000,"premium":207000.00},
                         {"payer":"PERSONAL_ACCOUNT","policies":21000,"premium":1449000.00},
                         {"payer":"SELF","policies":30000,"premium":2070000.00}],
             "totals":{"members":120000,"enrolled":54000,"rate":0.4500,"premiumCollected":3733800.00,
                       "premiumRefunded":7800.00,"netPremium":3726000.00}}""";
    static final String CLAIMS = """
            {"plan":"LN-2026","settlements":812,"eligible":655,"reversals":12,"payout":1890000.00,"averagePayout":2931.01,
             "netPremium":3726000.00,"lossRatio":0.5072,
             "byLiability":[{"key":"IN_POLICY","settlements":640,"payout":1200000.00},{"key":"OUT_OF_POLICY","settlements":410,"payout":690000.00}],
             "byCareType":[{"key":"INPATIENT","settlements":700,"payout":1790000.00},{"key":"DAY_SURGERY","settlements":100,"payout":100000.00}],
             "insurers":[{"insurer":"PICC","share":0.40,"premium":1490400.00,"payouts":756000.00}]}""";

    private final ReportService reports;
    private final Caller caller;

    public ReportResource(ReportService reports, Caller caller) {
        this.reports = reports;
        this.caller = caller;
    }

    @GET
    @Path("/enrolment")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.BUREAU, Roles.REGULATOR, Roles.OPERATOR, Roles.INSURER})
    @Operation(summary = "Enrolment statistics of a plan", description = "Roles: `bureau`, `regulator` (the counties of "
            + "their token's `region` only), `operator`, `insurer` (plans it is in). Per county of the plan's region: basic-insurance members (ACTIVE bureau records), people enrolled (ACTIVE "
            + "policies), rate; per payer channel; premium collected and refunded. `Accept: text/csv` for CSV.")
    @APIResponse(responseCode = "200", description = "Statistics", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "plan", value = ENROLMENT)),
            @Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", value = "county,members,enrolled,rate\r\n210102,120000,54000,0.4500\r\n"))})
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Wrong role", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "`PLAN_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    public Uni<Reports.Enrolment> enrolment(@QueryParam("plan") @NotBlank String plan) {
        return reports.enrolment(plan, viewer());
    }

    @GET
    @Path("/enrolment")
    @Produces(CSV)
    @RolesAllowed({Roles.BUREAU, Roles.REGULATOR, Roles.OPERATOR, Roles.INSURER})
    public Uni<String> enrolmentCsv(@QueryParam("plan") @NotBlank String plan) {
        return reports.enrolment(plan, viewer()).map(Csv::enrolment);
    }

    @GET
    @Path("/claims")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.BUREAU, Roles.REGULATOR, Roles.OPERATOR, Roles.INSURER})
    @Operation(summary = "Claims statistics of a plan", description = "Roles: `bureau`, `regulator` (their region's people "
            + "only), `operator`; `insurer` sees plans it is in and only its own share. Settlements and reversals, payouts per liability and care type (reversed settlements "
            + "excluded), average payout, loss ratio (payouts / net premium), each insurer's share of premium and "
            + "payouts: the sums of the splits the journal booked when each amount arose (half-up, rounding cents to the lead "
            + "insurer), of the viewer's region. `Accept: text/csv` for CSV.")
    @APIResponse(responseCode = "200", description = "Statistics", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "plan", value = CLAIMS)),
            @Content(mediaType = "text/csv")})
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Wrong role", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "`PLAN_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    public Uni<Reports.Claims> claims(@QueryParam("plan") @NotBlank String plan) {
        return reports.claims(plan, viewer());
    }

    @GET
    @Path("/claims")
    @Produces(CSV)
    @RolesAllowed({Roles.BUREAU, Roles.REGULATOR, Roles.OPERATOR, Roles.INSURER})
    public Uni<String> claimsCsv(@QueryParam("plan") @NotBlank String plan) {
        return reports.claims(plan, viewer()).map(Csv::claims);
    }

    /** The bureau and regulators see their region; an insurer its plans and its own share; operators everything. */
    private Viewer viewer() {
        return caller.viewer();
    }
}
