package org.huimin.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import static org.huimin.common.db.Rows.utc;

/**
 * The audit trail's statements. The service's database role may only insert and select audit records and seals
 * (V7): the append-only promise does not depend on this code.
 */
@ApplicationScoped
public class AuditRepository {

    private static final String RECORD_COLUMNS = "r.id, r.at, r.actor_subject, r.actor_role, r.actor_org, r.action, "
            + "r.subject_masked, r.subject_key, r.target, r.outcome";

    public Uni<Void> insert(SqlClient client, AuditEntry e) {
        return client.preparedQuery("""
                INSERT INTO audit_record (actor_subject, actor_role, actor_org, action, subject_masked, subject_key,
                                          target, outcome)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(Tuple.tuple().addValue(e.actorSubject()).addValue(e.actorRole()).addValue(e.actorOrg())
                        .addValue(e.action()).addValue(e.subjectMasked()).addValue(e.subjectKey()).addValue(e.target())
                        .addValue(e.outcome()))
                .replaceWithVoid();
    }

    /** Many records in one statement (the queued reads). */
    public Uni<Void> insertAll(SqlClient client, List<AuditEntry> entries) {
        int n = entries.size();
        String[][] columns = new String[8][n];
        for (int i = 0; i < n; i++) {
            AuditEntry e = entries.get(i);
            columns[0][i] = e.actorSubject();
            columns[1][i] = e.actorRole();
            columns[2][i] = e.actorOrg();
            columns[3][i] = e.action();
            columns[4][i] = e.subjectMasked();
            columns[5][i] = e.subjectKey();
            columns[6][i] = e.target();
            columns[7][i] = e.outcome();
        }
        Tuple values = Tuple.tuple();
        for (String[] column : columns) {
            values.addValue(column);
        }
        return client.preparedQuery("""
                INSERT INTO audit_record (actor_subject, actor_role, actor_org, action, subject_masked, subject_key,
                                          target, outcome)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                     $7::text[], $8::text[])""")
                .execute(values)
                .replaceWithVoid();
    }

    /** Only one instance seals at a time: a transaction-scoped advisory lock, skipped (not waited for) when held. */
    public Uni<Boolean> trySealLock(SqlClient tx) {
        return tx.query("SELECT pg_try_advisory_xact_lock(79431052177225)").execute()
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** The end of the chain: last seal's sequence number and hash, or null before the first seal. */
    public Uni<AuditChain.Link> lastSeal(SqlClient tx) {
        return tx.query("SELECT seq, hash FROM audit_seal ORDER BY seq DESC LIMIT 1").execute()
                .map(rows -> rows.rowCount() == 0 ? null
                        : new AuditChain.Link(rows.iterator().next().getLong(0), rows.iterator().next().getString(1)));
    }

    /**
     * Committed records not yet sealed, in id order. Every record enters {@code audit_unsealed} in the transaction that
     * inserts it (a trigger), so a record committed late — after later ids were sealed — is still found here.
     */
    public Uni<List<AuditChain.Entry>> unsealed(SqlClient tx, int limit) {
        return tx.preparedQuery("SELECT " + RECORD_COLUMNS + """
                  FROM audit_unsealed u JOIN audit_record r ON r.id = u.audit_id
                 ORDER BY u.audit_id LIMIT $1""")
                .execute(Tuple.of(limit))
                .map(AuditRepository::entries);
    }

    /** Appends seals and takes their records off the queue, in one round trip. */
    public Uni<Void> seal(SqlClient tx, Long[] seqs, Long[] ids, String[] previous, String[] hashes) {
        return Uni.combine().all().unis(
                tx.preparedQuery("""
                        INSERT INTO audit_seal (seq, audit_id, prev_hash, hash)
                        SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[])""")
                        .execute(Tuple.of(seqs, ids, previous, hashes)),
                tx.preparedQuery("DELETE FROM audit_unsealed WHERE audit_id = ANY($1::bigint[])").execute(Tuple.of((Object) ids)))
                .discardItems();
    }

    /** Seals after {@code afterSeq} with their records (missing records come back with a null id). */
    public Uni<RowSet<Row>> sealsAfter(SqlClient client, long afterSeq, int limit) {
        return client.preparedQuery("""
                SELECT s.seq, s.prev_hash, s.hash, s.audit_id AS sealed_id, r.id, r.at, r.actor_subject, r.actor_role,
                       r.actor_org, r.action, r.subject_masked, r.subject_key, r.target, r.outcome
                  FROM audit_seal s LEFT JOIN audit_record r ON r.id = s.audit_id
                 WHERE s.seq > $1 ORDER BY s.seq LIMIT $2""")
                .execute(Tuple.of(afterSeq, limit));
    }

    /** The first record that has neither a seal nor a place in the sealing queue (it could never be sealed), or null. */
    public Uni<Long> firstOrphan(SqlClient client) {
        return client.query("""
                SELECT min(r.id) FROM audit_record r
                 WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.audit_id = r.id)
                   AND NOT EXISTS (SELECT 1 FROM audit_unsealed u WHERE u.audit_id = r.id)""").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<List<AuditChain.Entry>> query(SqlClient client, String subjectKey, String actor, Instant from, Instant to,
            int limit) {
        return client.preparedQuery("SELECT " + RECORD_COLUMNS + """
                  FROM audit_record r
                 WHERE ($1::bpchar IS NULL OR r.subject_key = $1::bpchar) AND ($2::text IS NULL OR r.actor_subject = $2)
                   AND ($3::timestamptz IS NULL OR r.at >= $3) AND ($4::timestamptz IS NULL OR r.at < $4)
                 ORDER BY r.at DESC, r.id DESC LIMIT $5""")
                .execute(Tuple.of(subjectKey, actor, utc(from), utc(to), limit))
                .map(AuditRepository::entries);
    }

    static AuditChain.Entry entry(Row row) {
        return new AuditChain.Entry(row.getLong("id"), row.getOffsetDateTime("at").toInstant(),
                row.getString("actor_subject"), row.getString("actor_role"), row.getString("actor_org"),
                row.getString("action"), row.getString("subject_masked"), row.getString("subject_key"),
                row.getString("target"), row.getString("outcome"));
    }

    private static List<AuditChain.Entry> entries(RowSet<Row> rows) {
        List<AuditChain.Entry> entries = new ArrayList<>();
        rows.forEach(row -> entries.add(entry(row)));
        return entries;
    }
}
