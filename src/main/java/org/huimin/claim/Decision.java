package org.huimin.claim;

import java.math.BigDecimal;
import java.util.List;

import org.huimin.balance.Consumption;
import org.huimin.balance.Remaining;
import org.huimin.common.Pure;
import org.huimin.plan.InsurerSplit;
import org.huimin.plan.LiabilityCode;

/** The outcome of the payout computation for one settlement (or one approved online claim). */
@Pure
public record Decision(
        boolean eligible,
        IneligibilityReason reason,
        BigDecimal payout,
        BigDecimal patientPays,
        List<LiabilityPayout> breakdown,
        Consumption consumption,
        /** Null when there is no policy to have balances. */
        Remaining remaining,
        List<InsurerSplit.Part> insurerShares) {

    public record LiabilityPayout(LiabilityCode liability, BigDecimal eligibleAmount, BigDecimal deductibleApplied,
            BigDecimal ratio, BigDecimal payout) {
    }
}
