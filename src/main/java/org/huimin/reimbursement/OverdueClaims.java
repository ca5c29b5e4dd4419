package org.huimin.reimbursement;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.common.BusinessClock;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * {@code huimin_reimbursements_overdue}: claims past their decision date (30 days after complete) or payment date (10
 * days after approval), counted every minute. k8s/monitoring/prometheusrule.yaml alerts on it (保险法 第二十三条).
 */
@ApplicationScoped
public class OverdueClaims {

    private final ReimbursementRepository reimbursements;
    private final BusinessClock clock;
    private final AtomicLong overdue = new AtomicLong();

    public OverdueClaims(ReimbursementRepository reimbursements, BusinessClock clock, MeterRegistry metrics) {
        this.reimbursements = reimbursements;
        this.clock = clock;
        metrics.gauge("huimin.reimbursements.overdue", overdue);
    }

    @Scheduled(every = "60s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return refresh().replaceWithVoid().onFailure().recoverWithNull();
    }

    /** Counts now; the gauge shows the result. */
    public Uni<Long> refresh() {
        return Panache.withSession(() -> reimbursements.overdue(clock.today())).invoke(overdue::set);
    }
}
