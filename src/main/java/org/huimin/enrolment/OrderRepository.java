package org.huimin.enrolment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import static org.huimin.common.db.Rows.instant;
import static org.huimin.common.db.Rows.utc;

/**
 * Orders: what a payer pays for one enrolment request. An unpaid order ends PAID, PAYMENT_FAILED (the deduction
 * failed), EXPIRED (its time ran out) or WITHDRAWN (by its payer, or by a person enrolling themselves); closing it
 * closes its pending policies and its deduction request in the same statement sequence, freeing its members at once.
 */
@ApplicationScoped
public class OrderRepository {

    /** An order as stored. */
    public record Order(UUID id, long planId, PayerType payerType, String payerIdNumber, String payerOrgCode,
            String payerOrgType, BigDecimal amount, String status, Instant createdAt, Instant expiresAt, Instant paidAt,
            String transactionId, Instant closedAt) {

        public boolean pending() {
            return "PENDING_PAYMENT".equals(status);
        }

        /** Unpaid and past its deadline (its status may still say PENDING_PAYMENT until something touches it). */
        public boolean expiredAt(Instant now) {
            return pending() && !expiresAt.isAfter(now);
        }

        /** The status as of {@code now}: an unpaid order past its deadline reads EXPIRED. */
        public String statusAt(Instant now) {
            return expiredAt(now) ? "EXPIRED" : status;
        }
    }

    private static final String COLUMNS = "id, plan_id, payer_type, payer_id_number, payer_org_code, payer_org_type, amount, "
            + "status, created_at, expires_at, paid_at, payment_transaction_id, closed_at";

    public Uni<Void> insert(SqlClient tx, UUID id, long planId, PayerType payer, String payerIdNumber, String orgCode,
            String orgType, BigDecimal amount, Instant now, Instant expiresAt) {
        return tx.preparedQuery("""
                INSERT INTO enrolment_order (id, plan_id, payer_type, payer_id_number, payer_org_code, payer_org_type,
                                             amount, status, created_at, expires_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, 'PENDING_PAYMENT', $8, $9)""")
                .execute(Tuple.tuple().addValue(id).addValue(planId).addValue(payer.name()).addValue(payerIdNumber)
                        .addValue(orgCode).addValue(orgType).addValue(amount).addValue(utc(now)).addValue(utc(expiresAt)))
                .replaceWithVoid();
    }

    public Uni<Void> setAmount(SqlClient tx, UUID orderId, BigDecimal amount) {
        return tx.preparedQuery("UPDATE enrolment_order SET amount = $2 WHERE id = $1")
                .execute(Tuple.of(orderId, amount)).replaceWithVoid();
    }

    /** Locks the order row: payments, deduction results, withdrawals and expiry of one order apply one at a time. */
    public Uni<Order> lock(SqlClient tx, UUID orderId) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM enrolment_order WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(orderId))
                .map(rows -> rows.rowCount() == 0 ? null : toOrder(rows.iterator().next()));
    }

    public Uni<Order> find(SqlClient client, UUID orderId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM enrolment_order WHERE id = $1")
                .execute(Tuple.of(orderId))
                .map(rows -> rows.rowCount() == 0 ? null : toOrder(rows.iterator().next()));
    }

    public Uni<Void> markPaid(SqlClient tx, UUID orderId, String transactionId, Instant paidAt) {
        return tx.preparedQuery("UPDATE enrolment_order SET status = 'PAID', paid_at = $2, payment_transaction_id = $3 WHERE id = $1")
                .execute(Tuple.of(orderId, utc(paidAt), transactionId)).replaceWithVoid();
    }

    /**
     * Closes unpaid orders as {@code status} (PAYMENT_FAILED, EXPIRED, WITHDRAWN): the order, its pending policies (which
     * frees the members for the partial unique index) and its deduction request, which leaves the bureau's list. The
     * {@code WHERE} re-checks the state on the locked row version, so an order paid a moment ago stays paid; for expiry
     * it also re-checks the deadline. Returns the orders actually closed.
     */
    public Uni<List<UUID>> close(SqlClient tx, Collection<UUID> orderIds, String status, Instant now) {
        return tx.preparedQuery("""
                WITH closed AS (
                    UPDATE enrolment_order SET status = $2::text, closed_at = $3::timestamptz
                     WHERE id = ANY($1) AND status = 'PENDING_PAYMENT' AND ($2::text <> 'EXPIRED' OR expires_at <= $3::timestamptz)
                    RETURNING id),
                policies AS (
                    UPDATE policy SET status = $2::text
                     WHERE order_id IN (SELECT id FROM closed) AND status = 'PENDING_PAYMENT'),
                deductions AS (
                    UPDATE personal_account_deduction SET status = 'WITHDRAWN'
                     WHERE order_id IN (SELECT id FROM closed) AND status = 'REQUESTED' AND $2::text <> 'PAYMENT_FAILED')
                SELECT id FROM closed""")
                .execute(Tuple.of(orderIds.toArray(UUID[]::new), status, utc(now)))
                .map(rows -> {
                    List<UUID> closed = new ArrayList<>();
                    rows.forEach(row -> closed.add(row.getUUID(0)));
                    return closed;
                });
    }

    /**
     * Unpaid orders past their deadline, oldest first, skipping those another transaction holds (a payment being
     * recorded, another instance's sweep): each sweep takes a different slice.
     */
    public Uni<List<UUID>> dueForExpiry(SqlClient tx, Instant now, int limit) {
        return tx.preparedQuery("""
                SELECT id FROM enrolment_order WHERE status = 'PENDING_PAYMENT' AND expires_at <= $1
                 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED""")
                .execute(Tuple.of(utc(now), limit))
                .map(rows -> {
                    List<UUID> due = new ArrayList<>();
                    rows.forEach(row -> due.add(row.getUUID(0)));
                    return due;
                });
    }

    static Order toOrder(Row row) {
        return new Order(row.getUUID("id"), row.getLong("plan_id"), PayerType.valueOf(row.getString("payer_type")),
                row.getString("payer_id_number"), row.getString("payer_org_code"), row.getString("payer_org_type"),
                row.getBigDecimal("amount"), row.getString("status"), instant(row, "created_at"),
                instant(row, "expires_at"), instant(row, "paid_at"), row.getString("payment_transaction_id"),
                instant(row, "closed_at"));
    }
}
