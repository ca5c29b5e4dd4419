package org.huimin.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a request is refused, in the business's words: a kind, a machine {@code code} and a human message, with the
 * invalid fields and any details the client needs. Pure: the web layer alone ({@code common.web.ProblemMapper})
 * turns a kind into an HTTP status. Rules return refusals; services throw them as {@link Refused}.
 */
public record Refusal(Kind kind, String code, String message, List<FieldError> errors, Map<String, Object> details) {

    /** What sort of refusal: the client's mistake in form, in substance, a conflict with state, … */
    public enum Kind {
        /** The request is malformed or a field is invalid. */
        INVALID,
        /** Well formed, but against a business rule. */
        UNPROCESSABLE,
        /** Against the current state (already done, already taken, wrong state). */
        CONFLICT,
        /** Unknown, or not the caller's to know about. */
        NOT_FOUND,
        /** The caller's identity may not do this. */
        FORBIDDEN,
        /** No valid identity. */
        UNAUTHENTICATED,
        /** The body or a document is larger than allowed. */
        TOO_LARGE,
        /** A document or body of a type that is not accepted. */
        UNSUPPORTED_TYPE,
        /** The service cannot take the request now (overload, a dependency down); the client may retry later. */
        UNAVAILABLE
    }

    public Refusal {
        errors = errors == null ? List.of() : List.copyOf(errors);
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static Refusal of(Kind kind, String code, String message) {
        return new Refusal(kind, code, message, List.of(), Map.of());
    }

    public static Refusal unprocessable(String code, String message) {
        return of(Kind.UNPROCESSABLE, code, message);
    }

    public static Refusal conflict(String code, String message) {
        return of(Kind.CONFLICT, code, message);
    }

    public static Refusal notFound(String code, String message) {
        return of(Kind.NOT_FOUND, code, message);
    }

    public Refusal withErrors(List<FieldError> fieldErrors) {
        return new Refusal(kind, code, message, fieldErrors, details);
    }

    public Refusal with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(name, value);
        return new Refusal(kind, code, message, errors, more);
    }

    /** The exception that carries this refusal out of a service (and rolls back its transaction). */
    public Refused refused() {
        return new Refused(this);
    }

    /** Throws {@link #refused()}: {@code rule(...).ifPresent(Refusal::throwIt)}. */
    public void throwIt() {
        throw refused();
    }
}
