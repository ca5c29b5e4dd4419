package org.huimin.claim;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.huimin.plan.CareType;

/**
 * The hospital's figures after basic insurance, critical-illness insurance and medical assistance have paid.
 * {@code totalAmount} must equal the sum of the other eight.
 */
@org.huimin.common.Pure
public record SettlementAmounts(
        CareType careType,
        LocalDate admissionDate,
        BigDecimal totalAmount,
        BigDecimal basicFundPaid,
        BigDecimal criticalIllnessPaid,
        BigDecimal medicalAssistancePaid,
        BigDecimal otherFundPaid,
        /** 医保政策范围内个人自付 */
        BigDecimal inPolicySelfPay,
        /** 医保政策范围外个人自费 */
        BigDecimal outOfPolicySelfPay,
        /** 超限价自费 — never reimbursed. */
        BigDecimal overLimitSelfPay) {

    public boolean addsUp() {
        BigDecimal sum = basicFundPaid.add(criticalIllnessPaid).add(medicalAssistancePaid).add(otherFundPaid)
                .add(inPolicySelfPay).add(outOfPolicySelfPay).add(overLimitSelfPay);
        return sum.compareTo(totalAmount) == 0;
    }

    public BigDecimal selfPay() {
        return inPolicySelfPay.add(outOfPolicySelfPay).add(overLimitSelfPay);
    }
}
