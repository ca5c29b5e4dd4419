package org.huimin.clearing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import static org.huimin.common.db.Rows.instant;
import static org.huimin.common.db.Rows.utc;

/**
 * Clearing runs, statements and parts. A run is two statements in one transaction, after a transaction-scoped advisory
 * lock on the plan; its items' primary key (event, settlement) is what guarantees that no settlement or reversal is
 * ever in two statements, the lock only makes a second run wait instead of failing on that key.
 */
@ApplicationScoped
public class ClearingRepository {

    /**
     * Serialises the runs of one plan (a second run waits for the first to commit, then finds only what is new), and
     * lifts the statement timeout for this transaction: a month of a large city is millions of rows (load-tests/README).
     */
    public Uni<Void> lockRuns(SqlClient tx, long planId) {
        // The time-outs first: the lock may be waited for as long as another run takes (V10 sets 5 s for requests).
        return tx.query("SET LOCAL statement_timeout = '30min'").execute()
                .chain(() -> tx.query("SET LOCAL lock_timeout = '30min'").execute())
                .chain(() -> tx.preparedQuery("SELECT pg_advisory_xact_lock(712001, $1::int)").execute(Tuple.of(planId)))
                .replaceWithVoid();
    }

    /** The plan's last cut-off, or null before its first run. */
    public Uni<Instant> lastCutOff(SqlClient tx, long planId) {
        return tx.preparedQuery("SELECT max(cut_off) FROM clearing_run WHERE plan_id = $1").execute(Tuple.of(planId))
                .map(rows -> instant(rows.iterator().next(), 0));
    }

    /**
     * One run: every settlement and reversal of the plan recorded before {@code cutOff} and not itemised yet, grouped
     * into one statement per hospital, each insurer's part summed from the journal's lines of those events (its own
     * recorded shares: the parts add up to the net exactly). {@code since} bounds the scan (the previous cut-off less a
     * day; a transaction that stayed open longer than that is impossible under the roles' timeouts).
     */
    public Uni<List<ClearingRun.Issued>> run(SqlClient tx, UUID runId, long planId, Instant cutOff, Instant since,
            String[] insurers, String startedBy) {
        return tx.preparedQuery("""
                WITH run AS (
                    INSERT INTO clearing_run (id, plan_id, cut_off, started_by, created_at)
                    VALUES ($4, $1, $2, $6, $2) RETURNING id),
                due AS (
                    SELECT 'S' AS kind, s.id, s.hospital_code, s.payout FROM settlement s
                     WHERE s.plan_id = $1 AND s.settled_at < $2 AND ($3::timestamptz IS NULL OR s.settled_at >= $3)
                       AND NOT EXISTS (SELECT 1 FROM clearing_item c WHERE c.kind = 'S' AND c.settlement_id = s.id)
                    UNION ALL
                    SELECT 'R', s.id, s.hospital_code, s.payout FROM settlement s
                     WHERE s.plan_id = $1 AND s.reversed_at < $2 AND ($3::timestamptz IS NULL OR s.reversed_at >= $3)
                       AND NOT EXISTS (SELECT 1 FROM clearing_item c WHERE c.kind = 'R' AND c.settlement_id = s.id)),
                statements AS (
                    INSERT INTO clearing_statement (id, run_id, plan_id, hospital_code, settled_count, settled_payout,
                                                    reversed_count, reversed_payout, net, created_at)
                    SELECT gen_random_uuid(), (SELECT id FROM run), $1, hospital_code,
                           count(*) FILTER (WHERE kind = 'S'), coalesce(sum(payout) FILTER (WHERE kind = 'S'), 0),
                           count(*) FILTER (WHERE kind = 'R'), coalesce(sum(payout) FILTER (WHERE kind = 'R'), 0),
                           coalesce(sum(payout) FILTER (WHERE kind = 'S'), 0)
                               - coalesce(sum(payout) FILTER (WHERE kind = 'R'), 0), $2
                      FROM due GROUP BY hospital_code
                    RETURNING id, hospital_code, net),
                items AS (
                    INSERT INTO clearing_item (kind, settlement_id, statement_id)
                    SELECT d.kind, d.id, st.id FROM due d JOIN statements st ON st.hospital_code = d.hospital_code
                    RETURNING kind, settlement_id, statement_id),
                shares AS (
                    SELECT i.statement_id, j.insurer, -sum(j.amount) AS amount
                      FROM items i
                      JOIN journal_line j ON j.kind = CASE i.kind WHEN 'S' THEN 'SETTLEMENT' ELSE 'REVERSAL' END
                                         AND j.source_id = i.settlement_id AND j.account = 'HOSPITAL_PAYABLE'
                     GROUP BY i.statement_id, j.insurer),
                parts AS (
                    INSERT INTO clearing_part (statement_id, insurer, amount, paid_at)
                    SELECT st.id, ins.code, coalesce(sh.amount, 0),
                           CASE WHEN coalesce(sh.amount, 0) = 0 THEN $2::timestamptz END
                      FROM statements st
                     CROSS JOIN unnest($5::text[]) WITH ORDINALITY ins(code, ord)
                      LEFT JOIN shares sh ON sh.statement_id = st.id AND sh.insurer = ins.code
                     ORDER BY st.id, ins.ord
                    RETURNING statement_id)
                SELECT st.id, st.hospital_code, st.net FROM statements st
                 ORDER BY st.hospital_code""")
                .execute(Tuple.tuple().addValue(planId).addValue(utc(cutOff)).addValue(utc(since)).addValue(runId)
                        .addValue(insurers).addValue(startedBy))
                .map(rows -> {
                    List<ClearingRun.Issued> issued = new ArrayList<>();
                    rows.forEach(row -> issued.add(new ClearingRun.Issued(row.getUUID(0), row.getString(1),
                            row.getBigDecimal(2).setScale(2))));
                    return issued;
                });
    }

    /** A statement whose parts are all nothing (it nets to zero) is paid as it is issued. */
    public Uni<Void> settleEmptyStatements(SqlClient tx, UUID runId, Instant at) {
        return tx.preparedQuery("""
                UPDATE clearing_statement s SET paid_at = $2
                 WHERE run_id = $1
                   AND NOT EXISTS (SELECT 1 FROM clearing_part p WHERE p.statement_id = s.id AND p.paid_at IS NULL)""")
                .execute(Tuple.of(runId, utc(at))).replaceWithVoid();
    }

    private static final String STATEMENT = """
            SELECT s.id, s.run_id, r.cut_off, s.hospital_code, p.code, s.settled_count, s.settled_payout,
                   s.reversed_count, s.reversed_payout, s.net, s.confirmed_at, s.paid_at,
                   (SELECT array_agg(cp.insurer ORDER BY cp.id) FROM clearing_part cp WHERE cp.statement_id = s.id),
                   (SELECT array_agg(cp.amount::text ORDER BY cp.id) FROM clearing_part cp WHERE cp.statement_id = s.id),
                   (SELECT array_agg(cp.paid_at IS NOT NULL ORDER BY cp.id) FROM clearing_part cp WHERE cp.statement_id = s.id)
              FROM clearing_statement s
              JOIN clearing_run r ON r.id = s.run_id
              JOIN plan p ON p.id = s.plan_id
            """;

    public Uni<Statement> statement(SqlClient client, UUID statementId) {
        return client.preparedQuery(STATEMENT + " WHERE s.id = $1").execute(Tuple.of(statementId))
                .map(rows -> rows.rowCount() == 0 ? null : statement(rows.iterator().next()));
    }

    /** A hospital's statements, newest first. */
    public Uni<List<Statement>> statementsOf(SqlClient client, String hospital, int limit) {
        return client.preparedQuery(STATEMENT + " WHERE s.hospital_code = $1 ORDER BY s.created_at DESC, s.id LIMIT $2")
                .execute(Tuple.of(hospital, limit)).map(ClearingRepository::statements);
    }

    /** The statement row, locked: confirmations and payments of one statement apply one at a time. */
    public record Locked(UUID id, String hospital, long planId, Instant confirmedAt, Instant paidAt) {
    }

    public Uni<Locked> lock(SqlClient tx, UUID statementId) {
        return tx.preparedQuery("""
                SELECT id, hospital_code, plan_id, confirmed_at, paid_at FROM clearing_statement WHERE id = $1 FOR UPDATE""")
                .execute(Tuple.of(statementId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Locked(row.getUUID(0), row.getString(1), row.getLong(2), instant(row, 3), instant(row, 4));
                });
    }

    public Uni<Void> confirm(SqlClient tx, UUID statementId, Instant at) {
        return tx.preparedQuery("UPDATE clearing_statement SET confirmed_at = $2 WHERE id = $1 AND confirmed_at IS NULL")
                .execute(Tuple.of(statementId, utc(at))).replaceWithVoid();
    }

    /** An insurer's part of a statement (read under the statement's lock). */
    public record PartRow(long id, BigDecimal amount, String transactionId) {
    }

    public Uni<PartRow> part(SqlClient tx, UUID statementId, String insurer) {
        return tx.preparedQuery("SELECT id, amount, transaction_id FROM clearing_part WHERE statement_id = $1 AND insurer = $2")
                .execute(Tuple.of(statementId, insurer))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new PartRow(row.getLong(0), row.getBigDecimal(1).setScale(2), row.getString(2));
                });
    }

    /** Records the part paid and, when it was the last one, the statement paid; in one round trip. */
    public Uni<Void> pay(SqlClient tx, long partId, UUID statementId, String transactionId, Instant paidAt, Instant now) {
        return tx.preparedQuery("""
                UPDATE clearing_part SET transaction_id = $2, paid_at = $3, recorded_at = $4 WHERE id = $1""")
                .execute(Tuple.of(partId, transactionId, utc(paidAt), utc(now)))
                .chain(() -> tx.preparedQuery("""
                        UPDATE clearing_statement s SET paid_at = $2
                         WHERE id = $1 AND paid_at IS NULL
                           AND NOT EXISTS (SELECT 1 FROM clearing_part p WHERE p.statement_id = s.id AND p.paid_at IS NULL)""")
                        .execute(Tuple.of(statementId, utc(now))))
                .replaceWithVoid();
    }

    private static List<Statement> statements(RowSet<Row> rows) {
        List<Statement> list = new ArrayList<>();
        rows.forEach(row -> list.add(statement(row)));
        return list;
    }

    private static Statement statement(Row row) {
        String[] insurers = row.getArrayOfStrings(12);
        String[] amounts = row.getArrayOfStrings(13);
        Boolean[] paid = row.getArrayOfBooleans(14);
        List<Statement.Part> parts = new ArrayList<>();
        for (int i = 0; insurers != null && i < insurers.length; i++) {
            parts.add(new Statement.Part(insurers[i], new BigDecimal(amounts[i]).setScale(2), paid[i]));
        }
        Instant confirmed = instant(row, 10);
        Instant paidAt = instant(row, 11);
        return new Statement(row.getUUID(0), row.getUUID(1), instant(row, 2), row.getString(3), row.getString(4),
                new Statement.Totals(row.getLong(5), row.getBigDecimal(6).setScale(2)),
                new Statement.Totals(row.getLong(7), row.getBigDecimal(8).setScale(2)), row.getBigDecimal(9).setScale(2),
                List.copyOf(parts), ClearingRules.status(confirmed, paidAt));
    }
}
