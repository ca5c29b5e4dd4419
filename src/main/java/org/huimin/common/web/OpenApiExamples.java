package org.huimin.common.web;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the published contract: every 400, 401 and 403 answer carries a problem+json example (they are the same
 * everywhere, so the resources do not repeat them); every operation lists the answers any operation may give (API.md
 * "Conventions" and "Hostile input": 400 for a bad field, 401/403 when it needs a token, 404 when it names something in
 * its path, 411/413/415 when it takes a body, 503 when the service sheds load or cannot audit-log a read), so that a
 * client — and the generative run in load-tests/fuzz.sh — can hold the service to its documented statuses; and the bearer
 * scheme says where tokens come from — in the local run, the dev token endpoint, so that Swagger UI's Authorize dialog
 * tells a newcomer what to paste.
 */
public class OpenApiExamples implements OASFilter {

    private static final Map<String, String> STANDARD = Map.of(
            "400", ApiDocs.PROBLEM_400,
            "401", ApiDocs.PROBLEM_401,
            "403", ApiDocs.PROBLEM_403);

    private static final Map<String, String[]> GENERIC = Map.of(
            "400", new String[] {"Invalid field, parameter or body", "VALIDATION_FAILED"},
            "401", new String[] {"No, invalid or expired token", "UNAUTHENTICATED"},
            "403", new String[] {"This role may not use the operation", "FORBIDDEN"},
            "404", new String[] {"Not found, or not the caller's to see", "NOT_FOUND"},
            "411", new String[] {"A body without Content-Length", "LENGTH_REQUIRED"},
            "413", new String[] {"A body over the operation's limit", "BODY_TOO_LARGE"},
            "415", new String[] {"A body of another media type", "UNSUPPORTED_MEDIA_TYPE"},
            "503", new String[] {"Overloaded (OVERLOADED), the database busy or failing over (DATABASE_UNAVAILABLE), or the read could not be audit-logged: nothing was changed; retry after Retry-After", "OVERLOADED"},
            "414", new String[] {"Request line longer than 4 KB: refused by the HTTP layer before the service reads it "
                    + "(empty body)", "URI_TOO_LONG"},
            "431", new String[] {"Headers (or request line) larger than 8 KB: refused by the HTTP layer before the "
                    + "service reads them (empty body)", "HEADERS_TOO_LARGE"});

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return operation;
        }
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        boolean body = operation.getRequestBody() != null;
        boolean pathParameter = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == org.eclipse.microprofile.openapi.models.parameters.Parameter.In.PATH);
        for (String code : new String[] {"400", "401", "403", "404", "411", "413", "414", "415", "431", "503"}) {
            boolean applies = switch (code) {
                case "401", "403" -> secured;
                case "404" -> pathParameter;
                case "411", "413", "415" -> body;
                default -> true;
            };
            if (applies && !operation.getResponses().hasAPIResponse(code)) {
                String[] generic = GENERIC.get(code);
                operation.getResponses().addAPIResponse(code, OASFactory.createAPIResponse().description(generic[0])
                        .content(OASFactory.createContent().addMediaType(ApiDocs.PROBLEM_JSON, OASFactory.createMediaType()
                                .addExample(generic[1].toLowerCase(java.util.Locale.ROOT), OASFactory.createExample()
                                        .value(STANDARD.getOrDefault(code, problem(Integer.parseInt(code), generic[1])))))));
            }
        }
        operation.getResponses().getAPIResponses().forEach((code, response) -> addStandardExample(code, response));
        return operation;
    }

    private static String problem(int status, String code) {
        return "{\"type\":\"https://huimin.org/problems/" + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + "\",\"title\":\"" + jakarta.ws.rs.core.Response.Status.fromStatusCode(status) + "\",\"status\":" + status
                + ",\"detail\":\"See the code.\",\"code\":\"" + code + "\"}";
    }

    private static void addStandardExample(String code, APIResponse response) {
        String example = STANDARD.get(code);
        if (example == null) {
            return;
        }
        if (response.getContent() == null || response.getContent().getMediaTypes() == null
                || response.getContent().getMediaTypes().isEmpty()) {
            // Added by the framework for a secured operation, without a body: the answer is problem+json all the same.
            response.setContent(OASFactory.createContent().addMediaType(ApiDocs.PROBLEM_JSON, OASFactory.createMediaType()));
        }
        MediaType problem = response.getContent().getMediaType(ApiDocs.PROBLEM_JSON);
        if (problem != null && (problem.getExamples() == null || problem.getExamples().isEmpty()) && problem.getExample() == null) {
            problem.addExample(code.equals("400") ? "invalid field" : code.equals("401") ? "no token" : "wrong role",
                    OASFactory.createExample().value(example));
        }
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSecuritySchemes() == null) {
            return;
        }
        for (SecurityScheme scheme : openAPI.getComponents().getSecuritySchemes().values()) {
            scheme.setDescription("An OIDC bearer token (JWT) from the platform's identity provider (Keycloak); roles come "
                    + "from its `groups` claim. In the local run (./mvnw quarkus:dev) get one from the dev-only endpoint, "
                    + "e.g. `curl -s localhost:8080/dev/tokens/operator`, `…/dev/tokens/hospital?hospitalCode=H0001`, "
                    + "`…/dev/tokens/insured?idNumber=210202196001151020`, and paste it here.");
        }
    }
}
