package org.huimin.enrolment;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.huimin.audit.AuditLog;
import org.huimin.common.ApiException;
import org.huimin.common.BusinessClock;
import org.huimin.plan.PlanRepository;

import io.smallrye.mutiny.Uni;

/**
 * Cancellation (退保) by the payer: a full refund before coverage starts, none after. The refund returns to where
 * the money came from — personal-account money to the personal account, never to cash (no 套现).
 */
@ApplicationScoped
public class CancellationService {

    @Inject
    EnrolmentRepository enrolments;

    @Inject
    PlanRepository plans;

    @Inject
    BusinessClock clock;

    @Inject
    AuditLog audit;

    /** Who is cancelling: a person (by ID number) or an organisation (by code). */
    public record Payer(String idNumber, String orgCode) {
        boolean paid(EnrolmentRepository.PolicyForCancellation policy) {
            return policy.payerType() == PayerType.ORGANISATION
                    ? orgCode != null && orgCode.equals(policy.payerOrgCode())
                    : idNumber != null && idNumber.equals(policy.payerIdNumber());
        }
    }

    /** Locks the policy row, so a retried or concurrent cancellation refunds once; a retry answers the same. */
    public Uni<EnrolmentAnswers.Cancellation> cancel(String policyNumber, Payer payer) {
        Instant now = clock.now();
        return enrolments.pool().withTransaction(tx -> enrolments.lockPolicy(tx, policyNumber).chain(policy -> {
            if (policy == null || !payer.paid(policy)) {
                throw ApiException.notFound("POLICY_NOT_FOUND", "No policy " + policyNumber + " paid by the caller.");
            }
            if ("CANCELLED".equals(policy.status())) {
                return enrolments.refundOf(tx, policy.policyId()).map(refund ->
                        new EnrolmentAnswers.Cancellation(policy.policyNumber(), "CANCELLED", policy.cancelledAt(), refund));
            }
            if (!"ACTIVE".equals(policy.status())) {
                throw ApiException.conflict("POLICY_NOT_ACTIVE", "The policy is " + policy.status() + ".");
            }
            return plans.findById(tx, policy.planId()).chain(plan -> {
                BigDecimal amount = EnrolmentRules.refundOnCancellation(plan, policy.premium(), clock.today());
                String channel = switch (policy.payerType()) {
                    case SELF -> "ORIGINAL_PAYMENT";
                    case PERSONAL_ACCOUNT -> "PERSONAL_ACCOUNT";
                    case ORGANISATION -> "ORGANISATION";
                };
                String status = amount.signum() == 0 ? "NONE" : "REQUESTED";
                EnrolmentAnswers.Refund refund = new EnrolmentAnswers.Refund(amount, channel, status);
                return audit.record(tx, "CANCELLATION", policy.payerIdNumber(), policy.policyNumber(),
                                "REFUND " + amount.toPlainString() + " " + channel)
                        .chain(() -> enrolments.cancel(tx, policy.policyId(), now))
                        .chain(() -> enrolments.insertRefund(tx, policy.policyId(), policy.orderId(), amount, channel, status, now))
                        .map(done -> new EnrolmentAnswers.Cancellation(policy.policyNumber(), "CANCELLED", now, refund));
            });
        }));
    }
}
