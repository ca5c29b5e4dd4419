package org.huimin.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.huimin.common.FieldError;
import org.huimin.common.Pure;
import org.huimin.common.Refusal;

/** The consistency rules of a plan's terms and of changes to them. Pure: terms in, what is wrong out. */
@Pure
public final class PlanRules {

    private PlanRules() {
    }

    /** Every inconsistency of the terms (API.md: {@code 422 PLAN_TERMS_INCONSISTENT}), field by field. */
    public static List<FieldError> check(Plan plan) {
        List<FieldError> errors = new ArrayList<>();
        if (plan.enrolmentCloses().isBefore(plan.enrolmentOpens())) {
            errors.add(new FieldError("enrolmentCloses", "must not be before enrolmentOpens"));
        }
        if (plan.coverageEnds().isBefore(plan.coverageStarts())) {
            errors.add(new FieldError("coverageEnds", "must not be before coverageStarts"));
        }
        if (plan.coverageStarts().isBefore(plan.enrolmentOpens())) {
            errors.add(new FieldError("coverageStarts", "coverage must not start before enrolment opens"));
        }
        if (plan.enrolmentCloses().isAfter(plan.coverageEnds())) {
            errors.add(new FieldError("enrolmentCloses", "enrolment must close by the end of coverage"));
        }
        // The plan year is a year the coverage period covers (coverage is usually that calendar year).
        if (plan.planYear() < plan.coverageStarts().getYear() || plan.planYear() > plan.coverageEnds().getYear()) {
            errors.add(new FieldError("planYear", "must be a year of the coverage period " + plan.coverageStarts() + ".."
                    + plan.coverageEnds()));
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

    /** No person may hold two policies for one day: no other plan of an overlapping region may share a coverage day. */
    public static Optional<Refusal> overlap(Plan plan, List<Plan> others) {
        for (Plan other : others) {
            if (!other.code().equals(plan.code()) && plan.overlaps(other)) {
                return Optional.of(Refusal.conflict("PLAN_OVERLAPS", "Plan " + other.code() + " (region " + other.region()
                        + ", coverage " + other.coverageStarts() + ".." + other.coverageEnds()
                        + ") overlaps this plan's region and coverage period."));
            }
        }
        return Optional.empty();
    }

    /** Regulators forbid changing payout conditions once enrolment has opened. */
    public static Optional<Refusal> termsChangeable(Plan stored, LocalDate today) {
        if (stored.termsLockedOn(today)) {
            return Optional.of(Refusal.conflict("PLAN_TERMS_LOCKED",
                    "Enrolment opened on " + stored.enrolmentOpens() + "; the plan's terms can no longer change."));
        }
        return Optional.empty();
    }

    /**
     * 002: 根据需要可适当延长 — the window may be extended, never shortened, and never past the last day on which a paid
     * policy still starts its benefits within coverage. The same closing day again is accepted (a retried PATCH).
     */
    public static Optional<Refusal> windowExtension(Plan stored, LocalDate newClose) {
        if (newClose.isBefore(stored.enrolmentCloses())) {
            return Optional.of(notExtendable("Enrolment closes on " + stored.enrolmentCloses()
                    + "; the window may only be extended."));
        }
        LocalDate latest = stored.latestEnrolmentClose();
        if (newClose.isAfter(latest)) {
            return Optional.of(notExtendable("A policy paid after " + latest + " would start its benefits after coverage ends ("
                    + stored.coverageEnds() + ")."));
        }
        return Optional.empty();
    }

    private static Refusal notExtendable(String message) {
        return Refusal.unprocessable("WINDOW_NOT_EXTENDABLE", message)
                .withErrors(List.of(new FieldError("enrolmentCloses", message)));
    }
}
