package org.huimin.refund;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A refund in a list ({@code /me/refunds}, {@code /org/refunds}, the operator's list). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RefundLine(UUID refundId, UUID orderId, String policyNumber, BigDecimal amount, Refund.Channel channel,
        Refund.Source source, String status, int attempt, Instant requestedAt, Instant completedAt, String reference,
        String organisation) {

    static RefundLine of(Refund refund, boolean withOrganisation) {
        return new RefundLine(refund.refundId(), refund.orderId(), refund.policyNumber(), refund.amount(), refund.channel(),
                refund.source(), refund.status(), refund.attempt(), refund.requestedAt(), refund.resultAt(),
                refund.reference(), withOrganisation ? refund.payerOrgCode() : null);
    }
}
