package org.huimin.reimbursement;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.huimin.common.CleanText;

/** The lead insurer's decision on a claim; amounts may only be lowered, with a reason. */
public record DecisionRequest(
        @NotNull Decision decision,
        @Size(max = 500) @CleanText String reason,
        @Valid Claimed adjustedAmounts) {

    public enum Decision {
        APPROVE, REJECT, REQUEST_INFO
    }
}
