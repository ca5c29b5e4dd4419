package org.huimin.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Holds every answer a test sees to the published contract: a rest-assured filter that, on its first request, fetches
 * the service's own /q/openapi and from then on validates each answer against it (Atlassian's
 * swagger-request-validator), so an undocumented status, a missing field or a wrong type fails the test that saw it.
 * Requests are not validated (many tests send invalid ones on purpose), nor paths outside the contract (dev tokens, the
 * management port). Registered for every test class through the JUnit service loader (META-INF/services).
 */
public class ContractValidation implements BeforeEachCallback, Filter {

    private static final ContractValidation FILTER = new ContractValidation();
    private volatile OpenApiValidationFilter validation;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        // By name: the test class and its annotations may come from another class loader than this extension.
        if (java.util.Arrays.stream(context.getRequiredTestClass().getAnnotations())
                .noneMatch(a -> a.annotationType().getName().equals("io.quarkus.test.junit.QuarkusTest"))) {
            return;
        }
        // A @QuarkusTest runs in Quarkus's class loader, with its own copy of rest-assured: install the filter there.
        Class.forName(ContractValidation.class.getName(), true, context.getRequiredTestInstance().getClass().getClassLoader())
                .getMethod("install").invoke(null);
    }

    public static synchronized void install() {
        if (!RestAssured.filters().contains(FILTER)) {
            RestAssured.filters(FILTER);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        OpenApiValidationFilter delegate = validation;
        if (delegate == null) {
            delegate = load(request.getPort());
            if (delegate == null) {
                return context.next(request, response);
            }
        }
        return delegate.filter(request, response, context);
    }

    private synchronized OpenApiValidationFilter load(int port) {
        if (validation != null) {
            return validation;
        }
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/q/openapi?format=json")).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return null;
            }
            OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(answer.body())
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .withLevel("validation.response.path.missing", ValidationReport.Level.IGNORE)
                            .withLevel("validation.response.operation.notAllowed", ValidationReport.Level.IGNORE)
                            .build())
                    .build();
            validation = new OpenApiValidationFilter(validator);
            return validation;
        } catch (java.io.IOException | InterruptedException notUp) {
            return null;
        }
    }
}
