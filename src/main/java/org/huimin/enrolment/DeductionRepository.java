package org.huimin.enrolment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import static org.huimin.common.db.Rows.instant;
import static org.huimin.common.db.Rows.utc;

/** Personal-account (个人账户) deductions: requested of the bureau, settled by its result, withdrawn with their order. */
@ApplicationScoped
public class DeductionRepository {

    /** A deduction with what its result needs. */
    public record Deduction(UUID orderId, String idNumber, BigDecimal amount, String status, BigDecimal resultAmount,
            Instant resultAt, String lateResult) {
    }

    public Uni<Void> insert(SqlClient tx, UUID orderId, String idNumber, BigDecimal amount, Instant now) {
        return tx.preparedQuery("""
                INSERT INTO personal_account_deduction (order_id, id_number, amount, status, requested_at)
                VALUES ($1, $2, $3, 'REQUESTED', $4)""")
                .execute(Tuple.of(orderId, idNumber, amount, utc(now))).replaceWithVoid();
    }

    /**
     * Requests waiting for (or settled by) the bureau, oldest first. Waiting ones whose order has passed its deadline
     * are left out at once, even before the sweep has expired them.
     */
    public Uni<List<EnrolmentAnswers.DeductionLine>> list(SqlClient client, String status, String regionPrefix, Instant now,
            int limit) {
        return client.preparedQuery("""
                SELECT d.order_id, pl.code, d.id_number, d.amount, d.status, d.requested_at
                  FROM personal_account_deduction d
                  JOIN enrolment_order o ON o.id = d.order_id
                  JOIN plan pl ON pl.id = o.plan_id
                  JOIN participant pa ON pa.id_number = d.id_number
                 WHERE d.status = $1 AND ($1 <> 'REQUESTED' OR o.expires_at > $3)
                   AND pa.county_code LIKE $2 || '%'
                 ORDER BY d.requested_at, d.order_id
                 LIMIT $4""")
                .execute(Tuple.of(status, regionPrefix, utc(now), limit))
                .map(rows -> {
                    List<EnrolmentAnswers.DeductionLine> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new EnrolmentAnswers.DeductionLine(row.getUUID(0), row.getString(1),
                            row.getString(2), row.getBigDecimal(3), row.getString(4), instant(row, 5))));
                    return list;
                });
    }

    /** The deduction, locked; and the payer's county, for the bureau's region. */
    public Uni<Deduction> lock(SqlClient tx, UUID orderId) {
        return tx.preparedQuery("""
                SELECT order_id, id_number, amount, status, result_amount, result_at, late_result
                  FROM personal_account_deduction WHERE order_id = $1 FOR UPDATE""")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Deduction(row.getUUID(0), row.getString(1), row.getBigDecimal(2), row.getString(3),
                            row.getBigDecimal(4), instant(row, 5), row.getString(6));
                });
    }

    /** Records the bureau's result; for a withdrawn request the status stays WITHDRAWN and the result is kept beside it. */
    public Uni<Void> record(SqlClient tx, UUID orderId, String result, BigDecimal amount, Instant at, Instant now,
            boolean late) {
        return tx.preparedQuery("""
                UPDATE personal_account_deduction
                   SET status = CASE WHEN $6::boolean THEN status ELSE $2::text END,
                       late_result = CASE WHEN $6::boolean THEN $2::text END,
                       result_amount = $3, result_at = $4, recorded_at = $5
                 WHERE order_id = $1""")
                .execute(Tuple.tuple().addValue(orderId).addValue(result).addValue(amount).addValue(utc(at))
                        .addValue(utc(now)).addValue(late))
                .replaceWithVoid();
    }

    /** The payer's county, for the bureau's region (null when unknown). */
    public Uni<String> payerCounty(SqlClient client, String idNumber) {
        return client.preparedQuery("SELECT county_code FROM participant WHERE id_number = $1")
                .execute(Tuple.of(idNumber))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getString(0));
    }
}
