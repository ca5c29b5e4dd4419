package org.huimin.common.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.huimin.common.FieldError;
import org.huimin.common.Refusal;
import org.huimin.common.Refused;
import org.huimin.common.db.SqlErrors;
import org.huimin.common.security.BearerAuthentication;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The single error model: every refusal, validation failure, malformed body and unexpected failure leaves as
 * {@code application/problem+json} (RFC 9457) with a machine {@code code}. No stack trace, no personal data:
 * database exceptions are logged by class and SQL state only, because their messages can quote key values
 * such as ID numbers.
 */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response refused(Refused e) {
        Refusal refusal = e.refusal();
        Problem problem = problem(status(refusal.kind()), refusal.code(), refusal.message(), capped(refusal.errors()));
        problem.extensions.putAll(refusal.details());
        return refusal.kind() == Refusal.Kind.UNAVAILABLE ? retryLater(problem) : response(problem);
    }

    /** A 503 answer: nothing was changed, and the client may try again in a second. */
    private static Response retryLater(Problem problem) {
        return Response.fromResponse(response(problem)).header("Retry-After", "1").build();
    }

    /** The one place where a kind of refusal becomes an HTTP status (API.md "Conventions"). */
    public static int status(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_TYPE -> 415;
            case UNPROCESSABLE -> 422;
            case UNAVAILABLE -> 503;
        };
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new FieldError(fieldPath(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(java.util.Comparator.comparing(FieldError::field));
        return response(problem(400, "VALIDATION_FAILED", "The request has invalid fields.", capped(errors)));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        List<FieldError> errors = List.of();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping.getPath());
            String message = e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                    && invalid.getTargetType().isEnum()
                            ? "must be one of " + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants())
                            : "has the wrong type or format";
            errors = List.of(new FieldError(field, message));
        }
        return response(problem(400, "MALFORMED_REQUEST", "The body is not valid JSON of the expected shape.", errors));
    }

    // Quarkus ships mappers for these Jackson subtypes; more specific ones here keep every answer problem+json.
    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response parse(com.fasterxml.jackson.core.JsonParseException e) {
        return malformedJson(e);
    }

    /** A body Jackson could not bind to the request's record (e.g. a property given twice): the client's doing. */
    @ServerExceptionMapper
    public Response invalidDefinition(com.fasterxml.jackson.databind.exc.InvalidDefinitionException e) {
        LOG.debugf("Body not bindable: %s", e.getOriginalMessage());
        return response(problem(400, "MALFORMED_REQUEST", "The body is not valid JSON of the expected shape.", List.of()));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated(null);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        String why = e.getMessage();
        return unauthenticated(BearerAuthentication.EXPIRED.equals(why) || BearerAuthentication.INVALID.equals(why) ? why : null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return response(problem(403, "FORBIDDEN", "This token's role may not use this operation.", List.of()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 401) {
            return unauthenticated(null);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        String code = switch (status) {
            case 400 -> "MALFORMED_REQUEST";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "REQUEST_REFUSED";
        };
        String detail = status >= 500 ? "The service could not complete the request." : reason(status);
        return response(problem(status, code, detail, List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (SqlErrors.poolExhausted(e)) {
            return retryLater(problem(503, "OVERLOADED", "The service is at capacity; retry after a second.", List.of()));
        }
        String sqlState = SqlErrors.describe(e);
        if (SqlErrors.temporarilyUnavailable(e)) {
            // A held lock past lock_timeout, a statement past statement_timeout, a database failing over: the
            // transaction was rolled back, nothing changed, and a retry (same Idempotency-Key or settlement ID) is safe.
            LOG.warnf("Database temporarily unavailable: %s%s", e.getClass().getName(), sqlState);
            return retryLater(problem(503, "DATABASE_UNAVAILABLE",
                    "The database could not complete the request in time; nothing was changed. Retry in a second.", List.of()));
        }
        if (sqlState.isEmpty()) {
            LOG.error("Unexpected failure", e);
        } else {
            // Class and SQL state only: a database message may quote a key value (an ID number).
            LOG.errorf("Unexpected database failure: %s%s", e.getClass().getName(), sqlState);
        }
        return response(problem(500, "INTERNAL_ERROR", "The service could not complete the request.", List.of()));
    }

    /** {@code 401}; when a token was sent and refused, the answer and the challenge say why (RFC 6750). */
    private static Response unauthenticated(String why) {
        return Response.fromResponse(response(problem(401, "UNAUTHENTICATED",
                why == null ? "A valid bearer token is required." : why, List.of())))
                .header(HttpHeaders.WWW_AUTHENTICATE, why == null ? "Bearer"
                        : "Bearer error=\"invalid_token\", error_description=\"" + why + "\"")
                .build();
    }

    /** API.md: {@code errors} lists at most 50 entries. */
    public static final int MAX_ERRORS = 50;

    public static List<FieldError> capped(List<FieldError> errors) {
        return errors.size() <= MAX_ERRORS ? errors : List.copyOf(errors.subList(0, MAX_ERRORS));
    }

    public static Problem problem(int status, String code, String detail, List<FieldError> errors) {
        return new Problem(URI.create("https://huimin.org/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-')),
                reason(status), status, detail, code, errors.isEmpty() ? null : errors);
    }

    public static Response response(Problem problem) {
        return Response.status(problem.status).type(PROBLEM_JSON).entity(problem).build();
    }

    private static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (status == 422) {
            return "Unprocessable Content";
        }
        return known == null ? "Error" : known.getReasonPhrase();
    }

    /** {@code create.body.members[0].idNumber} → {@code members[0].idNumber}: the path inside the request. */
    static String fieldPath(Path path) {
        StringBuilder field = new StringBuilder();
        boolean inBody = false;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                inBody = true;
                continue;
            }
            if (!inBody || node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (node.getIndex() != null && field.length() > 0) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null && field.length() > 0) {
                field.append('[').append(node.getKey()).append(']');
            }
            if (field.length() > 0) {
                field.append('.');
            }
            field.append(node.getName());
        }
        if (field.length() == 0) {
            for (Path.Node node : path) {
                field.setLength(0);
                field.append(node.getName());
            }
        }
        return field.toString();
    }

    private static String jsonPath(List<JsonMappingException.Reference> references) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /** RFC 9457 problem details with this API's {@code code} and {@code errors} members. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public static final class Problem {
        public final URI type;
        public final String title;
        public final int status;
        public final String detail;
        public final String code;
        public final List<FieldError> errors;
        private final Map<String, Object> extensions = new java.util.LinkedHashMap<>();

        Problem(URI type, String title, int status, String detail, String code, List<FieldError> errors) {
            this.type = type;
            this.title = title;
            this.status = status;
            this.detail = detail;
            this.code = code;
            this.errors = errors;
        }

        @com.fasterxml.jackson.annotation.JsonAnyGetter
        public Map<String, Object> extensions() {
            return extensions;
        }
    }
}
