package org.huimin.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.huimin.common.FieldError;

/** The consistency rules of a plan's terms. Pure: terms in, the list of what is wrong out. */
public final class PlanRules {

    private PlanRules() {
    }

    public static List<FieldError> check(Plan plan) {
        List<FieldError> errors = new ArrayList<>();
        if (plan.enrolmentCloses().isBefore(plan.enrolmentOpens())) {
            errors.add(new FieldError("enrolmentCloses", "must not be before enrolmentOpens"));
        }
        if (plan.coverageEnds().isBefore(plan.coverageStarts())) {
            errors.add(new FieldError("coverageEnds", "must not be before coverageStarts"));
        }
        if (plan.coverageEnds().isBefore(plan.enrolmentOpens())) {
            errors.add(new FieldError("coverageEnds", "coverage must not end before enrolment opens"));
        }
        if (plan.enrolmentOpens().isAfter(plan.coverageEnds())) {
            errors.add(new FieldError("enrolmentOpens", "enrolment must open before coverage ends"));
        }
        Set<LiabilityCode> seenLiabilities = new HashSet<>();
        for (int i = 0; i < plan.liabilities().size(); i++) {
            Plan.Liability liability = plan.liabilities().get(i);
            String at = "liabilities[" + i + "]";
            if (!seenLiabilities.add(liability.code())) {
                errors.add(new FieldError(at + ".code", "liability " + liability.code() + " is listed twice"));
            }
            if (!plan.deductibles().containsKey(liability.deductibleGroup())) {
                errors.add(new FieldError(at + ".deductibleGroup",
                        "unknown deductible group '" + liability.deductibleGroup() + "'"));
            }
            if (liability.ratio().signum() < 0 || liability.ratio().compareTo(BigDecimal.ONE) > 0) {
                errors.add(new FieldError(at + ".ratio", "must be between 0 and 1"));
            }
        }
        Set<String> seenInsurers = new HashSet<>();
        BigDecimal shares = BigDecimal.ZERO;
        for (int i = 0; i < plan.insurers().size(); i++) {
            Plan.Insurer insurer = plan.insurers().get(i);
            if (!seenInsurers.add(insurer.code())) {
                errors.add(new FieldError("insurers[" + i + "].code", "insurer " + insurer.code() + " is listed twice"));
            }
            if (insurer.share().signum() <= 0 || insurer.share().compareTo(BigDecimal.ONE) > 0) {
                errors.add(new FieldError("insurers[" + i + "].share", "must be above 0 and at most 1"));
            }
            shares = shares.add(insurer.share());
        }
        if (shares.compareTo(BigDecimal.ONE) != 0) {
            errors.add(new FieldError("insurers", "shares must sum to exactly 1 (they sum to " + shares.toPlainString() + ")"));
        }
        return errors;
    }
}
