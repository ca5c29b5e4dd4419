package org.huimin.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.huimin.common.HuiminConfig;
import org.huimin.common.IdNumber;
import org.huimin.common.Refusal;
import org.huimin.common.Roles;
import org.huimin.common.db.SqlErrors;
import org.huimin.common.db.Transactions;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Writes audit records: a change inside the transaction that makes it (a change and its record commit together), a read
 * of a person's data right after the read, per person, lists included.
 *
 * <p>Reads: recording each with its own INSERT would add a commit (a WAL flush) to every coverage lookup, the most
 * frequent request; reads are queued and written in one multi-row INSERT every 100 ms ({@link #flush}), on shutdown,
 * and before any audit query or verification. The queue is bounded: a read that cannot be queued is refused with
 * {@code 503} and never served unlogged. A batch that fails is kept and retried, never dropped; values are cut and
 * cleaned ({@link AuditEntry}) so that no one record can make a batch fail.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final int FLUSH_BATCH = 5000;

    /** Who acts. */
    public record Actor(String subject, String role, String org) {
        public static final Actor PAYMENT_PROVIDER = new Actor("payment-provider", "payment", null);
        public static final Actor SYSTEM = new Actor("system", "system", null);
    }

    private static final String[] ROLE_ORDER = {Roles.HOSPITAL, Roles.BUREAU, Roles.REGULATOR, Roles.OPERATOR,
            Roles.INSURER, Roles.ORG, Roles.INSURED};

    private final Transactions transactions;
    private final AuditRepository records;
    private final CurrentIdentityAssociation identities;
    private final JsonWebToken token;
    private final MeterRegistry metrics;
    private final SecretKeySpec key;
    private final BlockingQueue<AuditEntry> pendingReads;
    /** A batch whose INSERT failed: written first next time, so nothing is lost and the order is kept. */
    private List<AuditEntry> retry = List.of();
    private final java.util.concurrent.atomic.AtomicBoolean flushing = new java.util.concurrent.atomic.AtomicBoolean();
    private final long flushIntervalMs;

    public AuditLog(Transactions transactions, AuditRepository records, CurrentIdentityAssociation identities,
            JsonWebToken token, MeterRegistry metrics, HuiminConfig config) {
        this.transactions = transactions;
        this.records = records;
        this.identities = identities;
        this.token = token;
        this.metrics = metrics;
        // Outside dev and test the service does not start without a key (RequiredSecrets); the tests set one.
        this.key = new SecretKeySpec(config.audit().key().orElse("unset").getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.pendingReads = new ArrayBlockingQueue<>(config.audit().readQueueCapacity());
        this.flushIntervalMs = config.audit().flushIntervalMs();
        metrics.gauge("huimin.audit.reads.queued", pendingReads, BlockingQueue::size);
        metrics.gauge("huimin.audit.reads.retrying", this, AuditLog::awaitingRetry);
    }

    /** A change, recorded in the transaction that makes it, by the current caller. */
    public Uni<Void> change(SqlClient tx, String action, String idNumber, String target, String outcome) {
        return actor().chain(actor -> change(tx, actor, action, idNumber, target, outcome));
    }

    public Uni<Void> change(SqlClient tx, Actor actor, String action, String idNumber, String target, String outcome) {
        return records.insert(tx, AuditEntry.of(actor, action, idNumber, subjectKey(idNumber), target, outcome));
    }

    /**
     * A change made in a Hibernate Reactive transaction (the online-claims workflow): the record is persisted in the
     * same session, so it commits with the change. Call inside {@code @WithTransaction} / {@code Panache.withTransaction}.
     */
    public Uni<Void> changeInSession(String action, String idNumber, String target, String outcome) {
        return actor().chain(actor -> io.quarkus.hibernate.reactive.panache.Panache.getSession()
                .chain(session -> session.persist(AuditRecord.of(AuditEntry.of(actor, action, idNumber, subjectKey(idNumber),
                        target, outcome)))));
    }

    /** A read of one person's data (or of no one's, with a null ID number). */
    public Uni<Void> read(String action, String idNumber, String target, String outcome) {
        return reads(action, idNumber == null ? java.util.Collections.singletonList(null) : List.of(idNumber), target, outcome);
    }

    /** A read of several people's data (a list): one record per person. Refused with 503 if the queue has no room. */
    public Uni<Void> reads(String action, List<String> idNumbers, String target, String outcome) {
        return actor().invoke(actor -> {
            List<AuditEntry> entries = new ArrayList<>(idNumbers.size());
            for (String id : idNumbers) {
                entries.add(AuditEntry.of(actor, action, id, subjectKey(id), target, outcome));
            }
            synchronized (pendingReads) {
                if (pendingReads.remainingCapacity() < entries.size()) {
                    metrics.counter("huimin.audit.reads.refused").increment();
                    throw Refusal.of(Refusal.Kind.UNAVAILABLE, "AUDIT_UNAVAILABLE",
                            "The read cannot be audit-logged now, so it is not served; try again shortly.").refused();
                }
                pendingReads.addAll(entries);
            }
        }).replaceWithVoid();
    }

    /**
     * Every 100 ms on a Vert.x timer (the scheduler's resolution is a second, and a second of reads is what a crash
     * could lose); a flush still running when the timer fires is not doubled.
     */
    void startFlushing(@Observes StartupEvent event, Vertx vertx) {
        vertx.setPeriodic(flushIntervalMs, id -> {
            if (flushing.compareAndSet(false, true)) {
                flush().onTermination().invoke(() -> flushing.set(false)).subscribe().with(done -> {
                }, failure -> LOG.warnf("Audit read records not written yet (kept for the next attempt): %s%s",
                        failure.getClass().getName(), SqlErrors.describe(failure)));
            }
        });
    }

    /**
     * Writes the reads that failed before, then the queued ones (up to 5,000 per statement), and completes when they are
     * stored. Only a full batch is followed at once by the next one: under a steady stream, re-flushing whatever arrived
     * while the INSERT ran would turn the 100 ms batches into a loop of tiny ones (measured: 160 statements/s at 4,000
     * lookups/s instead of 10).
     */
    public Uni<Void> flush() {
        List<AuditEntry> failed = takeRetry();
        if (failed.isEmpty()) {
            return flushQueued();
        }
        // A row that still fails does not hold up the queue behind it; the flush reports it afterwards.
        return attempt(failed).chain(stillFailing -> flushQueued().chain(() -> stillFailing
                ? Uni.createFrom().failure(new IllegalStateException(awaitingRetry() + " audit read records await retry"))
                : Uni.createFrom().voidItem()));
    }

    private Uni<Void> flushQueued() {
        List<AuditEntry> batch = new ArrayList<>();
        pendingReads.drainTo(batch, FLUSH_BATCH);
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return write(batch).chain(done -> batch.size() < FLUSH_BATCH ? Uni.createFrom().voidItem() : flushQueued());
    }

    /**
     * One INSERT for the batch. When the database refuses the batch for its data (SQLSTATE class 22 or 23 — a value
     * the cleaning in {@link AuditEntry} did not foresee), the batch is halved and each half written on its own, so one
     * bad row costs about log2(n) statements and never sinks the others; the row itself stays queued for retry and is
     * counted ({@code huimin.audit.reads.failing}). Any other failure (the database unreachable, a failover) keeps the
     * whole batch for the next round: nothing is dropped either way.
     */
    private Uni<Void> write(List<AuditEntry> batch) {
        return transactions.read(client -> records.insertAll(client, batch)).onFailure().recoverWithUni(failure -> {
            if (!rowsAtFault(failure) || batch.size() == 1) {
                keepForRetry(batch);
                if (batch.size() == 1) {
                    metrics.counter("huimin.audit.reads.failing").increment();
                }
                return Uni.createFrom().failure(failure);
            }
            List<AuditEntry> first = batch.subList(0, batch.size() / 2);
            List<AuditEntry> second = batch.subList(batch.size() / 2, batch.size());
            // Both halves are tried; the batch's failure is reported once both have had their turn, if either kept a row.
            return attempt(first).chain(firstFailed -> attempt(second).chain(secondFailed -> firstFailed || secondFailed
                    ? Uni.createFrom().<Void>failure(failure) : Uni.createFrom().voidItem()));
        });
    }

    /** Writes, and answers whether some of it had to be kept for retry. */
    private Uni<Boolean> attempt(List<AuditEntry> entries) {
        return write(entries).replaceWith(false).onFailure().recoverWithItem(true);
    }

    private static boolean rowsAtFault(Throwable failure) {
        var pg = SqlErrors.pgException(failure);
        return pg != null && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"));
    }

    private synchronized List<AuditEntry> takeRetry() {
        List<AuditEntry> taken = retry;
        retry = List.of();
        return taken;
    }

    private synchronized void keepForRetry(List<AuditEntry> batch) {
        List<AuditEntry> kept = new ArrayList<>(retry);
        kept.addAll(batch);
        retry = kept;
    }

    /** Reads written neither yet nor queued: the batches the database refused, waiting for the next round. */
    public synchronized int awaitingRetry() {
        return retry.size();
    }

    /** HMAC of the ID number under the audit key: finds a person's records without storing the number. */
    public String subjectKey(String idNumber) {
        if (idNumber == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return java.util.HexFormat.of().formatHex(mac.doFinal(IdNumber.normalize(idNumber).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The caller, resolved without blocking (the event loop must never wait for an identity). Outside an HTTP request
     * (start-up seeding, timers) there is no caller: the platform itself acts.
     */
    public Uni<Actor> actor() {
        if (!Arc.container().requestContext().isActive()) {
            return Uni.createFrom().item(Actor.SYSTEM);
        }
        return identities.getDeferredIdentity().map(identity -> {
            if (identity.isAnonymous()) {
                return new Actor("anonymous", "none", null);
            }
            for (String role : ROLE_ORDER) {
                if (identity.hasRole(role)) {
                    return new Actor(identity.getPrincipal().getName(), role, org(role));
                }
            }
            return new Actor(identity.getPrincipal().getName(), "none", null);
        }).onFailure().recoverWithItem(Actor.SYSTEM);
    }

    private String org(String role) {
        Object claim = switch (role) {
            case Roles.HOSPITAL -> token.getClaim("hospital_code");
            case Roles.ORG -> token.getClaim("org_code");
            case Roles.INSURER -> token.getClaim("insurer_code");
            case Roles.BUREAU, Roles.REGULATOR -> token.getClaim("region");
            default -> null;
        };
        if (claim == null) {
            return null;
        }
        String text = claim.toString();
        return text.length() >= 2 && text.startsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }
}
