package org.huimin.refund;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A personal-account refund as the bureau sees it: the ID number whole, since the bureau credits the account by it. */
public record BureauRefundLine(UUID refundId, UUID orderId, String policyNumber, String idNumber, BigDecimal amount,
        Instant requestedAt) {
}
