package org.huimin.basicbenefit;

import java.time.LocalDate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;

import org.huimin.common.Refused;
import org.huimin.common.ValidDate;

/**
 * Body of {@code POST /api/v1/bureau/rules/basic-benefits}. Counts left out mean none (0, or 1 consecutive year: the plan
 * year itself), flags left out mean false; a negative count is answered as inconsistent ({@code 422}), an absurd one
 * (over 200 years) as invalid ({@code 400}).
 */
public record BasicBenefitRequest(
        @NotNull BasicBenefitRules.InsuranceType insuranceType,
        @Max(2999) Integer planYear,
        @Max(200) Integer consecutiveYears,
        @Max(200) Integer zeroReimbursementYears,
        Boolean assistanceFunded,
        Boolean exempt,
        Boolean enrolledInCollectionPeriod,
        @Max(200) Integer breakYears,
        @Max(200) Integer repaidYears,
        @ValidDate LocalDate paidOn) {

    BasicBenefitRules.Situation situation() {
        return new BasicBenefitRules.Situation(insuranceType,
                planYear == null ? (paidOn == null ? BasicBenefitRules.FIRST_YEAR : paidOn.getYear()) : planYear,
                consecutiveYears == null ? 1 : consecutiveYears, orZero(zeroReimbursementYears),
                Boolean.TRUE.equals(assistanceFunded), Boolean.TRUE.equals(exempt),
                Boolean.TRUE.equals(enrolledInCollectionPeriod), orZero(breakYears), orZero(repaidYears), paidOn);
    }

    /** The payment date the waiting months count from (the rules that need nothing else are checked before). */
    LocalDate requirePaidOn() {
        if (paidOn == null) {
            throw Refused.invalidField("paidOn", "is required: the waiting months count from the payment date");
        }
        return paidOn;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
