package org.huimin.refund;

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

/** Refunds, and the outbox of refund requests to the payment provider that lives in their rows. */
@ApplicationScoped
public class RefundRepository {

    private static final String COLUMNS = "refund_id, order_id, plan_id, policy_number, amount, channel, source, status, "
            + "attempt, payer_id_number, payer_org_code, transaction_id, created_at, result_at, reference";

    /** A new refund; a provider refund is due to be sent at once (its outbox entry). */
    public record NewRefund(UUID refundId, UUID orderId, long planId, Long policyId, String policyNumber,
            BigDecimal amount, Refund.Channel channel, Refund.Source source, String payerIdNumber, String payerOrgCode,
            String transactionId, Instant at) {
    }

    /** Returns the refund's row id (what the journal ties its entries to). */
    public Uni<Long> insert(SqlClient tx, NewRefund r) {
        return tx.preparedQuery("""
                INSERT INTO refund (refund_id, order_id, plan_id, policy_id, policy_number, amount, channel, source,
                                    status, payer_id_number, payer_org_code, transaction_id, created_at, send_due_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7::text, $8, 'REQUESTED', $9, $10, $11, $12::timestamptz,
                        CASE WHEN $7::text = 'ORIGINAL_PAYMENT' THEN $12::timestamptz END)
                RETURNING id""")
                .execute(Tuple.tuple().addValue(r.refundId()).addValue(r.orderId()).addValue(r.planId())
                        .addValue(r.policyId()).addValue(r.policyNumber()).addValue(r.amount())
                        .addValue(r.channel().name()).addValue(r.source().name()).addValue(r.payerIdNumber())
                        .addValue(r.payerOrgCode()).addValue(r.transactionId()).addValue(utc(r.at())))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The refund, locked until the transaction ends (results and retries of one refund apply one at a time). */
    public Uni<Refund> lock(SqlClient tx, UUID refundId) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM refund WHERE refund_id = $1 FOR UPDATE")
                .execute(Tuple.of(refundId)).map(RefundRepository::first);
    }

    public Uni<Refund> find(SqlClient client, UUID refundId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM refund WHERE refund_id = $1")
                .execute(Tuple.of(refundId)).map(RefundRepository::first);
    }

    /** The refund of a cancelled policy, if any. */
    public Uni<Refund> ofPolicy(SqlClient client, long policyId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM refund WHERE policy_id = $1")
                .execute(Tuple.of(policyId)).map(RefundRepository::first);
    }

    /** What the journal needs of a refund whose result was just recorded: its row id and the insured's county. */
    public record Booking(long id, String countyCode) {
    }

    public Uni<Booking> recordResult(SqlClient tx, UUID refundId, Refund.Result result, Instant at, String reference,
            Instant now) {
        return tx.preparedQuery("""
                UPDATE refund r SET status = $2, result_at = $3, reference = $4, recorded_at = $5, send_due_at = NULL
                 WHERE refund_id = $1
                RETURNING id, (SELECT pa.county_code FROM policy po JOIN participant pa ON pa.id_number = po.id_number
                                WHERE po.id = r.policy_id)""")
                .execute(Tuple.of(refundId, result.name(), utc(at), reference, utc(now)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Booking(row.getLong(0), row.getString(1));
                });
    }

    /** A new attempt of a failed refund: requested again, and for the provider due to be sent again at once. */
    public Uni<Void> retry(SqlClient tx, UUID refundId, Instant now) {
        return tx.preparedQuery("""
                UPDATE refund SET status = 'REQUESTED', attempt = attempt + 1, result_at = NULL, reference = NULL,
                       sent_at = NULL, send_attempts = 0,
                       send_due_at = CASE WHEN channel = 'ORIGINAL_PAYMENT' THEN $2::timestamptz END
                 WHERE refund_id = $1""")
                .execute(Tuple.of(refundId, utc(now))).replaceWithVoid();
    }

    /** A refund request the provider has not yet accepted. */
    public record Outgoing(UUID refundId, UUID orderId, String transactionId, BigDecimal amount, int attempt,
            int sendAttempts) {
    }

    /**
     * Takes up to {@code limit} due refund requests for sending and pushes their due time {@code lease} ahead, in one
     * statement. {@code SKIP LOCKED}: two instances sending at once take different rows. If this instance dies before
     * the provider answers, the lease runs out and the request is sent again — with the same refund ID, which the
     * provider treats as the same request.
     */
    public Uni<List<Outgoing>> takeDue(SqlClient tx, Instant now, Instant leaseUntil, int limit) {
        return tx.preparedQuery("""
                UPDATE refund r SET send_due_at = $2, send_attempts = send_attempts + 1
                  FROM (SELECT id FROM refund WHERE send_due_at <= $1 AND status = 'REQUESTED'
                         ORDER BY send_due_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
                 WHERE r.id = due.id
                RETURNING r.refund_id, r.order_id, r.transaction_id, r.amount, r.attempt, r.send_attempts""")
                .execute(Tuple.of(utc(now), utc(leaseUntil), limit))
                .map(rows -> {
                    List<Outgoing> due = new ArrayList<>();
                    rows.forEach(row -> due.add(new Outgoing(row.getUUID(0), row.getUUID(1), row.getString(2),
                            row.getBigDecimal(3), row.getInteger(4), row.getInteger(5))));
                    return due;
                });
    }

    /** The provider accepted this attempt: nothing more to send (the refund waits for its notification). */
    public Uni<Void> markSent(SqlClient client, UUID refundId, int attempt, Instant now) {
        return client.preparedQuery("""
                UPDATE refund SET send_due_at = NULL, sent_at = $3
                 WHERE refund_id = $1 AND attempt = $2 AND status = 'REQUESTED'""")
                .execute(Tuple.of(refundId, attempt, utc(now))).replaceWithVoid();
    }

    /** Sending failed: due again at {@code next}. */
    public Uni<Void> sendLater(SqlClient client, UUID refundId, int attempt, Instant next) {
        return client.preparedQuery("""
                UPDATE refund SET send_due_at = $3
                 WHERE refund_id = $1 AND attempt = $2 AND status = 'REQUESTED' AND send_due_at IS NOT NULL""")
                .execute(Tuple.of(refundId, attempt, utc(next))).replaceWithVoid();
    }

    /** Refunds of orders a person paid, newest first. */
    public Uni<List<Refund>> ofPayer(SqlClient client, String idNumber) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM refund WHERE payer_id_number = $1 AND status <> 'NONE' "
                + "ORDER BY created_at DESC, id DESC LIMIT 1000")
                .execute(Tuple.of(idNumber)).map(RefundRepository::all);
    }

    /** Refunds of orders an organisation paid, newest first. */
    public Uni<List<Refund>> ofOrganisation(SqlClient client, String orgCode, int limit) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM refund WHERE payer_org_code = $1 AND status <> 'NONE' "
                + "ORDER BY created_at DESC, id DESC LIMIT $2")
                .execute(Tuple.of(orgCode, limit)).map(RefundRepository::all);
    }

    /** Personal-account refunds waiting for the bureau (or settled by it), oldest first, of payers in the region. */
    public Uni<List<BureauRefundLine>> forBureau(SqlClient client, String status, String regionPrefix, int limit) {
        return client.preparedQuery("""
                SELECT r.refund_id, r.order_id, r.policy_number, r.payer_id_number, r.amount, r.created_at
                  FROM refund r JOIN participant pa ON pa.id_number = r.payer_id_number
                 WHERE r.channel = 'PERSONAL_ACCOUNT' AND r.status = $1 AND pa.county_code LIKE $2 || '%'
                 ORDER BY r.created_at, r.id LIMIT $3""")
                .execute(Tuple.of(status, regionPrefix, limit))
                .map(rows -> {
                    List<BureauRefundLine> lines = new ArrayList<>();
                    rows.forEach(row -> lines.add(new BureauRefundLine(row.getUUID(0), row.getUUID(1), row.getString(2),
                            row.getString(3), row.getBigDecimal(4), instant(row, 5))));
                    return lines;
                });
    }

    /** The payer's county, for the bureau's region (null when unknown). */
    public Uni<String> payerCounty(SqlClient client, String idNumber) {
        return client.preparedQuery("SELECT county_code FROM participant WHERE id_number = $1")
                .execute(Tuple.of(idNumber))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getString(0));
    }

    /** The operator's list: keyset paging on (created_at, refund_id) after the cursor's position. */
    public Uni<List<Refund>> page(SqlClient client, String status, String channel, Instant afterAt, UUID afterId, int limit) {
        return client.preparedQuery("SELECT " + COLUMNS + """
                  FROM refund
                 WHERE status <> 'NONE' AND ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR channel = $2)
                   AND ($3::timestamptz IS NULL OR (created_at, refund_id) > ($3, $4))
                 ORDER BY created_at, refund_id LIMIT $5""")
                .execute(Tuple.of(status, channel, utc(afterAt), afterId, limit))
                .map(RefundRepository::all);
    }

    private static Refund first(RowSet<Row> rows) {
        return rows.rowCount() == 0 ? null : toRefund(rows.iterator().next());
    }

    private static List<Refund> all(RowSet<Row> rows) {
        List<Refund> refunds = new ArrayList<>();
        rows.forEach(row -> refunds.add(toRefund(row)));
        return refunds;
    }

    private static Refund toRefund(Row row) {
        return new Refund(row.getUUID(0), row.getUUID(1), row.getLong(2), row.getString(3), row.getBigDecimal(4),
                Refund.Channel.valueOf(row.getString(5)), Refund.Source.valueOf(row.getString(6)), row.getString(7),
                row.getInteger(8), row.getString(9), row.getString(10), row.getString(11), instant(row, 12),
                instant(row, 13), row.getString(14));
    }
}
