package org.huimin.enrolment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.huimin.common.Amount;
import org.huimin.common.CleanText;
import org.huimin.common.ValidDate;

/** The payment provider's notification of a paid order (verified by its HMAC signature first). */
public record PaymentNotification(
        @NotNull UUID orderId,
        @NotBlank @Size(max = 64) @CleanText String transactionId,
        @NotNull @Amount BigDecimal amount,
        @NotNull @ValidDate OffsetDateTime paidAt) {
}
