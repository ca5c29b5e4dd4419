package org.huimin.enrolment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.huimin.audit.AuditLog;
import org.huimin.common.ApiException;
import org.huimin.common.BusinessClock;
import org.huimin.common.Money;
import org.huimin.common.Sql;
import org.huimin.plan.Plan;
import org.huimin.plan.PlanRepository;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Payment confirmation: the provider's notification for self- and organisation-paid orders, the bureau's result
 * for personal-account deductions. Both lock the order row ({@code SELECT … FOR UPDATE}), so any number of
 * simultaneous or repeated confirmations of one order, on any number of instances, activate it exactly once:
 * the first one finds it pending and activates it, the others find it paid and answer without effect.
 */
@ApplicationScoped
public class PaymentService {

    @Inject
    EnrolmentRepository enrolments;

    @Inject
    PlanRepository plans;

    @Inject
    BusinessClock clock;

    @Inject
    MeterRegistry metrics;

    @Inject
    AuditLog audit;

    public Uni<EnrolmentAnswers.Payment> paid(PaymentNotification notification) {
        return enrolments.pool().withTransaction(tx -> enrolments.lockOrder(tx, notification.orderId()).chain(order -> {
            if (order == null) {
                throw ApiException.notFound("ORDER_NOT_FOUND", "No order " + notification.orderId() + ".");
            }
            if (order.payerType() == PayerType.PERSONAL_ACCOUNT) {
                throw ApiException.unprocessable("WRONG_PAYMENT_CHANNEL",
                        "This order is paid from the personal account, by the bureau's deduction.");
            }
            if ("PAID".equals(order.status())) {
                if (notification.transactionId().equals(order.transactionId())) {
                    return answer(tx, order, order.transactionId(), order.paidAt()); // repeated: no effect
                }
                throw ApiException.conflict("ORDER_ALREADY_PAID",
                        "The order was already paid by another transaction; refund this one to the payer.");
            }
            if (!"PENDING_PAYMENT".equals(order.status())) {
                throw ApiException.conflict("ORDER_NOT_PAYABLE", "The order is " + order.status() + ".");
            }
            if (notification.amount().compareTo(order.amount()) != 0) {
                throw ApiException.unprocessable("AMOUNT_MISMATCH", "The order's amount is "
                        + order.amount().toPlainString() + ", the notification says " + notification.amount().toPlainString() + ".");
            }
            Instant paidAt = notification.paidAt().toInstant();
            return activate(tx, order, paidAt)
                    .chain(() -> enrolments.markPaid(tx, order.id(), notification.transactionId(), paidAt))
                    .chain(() -> audit.record(tx, AuditLog.Actor.PAYMENT_PROVIDER, "PAYMENT", order.payerIdNumber(),
                            order.id().toString(), "PAID " + order.amount().toPlainString()))
                    .chain(() -> answer(tx, order, notification.transactionId(), paidAt));
        })).onFailure(failure -> Sql.uniqueViolation(failure, "enrolment_order_payment_transaction_id_key"))
                .transform(failure -> ApiException.conflict("TRANSACTION_ID_REUSED",
                        "This transaction ID already paid another order."))
                .invoke(() -> metrics.counter("huimin.payments", "channel", "PROVIDER").increment());
    }

    private Uni<EnrolmentAnswers.Payment> answer(SqlClient tx, EnrolmentRepository.Order order, String transactionId,
            Instant paidAt) {
        return enrolments.policiesOfOrder(tx, order.id()).map(policies -> new EnrolmentAnswers.Payment(order.id(),
                "PAID", transactionId, order.amount(), paidAt, policies));
    }

    /** Activates the pending policies; the benefit start follows the late-enrolment rule from the payment date. */
    private Uni<List<EnrolmentAnswers.ActivatedPolicy>> activate(SqlClient tx, EnrolmentRepository.Order order,
            Instant paidAt) {
        return plans.findById(tx, order.planId()).chain(plan -> {
            Plan p = plan;
            return enrolments.activate(tx, order.id(), p.benefitStartFor(BusinessClock.businessDate(paidAt)), paidAt);
        });
    }

    public Uni<List<EnrolmentAnswers.Deduction>> deductions(String status, int limit) {
        return enrolments.deductions(status, limit)
                .call(list -> audit.read("DEDUCTIONS_READ", null, status, "records=" + list.size()));
    }

    /** The bureau's deduction result; idempotent (the same result again answers the same, changes nothing). */
    public Uni<EnrolmentAnswers.DeductionOutcome> deductionResult(UUID orderId, DeductionResult result) {
        Instant now = clock.now();
        return enrolments.pool().withTransaction(tx -> enrolments.lockDeduction(tx, orderId).chain(deduction -> {
            if (deduction == null) {
                throw ApiException.notFound("DEDUCTION_NOT_FOUND", "No personal-account deduction for order " + orderId + ".");
            }
            String wanted = result.status().name();
            if (!"REQUESTED".equals(deduction.status())) {
                if (!deduction.status().equals(wanted)) {
                    throw ApiException.conflict("DEDUCTION_ALREADY_SETTLED",
                            "The deduction was already recorded as " + deduction.status() + ".");
                }
                return outcome(tx, deduction.orderId(), wanted, deduction.resultAmount(), deduction.resultAt());
            }
            Instant at = result.at().toInstant();
            Uni<Void> audited = audit.record(tx, "DEDUCTION_RESULT", deduction.idNumber(), orderId.toString(), wanted);
            if (result.status() == DeductionResult.Status.FAILED) {
                return audited.chain(() -> enrolments.recordDeduction(tx, orderId, wanted, result.amount(), at, now))
                        .chain(() -> enrolments.markFailed(tx, orderId))
                        .chain(() -> outcome(tx, orderId, wanted, result.amount(), at));
            }
            if (result.amount() == null || result.amount().compareTo(deduction.amount()) != 0) {
                throw ApiException.unprocessable("AMOUNT_MISMATCH", "The deduction's amount is "
                        + deduction.amount().toPlainString() + ".");
            }
            BigDecimal amount = Money.exact(result.amount());
            return audited.chain(() -> enrolments.lockOrder(tx, orderId))
                    .chain(order -> activate(tx, order, at))
                    .chain(() -> enrolments.markPaid(tx, orderId, null, at))
                    .chain(() -> enrolments.recordDeduction(tx, orderId, wanted, amount, at, now))
                    .invoke(() -> metrics.counter("huimin.payments", "channel", "PERSONAL_ACCOUNT").increment())
                    .chain(() -> outcome(tx, orderId, wanted, amount, at));
        }));
    }

    private Uni<EnrolmentAnswers.DeductionOutcome> outcome(SqlClient tx, UUID orderId, String status, BigDecimal amount,
            Instant at) {
        return enrolments.policiesOfOrder(tx, orderId).map(policies -> new EnrolmentAnswers.DeductionOutcome(orderId,
                status, "SUCCEEDED".equals(status) ? "PAID" : "PAYMENT_FAILED",
                amount == null ? null : amount.setScale(2), at, policies));
    }
}
