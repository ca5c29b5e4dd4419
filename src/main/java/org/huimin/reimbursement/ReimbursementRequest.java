package org.huimin.reimbursement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.huimin.claim.SettlementAmounts;
import org.huimin.common.Amount;
import org.huimin.common.BoundedList;
import org.huimin.common.CleanText;
import org.huimin.common.Fingerprint;
import org.huimin.common.IdNumber;
import org.huimin.common.Money;
import org.huimin.common.SizeFirst;
import org.huimin.common.ValidDate;
import org.huimin.plan.CareType;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** Body of {@code POST /api/v1/me/reimbursements}: a stay not settled at a desk, with its documents and the payee. */
public record ReimbursementRequest(
        @NotBlank @Size(max = 18) @CleanText String idNumber,
        @NotNull CareType careType,
        @NotBlank @Size(max = 200) @CleanText String hospitalName,
        @Size(max = 32) @CleanText String hospitalCode,
        @NotNull Boolean offsite,
        @NotNull @ValidDate LocalDate admissionDate,
        @NotNull @ValidDate LocalDate dischargeDate,
        @NotBlank @Size(max = 64) @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be visible ASCII characters") String basicSettlementId,
        @NotNull @Amount BigDecimal totalAmount,
        @NotNull @Amount BigDecimal basicFundPaid,
        @NotNull @Amount BigDecimal criticalIllnessPaid,
        @NotNull @Amount BigDecimal medicalAssistancePaid,
        @NotNull @Amount BigDecimal otherFundPaid,
        @NotNull @Amount BigDecimal inPolicySelfPay,
        @NotNull @Amount BigDecimal outOfPolicySelfPay,
        @NotNull @Amount BigDecimal overLimitSelfPay,
        @NotNull @Valid Payee payee,
        @NotNull(groups = SizeFirst.class) @Size(min = 1, max = 20, groups = SizeFirst.class,
                message = "a claim carries 1 to 20 documents") @JsonDeserialize(using = BoundedList.class) List<@NotNull UUID> documents) {

    /** Where the money goes: an account in the insured person's name (or the claiming guardian's, for a child). */
    public record Payee(
            @NotBlank @Size(max = 100) @CleanText String name,
            @NotBlank @Size(max = 100) @CleanText String bank,
            @NotBlank @Size(max = 40) @Pattern(regexp = "[0-9 -]{8,40}", message = "must be a bank account number") String account) {
    }

    Claimed claimed() {
        return new Claimed(totalAmount, basicFundPaid, criticalIllnessPaid, medicalAssistancePaid, otherFundPaid,
                inPolicySelfPay, outOfPolicySelfPay, overLimitSelfPay).exact();
    }

    static SettlementAmounts amounts(CareType careType, LocalDate admission, Claimed c) {
        return new SettlementAmounts(careType, admission, c.totalAmount(), c.basicFundPaid(), c.criticalIllnessPaid(),
                c.medicalAssistancePaid(), c.otherFundPaid(), c.inPolicySelfPay(), c.outOfPolicySelfPay(),
                c.overLimitSelfPay());
    }

    SettlementAmounts amounts() {
        return amounts(careType, admissionDate, claimed());
    }

    String fingerprint() {
        Claimed c = claimed();
        return Fingerprint.of().field("idNumber", IdNumber.normalize(idNumber)).field("careType", careType)
                .field("hospitalName", hospitalName).optional("hospitalCode", hospitalCode).field("offsite", offsite)
                .field("admissionDate", admissionDate).field("dischargeDate", dischargeDate)
                .field("basicSettlementId", basicSettlementId).field("totalAmount", c.totalAmount())
                .field("basicFundPaid", c.basicFundPaid()).field("criticalIllnessPaid", c.criticalIllnessPaid())
                .field("medicalAssistancePaid", c.medicalAssistancePaid()).field("otherFundPaid", c.otherFundPaid())
                .field("inPolicySelfPay", c.inPolicySelfPay()).field("outOfPolicySelfPay", c.outOfPolicySelfPay())
                .field("overLimitSelfPay", c.overLimitSelfPay()).field("payeeName", payee.name())
                .field("payeeBank", payee.bank()).field("payeeAccount", payee.account())
                .field("documents", documents.stream().map(UUID::toString).sorted().toList().toString())
                .sha256();
    }

    static BigDecimal exact(BigDecimal value) {
        return Money.exact(value);
    }
}
