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
 * everywhere, so the resources do not repeat them), and the bearer scheme says where tokens come from — in the local
 * run, the dev token endpoint, so that Swagger UI's Authorize dialog tells a newcomer what to paste.
 */
public class OpenApiExamples implements OASFilter {

    private static final Map<String, String> STANDARD = Map.of(
            "400", ApiDocs.PROBLEM_400,
            "401", ApiDocs.PROBLEM_401,
            "403", ApiDocs.PROBLEM_403);

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return operation;
        }
        operation.getResponses().getAPIResponses().forEach((code, response) -> addStandardExample(code, response));
        return operation;
    }

    private static void addStandardExample(String code, APIResponse response) {
        String example = STANDARD.get(code);
        if (example == null || response.getContent() == null) {
            return;
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
