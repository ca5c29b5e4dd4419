package org.huimin.reimbursement;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.huimin.common.Caller;
import org.huimin.common.Refused;
import org.huimin.common.Roles;
import org.huimin.common.web.ApiDocs;
import org.huimin.common.web.QueryParams;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.smallrye.mutiny.Uni;

/** The insured person's document uploads for online claims. */
@Path("/api/v1/me/documents")
@Tag(name = "Online claims", description = "线上理赔: documents, claims, the lead insurer's review and payment.")
@Produces(MediaType.APPLICATION_JSON)
public class MyDocumentResource {

    private final DocumentService documents;
    private final Caller caller;

    public MyDocumentResource(DocumentService documents, Caller caller) {
        this.documents = documents;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.INSURED)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @ResponseStatus(201)
    @Operation(summary = "Upload a document for a claim", description = "Role: `insured`. `multipart/form-data` with "
            + "`file` and `type` (`INVOICE`, `SETTLEMENT_SHEET`, `DISCHARGE_SUMMARY`, `REFERRAL`, `OTHER`). The file must "
            + "be PDF, JPEG or PNG by its content (not its name: `415 UNSUPPORTED_DOCUMENT`) and at most 10 MB (`413`). "
            + "It is streamed to disk, hashed (SHA-256) and stored in object storage; it belongs to its uploader, who "
            + "attaches it to a claim by its `documentId`.")
    @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(type = SchemaType.OBJECT,
            properties = {@SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary"),
                    @SchemaProperty(name = "type", type = SchemaType.STRING, enumeration = {"INVOICE", "SETTLEMENT_SHEET",
                            "DISCHARGE_SUMMARY", "REFERRAL", "OTHER"})}, requiredProperties = {"file", "type"})))
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "an invoice", value = """
                    {"documentId":"3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b","type":"INVOICE","contentType":"application/pdf",
                     "size":182734,"sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}""")))
    @APIResponse(responseCode = "400", description = "No file, or an unknown type", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "413", description = "Over 10 MB", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "too large", value = """
                    {"type":"https://huimin.org/problems/document-too-large","title":"Request Entity Too Large","status":413,
                     "detail":"A document may be 10 MB at most.","code":"DOCUMENT_TOO_LARGE"}""")))
    @APIResponse(responseCode = "415", description = "Not PDF, JPEG or PNG by content", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            examples = @ExampleObject(name = "unsupported", value = """
                    {"type":"https://huimin.org/problems/unsupported-document","title":"Unsupported Media Type","status":415,
                     "detail":"Only PDF, JPEG and PNG documents are accepted (recognised by their content).",
                     "code":"UNSUPPORTED_DOCUMENT"}""")))
    public Uni<ReimbursementAnswers.DocumentView> upload(@RestForm("file") FileUpload file, @RestForm("type") String type) {
        if (file == null) {
            throw Refused.invalidField("file", "must be a file part");
        }
        DocumentService.Type kind = QueryParams.oneOf(DocumentService.Type.class, type, "type", null);
        if (kind == null) {
            throw Refused.invalidField("type", "must be one of INVOICE, SETTLEMENT_SHEET, DISCHARGE_SUMMARY, REFERRAL, OTHER");
        }
        return documents.upload(caller.idNumber(), kind, file.uploadedFile(), file.size());
    }
}
