package org.huimin.refund;

import java.math.BigDecimal;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A refund as a cancellation answer shows it: where the money goes, how much, and how far it has got. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RefundView(UUID refundId, BigDecimal amount, Refund.Channel channel, String status) {
}
