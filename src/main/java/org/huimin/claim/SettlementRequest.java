package org.huimin.claim;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.huimin.common.Amount;
import org.huimin.common.Fingerprint;
import org.huimin.common.IdNumber;
import org.huimin.common.Money;
import org.huimin.common.ValidDate;
import org.huimin.plan.CareType;

/** Body of a (trial) settlement: the hospital's figures after basic insurance, critical-illness and assistance. */
public record SettlementRequest(
        @Size(max = 64) @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be visible ASCII characters") String settlementId,
        @NotBlank @Size(max = 18) String idNumber,
        @NotNull CareType careType,
        @NotNull @ValidDate LocalDate admissionDate,
        @NotNull @ValidDate LocalDate dischargeDate,
        @NotNull @Amount BigDecimal totalAmount,
        @NotNull @Amount BigDecimal basicFundPaid,
        @NotNull @Amount BigDecimal criticalIllnessPaid,
        @NotNull @Amount BigDecimal medicalAssistancePaid,
        @NotNull @Amount BigDecimal otherFundPaid,
        @NotNull @Amount BigDecimal inPolicySelfPay,
        @NotNull @Amount BigDecimal outOfPolicySelfPay,
        @NotNull @Amount BigDecimal overLimitSelfPay,
        /** 医保结算ID of the national platform's settlement; optional. */
        @Size(max = 64) @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be visible ASCII characters") String basicSettlementId) {

    /** The amounts at scale 2, for the computation. */
    SettlementAmounts amounts() {
        return new SettlementAmounts(careType, admissionDate, Money.exact(totalAmount), Money.exact(basicFundPaid),
                Money.exact(criticalIllnessPaid), Money.exact(medicalAssistancePaid), Money.exact(otherFundPaid),
                Money.exact(inPolicySelfPay), Money.exact(outOfPolicySelfPay), Money.exact(overLimitSelfPay));
    }

    /**
     * What "the same body" means for a retry: the contract's fields in a fixed order, amounts at scale 2, the ID number
     * upper-cased. The thirteen fields of the first release come first, exactly as it stored them; a field added since
     * is written only when present, so a settlement recorded before an upgrade is still recognised when retried after.
     */
    String fingerprint() {
        SettlementAmounts a = amounts();
        return Fingerprint.of().field("settlementId", settlementId).field("idNumber", IdNumber.normalize(idNumber))
                .field("careType", careType).field("admissionDate", admissionDate).field("dischargeDate", dischargeDate)
                .field("totalAmount", a.totalAmount()).field("basicFundPaid", a.basicFundPaid())
                .field("criticalIllnessPaid", a.criticalIllnessPaid()).field("medicalAssistancePaid", a.medicalAssistancePaid())
                .field("otherFundPaid", a.otherFundPaid()).field("inPolicySelfPay", a.inPolicySelfPay())
                .field("outOfPolicySelfPay", a.outOfPolicySelfPay()).field("overLimitSelfPay", a.overLimitSelfPay())
                .optional("basicSettlementId", basicSettlementId)
                .sha256();
    }
}
