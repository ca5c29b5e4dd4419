package org.huimin.refund;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.audit.AuditLog;
import org.huimin.common.BusinessClock;
import org.huimin.common.Page;
import org.huimin.common.Refused;
import org.huimin.common.db.Transactions;
import org.huimin.ledger.JournalEntry;
import org.huimin.ledger.JournalRepository;
import org.huimin.plan.InsurerSplit;
import org.huimin.plan.PlanCatalogue;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Refunds from creation to completion, on all three channels. Creation happens inside the transaction that causes it
 * (a cancellation, late money); a refund to the original payment is then sent by {@link RefundSender} after that
 * transaction commits, the personal-account ones wait for the bureau, the organisation ones for an operator.
 */
@ApplicationScoped
public class RefundService {

    private final Transactions transactions;
    private final RefundRepository refunds;
    private final RefundSender sender;
    private final BusinessClock clock;
    private final AuditLog audit;
    private final PlanCatalogue plans;
    private final JournalRepository journal;

    public RefundService(Transactions transactions, RefundRepository refunds, RefundSender sender, BusinessClock clock,
            AuditLog audit, PlanCatalogue plans, JournalRepository journal) {
        this.transactions = transactions;
        this.refunds = refunds;
        this.sender = sender;
        this.clock = clock;
        this.audit = audit;
        this.plans = plans;
        this.journal = journal;
    }

    /**
     * Records a refund in the caller's transaction; {@link #afterCommit} then sends a provider refund at once. Late money
     * is booked as received now (held by the lead insurer, not premium); a cancellation's refund is booked when it
     * completes, as the money leaves then.
     */
    public Uni<RefundView> request(SqlClient tx, RefundRepository.NewRefund refund) {
        return refunds.insert(tx, refund)
                .call(id -> refund.source() != Refund.Source.LATE_PAYMENT || refund.amount().signum() == 0
                        ? Uni.createFrom().voidItem()
                        : plans.byId(tx, refund.planId()).chain(plan -> journal.append(tx, plan.id(), refund.at(),
                                List.of(JournalEntry.lateReceipt(id, plan.lead().code(), refund.amount(),
                                        refund.channel().name())))))
                .map(done -> new RefundView(refund.refundId(), refund.amount(), refund.channel(), Refund.REQUESTED));
    }

    /** The money went back: the journal books it (a cancellation's refund split between the insurers as its premium was). */
    private Uni<Void> book(SqlClient tx, Refund refund, RefundRepository.Booking booking, Instant now) {
        if (refund.amount().signum() == 0) {
            return Uni.createFrom().voidItem();
        }
        return plans.byId(tx, refund.planId()).chain(plan -> journal.append(tx, plan.id(), now, List.of(
                refund.source() == Refund.Source.LATE_PAYMENT
                        ? JournalEntry.lateRefund(booking.id(), plan.lead().code(), refund.amount(), refund.channel().name())
                        : JournalEntry.premiumRefund(booking.id(), InsurerSplit.of(plan, refund.amount()),
                                booking.countyCode(), refund.channel().name()))));
    }

    /** Wakes the sender after the transaction that created a provider refund has committed (it runs anyway, periodically). */
    public void afterCommit(RefundView refund) {
        if (refund != null && refund.channel() == Refund.Channel.ORIGINAL_PAYMENT && Refund.REQUESTED.equals(refund.status())) {
            sender.wake();
        }
    }

    /** The refund recorded for a cancelled policy, as the cancellation answer shows it. */
    public Uni<RefundView> ofPolicy(SqlClient client, long policyId, Refund.Channel channel) {
        return refunds.ofPolicy(client, policyId).map(refund -> refund == null
                ? new RefundView(null, org.huimin.common.Money.ZERO, channel, "NONE")
                : new RefundView(refund.refundId(), refund.amount(), refund.channel(), refund.status()));
    }

    /** The provider's refund notification. */
    public Uni<RefundLine> providerResult(UUID refundId, Refund.Result result, Instant at) {
        return settle(refundId, Refund.Channel.ORIGINAL_PAYMENT, result, at, null, AuditLog.Actor.PAYMENT_PROVIDER);
    }

    /** The bureau's result of a personal-account refund; {@code regionPrefix} limits it to payers of its region. */
    public Uni<RefundLine> bureauResult(UUID refundId, Refund.Result result, BigDecimal amount, Instant at,
            String regionPrefix) {
        return transactions.inTransaction(tx -> refunds.lock(tx, refundId).chain(refund -> {
            if (refund == null || refund.channel() != Refund.Channel.PERSONAL_ACCOUNT) {
                throw notFound(refundId);
            }
            return refunds.payerCounty(tx, refund.payerIdNumber()).chain(county -> {
                if (county == null || !county.startsWith(regionPrefix)) {
                    throw notFound(refundId);
                }
                if (result == Refund.Result.SUCCEEDED && !refund.settled()
                        && (amount == null || amount.compareTo(refund.amount()) != 0)) {
                    throw Refused.unprocessable("AMOUNT_MISMATCH", "The refund's amount is " + refund.amount().toPlainString() + ".");
                }
                return settleLocked(tx, refund, Refund.Channel.PERSONAL_ACCOUNT, result, at, null, null);
            });
        }));
    }

    /** An operator records the bank transfer of an organisation refund. */
    public Uni<RefundLine> operatorResult(UUID refundId, Refund.Result result, Instant at, String reference) {
        return settle(refundId, Refund.Channel.ORGANISATION, result, at, reference, null);
    }

    /** Puts a FAILED refund back to REQUESTED: a new attempt of the same refund, through the same channel. */
    public Uni<RefundLine> retry(UUID refundId) {
        Instant now = clock.now();
        return transactions.inTransaction(tx -> refunds.lock(tx, refundId).chain(refund -> {
            if (refund == null) {
                throw notFound(refundId);
            }
            refund.retryable().ifPresent(r -> {
                throw r.refused();
            });
            return refunds.retry(tx, refundId, now)
                    .chain(() -> audit.change(tx, "REFUND_RETRY", refund.payerIdNumber(), refundId.toString(),
                            "ATTEMPT " + (refund.attempt() + 1)))
                    .chain(() -> refunds.find(tx, refundId));
        })).invoke(refund -> {
            if (refund.channel() == Refund.Channel.ORIGINAL_PAYMENT) {
                sender.wake();
            }
        }).map(refund -> RefundLine.of(refund, true));
    }

    public Uni<List<RefundLine>> ofPayer(String idNumber) {
        return transactions.read(client -> refunds.ofPayer(client, idNumber))
                .map(list -> list.stream().map(r -> RefundLine.of(r, false)).toList());
    }

    public Uni<List<RefundLine>> ofOrganisation(String orgCode, int limit) {
        return transactions.read(client -> refunds.ofOrganisation(client, orgCode, limit))
                .map(list -> list.stream().map(r -> RefundLine.of(r, false)).toList());
    }

    public Uni<List<BureauRefundLine>> forBureau(String status, String regionPrefix, int limit) {
        return transactions.read(client -> refunds.forBureau(client, status, regionPrefix, limit))
                .call(lines -> audit.reads("PA_REFUNDS_READ", lines.stream().map(BureauRefundLine::idNumber).toList(),
                        null, status));
    }

    public Uni<Page<RefundLine>> page(String status, String channel, String cursor, int limit) {
        Page.Position after = Page.decode(cursor);
        return transactions.read(client -> refunds.page(client, status, channel, after == null ? null : after.at(),
                after == null ? null : after.id(), limit + 1))
                // Logged per person whose refund is listed (an organisation's refunds name no one).
                .call(read -> audit.reads("REFUNDS_READ", read.stream().limit(limit).map(Refund::payerIdNumber)
                        .filter(java.util.Objects::nonNull).toList(), null, status))
                .map(read -> Page.of(read.stream().map(r -> RefundLine.of(r, true)).toList(), limit,
                        line -> new Page.Position(line.requestedAt(), line.refundId())));
    }

    /** Which channel a payer's money came through, so it goes back there. */
    public static Refund.Channel channelOf(String payerType) {
        return switch (payerType) {
            case "SELF" -> Refund.Channel.ORIGINAL_PAYMENT;
            case "PERSONAL_ACCOUNT" -> Refund.Channel.PERSONAL_ACCOUNT;
            case "ORGANISATION" -> Refund.Channel.ORGANISATION;
            default -> throw new IllegalArgumentException(payerType);
        };
    }

    private Uni<RefundLine> settle(UUID refundId, Refund.Channel channel, Refund.Result result, Instant at,
            String reference, AuditLog.Actor actor) {
        return transactions.inTransaction(tx -> refunds.lock(tx, refundId).chain(refund -> {
            if (refund == null) {
                throw notFound(refundId);
            }
            return settleLocked(tx, refund, channel, result, at, reference, actor);
        }));
    }

    /** Records the result once; the same result again answers as it was, a contrary one is refused. */
    private Uni<RefundLine> settleLocked(SqlClient tx, Refund refund, Refund.Channel channel, Refund.Result result,
            Instant at, String reference, AuditLog.Actor actor) {
        refund.handledThrough(channel).ifPresent(r -> {
            throw r.refused();
        });
        refund.acceptsResult(result).ifPresent(r -> {
            throw r.refused();
        });
        if (refund.settled()) {
            return Uni.createFrom().item(RefundLine.of(refund, channel == Refund.Channel.ORGANISATION));
        }
        Instant now = clock.now();
        Uni<Void> audited = actor == null
                ? audit.change(tx, "REFUND_RESULT", refund.payerIdNumber(), refund.refundId().toString(), result.name())
                : audit.change(tx, actor, "REFUND_RESULT", refund.payerIdNumber(), refund.refundId().toString(), result.name());
        return audited.chain(() -> refunds.recordResult(tx, refund.refundId(), result, at, reference, now))
                .chain(booking -> result == Refund.Result.SUCCEEDED ? book(tx, refund, booking, now) : Uni.createFrom().voidItem())
                .chain(() -> refunds.find(tx, refund.refundId()))
                .map(updated -> RefundLine.of(updated, channel == Refund.Channel.ORGANISATION));
    }

    private static Refused notFound(UUID refundId) {
        return Refused.notFound("REFUND_NOT_FOUND", "No refund " + refundId + ".");
    }
}
