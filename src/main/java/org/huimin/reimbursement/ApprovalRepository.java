package org.huimin.reimbursement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import static org.huimin.common.db.Rows.utc;

/**
 * The two steps of a claim that move balances or money — approval and payment — on the settlement's SQL path: the
 * claim's row is locked first ({@code FOR UPDATE}), then, for an approval, the person's policy and balances as a desk
 * settlement locks them; every write bumps {@code version}, as Hibernate would for the entity.
 */
@ApplicationScoped
public class ApprovalRepository {

    /** The claim as an approval or a payment needs it. */
    public record Locked(UUID id, String status, String idNumber, long planId, String careType, LocalDate admissionDate,
            Claimed claimed, String adjustedAmounts, String firstApprover, BigDecimal payout, String transactionId,
            long journalId, String approval) {
    }

    public Uni<Locked> lock(SqlClient tx, UUID id) {
        return tx.preparedQuery("""
                SELECT id, status, id_number, plan_id, care_type, admission_date, total_amount, basic_fund_paid,
                       critical_illness_paid, medical_assistance_paid, other_fund_paid, in_policy_self_pay,
                       out_of_policy_self_pay, over_limit_self_pay, adjusted_amounts, first_approver, payout,
                       transaction_id, journal_id, approval
                  FROM reimbursement WHERE id = $1 FOR UPDATE""")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Locked(r.getUUID(0), r.getString(1), r.getString(2), r.getLong(3), r.getString(4),
                            r.getLocalDate(5), new Claimed(r.getBigDecimal(6), r.getBigDecimal(7), r.getBigDecimal(8),
                                    r.getBigDecimal(9), r.getBigDecimal(10), r.getBigDecimal(11), r.getBigDecimal(12),
                                    r.getBigDecimal(13)).exact(),
                            r.getString(14), r.getString(15), r.getBigDecimal(16), r.getString(17), r.getLong(18), r.getString(19));
                });
    }

    /** The first of two approvals: nothing consumed yet, the reviewer and their amounts kept. */
    public Uni<Void> awaitSecond(SqlClient tx, UUID id, String reviewer, String adjusted, Instant now) {
        return tx.preparedQuery("""
                UPDATE reimbursement SET status = 'PENDING_SECOND_REVIEW', first_approver = $2, adjusted_amounts = $3,
                       updated_at = $4, version = version + 1 WHERE id = $1""")
                .execute(Tuple.of(id, reviewer, adjusted, utc(now))).replaceWithVoid();
    }

    public Uni<Void> approve(SqlClient tx, UUID id, String adjusted, BigDecimal payout, String approval, String consumed,
            Instant now, LocalDate paymentDueBy) {
        return tx.preparedQuery("""
                UPDATE reimbursement SET status = 'APPROVED', adjusted_amounts = $2, payout = $3, approval = $4,
                       consumed = $5, decided_at = $6, payment_due_by = $7, updated_at = $6, version = version + 1
                 WHERE id = $1""")
                .execute(Tuple.tuple().addValue(id).addValue(adjusted).addValue(payout).addValue(approval)
                        .addValue(consumed).addValue(utc(now)).addValue(paymentDueBy))
                .replaceWithVoid();
    }

    public Uni<Void> paid(SqlClient tx, UUID id, String transactionId, Instant paidAt, Instant now) {
        return tx.preparedQuery("""
                UPDATE reimbursement SET status = 'PAID', transaction_id = $2, paid_at = $3, updated_at = $4,
                       version = version + 1 WHERE id = $1""")
                .execute(Tuple.of(id, transactionId, utc(paidAt), utc(now))).replaceWithVoid();
    }

    public Uni<Void> decision(SqlClient tx, UUID id, String reviewer, String reason, String adjusted, String outcome,
            Instant now) {
        return tx.preparedQuery("""
                INSERT INTO review_decision (reimbursement_id, reviewer, decision, reason, adjusted_amounts, outcome, decided_at)
                VALUES ($1, $2, 'APPROVE', $3, $4, $5, $6)""")
                .execute(Tuple.of(id, reviewer, reason, adjusted, outcome, utc(now))).replaceWithVoid();
    }
}
