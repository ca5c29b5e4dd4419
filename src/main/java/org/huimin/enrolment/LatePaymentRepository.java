package org.huimin.enrolment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import static org.huimin.common.db.Rows.instant;
import static org.huimin.common.db.Rows.utc;

/** Payments that arrived for orders no longer payable: recorded with the refund that returns them. */
@ApplicationScoped
public class LatePaymentRepository {

    public record LatePayment(BigDecimal amount, Instant paidAt, UUID refundId) {
    }

    public Uni<LatePayment> find(SqlClient client, UUID orderId, String transactionId) {
        return client.preparedQuery("SELECT amount, paid_at, refund_id FROM late_payment WHERE order_id = $1 AND transaction_id = $2")
                .execute(Tuple.of(orderId, transactionId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new LatePayment(row.getBigDecimal(0), instant(row, 1), row.getUUID(2));
                });
    }

    public Uni<Void> insert(SqlClient tx, UUID orderId, String transactionId, BigDecimal amount, Instant paidAt,
            Instant now, UUID refundId) {
        return tx.preparedQuery("""
                INSERT INTO late_payment (order_id, transaction_id, amount, paid_at, recorded_at, refund_id)
                VALUES ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.tuple().addValue(orderId).addValue(transactionId).addValue(amount).addValue(utc(paidAt))
                        .addValue(utc(now)).addValue(refundId))
                .replaceWithVoid();
    }
}
