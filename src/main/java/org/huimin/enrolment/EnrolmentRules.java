package org.huimin.enrolment;

import java.time.LocalDate;
import java.util.Optional;

import org.huimin.participant.Participant;
import org.huimin.plan.Plan;

/**
 * 投保规则 — who may be enrolled in a plan, by whom. Pure functions of the plan, the day, the payer and the
 * bureau's records. No question about age, job, health or medical history is asked: the premium is uniform.
 */
public final class EnrolmentRules {

    private EnrolmentRules() {
    }

    /** The plan accepts enrolments on {@code today} (Asia/Shanghai). */
    public static Optional<Refusal> window(Plan plan, LocalDate today) {
        if (!plan.enrolmentOpenOn(today)) {
            return Optional.of(Refusal.unprocessable("ENROLMENT_CLOSED", "Enrolment for " + plan.code() + " is open from "
                    + plan.enrolmentOpens() + " to " + plan.enrolmentCloses() + "."));
        }
        return Optional.empty();
    }

    /** A personal account exists only for 职工 (EMPLOYEE) members of basic insurance. */
    public static Optional<Refusal> personalAccountPayer(Participant payer) {
        if (payer == null || payer.insuranceType() != Participant.InsuranceType.EMPLOYEE) {
            return Optional.of(Refusal.unprocessable("PAYER_NOT_EMPLOYEE",
                    "Only an employee (职工) member of basic insurance has a personal account to pay from."));
        }
        return Optional.empty();
    }

    /** 家庭共济: self, spouse, children and parents only. */
    public static Optional<Refusal> personalAccountRelation(Relation relation) {
        if (!Relation.PERSONAL_ACCOUNT_FAMILY.contains(relation)) {
            return Optional.of(Refusal.unprocessable("RELATION_NOT_ALLOWED",
                    "A personal account may pay only for self, spouse, children and parents, not " + relation + "."));
        }
        return Optional.empty();
    }

    /** 个人信息授权: the member's consent to the use of their basic-insurance data. */
    public static Optional<Refusal> consent(Boolean consent) {
        if (!Boolean.TRUE.equals(consent)) {
            return Optional.of(Refusal.unprocessable("CONSENT_REQUIRED",
                    "Each enrolled person must consent to the use of their basic-insurance data."));
        }
        return Optional.empty();
    }

    /** Students must never be enrolled by force: a school needs the guardian's individual consent. */
    public static Optional<Refusal> guardianConsent(OrgType orgType, Boolean guardianConsent) {
        if (orgType == OrgType.SCHOOL && !Boolean.TRUE.equals(guardianConsent)) {
            return Optional.of(Refusal.unprocessable("GUARDIAN_CONSENT_REQUIRED",
                    "A school may enrol a student only with the guardian's individual consent."));
        }
        return Optional.empty();
    }

    /** An ACTIVE bureau record whose county lies in the plan's region. */
    public static Optional<Refusal> eligibility(Plan plan, Participant participant) {
        if (participant == null || participant.status() != Participant.Status.ACTIVE) {
            return Optional.of(Refusal.unprocessable("NOT_ELIGIBLE",
                    "The person has no active basic-insurance record."));
        }
        if (!plan.coversCounty(participant.countyCode())) {
            return Optional.of(Refusal.unprocessable("NOT_IN_REGION",
                    "The person's basic insurance is not in the plan's region " + plan.region() + "."));
        }
        return Optional.empty();
    }

    public static Refusal alreadyEnrolled(Plan plan) {
        return new Refusal(409, "ALREADY_ENROLLED", "The person already has a policy of plan " + plan.code() + ".");
    }

    /** The refund on cancellation: the full premium before coverage starts, nothing from then on. */
    public static java.math.BigDecimal refundOnCancellation(Plan plan, java.math.BigDecimal premium, LocalDate today) {
        return today.isBefore(plan.coverageStarts()) ? premium : org.huimin.common.Money.ZERO;
    }
}
