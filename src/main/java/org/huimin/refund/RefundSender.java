package org.huimin.refund;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.common.BusinessClock;
import org.huimin.common.db.SqlErrors;
import org.huimin.common.db.Transactions;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The outbox worker: sends the refund requests that committed transactions left in {@code refund} rows to the payment
 * provider, after commit and never inside a transaction. Every few seconds, and at once when a refund was just created.
 *
 * <p>Why a refund is neither lost nor doubled: the request is a row written in the transaction that creates the
 * refund, so it exists exactly when the refund does. A request is taken with a lease ({@code SKIP LOCKED}, so two
 * instances take different ones); only an answer from the provider ends it (2xx: sent; anything else: due again after
 * a back-off that grows to {@link #MAX_BACKOFF}). A service killed after taking a request and before recording the
 * answer leaves it due again when its lease runs out, and it is sent again with the same refund ID — which the
 * provider's contract makes the same request, so the money moves once.
 */
@ApplicationScoped
public class RefundSender {

    private static final Logger LOG = Logger.getLogger(RefundSender.class);
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final int BATCH = 50;

    private final Transactions transactions;
    private final RefundRepository refunds;
    private final PaymentProvider provider;
    private final BusinessClock clock;
    private final MeterRegistry metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Duration firstBackoff;

    public RefundSender(Transactions transactions, RefundRepository refunds, PaymentProvider provider, BusinessClock clock,
            MeterRegistry metrics, org.huimin.common.HuiminConfig config) {
        this.firstBackoff = config.refund().firstBackoff();
        this.transactions = transactions;
        this.refunds = refunds;
        this.provider = provider;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Scheduled(every = "${huimin.refund.send-interval:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sendDue().replaceWithVoid();
    }

    /** Sends now, without waiting for the next tick (called after a refund's transaction commits). */
    public void wake() {
        sendDue().subscribe().with(sent -> {
        }, failure -> LOG.warnf("Refund sending round failed: %s%s", failure.getClass().getName(), SqlErrors.describe(failure)));
    }

    /** One round: takes what is due (in batches until nothing is), sends each, records each answer. Returns how many were accepted. */
    public Uni<Integer> sendDue() {
        if (!provider.configured() || !running.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        return round(0).eventually(() -> running.set(false));
    }

    private Uni<Integer> round(int acceptedSoFar) {
        Instant now = clock.now();
        return transactions.inTransaction(tx -> refunds.takeDue(tx, now, now.plus(LEASE), BATCH)).chain(due -> {
            if (due.isEmpty()) {
                return Uni.createFrom().item(acceptedSoFar);
            }
            return Multi.createFrom().iterable(due).onItem().transformToUniAndMerge(this::send).collect().asList()
                    .chain(results -> {
                        int accepted = acceptedSoFar + (int) results.stream().filter(Boolean::booleanValue).count();
                        return due.size() < BATCH ? Uni.createFrom().item(accepted) : round(accepted);
                    });
        });
    }

    private Uni<Boolean> send(RefundRepository.Outgoing refund) {
        return provider.requestRefund(refund.refundId(), refund.orderId(), refund.transactionId(), refund.amount())
                .chain(() -> transactions.read(client -> refunds.markSent(client, refund.refundId(), refund.attempt(), clock.now())))
                .invoke(() -> metrics.counter("huimin.refunds.sent").increment())
                .replaceWith(Boolean.TRUE)
                .onFailure().recoverWithUni(failure -> {
                    metrics.counter("huimin.refunds.send.failures").increment();
                    LOG.warnf("Refund request %s not accepted (attempt %d): %s", refund.refundId(), refund.sendAttempts(),
                            failure.getClass().getSimpleName());
                    return transactions.read(client -> refunds.sendLater(client, refund.refundId(), refund.attempt(),
                            clock.now().plus(backoff(firstBackoff, refund.sendAttempts())))).replaceWith(Boolean.FALSE);
                });
    }

    /** 2 s, 4 s, 8 s … doubling per failed attempt, at most 10 minutes. */
    static Duration backoff(Duration first, int attempts) {
        Duration delay = first.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }
}
