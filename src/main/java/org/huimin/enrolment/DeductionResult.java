package org.huimin.enrolment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotNull;

import org.huimin.common.Amount;

/** The bureau's result of a personal-account deduction. */
public record DeductionResult(
        @NotNull Status status,
        @Amount BigDecimal amount,
        @NotNull OffsetDateTime at) {

    public enum Status {
        SUCCEEDED, FAILED
    }
}
