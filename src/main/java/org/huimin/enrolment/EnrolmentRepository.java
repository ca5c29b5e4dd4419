package org.huimin.enrolment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Orders, policies, personal-account deductions and refunds. Every method runs on the caller's transaction. */
@ApplicationScoped
public class EnrolmentRepository {

    static final String LIVE = "('PENDING_PAYMENT', 'ACTIVE')";

    @Inject
    Pool pool;

    public Pool pool() {
        return pool;
    }

    /** An order as stored. */
    public record Order(UUID id, long planId, PayerType payerType, String payerIdNumber, String payerOrgCode,
            BigDecimal amount, String status, Instant paidAt, String transactionId) {
    }

    /** A member to insert as a pending policy. */
    public record NewPolicy(String idNumber, String name, Relation relation, Instant guardianConsentAt) {
    }

    public Uni<Void> insertOrder(SqlClient tx, UUID id, long planId, PayerType payer, String payerIdNumber,
            String orgCode, String orgType, BigDecimal amount, Instant now) {
        return tx.preparedQuery("""
                INSERT INTO enrolment_order (id, plan_id, payer_type, payer_id_number, payer_org_code, payer_org_type,
                                             amount, status, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, 'PENDING_PAYMENT', $8)""")
                .execute(Tuple.tuple().addValue(id).addValue(planId).addValue(payer.name()).addValue(payerIdNumber)
                        .addValue(orgCode).addValue(orgType).addValue(amount).addValue(utc(now)))
                .replaceWithVoid();
    }

    /**
     * Inserts pending policies, skipping any member who already has a live policy of the plan. The partial unique
     * index {@code policy_one_live_per_person} decides, so two instances enrolling the same person at the same
     * moment cannot both succeed: the second waits for the first's transaction and then skips the member.
     *
     * @return the ID numbers actually inserted
     */
    public Uni<Set<String>> insertPolicies(SqlClient tx, UUID orderId, long planId, BigDecimal premium,
            List<NewPolicy> members, Instant consentAt) {
        int n = members.size();
        String[] ids = new String[n];
        String[] names = new String[n];
        String[] relations = new String[n];
        java.time.OffsetDateTime[] guardian = new java.time.OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            NewPolicy member = members.get(i);
            ids[i] = member.idNumber();
            names[i] = member.name();
            relations[i] = member.relation() == null ? null : member.relation().name();
            guardian[i] = member.guardianConsentAt() == null ? null : utc(member.guardianConsentAt());
        }
        return tx.preparedQuery("""
                INSERT INTO policy (order_id, plan_id, id_number, name, relation, status, premium, consent_at,
                                    guardian_consent_at, created_at)
                SELECT $1, $2, m.id_number, m.name, m.relation, 'PENDING_PAYMENT', $3, $4, m.guardian, $4
                  FROM unnest($5::text[], $6::text[], $7::text[], $8::timestamptz[]) AS m(id_number, name, relation, guardian)
                ON CONFLICT (plan_id, id_number) WHERE status IN ('PENDING_PAYMENT', 'ACTIVE') DO NOTHING
                RETURNING id_number""")
                .execute(Tuple.tuple().addValue(orderId).addValue(planId).addValue(premium).addValue(utc(consentAt))
                        .addValue(ids).addValue(names).addValue(relations).addValue(guardian))
                .map(rows -> {
                    Set<String> inserted = new HashSet<>();
                    rows.forEach(row -> inserted.add(row.getString(0)));
                    return inserted;
                });
    }

    /** Members of {@code idNumbers} who already hold a live (pending or active) policy of the plan. */
    public Uni<Set<String>> liveEnrolled(SqlClient client, long planId, List<String> idNumbers) {
        return client.preparedQuery("SELECT id_number FROM policy WHERE plan_id = $1 AND id_number = ANY($2::bpchar[]) AND status IN " + LIVE)
                .execute(Tuple.of(planId, idNumbers.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> found = new HashSet<>();
                    rows.forEach(row -> found.add(row.getString(0)));
                    return found;
                });
    }

    public Uni<Void> setOrderAmount(SqlClient tx, UUID orderId, BigDecimal amount) {
        return tx.preparedQuery("UPDATE enrolment_order SET amount = $2 WHERE id = $1")
                .execute(Tuple.of(orderId, amount)).replaceWithVoid();
    }

    public Uni<Void> insertDeduction(SqlClient tx, UUID orderId, String idNumber, BigDecimal amount, Instant now) {
        return tx.preparedQuery("""
                INSERT INTO personal_account_deduction (order_id, id_number, amount, status, requested_at)
                VALUES ($1, $2, $3, 'REQUESTED', $4)""")
                .execute(Tuple.of(orderId, idNumber, amount, utc(now))).replaceWithVoid();
    }

    /** Locks the order row: payment notifications and deduction results for one order apply one at a time. */
    public Uni<Order> lockOrder(SqlClient tx, UUID orderId) {
        return tx.preparedQuery("""
                SELECT id, plan_id, payer_type, payer_id_number, payer_org_code, amount, status, paid_at,
                       payment_transaction_id
                  FROM enrolment_order WHERE id = $1 FOR UPDATE""")
                .execute(Tuple.of(orderId))
                .map(rows -> rows.rowCount() == 0 ? null : toOrder(rows.iterator().next()));
    }

    public Uni<Void> markPaid(SqlClient tx, UUID orderId, String transactionId, Instant paidAt) {
        return tx.preparedQuery("UPDATE enrolment_order SET status = 'PAID', paid_at = $2, payment_transaction_id = $3 WHERE id = $1")
                .execute(Tuple.of(orderId, utc(paidAt), transactionId)).replaceWithVoid();
    }

    /** A failed payment leaves nothing active: the order and its policies fail, and the people may enrol again. */
    public Uni<Void> markFailed(SqlClient tx, UUID orderId) {
        return tx.preparedQuery("UPDATE enrolment_order SET status = 'PAYMENT_FAILED' WHERE id = $1")
                .execute(Tuple.of(orderId))
                .chain(() -> tx.preparedQuery("UPDATE policy SET status = 'PAYMENT_FAILED' WHERE order_id = $1 AND status = 'PENDING_PAYMENT'")
                        .execute(Tuple.of(orderId)))
                .replaceWithVoid();
    }

    /**
     * Activates the order's pending policies: a policy number and a unique tax-preferential identification code
     * (税优识别码) from one sequence value each, and the benefit start.
     */
    public Uni<List<EnrolmentAnswers.ActivatedPolicy>> activate(SqlClient tx, UUID orderId, LocalDate benefitsFrom,
            Instant at) {
        return tx.preparedQuery("""
                UPDATE policy p
                   SET status = 'ACTIVE',
                       policy_number = 'HM' || pl.plan_year || pl.region || lpad(s.n::text, 10, '0'),
                       tax_code = 'SY' || pl.plan_year || lpad(s.n::text, 12, '0'),
                       benefits_from = $2, activated_at = $3
                  FROM (SELECT id, nextval('policy_number_seq') AS n FROM policy
                         WHERE order_id = $1 AND status = 'PENDING_PAYMENT' ORDER BY id) s, plan pl
                 WHERE p.id = s.id AND pl.id = p.plan_id
                RETURNING p.id_number, p.policy_number, p.tax_code, p.benefits_from, p.status""")
                .execute(Tuple.of(orderId, benefitsFrom, utc(at)))
                .map(EnrolmentRepository::activated);
    }

    public Uni<List<EnrolmentAnswers.ActivatedPolicy>> policiesOfOrder(SqlClient client, UUID orderId) {
        return client.preparedQuery("""
                SELECT id_number, policy_number, tax_code, benefits_from, status FROM policy
                 WHERE order_id = $1 ORDER BY id""")
                .execute(Tuple.of(orderId))
                .map(EnrolmentRepository::activated);
    }

    private static List<EnrolmentAnswers.ActivatedPolicy> activated(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<EnrolmentAnswers.ActivatedPolicy> policies = new ArrayList<>();
        rows.forEach(row -> policies.add(new EnrolmentAnswers.ActivatedPolicy(row.getString("id_number"),
                row.getString("policy_number"), row.getString("tax_code"), row.getLocalDate("benefits_from"),
                row.getString("status"))));
        policies.sort(java.util.Comparator.comparing(EnrolmentAnswers.ActivatedPolicy::idNumber));
        return policies;
    }

    // ---- personal-account deductions ------------------------------------------------------------------------

    /** A deduction with what its result needs. */
    public record DeductionRow(UUID orderId, String idNumber, BigDecimal amount, String status,
            BigDecimal resultAmount, Instant resultAt) {
    }

    public Uni<List<EnrolmentAnswers.Deduction>> deductions(String status, int limit) {
        return pool.preparedQuery("""
                SELECT d.order_id, pl.code, d.id_number, d.amount, d.status, d.requested_at
                  FROM personal_account_deduction d
                  JOIN enrolment_order o ON o.id = d.order_id
                  JOIN plan pl ON pl.id = o.plan_id
                 WHERE d.status = $1
                 ORDER BY d.requested_at, d.order_id
                 LIMIT $2""")
                .execute(Tuple.of(status, limit))
                .map(rows -> {
                    List<EnrolmentAnswers.Deduction> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new EnrolmentAnswers.Deduction(row.getUUID(0), row.getString(1),
                            row.getString(2), row.getBigDecimal(3), row.getString(4),
                            row.getOffsetDateTime(5).toInstant())));
                    return list;
                });
    }

    public Uni<DeductionRow> lockDeduction(SqlClient tx, UUID orderId) {
        return tx.preparedQuery("""
                SELECT order_id, id_number, amount, status, result_amount, result_at
                  FROM personal_account_deduction WHERE order_id = $1 FOR UPDATE""")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new DeductionRow(row.getUUID(0), row.getString(1), row.getBigDecimal(2), row.getString(3),
                            row.getBigDecimal(4), instant(row, 5));
                });
    }

    public Uni<Void> recordDeduction(SqlClient tx, UUID orderId, String status, BigDecimal amount, Instant at,
            Instant now) {
        return tx.preparedQuery("""
                UPDATE personal_account_deduction SET status = $2, result_amount = $3, result_at = $4, recorded_at = $5
                 WHERE order_id = $1""")
                .execute(Tuple.of(orderId, status, amount, utc(at), utc(now))).replaceWithVoid();
    }

    // ---- cancellation -----------------------------------------------------------------------------------------

    /** A policy with its order and plan, for cancellation. */
    public record PolicyForCancellation(long policyId, String policyNumber, String status, BigDecimal premium,
            UUID orderId, PayerType payerType, String payerIdNumber, String payerOrgCode, long planId,
            Instant cancelledAt) {
    }

    public Uni<PolicyForCancellation> lockPolicy(SqlClient tx, String policyNumber) {
        return tx.preparedQuery("""
                SELECT p.id, p.policy_number, p.status, p.premium, o.id, o.payer_type, o.payer_id_number,
                       o.payer_org_code, p.plan_id, p.cancelled_at
                  FROM policy p JOIN enrolment_order o ON o.id = p.order_id
                 WHERE p.policy_number = $1 FOR UPDATE OF p""")
                .execute(Tuple.of(policyNumber))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new PolicyForCancellation(row.getLong(0), row.getString(1), row.getString(2),
                            row.getBigDecimal(3), row.getUUID(4), PayerType.valueOf(row.getString(5)),
                            row.getString(6), row.getString(7), row.getLong(8), instant(row, 9));
                });
    }

    public Uni<Void> cancel(SqlClient tx, long policyId, Instant now) {
        return tx.preparedQuery("UPDATE policy SET status = 'CANCELLED', cancelled_at = $2 WHERE id = $1")
                .execute(Tuple.of(policyId, utc(now))).replaceWithVoid();
    }

    public Uni<Void> insertRefund(SqlClient tx, long policyId, UUID orderId, BigDecimal amount, String channel,
            String status, Instant now) {
        return tx.preparedQuery("""
                INSERT INTO refund (policy_id, order_id, amount, channel, status, created_at)
                VALUES ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.of(policyId, orderId, amount, channel, status, utc(now))).replaceWithVoid();
    }

    public Uni<EnrolmentAnswers.Refund> refundOf(SqlClient client, long policyId) {
        return client.preparedQuery("SELECT amount, channel, status FROM refund WHERE policy_id = $1")
                .execute(Tuple.of(policyId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new EnrolmentAnswers.Refund(row.getBigDecimal(0), row.getString(1), row.getString(2));
                });
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    static Order toOrder(Row row) {
        return new Order(row.getUUID("id"), row.getLong("plan_id"), PayerType.valueOf(row.getString("payer_type")),
                row.getString("payer_id_number"), row.getString("payer_org_code"), row.getBigDecimal("amount"),
                row.getString("status"), instant(row, "paid_at"), row.getString("payment_transaction_id"));
    }

    public static java.time.OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(Row row, int column) {
        java.time.OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    public static Instant instant(Row row, String column) {
        java.time.OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
