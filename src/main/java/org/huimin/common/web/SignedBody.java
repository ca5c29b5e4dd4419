package org.huimin.common.web;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import org.huimin.common.HuiminConfig;
import org.huimin.common.PaymentSignature;
import org.huimin.common.Refusal;
import org.huimin.common.Refused;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The payment provider's signed callbacks: the signature is over the raw body, so it is verified on the bytes as they
 * arrived, before any parsing; only then is the body read and validated like any other.
 */
@ApplicationScoped
public class SignedBody {

    private final HuiminConfig config;
    private final ObjectMapper json;
    private final Validator validator;

    public SignedBody(HuiminConfig config, ObjectMapper json, Validator validator) {
        this.config = config;
        this.json = json;
        this.validator = validator;
    }

    /** @throws IOException a body that is not JSON of the shape (a problem+json {@code 400} naming the field) */
    public <T> T read(String signature, byte[] body, Class<T> type) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body;
        if (!PaymentSignature.verify(config.payment().secret().orElse(""), bytes, signature)) {
            throw Refusal.of(Refusal.Kind.UNAUTHENTICATED, "BAD_SIGNATURE", "X-Signature does not match the body.").refused();
        }
        T value = json.readValue(bytes, type);
        if (value == null) {
            throw Refused.invalid("MALFORMED_REQUEST", "The body is empty.", List.of());
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }
}
