package org.huimin.reimbursement;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.huimin.common.Amount;

/** The nine amounts of a stay, as claimed or as a reviewer adjusted them. */
public record Claimed(
        @NotNull @Amount BigDecimal totalAmount,
        @NotNull @Amount BigDecimal basicFundPaid,
        @NotNull @Amount BigDecimal criticalIllnessPaid,
        @NotNull @Amount BigDecimal medicalAssistancePaid,
        @NotNull @Amount BigDecimal otherFundPaid,
        @NotNull @Amount BigDecimal inPolicySelfPay,
        @NotNull @Amount BigDecimal outOfPolicySelfPay,
        @NotNull @Amount BigDecimal overLimitSelfPay) {

    /** Field by field, in the contract's order. */
    public Map<String, BigDecimal> byField() {
        Map<String, BigDecimal> map = new LinkedHashMap<>();
        map.put("totalAmount", totalAmount);
        map.put("basicFundPaid", basicFundPaid);
        map.put("criticalIllnessPaid", criticalIllnessPaid);
        map.put("medicalAssistancePaid", medicalAssistancePaid);
        map.put("otherFundPaid", otherFundPaid);
        map.put("inPolicySelfPay", inPolicySelfPay);
        map.put("outOfPolicySelfPay", outOfPolicySelfPay);
        map.put("overLimitSelfPay", overLimitSelfPay);
        return map;
    }

    public Claimed exact() {
        return new Claimed(m(totalAmount), m(basicFundPaid), m(criticalIllnessPaid), m(medicalAssistancePaid),
                m(otherFundPaid), m(inPolicySelfPay), m(outOfPolicySelfPay), m(overLimitSelfPay));
    }

    private static BigDecimal m(BigDecimal value) {
        return org.huimin.common.Money.exact(value);
    }
}
