package org.huimin.plan;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.huimin.common.Roles;
import org.huimin.common.ValidDate;
import org.huimin.common.web.ApiDocs;
import org.huimin.common.web.QueryParams;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/plans")
@Tag(name = "Plans", description = "保障方案: yearly plan terms. Operators write; anyone reads.")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanResource {

    static final String PLAN_EXAMPLE = """
            {"code":"LN-2026","name":"辽宁惠民保 2026","region":"210000","planYear":2026,"premium":69.00,
             "enrolmentOpens":"2025-09-01","enrolmentCloses":"2026-03-31",
             "coverageStarts":"2026-01-01","coverageEnds":"2026-12-31","lateEnrolmentWaitingDays":30,
             "coveredCareTypes":["INPATIENT","EMERGENCY","DAY_SURGERY","CHRONIC_SPECIAL_OUTPATIENT"],
             "deductibles":{"MAIN":20000.00},
             "liabilities":[{"code":"IN_POLICY","deductibleGroup":"MAIN","ratio":0.80,"annualCap":1000000.00},
                            {"code":"OUT_OF_POLICY","deductibleGroup":"MAIN","ratio":0.70,"annualCap":1000000.00}],
             "insurers":[{"code":"PICC","share":0.40},{"code":"CPIC","share":0.35},{"code":"PAIC","share":0.25}]}""";
    static final String INCONSISTENT = """
            {"type":"https://huimin.org/problems/plan-terms-inconsistent","title":"Unprocessable Content","status":422,
             "detail":"The plan's terms are inconsistent.","code":"PLAN_TERMS_INCONSISTENT",
             "errors":[{"field":"insurers","message":"shares must sum to exactly 1 (they sum to 0.95)"}]}""";

    static final String NOT_FOUND = """
            {"type":"https://huimin.org/problems/plan-not-found","title":"Not Found","status":404,
             "detail":"No plan with code XX-2026.","code":"PLAN_NOT_FOUND"}""";
    static final String OVERLAPS = """
            {"type":"https://huimin.org/problems/plan-overlaps","title":"Conflict","status":409,
             "detail":"Plan LN-2026 (region 210000, coverage 2026-01-01..2026-12-31) overlaps this plan's region and coverage period.",
             "code":"PLAN_OVERLAPS"}""";

    private final PlanService plans;

    public PlanResource(PlanService plans) {
        this.plans = plans;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @ResponseStatus(201)
    @Operation(summary = "Create a yearly plan", description = "Role: `operator`. Validates the terms: shares sum to "
            + "exactly 1, every liability names a known deductible group, ratios within 0..1, coherent dates, unique code.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Liaoning 2026", value = PLAN_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "Liaoning 2026", value = PLAN_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Malformed body or invalid field",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "invalid field", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "unauthenticated", value = ApiDocs.PROBLEM_401)))
    @APIResponse(responseCode = "403", description = "Not an operator",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "forbidden", value = ApiDocs.PROBLEM_403)))
    @APIResponse(responseCode = "409", description = "`PLAN_CODE_EXISTS`, `PLAN_OVERLAPS` (a plan of the same or a nested "
            + "region shares a coverage day)", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = {@ExampleObject(name = "duplicate code", value = """
                    {"type":"https://huimin.org/problems/plan-code-exists","title":"Conflict","status":409,
                     "detail":"A plan with code LN-2026 already exists.","code":"PLAN_CODE_EXISTS"}"""),
                    @ExampleObject(name = "overlap", value = OVERLAPS)}))
    @APIResponse(responseCode = "422", description = "`PLAN_TERMS_INCONSISTENT`",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "shares", value = INCONSISTENT)))
    public Uni<PlanView> create(@NotNull @Valid PlanRequest request) {
        return plans.create(request);
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Change a plan's terms before enrolment opens", description = "Role: `operator`. From "
            + "`enrolmentOpens` on, the payout conditions are locked (`409 PLAN_TERMS_LOCKED`).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Liaoning 2026", value = PLAN_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "Liaoning 2026", value = PLAN_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Malformed body or invalid field", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Not an operator", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "`PLAN_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "`PLAN_TERMS_LOCKED`, `PLAN_OVERLAPS`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = {@ExampleObject(name = "locked", value = """
                    {"type":"https://huimin.org/problems/plan-terms-locked","title":"Conflict","status":409,
                     "detail":"Enrolment opened on 2025-09-01; the plan's terms can no longer change.","code":"PLAN_TERMS_LOCKED"}"""),
                    @ExampleObject(name = "overlap", value = OVERLAPS)}))
    @APIResponse(responseCode = "422", description = "`PLAN_TERMS_INCONSISTENT`, `PLAN_CODE_MISMATCH`",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "shares", value = INCONSISTENT)))
    public Uni<PlanView> update(@PathParam("code") String code, @NotNull @Valid PlanRequest request) {
        return plans.update(code, request);
    }

    /** Body of {@code PATCH /api/v1/plans/{code}/enrolment-window}. */
    public record WindowExtension(@NotNull @ValidDate java.time.LocalDate enrolmentCloses) {
    }

    @PATCH
    @Path("/{code}/enrolment-window")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Extend the enrolment window", description = "Role: `operator`. Only `enrolmentCloses`, only later "
            + "(002: 根据需要可适当延长), and never past the last day on which a policy paid that day still starts its benefits "
            + "within coverage (`coverageEnds − lateEnrolmentWaitingDays`, or the day before coverage starts if later). The "
            + "same day again answers the plan unchanged, so a retry is harmless. The benefit terms stay locked.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "extend to 30 April", value = """
            {"enrolmentCloses":"2026-04-30"}""")))
    @APIResponse(responseCode = "200", description = "The plan with its new window", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "extended", value = PLAN_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Malformed body or date", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unauthenticated", value = ApiDocs.PROBLEM_401)))
    @APIResponse(responseCode = "403", description = "Not an operator", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "forbidden", value = ApiDocs.PROBLEM_403)))
    @APIResponse(responseCode = "404", description = "`PLAN_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
    @APIResponse(responseCode = "422", description = "`WINDOW_NOT_EXTENDABLE` (earlier than today's value, or too late)",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "too late", value = """
                    {"type":"https://huimin.org/problems/window-not-extendable","title":"Unprocessable Content","status":422,
                     "detail":"A policy paid after 2026-12-01 would start its benefits after coverage ends (2026-12-31).",
                     "code":"WINDOW_NOT_EXTENDABLE","errors":[{"field":"enrolmentCloses",
                     "message":"A policy paid after 2026-12-01 would start its benefits after coverage ends (2026-12-31)."}]}""")))
    public Uni<PlanView> extendEnrolment(@PathParam("code") String code, @NotNull @Valid WindowExtension body) {
        return plans.extendEnrolment(code, body.enrolmentCloses());
    }

    @GET
    @Path("/{code}")
    @PermitAll
    @Operation(summary = "Read a plan", description = "Public: no token needed.")
    @APIResponse(responseCode = "200", description = "The plan", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "Liaoning 2026", value = PLAN_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "`PLAN_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
    public Uni<PlanView> get(@PathParam("code") String code) {
        return plans.get(code);
    }

    @GET
    @PermitAll
    @Operation(summary = "List plans, by region and year", description = "Public: no token needed.")
    @APIResponse(responseCode = "200", description = "Matching plans, newest year first", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "Liaoning", value = "[" + PLAN_EXAMPLE + "]")))
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    public Uni<List<PlanView>> list(
            @QueryParam("region") @Pattern(regexp = "\\d{6}", message = "must be a 6-digit administrative division code") String region,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "2000", maximum = "2100")) @QueryParam("year") String year) {
        return plans.list(region, QueryParams.integer(year, "year", 2000, 2100));
    }
}
