package org.huimin.enrolment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.common.BusinessClock;
import org.huimin.common.db.SqlErrors;
import org.huimin.common.db.Transactions;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The periodic sweep that expires unpaid orders past their deadline, so their members are free and their deduction
 * requests leave the bureau's list even when nothing touches them. Anything that does touch an order or its members
 * (an enrolment, a payment, a withdrawal) expires it on the spot; this catches the rest. Orders are taken with
 * {@code SKIP LOCKED}, so sweeps on several instances share the work and never wait on a payment being recorded.
 */
@ApplicationScoped
public class OrderExpiry {

    private static final Logger LOG = Logger.getLogger(OrderExpiry.class);
    private static final int BATCH = 1000;

    private final Transactions transactions;
    private final OrderRepository orders;
    private final BusinessClock clock;
    private final MeterRegistry metrics;

    public OrderExpiry(Transactions transactions, OrderRepository orders, BusinessClock clock, MeterRegistry metrics) {
        this.transactions = transactions;
        this.orders = orders;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Scheduled(every = "${huimin.order-sweep-interval:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sweep().replaceWithVoid().onFailure().recoverWithItem(failure -> {
            LOG.warnf("Order expiry sweep failed: %s%s", failure.getClass().getName(), SqlErrors.describe(failure));
            return null;
        });
    }

    /** Expires every order due now, in batches; returns how many. */
    public Uni<Integer> sweep() {
        Instant now = clock.now();
        return transactions.inTransaction(tx -> orders.dueForExpiry(tx, now, BATCH)
                .chain(due -> due.isEmpty() ? Uni.createFrom().item(List.<UUID>of()) : orders.close(tx, due, "EXPIRED", now)))
                .invoke(expired -> metrics.counter("huimin.orders.expired").increment(expired.size()))
                .chain(expired -> expired.size() < BATCH ? Uni.createFrom().item(expired.size())
                        : sweep().map(more -> expired.size() + more));
    }
}
