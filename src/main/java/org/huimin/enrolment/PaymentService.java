package org.huimin.enrolment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.audit.AuditLog;
import org.huimin.balance.BalanceRepository;
import org.huimin.common.BusinessClock;
import org.huimin.common.Money;
import org.huimin.common.Refused;
import org.huimin.common.db.SqlErrors;
import org.huimin.common.db.Transactions;
import org.huimin.ledger.JournalEntry;
import org.huimin.ledger.JournalRepository;
import org.huimin.plan.InsurerSplit;
import org.huimin.plan.Plan;
import org.huimin.plan.PlanCatalogue;
import org.huimin.refund.Refund;
import org.huimin.refund.RefundRepository;
import org.huimin.refund.RefundService;
import org.huimin.refund.RefundView;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Payment confirmation: the provider's notification for self- and organisation-paid orders, the bureau's result for
 * personal-account deductions. Both lock the order row ({@code SELECT … FOR UPDATE}), so any number of simultaneous or
 * repeated confirmations of one order, on any number of instances, activate it exactly once: the first one finds it
 * pending and activates it, the others find it paid and answer without effect. Money that arrives for an order that
 * expired or was withdrawn activates nothing: it is recorded and refunded to where it came from at once.
 */
@ApplicationScoped
public class PaymentService {

    private final Transactions transactions;
    private final OrderRepository orders;
    private final PolicyRepository policies;
    private final DeductionRepository deductions;
    private final BalanceRepository balances;
    private final LatePaymentRepository latePayments;
    private final RefundService refunds;
    private final PlanCatalogue plans;
    private final BusinessClock clock;
    private final MeterRegistry metrics;
    private final AuditLog audit;
    private final JournalRepository journal;

    public PaymentService(Transactions transactions, OrderRepository orders, PolicyRepository policies,
            DeductionRepository deductions, BalanceRepository balances, LatePaymentRepository latePayments,
            RefundService refunds, PlanCatalogue plans, BusinessClock clock, MeterRegistry metrics, AuditLog audit,
            JournalRepository journal) {
        this.transactions = transactions;
        this.orders = orders;
        this.policies = policies;
        this.deductions = deductions;
        this.balances = balances;
        this.latePayments = latePayments;
        this.refunds = refunds;
        this.plans = plans;
        this.clock = clock;
        this.metrics = metrics;
        this.audit = audit;
        this.journal = journal;
    }

    public Uni<EnrolmentAnswers.Payment> paid(PaymentNotification notification) {
        Instant now = clock.now();
        Instant paidAt = notification.paidAt().toInstant();
        BigDecimal amount = Money.exact(notification.amount());
        // Pipelined: BEGIN goes out with the order's lock, and an activation's last writes with COMMIT (activate).
        return transactions.pipelined(pipeline -> orders.lock(pipeline.client(), notification.orderId()).chain(order -> {
            SqlClient tx = pipeline.client();
            if (order == null) {
                throw Refused.notFound("ORDER_NOT_FOUND", "No order " + notification.orderId() + ".");
            }
            if (order.payerType() == PayerType.PERSONAL_ACCOUNT) {
                throw Refused.unprocessable("WRONG_PAYMENT_CHANNEL",
                        "This order is paid from the personal account, by the bureau's deduction.");
            }
            if ("PAID".equals(order.status())) {
                if (notification.transactionId().equals(order.transactionId())) {
                    return paidAnswer(tx, order, order.transactionId(), order.paidAt()); // repeated: no effect
                }
                throw Refused.conflict("ORDER_ALREADY_PAID",
                        "The order was already paid by another transaction; refund this one to the payer.");
            }
            EnrolmentRules.paymentTime(paidAt, order.createdAt(), now).ifPresent(r -> {
                throw r.refused();
            });
            if (!order.pending() || order.expiredAt(now)) {
                return lateMoney(tx, order, notification.transactionId(), amount, paidAt, now);
            }
            if (amount.compareTo(order.amount()) != 0) {
                throw Refused.unprocessable("AMOUNT_MISMATCH", "The order's amount is "
                        + order.amount().toPlainString() + ", the notification says " + amount.toPlainString() + ".");
            }
            return activate(pipeline, order, notification.transactionId(), paidAt);
        })).onFailure(failure -> SqlErrors.uniqueViolation(failure, "enrolment_order_payment_transaction_id_key")
                || SqlErrors.uniqueViolation(failure, "late_payment_transaction_id_key"))
                .transform(failure -> Refused.conflict("TRANSACTION_ID_REUSED", "This transaction ID already paid another order."))
                .invoke(answer -> {
                    if (answer.refundId() != null) {
                        refunds.afterCommit(new RefundView(answer.refundId(), answer.amount(),
                                Refund.Channel.ORIGINAL_PAYMENT, Refund.REQUESTED));
                    } else {
                        metrics.counter("huimin.payments", "channel", "PROVIDER").increment();
                    }
                });
    }

    /**
     * Money for an order that no longer takes it (expired — closed here if its deadline passed and nothing closed it
     * yet — withdrawn, failed): recorded, nothing activated, refunded to the original payment. The same notification
     * again answers the same refund.
     */
    private Uni<EnrolmentAnswers.Payment> lateMoney(SqlClient tx, OrderRepository.Order order, String transactionId,
            BigDecimal amount, Instant paidAt, Instant now) {
        return latePayments.find(tx, order.id(), transactionId).chain(known -> {
            if (known != null) {
                return Uni.createFrom().item(refundAnswer(order, transactionId, known.amount(), known.paidAt(), known.refundId()));
            }
            Uni<List<UUID>> closed = order.expiredAt(now) ? orders.close(tx, List.of(order.id()), "EXPIRED", now)
                    : Uni.createFrom().item(List.of());
            UUID refundId = UUID.randomUUID();
            var refund = new RefundRepository.NewRefund(refundId, order.id(), order.planId(), null, null, amount,
                    Refund.Channel.ORIGINAL_PAYMENT, Refund.Source.LATE_PAYMENT, order.payerIdNumber(),
                    order.payerOrgCode(), transactionId, now);
            return closed.chain(() -> latePayments.insert(tx, order.id(), transactionId, amount, paidAt, now, refundId))
                    .chain(() -> refunds.request(tx, refund))
                    .chain(() -> audit.change(tx, AuditLog.Actor.PAYMENT_PROVIDER, "LATE_PAYMENT", order.payerIdNumber(),
                            order.id().toString(), "REFUND " + amount.toPlainString()))
                    .map(done -> refundAnswer(order, transactionId, amount, paidAt, refundId));
        });
    }

    private static EnrolmentAnswers.Payment refundAnswer(OrderRepository.Order order, String transactionId,
            BigDecimal amount, Instant paidAt, UUID refundId) {
        return new EnrolmentAnswers.Payment(order.id(), "REFUND_REQUESTED", transactionId, amount.setScale(2), paidAt,
                null, refundId);
    }

    private Uni<EnrolmentAnswers.Payment> paidAnswer(SqlClient tx, OrderRepository.Order order, String transactionId,
            Instant paidAt) {
        return policies.ofOrder(tx, order.id()).map(list -> new EnrolmentAnswers.Payment(order.id(), "PAID",
                transactionId, order.amount(), paidAt, list, null));
    }

    /**
     * Activates the pending policies (the benefit start follows the late-enrolment rule from the payment date, in
     * Asia/Shanghai), marks the order paid with its audit record, opens each person's balances in the plan — or keeps
     * the ones they have, after a cancellation — and books each policy's premium, split between the insurers, in the
     * same transaction. Two round trips after the plan: the activation, the order, the audit record and the answer's
     * read of the activated policies together (PostgreSQL runs them in that order, so the read sees the activation);
     * then the balances and the journal, which need the activated rows, with {@code COMMIT}.
     */
    private Uni<EnrolmentAnswers.Payment> activate(Transactions.Pipeline pipeline, OrderRepository.Order order,
            String transactionId, Instant paidAt) {
        SqlClient tx = pipeline.client();
        return plans.byId(tx, order.planId()).chain(plan -> Uni.combine().all().unis(
                        policies.activate(tx, order.id(), plan.benefitStartFor(BusinessClock.businessDate(paidAt)), paidAt),
                        orders.markPaid(tx, order.id(), transactionId, paidAt),
                        audit.change(tx, AuditLog.Actor.PAYMENT_PROVIDER, "PAYMENT", order.payerIdNumber(),
                                order.id().toString(), "PAID " + order.amount().toPlainString()),
                        paidAnswer(tx, order, transactionId, paidAt)).asTuple()
                .chain(done -> pipeline.commitWith(openAndBook(tx, plan, order, done.getItem1(), paidAt))
                        .replaceWith(done.getItem4())));
    }

    /** Activates the pending policies, opens the balances and books the premiums (a deduction's confirmation). */
    private Uni<Void> activate(SqlClient tx, OrderRepository.Order order, Instant paidAt) {
        return plans.byId(tx, order.planId()).chain(plan -> policies
                .activate(tx, order.id(), plan.benefitStartFor(BusinessClock.businessDate(paidAt)), paidAt)
                .chain(activated -> openAndBook(tx, plan, order, activated, paidAt)));
    }

    /** Each activated person's balances in the plan, and each policy's premium split between the insurers. */
    private Uni<Void> openAndBook(SqlClient tx, Plan plan, OrderRepository.Order order,
            List<PolicyRepository.Activated> activated, Instant paidAt) {
        return Uni.combine().all().unis(
                        balances.open(tx, plan.id(), activated.stream().map(PolicyRepository.Activated::idNumber).toList()),
                        journal.append(tx, plan.id(), paidAt, activated.stream()
                                .map(p -> JournalEntry.premium(p.policyId(), InsurerSplit.of(plan, p.premium()),
                                        p.countyCode(), order.payerType().name()))
                                .toList()))
                .discardItems();
    }

    public Uni<List<EnrolmentAnswers.DeductionLine>> deductions(String status, String regionPrefix, int limit) {
        return transactions.read(client -> deductions.list(client, status, regionPrefix, clock.now(), limit))
                .call(list -> audit.reads("DEDUCTIONS_READ", list.stream().map(EnrolmentAnswers.DeductionLine::idNumber).toList(),
                        null, status));
    }

    /**
     * The bureau's deduction result; idempotent (the same result again answers the same, changes nothing). A result for
     * a request that was withdrawn (its order expired or was withdrawn) is recorded; money deducted then goes back to
     * the personal account at once.
     */
    public Uni<EnrolmentAnswers.DeductionOutcome> deductionResult(UUID orderId, DeductionResult result, String regionPrefix) {
        Instant now = clock.now();
        Instant at = result.at().toInstant();
        return transactions.inTransaction(tx -> deductions.lock(tx, orderId).chain(deduction -> {
            if (deduction == null) {
                throw Refused.notFound("DEDUCTION_NOT_FOUND", "No personal-account deduction for order " + orderId + ".");
            }
            return orders.lock(tx, orderId).chain(order -> inRegion(tx, deduction, regionPrefix).chain(() -> {
                String wanted = result.status().name();
                String settled = "WITHDRAWN".equals(deduction.status()) ? deduction.lateResult() : deduction.status();
                if (settled != null && !"REQUESTED".equals(settled)) {
                    if (!settled.equals(wanted)) {
                        throw Refused.conflict("DEDUCTION_ALREADY_SETTLED",
                                "The deduction was already recorded as " + settled + ".");
                    }
                    return outcome(tx, order, wanted, deduction.resultAmount(), deduction.resultAt(), now);
                }
                if (result.status() == DeductionResult.Status.SUCCEEDED
                        && (result.amount() == null || result.amount().compareTo(deduction.amount()) != 0)) {
                    throw Refused.unprocessable("AMOUNT_MISMATCH", "The deduction's amount is "
                            + deduction.amount().toPlainString() + ".");
                }
                if (result.status() == DeductionResult.Status.SUCCEEDED) {
                    EnrolmentRules.paymentTime(at, order.createdAt(), now).ifPresent(r -> {
                        throw r.refused();
                    });
                }
                BigDecimal amount = result.amount() == null ? null : Money.exact(result.amount());
                Uni<Void> audited = audit.change(tx, "DEDUCTION_RESULT", deduction.idNumber(), orderId.toString(), wanted);
                boolean late = "WITHDRAWN".equals(deduction.status()) || order.expiredAt(now);
                if (late) {
                    return audited.chain(() -> lateDeduction(tx, order, deduction, result.status(), amount, at, now));
                }
                if (result.status() == DeductionResult.Status.FAILED) {
                    return audited.chain(() -> deductions.record(tx, orderId, wanted, amount, at, now, false))
                            .chain(() -> orders.close(tx, List.of(orderId), "PAYMENT_FAILED", now))
                            .chain(() -> outcome(tx, order, wanted, amount, at, now));
                }
                return audited.chain(() -> activate(tx, order, at))
                        .chain(() -> orders.markPaid(tx, orderId, null, at))
                        .chain(() -> deductions.record(tx, orderId, wanted, amount, at, now, false))
                        .invoke(() -> metrics.counter("huimin.payments", "channel", "PERSONAL_ACCOUNT").increment())
                        .chain(() -> outcome(tx, order, wanted, amount, at, now));
            }));
        }));
    }

    /** A result for a withdrawn request: recorded beside it; deducted money goes back to the personal account. */
    private Uni<EnrolmentAnswers.DeductionOutcome> lateDeduction(SqlClient tx, OrderRepository.Order order,
            DeductionRepository.Deduction deduction, DeductionResult.Status status, BigDecimal amount, Instant at,
            Instant now) {
        Uni<List<UUID>> closed = order.expiredAt(now) ? orders.close(tx, List.of(order.id()), "EXPIRED", now)
                : Uni.createFrom().item(List.of());
        Uni<Void> recorded = closed.chain(() -> deductions.record(tx, order.id(), status.name(), amount, at, now, true));
        if (status == DeductionResult.Status.FAILED) {
            return recorded.chain(() -> outcome(tx, order, status.name(), amount, at, now));
        }
        UUID refundId = UUID.randomUUID();
        var refund = new RefundRepository.NewRefund(refundId, order.id(), order.planId(), null, null, amount,
                Refund.Channel.PERSONAL_ACCOUNT, Refund.Source.LATE_PAYMENT, deduction.idNumber(), null, null, now);
        return recorded.chain(() -> refunds.request(tx, refund))
                .chain(() -> outcome(tx, order, status.name(), amount, at, now))
                .map(answer -> new EnrolmentAnswers.DeductionOutcome(answer.orderId(), answer.status(), answer.orderStatus(),
                        answer.amount(), answer.at(), null, refundId));
    }

    /** The bureau acts for its region: a deduction of a payer outside it is not its to know about. */
    private Uni<Void> inRegion(SqlClient tx, DeductionRepository.Deduction deduction, String regionPrefix) {
        if (regionPrefix.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return deductions.payerCounty(tx, deduction.idNumber()).map(county -> {
            if (county == null || !county.startsWith(regionPrefix)) {
                throw Refused.notFound("DEDUCTION_NOT_FOUND", "No personal-account deduction for order "
                        + deduction.orderId() + ".");
            }
            return null;
        });
    }

    private Uni<EnrolmentAnswers.DeductionOutcome> outcome(SqlClient tx, OrderRepository.Order order, String status,
            BigDecimal amount, Instant at, Instant now) {
        return Uni.combine().all().unis(orders.find(tx, order.id()), policies.ofOrder(tx, order.id())).asTuple()
                .map(read -> new EnrolmentAnswers.DeductionOutcome(order.id(), status, read.getItem1().statusAt(now),
                        amount == null ? null : amount.setScale(2), at,
                        read.getItem2(), null));
    }
}
