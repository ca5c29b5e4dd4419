package org.huimin.claim;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.huimin.balance.Balances;
import org.huimin.balance.Consumption;
import org.huimin.common.Money;
import org.huimin.common.Pure;
import org.huimin.participant.Participant;
import org.huimin.plan.InsurerSplit;
import org.huimin.plan.LiabilityCode;
import org.huimin.plan.Plan;

/**
 * 惠民保 payout of one instant settlement: terms + balances + the hospital's amounts → decision. Pure: no
 * database, no CDI, no {@code Uni}; the settlement service loads the state under a row lock, calls this, and
 * stores the result.
 */
@Pure
public final class PayoutCalculator {

    private PayoutCalculator() {
    }

    /**
     * @param plan          the plan of the person's active policy whose coverage contains the admission date,
     *                      or null when there is none
     * @param benefitsFrom  that policy's benefit start
     * @param participant   the bureau's record of the person, or null
     * @param balances      what the policy has used so far this year
     */
    public static Decision decide(Plan plan, LocalDate benefitsFrom, Participant participant, Balances balances,
            SettlementAmounts amounts) {
        IneligibilityReason reason = ineligibility(plan, benefitsFrom, participant, amounts);
        if (reason != null) {
            return ineligible(reason, plan, balances, amounts);
        }
        Map<String, BigDecimal> deductibleLeft = new LinkedHashMap<>();
        plan.deductibles().keySet().forEach(group -> deductibleLeft.put(group, balances.deductibleRemaining(plan, group)));
        Map<String, BigDecimal> deductiblesTaken = new LinkedHashMap<>();
        Map<LiabilityCode, BigDecimal> capsTaken = new LinkedHashMap<>();
        List<Decision.LiabilityPayout> breakdown = new ArrayList<>();
        BigDecimal payout = Money.ZERO;
        // In the plan's order: an earlier liability consumes a shared deductible group first.
        for (Plan.Liability liability : plan.liabilities()) {
            BigDecimal eligible = eligibleAmount(liability.code(), amounts);
            String group = liability.deductibleGroup();
            BigDecimal deducted = Money.min(eligible, deductibleLeft.get(group));
            deductibleLeft.put(group, deductibleLeft.get(group).subtract(deducted));
            deductiblesTaken.merge(group, deducted, BigDecimal::add);
            BigDecimal payable = Money.roundHalfUp(eligible.subtract(deducted).multiply(liability.ratio()));
            BigDecimal paid = Money.min(payable, balances.capRemaining(liability));
            capsTaken.put(liability.code(), paid);
            payout = payout.add(paid);
            breakdown.add(new Decision.LiabilityPayout(liability.code(), eligible, deducted, liability.ratio(), paid));
        }
        Consumption consumption = new Consumption(deductiblesTaken, capsTaken);
        return new Decision(true, null, payout, amounts.selfPay().subtract(payout).setScale(2), breakdown, consumption,
                balances.plus(consumption).remaining(plan), InsurerSplit.of(plan, payout));
    }

    static IneligibilityReason ineligibility(Plan plan, LocalDate benefitsFrom, Participant participant,
            SettlementAmounts amounts) {
        IneligibilityReason reason = coverageReason(plan, benefitsFrom, participant, amounts.admissionDate());
        if (reason == null && !plan.coveredCareTypes().contains(amounts.careType())) {
            return IneligibilityReason.CARE_TYPE_NOT_COVERED;
        }
        return reason;
    }

    /**
     * Whether the person is covered on {@code day} whatever the care type: the first three reasons, in order, or
     * null when covered. {@code plan} is null when there is no active policy whose coverage contains the day.
     */
    public static IneligibilityReason coverageReason(Plan plan, LocalDate benefitsFrom, Participant participant,
            LocalDate day) {
        if (plan == null) {
            return IneligibilityReason.NO_POLICY;
        }
        if (benefitsFrom == null || day.isBefore(benefitsFrom)) {
            return IneligibilityReason.WAITING_PERIOD;
        }
        if (participant == null || !participant.basicBenefitsActiveOn(day)) {
            return IneligibilityReason.BASIC_INSURANCE_INACTIVE;
        }
        return null;
    }

    private static Decision ineligible(IneligibilityReason reason, Plan plan, Balances balances, SettlementAmounts amounts) {
        List<InsurerSplit.Part> shares = plan == null ? List.of() : InsurerSplit.of(plan, Money.ZERO);
        return new Decision(false, reason, Money.ZERO, amounts.selfPay().setScale(2), List.of(), Consumption.nothing(),
                plan == null ? null : balances.remaining(plan), shares);
    }

    /** Over-limit self-pay is never eligible; each liability takes its own part of the self-pay. */
    static BigDecimal eligibleAmount(LiabilityCode liability, SettlementAmounts amounts) {
        return switch (liability) {
            case IN_POLICY -> amounts.inPolicySelfPay();
            case OUT_OF_POLICY -> amounts.outOfPolicySelfPay();
        };
    }
}
