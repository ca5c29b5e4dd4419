package org.huimin.clearing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import org.huimin.common.Pure;
import org.huimin.common.Refusal;

/**
 * The rules of statements and of the insurers' payments (DOMAIN.md "Hospital clearing"). Pure.
 *
 * <p>A statement is {@code PAID} once every insurer's part is paid (a part of 0.00 is paid from the start, so a
 * statement that nets to nothing is paid when issued), else {@code CONFIRMED} once its hospital has confirmed it,
 * else {@code ISSUED}. Payments are not held back until the hospital confirms: the hospital's confirmation agrees the
 * amounts, an insurer's payment settles its own part, and either may come first.
 */
@Pure
public final class ClearingRules {

    private ClearingRules() {
    }

    public static String status(Instant confirmedAt, Instant paidAt) {
        return paidAt != null ? "PAID" : confirmedAt != null ? "CONFIRMED" : "ISSUED";
    }

    /** What a payment of a part would do. */
    public enum Outcome {
        /** Record it. */
        PAY,
        /** The same payment again (its transaction ID): answer as before, change nothing. */
        REPEAT
    }

    /**
     * An insurer's payment of its part: it must be the part's exact amount (a negative part is what the hospital pays
     * back, recorded the same way), and a part is paid once — by one transaction ID, which may be repeated.
     */
    public static Outcome payment(BigDecimal part, String paidBy, BigDecimal amount, String transactionId, Instant paidAt,
            Instant now) {
        if (paidBy != null) {
            if (paidBy.equals(transactionId)) {
                return Outcome.REPEAT;
            }
            throw Refusal.conflict("PART_ALREADY_PAID", "This insurer's part was already paid by transaction " + paidBy + ".")
                    .refused();
        }
        if (amount.compareTo(part) != 0) {
            throw Refusal.unprocessable("AMOUNT_MISMATCH", "This insurer's part is " + part.setScale(2).toPlainString()
                    + ", the payment says " + amount.toPlainString() + ".").refused();
        }
        if (paidAt.isAfter(now)) {
            throw Refusal.unprocessable("INVALID_PAYMENT_TIME", "paidAt lies in the future.").refused();
        }
        return Outcome.PAY;
    }

    /** Only the plan's lead insurer (or an operator) starts a run. */
    public static Optional<Refusal> mayStartRun(String insurer, String lead) {
        if (insurer != null && !insurer.equals(lead)) {
            return Optional.of(Refusal.of(Refusal.Kind.FORBIDDEN, "NOT_LEAD_INSURER", "Only the plan's lead insurer (" + lead
                    + ") or an operator starts a clearing run."));
        }
        return Optional.empty();
    }
}
