package org.huimin.participant;

import java.util.List;

/** Answer to a participant batch: applied, stale (seq not higher than stored) and rejected records. */
public record BatchResult(int applied, int stale, List<Rejected> rejected) {

    /** A rejected record: its index in the batch, its masked ID number, why. */
    public record Rejected(int index, String idNumber, String code, String message) {
    }
}
