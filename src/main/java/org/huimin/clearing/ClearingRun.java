package org.huimin.clearing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A clearing run: the statements it issued, one per hospital that had anything to clear. */
public record ClearingRun(UUID runId, String plan, Instant cutOff, List<Issued> statements) {

    public record Issued(UUID statementId, String hospital, BigDecimal net) {
    }
}
