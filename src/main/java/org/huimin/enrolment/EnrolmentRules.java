package org.huimin.enrolment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.huimin.common.Money;
import org.huimin.common.Pure;
import org.huimin.common.Refusal;
import org.huimin.common.Text;
import org.huimin.participant.Participant;
import org.huimin.plan.Plan;

/**
 * 投保规则 — who may be enrolled in a plan, by whom, and what becomes of unpaid orders. Pure functions of the plan,
 * the day, the payer and the bureau's records. No question about age, job, health or medical history is asked: the
 * premium is uniform.
 */
@Pure
public final class EnrolmentRules {

    /** How far ahead of our clock a provider's or the bureau's payment time may be (their clocks drift too). */
    public static final Duration PAYMENT_CLOCK_TOLERANCE = Duration.ofMinutes(5);

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

    /**
     * The member's name is the one on the bureau record. Checked before every other rule about the member, so that an
     * ID number alone tells a stranger nothing about the person (status, region, insurance type, enrolment).
     * No record at all is {@code NOT_ELIGIBLE}, as it always was.
     */
    public static Optional<Refusal> name(Participant record, String name) {
        if (record != null && !Text.comparableName(record.name()).equals(Text.comparableName(name))) {
            return Optional.of(Refusal.unprocessable("NAME_MISMATCH",
                    "The name does not match the basic-insurance record of this ID number."));
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

    /**
     * Personal-account money may not pay for strangers (套现): every member other than the payer must be bound to the
     * payer at the bureau (家庭共济绑定, authorised by both) with the relation the enrolment declares.
     */
    public static Optional<Refusal> relationVerified(Participant payer, String memberId, Relation relation) {
        if (relation == Relation.SELF && payer != null && payer.idNumber().equals(memberId)) {
            return Optional.empty();
        }
        if (payer == null || !payer.boundTo(memberId, relation.name())) {
            return Optional.of(Refusal.unprocessable("RELATION_NOT_VERIFIED",
                    "The member is not bound to the payer's personal account as " + relation + " at the bureau."));
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

    /**
     * A bureau record that is not TERMINATED, in the plan's region. A SUSPENDED member may enrol (002 covers every
     * basic-insurance member); their benefits wait for basic insurance (checked on the admission date).
     */
    public static Optional<Refusal> eligibility(Plan plan, Participant participant) {
        if (participant == null || participant.status() == Participant.Status.TERMINATED) {
            return Optional.of(Refusal.unprocessable("NOT_ELIGIBLE",
                    "The person has no basic-insurance record, or it is terminated."));
        }
        if (!plan.coversCounty(participant.countyCode())) {
            return Optional.of(Refusal.unprocessable("NOT_IN_REGION",
                    "The person's basic insurance is not in the plan's region " + plan.region() + "."));
        }
        return Optional.empty();
    }

    public static Refusal alreadyEnrolled(Plan plan) {
        return Refusal.conflict("ALREADY_ENROLLED", "The person already has a policy of plan " + plan.code() + ".");
    }

    /** A live policy that stands in the way of a new enrolment of the same person in the same plan. */
    public record LivePolicy(String idNumber, String status, java.util.UUID orderId, PayerType payerType,
            String payerIdNumber, Instant expiresAt) {

        boolean paid() {
            return "ACTIVE".equals(status);
        }
    }

    /** What a new enrolment does about a member's live policy. */
    public enum Hold {
        /** Refuse: the person is enrolled (paid, or an unpaid order that still holds them). */
        ENROLLED,
        /** The unpaid order's time is up: expire it, which frees the person. */
        EXPIRE,
        /** Someone else's unpaid order for this person, who now enrols themselves: withdraw that order. */
        WITHDRAW
    }

    /**
     * A person's own enrolment wins over an unpaid order someone else placed for them; nobody can hold a stranger's
     * place by enrolling them and not paying. An unpaid order past its deadline frees its members whoever asks.
     *
     * @param ownEnrolment the member is the person enrolling (the caller enrols themselves)
     */
    public static Hold hold(LivePolicy live, boolean ownEnrolment, Instant now) {
        if (live.paid()) {
            return Hold.ENROLLED;
        }
        if (!live.expiresAt().isAfter(now)) {
            return Hold.EXPIRE;
        }
        boolean placedBySomeoneElse = live.payerType() == PayerType.ORGANISATION
                || !live.idNumber().equals(live.payerIdNumber());
        return ownEnrolment && placedBySomeoneElse ? Hold.WITHDRAW : Hold.ENROLLED;
    }

    /** When an unpaid order expires: 2 hours paid through the provider, 3 days by deduction, 7 by an organisation. */
    public static Instant expiresAt(PayerType payer, Instant created, Duration providerTtl, Duration deductionTtl,
            Duration organisationTtl) {
        return created.plus(switch (payer) {
            case SELF -> providerTtl;
            case PERSONAL_ACCOUNT -> deductionTtl;
            case ORGANISATION -> organisationTtl;
        });
    }

    /**
     * The payment time a provider or the bureau reports decides the benefit start, so it must be believable: not before
     * the order existed, not more than five minutes ahead of our clock. Providers report whole seconds, so a payment in
     * the second the order was created is not "before" it.
     */
    public static Optional<Refusal> paymentTime(Instant paidAt, Instant orderCreated, Instant now) {
        if (paidAt.isBefore(orderCreated.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                || paidAt.isAfter(now.plus(PAYMENT_CLOCK_TOLERANCE))) {
            return Optional.of(Refusal.unprocessable("INVALID_PAYMENT_TIME", "The payment time " + paidAt
                    + " lies before the order was created (" + orderCreated + ") or more than 5 minutes in the future."));
        }
        return Optional.empty();
    }

    /** The refund on cancellation: the full premium before coverage starts, nothing from then on. */
    public static BigDecimal refundOnCancellation(Plan plan, BigDecimal premium, LocalDate today) {
        return today.isBefore(plan.coverageStarts()) ? premium : Money.ZERO;
    }
}
