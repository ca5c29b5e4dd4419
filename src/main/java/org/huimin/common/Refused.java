package org.huimin.common;

import java.util.List;

/**
 * A {@link Refusal} thrown out of a service: before anything is written, or inside a transaction that it rolls back,
 * so a refusal never changes state. Mapped to {@code application/problem+json} in one place.
 */
public final class Refused extends RuntimeException {

    private final transient Refusal refusal;

    public Refused(Refusal refusal) {
        super(refusal.message(), null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    public static Refused unprocessable(String code, String detail) {
        return Refusal.unprocessable(code, detail).refused();
    }

    public static Refused unprocessable(String code, String detail, List<FieldError> errors) {
        return Refusal.unprocessable(code, detail).withErrors(errors).refused();
    }

    public static Refused conflict(String code, String detail) {
        return Refusal.conflict(code, detail).refused();
    }

    public static Refused notFound(String code, String detail) {
        return Refusal.notFound(code, detail).refused();
    }

    public static Refused forbidden(String code, String detail) {
        return Refusal.of(Refusal.Kind.FORBIDDEN, code, detail).refused();
    }

    public static Refused invalid(String code, String detail, List<FieldError> errors) {
        return Refusal.of(Refusal.Kind.INVALID, code, detail).withErrors(errors).refused();
    }

    /** {@code VALIDATION_FAILED} for one field. */
    public static Refused invalidField(String field, String message) {
        return invalid("VALIDATION_FAILED", "The request has invalid fields.", List.of(new FieldError(field, message)));
    }

    /** {@code INVALID_ID_NUMBER}: an ID number whose check character or birth date is wrong. */
    public static Refused invalidIdNumber(String field) {
        return unprocessable("INVALID_ID_NUMBER", "The ID number is not a valid 18-character resident ID number.",
                List.of(new FieldError(field, "not a valid 18-character ID number (check character, birth date)")));
    }
}
