package org.huimin.refund;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.huimin.common.Pure;
import org.huimin.common.Refusal;

/**
 * 退费 — money going back where it came from, until it has really gone back: REQUESTED → SUCCEEDED, or FAILED, which an
 * operator may retry (a new attempt of the same refund, same refund ID). Pure: the transitions and their refusals.
 */
@Pure
public record Refund(UUID refundId, UUID orderId, long planId, String policyNumber, BigDecimal amount, Channel channel,
        Source source, String status, int attempt, String payerIdNumber, String payerOrgCode, String transactionId,
        Instant requestedAt, Instant resultAt, String reference) {

    /** Where the money goes back to: always where it came from. */
    public enum Channel {
        /** The payment provider's original payment (WeChat Pay, Alipay, UnionPay …). */
        ORIGINAL_PAYMENT,
        /** The employee's personal account, through the bureau — never to cash (no 套现). */
        PERSONAL_ACCOUNT,
        /** The paying organisation, by bank transfer that an operator records. */
        ORGANISATION
    }

    /** Why there is a refund. */
    public enum Source {
        /** A cancellation before coverage started. */
        CANCELLATION,
        /** Money that arrived for an expired or withdrawn order. */
        LATE_PAYMENT
    }

    public enum Result {
        SUCCEEDED, FAILED
    }

    public static final String REQUESTED = "REQUESTED";

    public boolean settled() {
        return !REQUESTED.equals(status);
    }

    /**
     * Whether a result may be recorded: a REQUESTED refund takes it; the same result again is a harmless repeat
     * (answered as it was); a contrary result for a settled refund is a conflict.
     */
    public Optional<Refusal> acceptsResult(Result result) {
        if (settled() && !status.equals(result.name())) {
            return Optional.of(Refusal.conflict("REFUND_ALREADY_SETTLED", "Refund " + refundId + " is already " + status + "."));
        }
        return Optional.empty();
    }

    /** Only a FAILED refund can be tried again. */
    public Optional<Refusal> retryable() {
        if (!"FAILED".equals(status)) {
            return Optional.of(Refusal.conflict("REFUND_NOT_FAILED", "Refund " + refundId + " is " + status
                    + "; only a FAILED refund can be tried again."));
        }
        return Optional.empty();
    }

    /** A result through the channel that handles it: the provider's, the bureau's or an operator's. */
    public Optional<Refusal> handledThrough(Channel expected) {
        if (channel != expected) {
            return Optional.of(Refusal.conflict("WRONG_REFUND_CHANNEL", "Refund " + refundId + " goes back through "
                    + channel + ", not " + expected + "."));
        }
        return Optional.empty();
    }
}
