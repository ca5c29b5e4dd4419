package org.huimin.clearing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.huimin.common.CleanText;
import org.huimin.common.ValidDate;

/**
 * An insurer's payment of its part of a statement. The amount is signed: a negative part (the statement's reversals
 * outweigh its settlements) is what the hospital pays back, recorded with the same negative amount.
 */
public record Payment(
        @NotNull @Digits(integer = 14, fraction = 2, message = "must be a CNY amount with at most two decimals") BigDecimal amount,
        @NotBlank @Size(max = 64) @CleanText String transactionId,
        @NotNull @ValidDate OffsetDateTime paidAt) {
}
