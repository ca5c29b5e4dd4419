package org.huimin.claim;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.huimin.common.Amount;
import org.huimin.common.Money;
import org.huimin.plan.CareType;

/** Body of a (trial) settlement: the hospital's figures after basic insurance, critical-illness and assistance. */
public record SettlementRequest(
        @Size(max = 64) @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be visible ASCII characters") String settlementId,
        @NotBlank @Size(max = 18) String idNumber,
        @NotNull CareType careType,
        @NotNull LocalDate admissionDate,
        @NotNull LocalDate dischargeDate,
        @NotNull @Amount BigDecimal totalAmount,
        @NotNull @Amount BigDecimal basicFundPaid,
        @NotNull @Amount BigDecimal criticalIllnessPaid,
        @NotNull @Amount BigDecimal medicalAssistancePaid,
        @NotNull @Amount BigDecimal otherFundPaid,
        @NotNull @Amount BigDecimal inPolicySelfPay,
        @NotNull @Amount BigDecimal outOfPolicySelfPay,
        @NotNull @Amount BigDecimal overLimitSelfPay) {

    /** The amounts at scale 2, for the computation. */
    SettlementAmounts amounts() {
        return new SettlementAmounts(careType, admissionDate, Money.exact(totalAmount), Money.exact(basicFundPaid),
                Money.exact(criticalIllnessPaid), Money.exact(medicalAssistancePaid), Money.exact(otherFundPaid),
                Money.exact(inPolicySelfPay), Money.exact(outOfPolicySelfPay), Money.exact(overLimitSelfPay));
    }

    /** The same request with amounts at scale 2 and the ID upper-cased: what "the same body" means for a retry. */
    SettlementRequest canonical() {
        SettlementAmounts a = amounts();
        return new SettlementRequest(settlementId, org.huimin.common.IdNumber.normalize(idNumber), careType,
                admissionDate, dischargeDate, a.totalAmount(), a.basicFundPaid(), a.criticalIllnessPaid(),
                a.medicalAssistancePaid(), a.otherFundPaid(), a.inPolicySelfPay(), a.outOfPolicySelfPay(),
                a.overLimitSelfPay());
    }
}
