package org.huimin.enrolment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.groups.ConvertGroup;
import jakarta.validation.groups.Default;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.huimin.common.web.ApiDocs;
import org.huimin.common.Caller;
import org.huimin.common.Roles;
import org.huimin.common.SizeFirst;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/org/enrolments")
@Tag(name = "Organisation", description = "单位: employers, schools, village committees and charities enrolling and paying for a list.")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrgEnrolmentResource {

    private final OrgEnrolmentService enrolments;
    private final Caller caller;

    public OrgEnrolmentResource(OrgEnrolmentService enrolments, Caller caller) {
        this.enrolments = enrolments;
        this.caller = caller;
    }

    @POST
    // Up to 5,000 entries (MBs of JSON): read, bound and validated on a worker thread, never on the event loop.
    @io.smallrye.common.annotation.Blocking
    @RolesAllowed(Roles.ORG)
    @Operation(summary = "Enrol a list of members, paid by the organisation", description = "Role: `org` with `org_code` "
            + "and `org_type`. At most 5,000 members. Each member is accepted or refused on its own (`NAME_MISMATCH` when the "
            + "name differs from the bureau record, checked first; `CONSENT_REQUIRED`, `NOT_ELIGIBLE`, `NOT_IN_REGION`, "
            + "`ALREADY_ENROLLED`, `INVALID_ID_NUMBER`, `DUPLICATE_MEMBER`); one order covers the accepted ones and expires "
            + "unpaid after 7 days. A school may enrol a student only with the guardian's individual consent (`GUARDIAN_CONSENT_REQUIRED`): students are "
            + "never enrolled by force. When no member can be enrolled the answer is `422 NO_MEMBER_ACCEPTED` with the "
            + "refusals. `Idempotency-Key` replays the first answer.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "school", value = """
            {"plan":"LN-2026","members":[
              {"idNumber":"210102201003070012","name":"李小明","consent":true,"guardianConsent":true},
              {"idNumber":"210102201104080027","name":"王小红","consent":true,"guardianConsent":false}]}""")))
    @APIResponse(responseCode = "201", description = "Order for the accepted members", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "one accepted", value = """
                    {"orderId":"5d0c2b8e-3f0a-4c1e-8d47-8e7a9b2f6c10","plan":"LN-2026","amount":69.00,"status":"PENDING_PAYMENT",
                     "expiresAt":"2025-10-08T02:00:00Z",
                     "accepted":[{"idNumber":"210102201003070012","name":"李小明","status":"PENDING_PAYMENT"}],
                     "refused":[{"index":1,"idNumber":"210102201104080027","code":"GUARDIAN_CONSENT_REQUIRED",
                                 "message":"A school may enrol a student only with the guardian's individual consent."}]}""")))
    @APIResponse(responseCode = "400", description = "Malformed body, more than 5,000 members", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Not an organisation", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "`PLAN_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "`IDEMPOTENCY_KEY_REUSED`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "`ENROLMENT_CLOSED`, `NO_MEMBER_ACCEPTED`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    public Uni<Response> enrol(
            @HeaderParam("Idempotency-Key") @Pattern(regexp = EnrolmentResource.KEY_PATTERN,
                    message = "must be 1 to 200 visible ASCII characters") String key,
            @NotNull @Valid @ConvertGroup(from = Default.class, to = SizeFirst.Then.class) OrgEnrolmentRequest request) {
        return enrolments.enrol(caller.orgCode(), EnrolmentResource.orgType(caller.orgType()), key, request)
                .map(EnrolmentResource::created);
    }
}
