package org.huimin.audit;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.common.db.Transactions;

import io.smallrye.mutiny.Uni;

/** The operator's queries of the trail: by person (keyed hash), by actor, by time. */
@ApplicationScoped
public class AuditQueries {

    private final Transactions transactions;
    private final AuditRepository records;
    private final AuditLog audit;

    public AuditQueries(Transactions transactions, AuditRepository records, AuditLog audit) {
        this.transactions = transactions;
        this.records = records;
        this.audit = audit;
    }

    /** An audit record as the operator reads it (the person masked). */
    public record View(long id, Instant at, String actorSubject, String actorRole, String actorOrg, String action,
            String subject, String target, String outcome) {
    }

    /** Records queued for writing are written first, so a query sees every read up to now. */
    public Uni<List<View>> query(String idNumber, String actor, Instant from, Instant to, int limit) {
        String subjectKey = audit.subjectKey(idNumber);
        return audit.flush().chain(() -> transactions.read(client -> records.query(client, subjectKey, actor, from, to, limit)))
                .map(entries -> entries.stream().map(e -> new View(e.id(), e.at(), e.actorSubject(), e.actorRole(),
                        e.actorOrg(), e.action(), e.subjectMasked(), e.target(), e.outcome())).toList());
    }
}
