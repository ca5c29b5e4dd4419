package org.huimin.audit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.huimin.common.db.SqlErrors;
import org.huimin.common.db.Transactions;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Extends the audit trail's hash chain with the records committed since the last round, every second. Requests only
 * insert records; chaining them here keeps a global serialisation point off the settlement path. One instance seals at
 * a time (whichever gets the advisory lock; the others skip the round), and a round is skipped on this instance while
 * the previous one still runs. The chain's order is the seal sequence, not the record id: a record whose transaction
 * commits late is sealed when it appears, since every record waits in {@code audit_unsealed} until it is sealed.
 */
@ApplicationScoped
public class AuditSealer {

    private static final Logger LOG = Logger.getLogger(AuditSealer.class);
    /** Records sealed per round (one transaction). */
    static final int ROUND = 5000;

    private final Transactions transactions;
    private final AuditRepository records;
    private final AuditLog audit;

    public AuditSealer(Transactions transactions, AuditRepository records, AuditLog audit) {
        this.transactions = transactions;
        this.records = records;
        this.audit = audit;
    }

    @Scheduled(every = "${huimin.audit.seal-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sealAll().replaceWithVoid().onFailure().recoverWithItem(failure -> {
            LOG.warnf("Audit sealing round failed: %s%s", failure.getClass().getName(), SqlErrors.describe(failure));
            return null;
        });
    }

    void onShutdown(@Observes ShutdownEvent event) {
        audit.flush().chain(this::sealAll).await().atMost(java.time.Duration.ofSeconds(10));
    }

    /** Rounds until the backlog is sealed (more than 5,000 records a second arrive at peak). Returns how many. */
    public Uni<Integer> sealAll() {
        return sealPending().chain(n -> n < ROUND ? Uni.createFrom().item(n) : sealAll().map(more -> n + more));
    }

    /** Seals up to 5,000 pending records in one transaction; 0 when another instance holds the lock. */
    public Uni<Integer> sealPending() {
        return transactions.inTransaction(tx -> records.trySealLock(tx).chain(locked -> {
            if (!locked) {
                return Uni.createFrom().item(0);
            }
            return Uni.combine().all().unis(records.lastSeal(tx), records.unsealed(tx, ROUND)).asTuple().chain(read -> {
                List<AuditChain.Entry> pending = read.getItem2();
                if (pending.isEmpty()) {
                    return Uni.createFrom().item(0);
                }
                AuditChain.Link last = read.getItem1() == null ? AuditChain.Link.START : read.getItem1();
                List<AuditChain.Seal> seals = AuditChain.extend(last, pending);
                int n = seals.size();
                Long[] seqs = new Long[n];
                Long[] ids = new Long[n];
                String[] previous = new String[n];
                String[] hashes = new String[n];
                for (int i = 0; i < n; i++) {
                    AuditChain.Seal seal = seals.get(i);
                    seqs[i] = seal.seq();
                    ids[i] = seal.recordId();
                    previous[i] = seal.previousHash();
                    hashes[i] = seal.hash();
                }
                return records.seal(tx, seqs, ids, previous, hashes).replaceWith(n);
            });
        }));
    }
}
