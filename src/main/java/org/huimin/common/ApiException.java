package org.huimin.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal the client should see: HTTP status, a machine {@code code} and a human detail. Mapped to
 * {@code application/problem+json} in one place ({@link ProblemMapper}). Thrown before anything is written,
 * or inside a transaction that it rolls back, so a refusal never changes state.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ApiException(int status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    public ApiException(int status, String code, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = errors;
    }

    public static ApiException badRequest(String code, String detail, List<FieldError> errors) {
        return new ApiException(400, code, detail, errors);
    }

    /** {@code 400 VALIDATION_FAILED} for one field. */
    public static ApiException invalidField(String field, String message) {
        return badRequest("VALIDATION_FAILED", "The request has invalid fields.", List.of(new FieldError(field, message)));
    }

    /** {@code 422 INVALID_ID_NUMBER}: an ID number whose check character does not match. */
    public static ApiException invalidIdNumber(String field) {
        return unprocessable("INVALID_ID_NUMBER", "The ID number fails its check character.",
                List.of(new FieldError(field, "not a valid 18-character ID number")));
    }

    public static ApiException notFound(String code, String detail) {
        return new ApiException(404, code, detail);
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(409, code, detail);
    }

    public static ApiException unprocessable(String code, String detail) {
        return new ApiException(422, code, detail);
    }

    public static ApiException unprocessable(String code, String detail, List<FieldError> errors) {
        return new ApiException(422, code, detail, errors);
    }

    public static ApiException forbidden(String code, String detail) {
        return new ApiException(403, code, detail);
    }

    public ApiException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
