package org.huimin.enrolment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotNull;

import org.huimin.common.Amount;
import org.huimin.common.ValidDate;

/** The bureau's result of a personal-account deduction. */
public record DeductionResult(
        @NotNull Status status,
        @Amount BigDecimal amount,
        @NotNull @ValidDate OffsetDateTime at) {

    public enum Status {
        SUCCEEDED, FAILED
    }
}
