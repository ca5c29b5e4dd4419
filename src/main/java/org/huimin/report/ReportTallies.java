package org.huimin.report;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.common.db.SqlErrors;
import org.huimin.common.db.Transactions;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the report tallies small and right (V11__report_tallies.sql says how they work). Every few seconds the deltas
 * written by the triggers are folded into one row per key, so a report over a whole plan reads a few hundred rows; one
 * instance folds at a time (the function's advisory lock; the others skip), and a round is skipped on this instance
 * while the previous one runs. Each night the tallies are compared with the rows they count and any difference is
 * written as a correction — there should be none; each one corrected is counted ({@code huimin.report.tally.corrections})
 * and logged, for an alert.
 */
@ApplicationScoped
public class ReportTallies {

    private static final Logger LOG = Logger.getLogger(ReportTallies.class);

    private final Transactions transactions;
    private final TallyRepository tallies;
    private final Counter corrections;

    public ReportTallies(Transactions transactions, TallyRepository tallies, MeterRegistry metrics) {
        this.transactions = transactions;
        this.tallies = tallies;
        this.corrections = metrics.counter("huimin.report.tally.corrections");
    }

    @Scheduled(every = "${huimin.reports.fold-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledFold() {
        return fold().replaceWithVoid().onFailure().recoverWithItem(failure -> {
            LOG.warnf("Folding the report tallies failed: %s%s", failure.getClass().getName(), SqlErrors.describe(failure));
            return null;
        });
    }

    @Scheduled(cron = "${huimin.reports.correct-cron:0 30 3 * * ?}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledCorrection() {
        return correct().replaceWithVoid().onFailure().recoverWithItem(failure -> {
            LOG.warnf("Checking the report tallies failed: %s%s", failure.getClass().getName(), SqlErrors.describe(failure));
            return null;
        });
    }

    /** One fold; how many keys it wrote. */
    public Uni<Long> fold() {
        return transactions.inTransaction(tallies::fold);
    }

    /** The check against the rows (a scan of everything, with its own time-out); how many keys it corrected. */
    public Uni<Long> correct() {
        return transactions.inTransaction(tallies::correct).invoke(corrected -> {
            if (corrected > 0) {
                corrections.increment(corrected);
                LOG.warnf("The report tallies differed from the rows for %d keys; corrected", corrected);
            }
        });
    }
}
