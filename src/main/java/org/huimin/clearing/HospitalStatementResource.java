package org.huimin.clearing;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.huimin.common.Caller;
import org.huimin.common.Roles;
import org.huimin.common.web.ApiDocs;
import org.huimin.common.web.QueryParams;

import io.smallrye.mutiny.Uni;

/**
 * A hospital's clearing statements (its own only). A class of its own under {@code /api/v1/hospital}: JAX-RS matches
 * the longest class path first, so these paths cannot live in a class rooted at {@code /api/v1}.
 */
@Path("/api/v1/hospital/clearing-statements")
@Tag(name = "Hospital")
@Produces(MediaType.APPLICATION_JSON)
public class HospitalStatementResource {

    private final ClearingService clearing;
    private final Caller caller;

    public HospitalStatementResource(ClearingService clearing, Caller caller) {
        this.clearing = clearing;
        this.caller = caller;
    }

    @GET
        @RolesAllowed(Roles.HOSPITAL)
    @Operation(summary = "This hospital's clearing statements", description = "Role: `hospital`; newest first, at most "
            + "`limit` (default 100, at most 1,000).")
    @APIResponse(responseCode = "200", description = "Statements", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one", value = "[" + ClearingResource.STATEMENT + "]")))
    @APIResponse(responseCode = "400", description = "Bad limit", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unauthenticated", value = ApiDocs.PROBLEM_401)))
    @APIResponse(responseCode = "403", description = "Not a hospital", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "forbidden", value = ApiDocs.PROBLEM_403)))
    public Uni<List<Statement>> statements(
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") String limit) {
        return clearing.statementsOf(caller.hospitalCode(), QueryParams.limit(limit));
    }

    @GET
    @Path("/{statementId}")
    @RolesAllowed(Roles.HOSPITAL)
    @Operation(summary = "One clearing statement", description = "Role: `hospital`, its own statements only (`404` otherwise).")
    @APIResponse(responseCode = "200", description = "The statement", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "confirmed", value = ClearingResource.STATEMENT)))
    @APIResponse(responseCode = "400", description = "Not a statement ID", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unauthenticated", value = ApiDocs.PROBLEM_401)))
    @APIResponse(responseCode = "403", description = "Not a hospital", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "forbidden", value = ApiDocs.PROBLEM_403)))
    @APIResponse(responseCode = "404", description = "`STATEMENT_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unknown", value = ClearingResource.NOT_FOUND)))
    public Uni<Statement> statement(@PathParam("statementId") String statementId) {
        return clearing.statementOf(caller.hospitalCode(), QueryParams.uuid(statementId, "statementId"));
    }

    @POST
    @Path("/{statementId}/confirmation")
    @RolesAllowed(Roles.HOSPITAL)
    @Operation(summary = "Confirm a clearing statement", description = "Role: `hospital`, its own statements. The hospital "
            + "agrees the amounts: `CONFIRMED` (or `PAID` once every insurer has paid its part). Idempotent.")
    @APIResponse(responseCode = "200", description = "The statement", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "confirmed", value = ClearingResource.STATEMENT)))
    @APIResponse(responseCode = "400", description = "Not a statement ID", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unauthenticated", value = ApiDocs.PROBLEM_401)))
    @APIResponse(responseCode = "403", description = "Not a hospital", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "forbidden", value = ApiDocs.PROBLEM_403)))
    @APIResponse(responseCode = "404", description = "`STATEMENT_NOT_FOUND`", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unknown", value = ClearingResource.NOT_FOUND)))
    public Uni<Statement> confirm(@PathParam("statementId") String statementId) {
        return clearing.confirm(caller.hospitalCode(), QueryParams.uuid(statementId, "statementId"));
    }

}
