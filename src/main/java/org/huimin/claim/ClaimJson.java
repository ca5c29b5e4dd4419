package org.huimin.claim;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The claim types Jackson reads or writes outside resource signatures (stored settlement answers and consumption, read
 * back by a reversal), registered for the native image here so the pure core keeps no framework annotation.
 */
@RegisterForReflection(targets = {ClaimAnswers.Settlement.class, ClaimAnswers.Coverage.class, ClaimAnswers.Totals.class,
        ClaimAnswers.Reconciliation.class, ClaimAnswers.MyClaim.class, Decision.class, Decision.LiabilityPayout.class,
        SettlementRequest.class})
final class ClaimJson {

    private ClaimJson() {
    }
}
