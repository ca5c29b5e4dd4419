package org.huimin.enrolment;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Enrolment answers written to JSON for idempotent replays (outside resource signatures): native-image registration. */
@RegisterForReflection(targets = {EnrolmentAnswers.Enrolment.class, EnrolmentAnswers.PolicyLine.class,
        EnrolmentAnswers.OrgEnrolment.class, EnrolmentAnswers.RefusedMember.class, EnrolmentAnswers.ActivatedPolicy.class,
        EnrolmentAnswers.Payment.class, EnrolmentAnswers.DeductionLine.class, EnrolmentAnswers.DeductionOutcome.class,
        EnrolmentAnswers.Cancellation.class, EnrolmentAnswers.Withdrawal.class, EnrolmentAnswers.Order.class,
        EnrolmentAnswers.OrderPolicy.class, EnrolmentAnswers.Consent.class, EnrolmentAnswers.MyPolicy.class,
        EnrolmentRequest.class, EnrolmentRequest.Member.class, OrgEnrolmentRequest.class, OrgEnrolmentRequest.Member.class,
        PaymentNotification.class, DeductionResult.class})
final class EnrolmentJson {

    private EnrolmentJson() {
    }
}
