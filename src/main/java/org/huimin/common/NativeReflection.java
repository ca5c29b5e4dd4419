package org.huimin.common;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types Jackson reads or writes outside the resource signatures Quarkus registers by itself: the answers stored for
 * idempotent replays, settlement consumption and balances, the plan terms document, problem details. Listed here so
 * the native image can (de)serialise them; the pure core keeps no framework annotation.
 */
@RegisterForReflection(targets = {
        org.huimin.claim.ClaimAnswers.Settlement.class,
        org.huimin.claim.ClaimAnswers.Coverage.class,
        org.huimin.claim.ClaimAnswers.Totals.class,
        org.huimin.claim.ClaimAnswers.Reconciliation.class,
        org.huimin.claim.ClaimAnswers.MyClaim.class,
        org.huimin.claim.Decision.class,
        org.huimin.claim.Decision.LiabilityPayout.class,
        org.huimin.claim.Decision.InsurerShare.class,
        org.huimin.claim.Remaining.class,
        org.huimin.claim.Consumption.class,
        org.huimin.enrolment.EnrolmentAnswers.Enrolment.class,
        org.huimin.enrolment.EnrolmentAnswers.OrgEnrolment.class,
        org.huimin.enrolment.EnrolmentAnswers.PolicyLine.class,
        org.huimin.enrolment.EnrolmentAnswers.RefusedMember.class,
        org.huimin.enrolment.EnrolmentAnswers.ActivatedPolicy.class,
        org.huimin.enrolment.EnrolmentAnswers.Payment.class,
        org.huimin.enrolment.EnrolmentAnswers.Deduction.class,
        org.huimin.enrolment.EnrolmentAnswers.DeductionOutcome.class,
        org.huimin.enrolment.EnrolmentAnswers.Refund.class,
        org.huimin.enrolment.EnrolmentAnswers.Cancellation.class,
        org.huimin.enrolment.EnrolmentAnswers.Consent.class,
        org.huimin.enrolment.EnrolmentAnswers.MyPolicy.class,
        org.huimin.enrolment.EnrolmentRequest.class,
        org.huimin.enrolment.EnrolmentRequest.Member.class,
        org.huimin.enrolment.OrgEnrolmentRequest.class,
        org.huimin.enrolment.OrgEnrolmentRequest.Member.class,
        org.huimin.enrolment.PaymentNotification.class,
        org.huimin.claim.SettlementRequest.class,
        org.huimin.plan.Plan.Liability.class,
        org.huimin.plan.Plan.Insurer.class,
        org.huimin.participant.BatchResult.class,
        org.huimin.participant.BatchResult.Rejected.class,
        org.huimin.audit.AuditSealer.View.class,
        org.huimin.audit.AuditSealer.Verification.class,
        FieldError.class })
public final class NativeReflection {

    private NativeReflection() {
    }
}
