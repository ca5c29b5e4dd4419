package org.huimin.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.huimin.common.Refusal;
import org.huimin.participant.Participant;
import org.huimin.plan.Plan;
import org.huimin.plan.PlanRulesTest;
import org.junit.jupiter.api.Test;

/** Who may be enrolled, by whom, and what becomes of unpaid orders: each rule with its own case. */
class EnrolmentRulesTest {

    private static final Plan LIAONING = PlanRulesTest.liaoning();
    private static final String PAYER = "210102199003071233";
    private static final String SPOUSE = "210102199104051226";

    private static Participant person(String id, String name, String county, Participant.InsuranceType type,
            Participant.Status status, List<Participant.FamilyBinding> bindings) {
        return new Participant(id, name, county, type, status, LocalDate.of(2020, 1, 1), false, 1, null, bindings);
    }

    private static String code(Optional<Refusal> refusal) {
        return refusal.map(Refusal::code).orElse("OK");
    }

    @Test
    void theNameMustBeTheBureausAndOnlyThenAnythingElse() {
        Participant zhang = person(PAYER, "张三", "210102", Participant.InsuranceType.EMPLOYEE, Participant.Status.ACTIVE, null);
        assertThat(code(EnrolmentRules.name(zhang, "张三"))).isEqualTo("OK");
        assertThat(code(EnrolmentRules.name(zhang, " 张 三 "))).as("spaces do not matter").isEqualTo("OK");
        assertThat(code(EnrolmentRules.name(zhang, "张山"))).isEqualTo("NAME_MISMATCH");
        // Full-width letters are the same letters (NFKC): ＡＢＣ is ABC.
        Participant latin = person(PAYER, "ABC", "210102", Participant.InsuranceType.EMPLOYEE, Participant.Status.ACTIVE, null);
        assertThat(code(EnrolmentRules.name(latin, "ＡＢＣ"))).isEqualTo("OK");
        // No record: nothing to compare, eligibility says NOT_ELIGIBLE as it always did.
        assertThat(code(EnrolmentRules.name(null, "anyone"))).isEqualTo("OK");
    }

    @Test
    void everyoneButTheTerminatedInTheRegionMayEnrol() {
        for (Participant.Status status : Participant.Status.values()) {
            Participant p = person(PAYER, "张三", "210102", Participant.InsuranceType.RESIDENT, status, null);
            assertThat(code(EnrolmentRules.eligibility(LIAONING, p))).as(status.name())
                    .isEqualTo(status == Participant.Status.TERMINATED ? "NOT_ELIGIBLE" : "OK");
        }
        assertThat(code(EnrolmentRules.eligibility(LIAONING, null))).isEqualTo("NOT_ELIGIBLE");
        Participant yichun = person(PAYER, "张三", "360902", Participant.InsuranceType.RESIDENT, Participant.Status.ACTIVE, null);
        assertThat(code(EnrolmentRules.eligibility(LIAONING, yichun))).isEqualTo("NOT_IN_REGION");
    }

    @Test
    void personalAccountMoneyPaysOnlyForBoundFamily() {
        Participant employee = person(PAYER, "张三", "210102", Participant.InsuranceType.EMPLOYEE, Participant.Status.ACTIVE,
                List.of(new Participant.FamilyBinding(SPOUSE, Participant.BoundRelation.SPOUSE)));
        Participant resident = person(PAYER, "张三", "210102", Participant.InsuranceType.RESIDENT, Participant.Status.ACTIVE, null);
        assertThat(code(EnrolmentRules.personalAccountPayer(employee))).isEqualTo("OK");
        assertThat(code(EnrolmentRules.personalAccountPayer(resident))).isEqualTo("PAYER_NOT_EMPLOYEE");
        assertThat(code(EnrolmentRules.personalAccountRelation(Relation.SIBLING))).isEqualTo("RELATION_NOT_ALLOWED");
        assertThat(code(EnrolmentRules.relationVerified(employee, PAYER, Relation.SELF))).isEqualTo("OK");
        assertThat(code(EnrolmentRules.relationVerified(employee, SPOUSE, Relation.SPOUSE))).isEqualTo("OK");
        assertThat(code(EnrolmentRules.relationVerified(employee, SPOUSE, Relation.PARENT))).isEqualTo("RELATION_NOT_VERIFIED");
        assertThat(code(EnrolmentRules.relationVerified(employee, "110105194912310029", Relation.CHILD)))
                .isEqualTo("RELATION_NOT_VERIFIED");
        // Declaring a stranger as SELF does not make them the payer.
        assertThat(code(EnrolmentRules.relationVerified(employee, SPOUSE, Relation.SELF))).isEqualTo("RELATION_NOT_VERIFIED");
    }

    @Test
    void consentAndTheSchoolsGuardianConsent() {
        assertThat(code(EnrolmentRules.consent(true))).isEqualTo("OK");
        assertThat(code(EnrolmentRules.consent(null))).isEqualTo("CONSENT_REQUIRED");
        assertThat(code(EnrolmentRules.guardianConsent(OrgType.SCHOOL, false))).isEqualTo("GUARDIAN_CONSENT_REQUIRED");
        assertThat(code(EnrolmentRules.guardianConsent(OrgType.EMPLOYER, null))).isEqualTo("OK");
    }

    @Test
    void anUnpaidOrderHoldsItsMembersUntilItsDeadlineOrTheirOwnEnrolment() {
        Instant created = Instant.parse("2025-10-01T02:00:00Z");
        Instant deadline = EnrolmentRules.expiresAt(PayerType.SELF, created, Duration.ofHours(2), Duration.ofDays(3),
                Duration.ofDays(7));
        assertThat(deadline).isEqualTo(Instant.parse("2025-10-01T04:00:00Z"));
        assertThat(EnrolmentRules.expiresAt(PayerType.PERSONAL_ACCOUNT, created, Duration.ofHours(2), Duration.ofDays(3),
                Duration.ofDays(7))).isEqualTo(Instant.parse("2025-10-04T02:00:00Z"));
        assertThat(EnrolmentRules.expiresAt(PayerType.ORGANISATION, created, Duration.ofHours(2), Duration.ofDays(3),
                Duration.ofDays(7))).isEqualTo(Instant.parse("2025-10-08T02:00:00Z"));
        // A stranger enrolled SPOUSE (payer PAYER) and has not paid.
        EnrolmentRules.LivePolicy squatted = new EnrolmentRules.LivePolicy(SPOUSE, "PENDING_PAYMENT", UUID.randomUUID(),
                PayerType.SELF, PAYER, deadline);
        Instant beforeDeadline = deadline.minusSeconds(1);
        assertThat(EnrolmentRules.hold(squatted, false, beforeDeadline)).as("someone else").isEqualTo(EnrolmentRules.Hold.ENROLLED);
        assertThat(EnrolmentRules.hold(squatted, true, beforeDeadline)).as("the person").isEqualTo(EnrolmentRules.Hold.WITHDRAW);
        assertThat(EnrolmentRules.hold(squatted, false, deadline)).as("at the deadline").isEqualTo(EnrolmentRules.Hold.EXPIRE);
        // One's own unpaid order is one's own: it holds until paid, withdrawn or expired.
        EnrolmentRules.LivePolicy own = new EnrolmentRules.LivePolicy(PAYER, "PENDING_PAYMENT", UUID.randomUUID(),
                PayerType.SELF, PAYER, deadline);
        assertThat(EnrolmentRules.hold(own, true, beforeDeadline)).isEqualTo(EnrolmentRules.Hold.ENROLLED);
        // An organisation's unpaid order gives way to the person too; a paid policy never does.
        EnrolmentRules.LivePolicy byEmployer = new EnrolmentRules.LivePolicy(PAYER, "PENDING_PAYMENT", UUID.randomUUID(),
                PayerType.ORGANISATION, null, deadline);
        assertThat(EnrolmentRules.hold(byEmployer, true, beforeDeadline)).isEqualTo(EnrolmentRules.Hold.WITHDRAW);
        EnrolmentRules.LivePolicy paid = new EnrolmentRules.LivePolicy(SPOUSE, "ACTIVE", UUID.randomUUID(), PayerType.SELF,
                PAYER, deadline);
        assertThat(EnrolmentRules.hold(paid, true, deadline.plusSeconds(3600))).isEqualTo(EnrolmentRules.Hold.ENROLLED);
    }

    @Test
    void aPaymentTimeMustBeBelievable() {
        Instant created = Instant.parse("2025-10-01T02:00:00.400Z");
        Instant now = Instant.parse("2025-10-01T03:00:00Z");
        assertThat(code(EnrolmentRules.paymentTime(Instant.parse("2025-10-01T02:00:00Z"), created, now)))
                .as("the same second as the order (providers report whole seconds)").isEqualTo("OK");
        assertThat(code(EnrolmentRules.paymentTime(Instant.parse("2025-10-01T01:59:59Z"), created, now)))
                .isEqualTo("INVALID_PAYMENT_TIME");
        assertThat(code(EnrolmentRules.paymentTime(now.plus(Duration.ofMinutes(5)), created, now))).isEqualTo("OK");
        assertThat(code(EnrolmentRules.paymentTime(now.plus(Duration.ofMinutes(5)).plusSeconds(1), created, now)))
                .isEqualTo("INVALID_PAYMENT_TIME");
    }

    @Test
    void aCancellationRefundsThePremiumOnlyBeforeCoverageStarts() {
        BigDecimal premium = new BigDecimal("69.00");
        assertThat(EnrolmentRules.refundOnCancellation(LIAONING, premium, LocalDate.of(2025, 12, 31))).isEqualTo("69.00");
        assertThat(EnrolmentRules.refundOnCancellation(LIAONING, premium, LocalDate.of(2026, 1, 1))).isEqualTo("0.00");
    }
}
