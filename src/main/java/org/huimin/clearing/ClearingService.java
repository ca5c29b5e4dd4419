package org.huimin.clearing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.audit.AuditLog;
import org.huimin.common.BusinessClock;
import org.huimin.common.Refused;
import org.huimin.common.Viewer;
import org.huimin.common.db.Transactions;
import org.huimin.ledger.JournalEntry;
import org.huimin.ledger.JournalRepository;
import org.huimin.plan.Plan;
import org.huimin.plan.PlanService;

import io.smallrye.mutiny.Uni;

/**
 * Hospital clearing (清算): runs that issue statements, the hospital's confirmation, each insurer's payment of its part.
 *
 * <p>Concurrency: runs of one plan are serialised by an advisory lock and every event can be itemised once (primary
 * key), so two runs started at once on two instances put each settlement and reversal in exactly one statement; a
 * settlement committed while a run reads is in the next run. Confirmations and payments of one statement lock its row
 * first, so the last part paid marks the statement {@code PAID} exactly once.
 */
@ApplicationScoped
public class ClearingService {

    /** How far before the previous cut-off a run still looks for events (see {@link ClearingRepository#run}). */
    static final Duration LOOK_BACK = Duration.ofDays(1);

    private final Transactions transactions;
    private final ClearingRepository clearing;
    private final JournalRepository journal;
    private final PlanService plans;
    private final BusinessClock clock;
    private final AuditLog audit;

    public ClearingService(Transactions transactions, ClearingRepository clearing, JournalRepository journal,
            PlanService plans, BusinessClock clock, AuditLog audit) {
        this.transactions = transactions;
        this.clearing = clearing;
        this.journal = journal;
        this.plans = plans;
        this.clock = clock;
        this.audit = audit;
    }

    /** A run of the plan, by an operator or the plan's lead insurer; the cut-off is when it gets the plan's lock. */
    public Uni<ClearingRun> run(String code, Viewer viewer, String startedBy) {
        return plans.scope(code, viewer).chain(scope -> {
            Plan plan = scope.plan();
            ClearingRules.mayStartRun(viewer.insurer(), plan.lead().code()).ifPresent(r -> {
                throw r.refused();
            });
            UUID runId = UUID.randomUUID();
            String[] insurers = plan.insurers().stream().map(Plan.Insurer::code).toArray(String[]::new);
            return transactions.inTransaction(tx -> clearing.lockRuns(tx, plan.id())
                    .chain(() -> clearing.lastCutOff(tx, plan.id()))
                    .chain(last -> {
                        Instant cutOff = clock.now();
                        Instant since = last == null ? null : last.minus(LOOK_BACK);
                        return clearing.run(tx, runId, plan.id(), cutOff, since, insurers, startedBy)
                                .call(() -> clearing.settleEmptyStatements(tx, runId, cutOff))
                                .call(issued -> audit.change(tx, "CLEARING_RUN", null, runId.toString(),
                                        "statements=" + issued.size()))
                                .map(issued -> new ClearingRun(runId, plan.code(), cutOff, issued));
                    }));
        });
    }

    public Uni<List<Statement>> statementsOf(String hospital, int limit) {
        return transactions.read(client -> clearing.statementsOf(client, hospital, limit));
    }

    /** A hospital's own statement; another hospital's is not its to know about. */
    public Uni<Statement> statementOf(String hospital, UUID statementId) {
        return transactions.read(client -> clearing.statement(client, statementId)).map(statement -> {
            if (statement == null || !statement.hospital().equals(hospital)) {
                throw notFound(statementId);
            }
            return statement;
        });
    }

    /** The hospital agrees the statement; idempotent (a confirmed or paid statement answers as it is). */
    public Uni<Statement> confirm(String hospital, UUID statementId) {
        Instant now = clock.now();
        return transactions.inTransaction(tx -> clearing.lock(tx, statementId).chain(locked -> {
            if (locked == null || !locked.hospital().equals(hospital)) {
                throw notFound(statementId);
            }
            Uni<Void> confirmed = locked.confirmedAt() != null ? Uni.createFrom().voidItem()
                    : clearing.confirm(tx, statementId, now)
                            .call(() -> audit.change(tx, "CLEARING_CONFIRMED", null, statementId.toString(), "CONFIRMED"));
            return confirmed.chain(() -> clearing.statement(tx, statementId));
        }));
    }

    /**
     * An insurer pays its part: exactly its amount, once (the same transaction ID again answers the same), booked in
     * the journal (what it owes the hospital goes down by what it paid) in the same transaction.
     */
    public Uni<Statement> pay(String insurer, UUID statementId, Payment payment) {
        Instant now = clock.now();
        Instant paidAt = payment.paidAt().toInstant();
        return transactions.inTransaction(tx -> clearing.lock(tx, statementId).chain(locked -> {
            if (locked == null) {
                throw notFound(statementId);
            }
            return clearing.part(tx, statementId, insurer).chain(part -> {
                if (part == null) {
                    throw notFound(statementId);
                }
                ClearingRules.Outcome outcome = ClearingRules.payment(part.amount(), part.transactionId(),
                        payment.amount(), payment.transactionId(), paidAt, now);
                if (outcome == ClearingRules.Outcome.REPEAT) {
                    return clearing.statement(tx, statementId);
                }
                return Uni.combine().all().unis(
                        clearing.pay(tx, part.id(), statementId, payment.transactionId(), paidAt, now),
                        journal.append(tx, locked.planId(), now,
                                List.of(JournalEntry.hospitalPayment(part.id(), insurer, part.amount(), locked.hospital()))),
                        audit.change(tx, "CLEARING_PAYMENT", null, statementId.toString(),
                                insurer + " " + part.amount().toPlainString())).discardItems()
                        .chain(() -> clearing.statement(tx, statementId));
            });
        })).onFailure(f -> org.huimin.common.db.SqlErrors.uniqueViolation(f, "clearing_part_transaction_id_key"))
                .transform(f -> Refused.conflict("TRANSACTION_ID_REUSED", "This transaction ID already paid another part."));
    }

    static Refused notFound(UUID statementId) {
        return Refused.notFound("STATEMENT_NOT_FOUND", "No clearing statement " + statementId + ".");
    }
}
