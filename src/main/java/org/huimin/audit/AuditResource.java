package org.huimin.audit;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.huimin.common.web.ApiDocs;
import org.huimin.common.Refused;
import org.huimin.common.web.QueryParams;
import org.huimin.common.IdNumber;
import org.huimin.common.Roles;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/audit")
@Tag(name = "Audit", description = "Append-only, hash-chained audit trail for auditors (`operator`).")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPERATOR)
public class AuditResource {

    private final AuditQueries queries;
    private final ChainVerifier verifier;
    private final AuditLog audit;

    public AuditResource(AuditQueries queries, ChainVerifier verifier, AuditLog audit) {
        this.queries = queries;
        this.verifier = verifier;
        this.audit = audit;
    }

    @GET
    @Path("/records")
    @Operation(summary = "Query the audit trail", description = "Role: `operator`. By person (`idNumber`, matched by its "
            + "keyed hash — the trail stores only the masked number), by actor (token subject) and time range "
            + "(`from` inclusive, `to` exclusive, ISO-8601 instants). Newest first. The query itself is audited.")
    @APIResponse(responseCode = "200", description = "Records", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "coverage lookup", value = """
                    [{"id":1042,"at":"2026-03-10T02:00:00Z","actorSubject":"his-H0001","actorRole":"hospital",
                      "actorOrg":"H0001","action":"COVERAGE_READ","subject":"2101**********1233","target":null,
                      "outcome":"COVERED"}]""")))
    @APIResponse(responseCode = "400", description = "Bad filter", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Not an operator", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "`INVALID_ID_NUMBER`: the `idNumber` filter is not a valid ID number",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @org.eclipse.microprofile.openapi.annotations.media.ExampleObject(
                    name = "bad ID", value = """
                            {"type":"https://huimin.org/problems/invalid-id-number","title":"Unprocessable Content","status":422,
                             "detail":"The ID number is not a valid 18-character resident ID number.","code":"INVALID_ID_NUMBER"}""")))
    public Uni<List<AuditQueries.View>> records(@QueryParam("idNumber") String idNumber, @QueryParam("actor") String actor,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") String limit) {
        if (idNumber != null && !IdNumber.isValid(idNumber)) {
            throw Refused.invalidIdNumber("idNumber");
        }
        Instant start = QueryParams.instant(from, "from");
        Instant end = QueryParams.instant(to, "to");
        int max = QueryParams.limit(limit);
        String who = QueryParams.text(actor, "actor", 200);
        return audit.read("AUDIT_READ", idNumber, who, "OK")
                .chain(() -> queries.query(idNumber, who, start, end, max));
    }

    @GET
    @Path("/verification")
    @Operation(summary = "Verify the hash chain", description = "Role: `operator`. Seals pending records, recomputes the "
            + "chain and reports the first broken link: `RECORD_ALTERED` (a record's content changed), "
            + "`RECORD_MISSING`, `SEAL_MISSING`, `CHAIN_BROKEN`.")
    @APIResponse(responseCode = "200", description = "Result", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = "intact", value = """
                    {"intact":true,"verified":182344,"firstBrokenSeq":null,"firstBrokenRecord":null,"problem":null,
                     "checkedAt":"2026-03-10T02:00:00Z"}"""),
                    @ExampleObject(name = "tampered", value = """
                    {"intact":false,"verified":1041,"firstBrokenSeq":1042,"firstBrokenRecord":1042,
                     "problem":"RECORD_ALTERED","checkedAt":"2026-03-10T02:00:00Z"}""")}))
    @APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "Not an operator", content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    public Uni<ChainVerifier.Verification> verification() {
        return verifier.verify();
    }
}
