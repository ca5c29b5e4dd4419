package org.huimin.enrolment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.audit.AuditLog;
import org.huimin.common.BusinessClock;
import org.huimin.common.Refused;
import org.huimin.common.db.Transactions;
import org.huimin.plan.PlanCatalogue;
import org.huimin.refund.Refund;
import org.huimin.refund.RefundRepository;
import org.huimin.refund.RefundService;
import org.huimin.refund.RefundView;

import io.smallrye.mutiny.Uni;

/**
 * What a payer can undo: cancel a paid policy (退保: a full refund before coverage starts, none after; the refund goes
 * back where the money came from, personal-account money to the personal account, never to cash), or withdraw an unpaid
 * order (its members are free at once). Both lock their row, so a retried or concurrent request acts once and a retry
 * answers the same.
 */
@ApplicationScoped
public class CancellationService {

    private final Transactions transactions;
    private final PolicyRepository policies;
    private final OrderRepository orders;
    private final RefundService refunds;
    private final PlanCatalogue plans;
    private final BusinessClock clock;
    private final AuditLog audit;

    public CancellationService(Transactions transactions, PolicyRepository policies, OrderRepository orders,
            RefundService refunds, PlanCatalogue plans, BusinessClock clock, AuditLog audit) {
        this.transactions = transactions;
        this.policies = policies;
        this.orders = orders;
        this.refunds = refunds;
        this.plans = plans;
        this.clock = clock;
        this.audit = audit;
    }

    /** Who acts: a person (by ID number) or an organisation (by code). */
    public record Payer(String idNumber, String orgCode) {
        boolean paid(PayerType type, String payerIdNumber, String payerOrgCode) {
            return type == PayerType.ORGANISATION
                    ? orgCode != null && orgCode.equals(payerOrgCode)
                    : idNumber != null && idNumber.equals(payerIdNumber);
        }
    }

    public Uni<EnrolmentAnswers.Cancellation> cancel(String policyNumber, Payer payer) {
        Instant now = clock.now();
        return transactions.inTransaction(tx -> policies.lockForCancellation(tx, policyNumber).chain(policy -> {
            if (policy == null || !payer.paid(policy.payerType(), policy.payerIdNumber(), policy.payerOrgCode())) {
                throw Refused.notFound("POLICY_NOT_FOUND", "No policy " + policyNumber + " paid by the caller.");
            }
            Refund.Channel channel = RefundService.channelOf(policy.payerType().name());
            if ("CANCELLED".equals(policy.status())) {
                return refunds.ofPolicy(tx, policy.policyId(), channel).map(refund ->
                        new EnrolmentAnswers.Cancellation(policy.policyNumber(), "CANCELLED", policy.cancelledAt(), refund));
            }
            if (!"ACTIVE".equals(policy.status())) {
                throw Refused.conflict("POLICY_NOT_ACTIVE", "The policy is " + policy.status() + ".");
            }
            return plans.byId(tx, policy.planId()).chain(plan -> {
                BigDecimal amount = EnrolmentRules.refundOnCancellation(plan, policy.premium(), clock.today());
                Uni<RefundView> refund = amount.signum() == 0
                        ? Uni.createFrom().item(new RefundView(null, amount, channel, "NONE"))
                        : refunds.request(tx, new RefundRepository.NewRefund(UUID.randomUUID(), policy.orderId(),
                                policy.planId(), policy.policyId(), policy.policyNumber(), amount, channel,
                                Refund.Source.CANCELLATION, policy.payerIdNumber(), policy.payerOrgCode(),
                                policy.transactionId(), now));
                return policies.cancel(tx, policy.policyId(), now)
                        .chain(() -> refund)
                        .call(view -> audit.change(tx, "CANCELLATION", policy.idNumber(), policy.policyNumber(),
                                "REFUND " + amount.toPlainString() + " " + channel))
                        .map(view -> new EnrolmentAnswers.Cancellation(policy.policyNumber(), "CANCELLED", now, view));
            });
        })).invoke(cancellation -> refunds.afterCommit(cancellation.refund()));
    }

    /** The payer withdraws an unpaid order: its members are free at once, its deduction request leaves the bureau's list. */
    public Uni<EnrolmentAnswers.Withdrawal> withdraw(UUID orderId, Payer payer) {
        Instant now = clock.now();
        return transactions.inTransaction(tx -> orders.lock(tx, orderId).chain(order -> {
            if (order == null || !payer.paid(order.payerType(), order.payerIdNumber(), order.payerOrgCode())) {
                throw orderNotFound(orderId);
            }
            if ("PAID".equals(order.status())) {
                throw Refused.conflict("ORDER_ALREADY_PAID", "The order is paid; cancel its policies instead.");
            }
            if (!order.pending()) {
                return Uni.createFrom().item(new EnrolmentAnswers.Withdrawal(orderId, order.status()));
            }
            String closing = order.expiredAt(now) ? "EXPIRED" : "WITHDRAWN";
            return orders.close(tx, List.of(orderId), closing, now)
                    .call(() -> audit.change(tx, "ORDER_" + closing, order.payerIdNumber(), orderId.toString(), closing))
                    .map(done -> new EnrolmentAnswers.Withdrawal(orderId, closing));
        }));
    }

    /** The payer's view of one order: its state as of now (an unpaid order past its deadline reads EXPIRED). */
    public Uni<EnrolmentAnswers.Order> order(UUID orderId, Payer payer) {
        Instant now = clock.now();
        return transactions.read(client -> orders.find(client, orderId).chain(order -> {
            if (order == null || !payer.paid(order.payerType(), order.payerIdNumber(), order.payerOrgCode())) {
                throw orderNotFound(orderId);
            }
            return Uni.combine().all().unis(plans.byId(client, order.planId()), policies.linesOf(client, orderId)).asTuple()
                    .map(read -> {
                        String status = order.statusAt(now);
                        List<EnrolmentAnswers.OrderPolicy> lines = read.getItem2().stream()
                                .map(p -> "PENDING_PAYMENT".equals(p.status()) && !status.equals("PENDING_PAYMENT")
                                        ? new EnrolmentAnswers.OrderPolicy(p.idNumber(), p.name(), p.relation(), status,
                                                null, null, null)
                                        : p)
                                .toList();
                        return new EnrolmentAnswers.Order(orderId, read.getItem1().code(), order.payerType(),
                                order.amount(), status, order.createdAt(), order.expiresAt(), order.paidAt(), lines);
                    });
        }));
    }

    private static Refused orderNotFound(UUID orderId) {
        return Refused.notFound("ORDER_NOT_FOUND", "No order " + orderId + " placed by the caller.");
    }
}
