package org.huimin.participant;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.huimin.common.BoundedList;
import org.huimin.common.Caller;
import org.huimin.common.web.ApiDocs;
import org.huimin.common.Roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/bureau/participants")
@Tag(name = "Bureau", description = "医保局: participant data in, personal-account deductions, statistics out.")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ParticipantResource {

    /** Records are read one by one (see {@link ParticipantRecordParser}) so one bad record fails only itself. */
    public record Batch(@NotNull @Size(max = 5000, message = "a batch holds at most 5000 records")
            @JsonDeserialize(using = BoundedList.class) List<JsonNode> records) {
    }

    private final ParticipantService participants;
    private final Caller caller;

    public ParticipantResource(ParticipantService participants, Caller caller) {
        this.participants = participants;
        this.caller = caller;
    }

    @PUT
    // Up to 5,000 entries (MBs of JSON): read, bound and validated on a worker thread, never on the event loop.
    @io.smallrye.common.annotation.Blocking
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "Upsert basic-insurance participants (batch of up to 5,000)", description = "Role: `bureau`. "
            + "A record whose `seq` is not higher than the stored one is `stale` and changes nothing (updates may arrive "
            + "out of order and repeatedly). A bad record (ID check character, missing field, wrong type) is listed in "
            + "`rejected` with its index and never fails the others; so is a record whose county lies outside the token's "
            + "`region` (`OUT_OF_REGION`), and overlapping or inverted `benefitPeriods` (`INVALID_PERIODS`).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "one record", value = """
            {"records":[{"idNumber":"210102199003071233","name":"张三","countyCode":"210102","insuranceType":"EMPLOYEE",
              "status":"ACTIVE","basicBenefitsFrom":"2020-01-01","lowIncome":false,"seq":17}]}""")))
    @APIResponse(responseCode = "200", description = "Counts and rejections", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "mixed", value = """
                    {"applied":4998,"stale":1,"rejected":[{"index":7,"idNumber":"2101**********1234",
                      "code":"INVALID_ID_NUMBER","message":"idNumber is not an 18-character ID number with a valid check character"}]}""")))
    @APIResponse(responseCode = "400", description = "Not JSON, or more than 5,000 records",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(name = "too many", value = """
                    {"type":"https://huimin.org/problems/validation-failed","title":"Bad Request","status":400,
                     "detail":"The request has invalid fields.","code":"VALIDATION_FAILED",
                     "errors":[{"field":"records","message":"a batch holds at most 5000 records"}]}""")))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Not the bureau", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    public Uni<BatchResult> upsert(@NotNull @Valid Batch batch) {
        return participants.upsert(batch.records(), caller.regionPrefix());
    }
}
