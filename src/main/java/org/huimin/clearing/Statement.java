package org.huimin.clearing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A hospital's clearing statement (清算单), as the hospital and the insurers see it. */
public record Statement(UUID statementId, UUID runId, Instant cutOff, String hospital, String plan, Totals settled,
        Totals reversed, BigDecimal net, List<Part> byInsurer, String status) {

    public record Totals(long count, BigDecimal payout) {
    }

    /** One insurer's part: the sum of its recorded shares of the statement's settlements and reversals. */
    public record Part(String insurer, BigDecimal amount, boolean paid) {
    }
}
