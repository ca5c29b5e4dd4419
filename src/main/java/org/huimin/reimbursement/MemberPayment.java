package org.huimin.reimbursement;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.huimin.common.Amount;
import org.huimin.common.CleanText;
import org.huimin.common.ValidDate;

/** The lead insurer's bank transfer of an approved claim's payout to the member. */
public record MemberPayment(
        @NotBlank @Size(max = 64) @CleanText String transactionId,
        @NotNull @Amount BigDecimal amount,
        @NotNull @ValidDate OffsetDateTime paidAt) {
}
