package org.huimin.enrolment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import static org.huimin.common.db.Rows.instant;
import static org.huimin.common.db.Rows.utc;

/** Policies: one per member of an order; pending until paid, then active with a policy number and a tax code. */
@ApplicationScoped
public class PolicyRepository {

    /** A member to insert as a pending policy. */
    public record NewPolicy(String idNumber, String name, Relation relation, Instant guardianConsentAt) {
    }

    /**
     * Inserts pending policies, skipping any member who already has a live policy of the plan. The partial unique index
     * {@code policy_one_live_per_person} decides, so two instances enrolling the same person at the same moment cannot
     * both succeed: the second waits for the first's transaction and then skips the member. Members are inserted in
     * ID-number order, so two requests with overlapping lists wait for each other in the same order and cannot deadlock.
     *
     * @return the ID numbers actually inserted
     */
    public Uni<Set<String>> insertPending(SqlClient tx, UUID orderId, long planId, BigDecimal premium,
            List<NewPolicy> members, Instant consentAt) {
        return insert(tx, INSERT_SKIPPING_LIVE, orderId, planId, premium, members, consentAt).map(rows -> {
            Set<String> inserted = new HashSet<>();
            rows.forEach(row -> inserted.add(row.getString(0)));
            return inserted;
        });
    }

    /**
     * Inserts pending policies for every member or for none: a member with a live policy of the plan (committed, or
     * being committed by another instance, which this insert waits for) fails the statement on {@link #ONE_LIVE} with
     * {@code 23505}, and with it the transaction. The check is in SQL so that the insert can go out with the
     * transaction's {@code COMMIT} (Transactions.Pipeline#commitWith). Same order as {@link #insertPending}.
     */
    public Uni<Void> insertPendingAll(SqlClient tx, UUID orderId, long planId, BigDecimal premium,
            List<NewPolicy> members, Instant consentAt) {
        return insert(tx, INSERT_ALL, orderId, planId, premium, members, consentAt).replaceWithVoid();
    }

    /** The partial unique index that allows one live (pending or active) policy per person and plan. */
    public static final String ONE_LIVE = "policy_one_live_per_person";

    private static final String INSERT_ALL = """
            INSERT INTO policy (order_id, plan_id, id_number, name, relation, status, premium, consent_at,
                                guardian_consent_at, created_at)
            SELECT $1, $2, m.id_number, m.name, m.relation, 'PENDING_PAYMENT', $3, $4, m.guardian, $4
              FROM unnest($5::text[], $6::text[], $7::text[], $8::timestamptz[]) WITH ORDINALITY
                   AS m(id_number, name, relation, guardian, n)
             ORDER BY m.n""";

    private static final String INSERT_SKIPPING_LIVE = INSERT_ALL + """

            ON CONFLICT (plan_id, id_number) WHERE status IN ('PENDING_PAYMENT', 'ACTIVE') DO NOTHING
            RETURNING id_number""";

    private Uni<RowSet<Row>> insert(SqlClient tx, String sql, UUID orderId, long planId, BigDecimal premium,
            List<NewPolicy> members, Instant consentAt) {
        List<NewPolicy> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparing(NewPolicy::idNumber));
        int n = sorted.size();
        String[] ids = new String[n];
        String[] names = new String[n];
        String[] relations = new String[n];
        OffsetDateTime[] guardian = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            NewPolicy member = sorted.get(i);
            ids[i] = member.idNumber();
            names[i] = member.name();
            relations[i] = member.relation() == null ? null : member.relation().name();
            guardian[i] = utc(member.guardianConsentAt());
        }
        return tx.preparedQuery(sql)
                .execute(Tuple.tuple().addValue(orderId).addValue(planId).addValue(premium).addValue(utc(consentAt))
                        .addValue(ids).addValue(names).addValue(relations).addValue(guardian));
    }

    /**
     * The live (pending or active) policies of these people in the plan (by its code, so that the read can go in the
     * same round trip as the plan's), with their order's payer and deadline.
     */
    public Uni<List<EnrolmentRules.LivePolicy>> live(SqlClient client, String planCode, List<String> idNumbers) {
        return client.preparedQuery("""
                SELECT po.id_number, po.status, o.id, o.payer_type, o.payer_id_number, o.expires_at
                  FROM policy po JOIN enrolment_order o ON o.id = po.order_id JOIN plan pl ON pl.id = po.plan_id
                 WHERE pl.code = $1 AND po.id_number = ANY($2::bpchar[]) AND po.status IN ('PENDING_PAYMENT', 'ACTIVE')""")
                .execute(Tuple.of(planCode, idNumbers.toArray(String[]::new)))
                .map(rows -> {
                    List<EnrolmentRules.LivePolicy> live = new ArrayList<>();
                    rows.forEach(row -> live.add(new EnrolmentRules.LivePolicy(row.getString(0), row.getString(1),
                            row.getUUID(2), PayerType.valueOf(row.getString(3)), row.getString(4), instant(row, 5))));
                    return live;
                });
    }

    /**
     * Activates the order's pending policies: a policy number and a unique tax-preferential identification code
     * (税优识别码) from one sequence value each, and the benefit start. Returns the activated policies.
     */
    /** A policy just activated: who it covers, and what the journal books for it (its premium, the person's county). */
    public record Activated(long policyId, String idNumber, BigDecimal premium, String countyCode) {
    }

    public Uni<List<Activated>> activate(SqlClient tx, UUID orderId, LocalDate benefitsFrom, Instant at) {
        return tx.preparedQuery("""
                UPDATE policy p
                   SET status = 'ACTIVE',
                       policy_number = 'HM' || pl.plan_year || pl.region || lpad(s.n::text, 10, '0'),
                       tax_code = 'SY' || pl.plan_year || lpad(s.n::text, 12, '0'),
                       benefits_from = $2, activated_at = $3
                  FROM (SELECT id, nextval('policy_number_seq') AS n FROM policy
                         WHERE order_id = $1 AND status = 'PENDING_PAYMENT' ORDER BY id) s, plan pl
                 WHERE p.id = s.id AND pl.id = p.plan_id
                RETURNING p.id, p.id_number, p.premium,
                          (SELECT county_code FROM participant pa WHERE pa.id_number = p.id_number)""")
                .execute(Tuple.of(orderId, benefitsFrom, utc(at)))
                .map(rows -> {
                    List<Activated> activated = new ArrayList<>();
                    rows.forEach(row -> activated.add(new Activated(row.getLong(0), row.getString(1),
                            row.getBigDecimal(2), row.getString(3))));
                    activated.sort(Comparator.comparing(Activated::idNumber));
                    return activated;
                });
    }

    public Uni<List<EnrolmentAnswers.ActivatedPolicy>> ofOrder(SqlClient client, UUID orderId) {
        return client.preparedQuery("""
                SELECT id_number, policy_number, tax_code, benefits_from, status FROM policy WHERE order_id = $1""")
                .execute(Tuple.of(orderId))
                .map(PolicyRepository::activated);
    }

    /** The order's policies as its payer sees them. */
    public Uni<List<EnrolmentAnswers.OrderPolicy>> linesOf(SqlClient client, UUID orderId) {
        return client.preparedQuery("""
                SELECT id_number, name, relation, status, policy_number, tax_code, benefits_from
                  FROM policy WHERE order_id = $1 ORDER BY id""")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    List<EnrolmentAnswers.OrderPolicy> lines = new ArrayList<>();
                    rows.forEach(row -> lines.add(new EnrolmentAnswers.OrderPolicy(row.getString(0), row.getString(1),
                            row.getString(2) == null ? null : Relation.valueOf(row.getString(2)), row.getString(3),
                            row.getString(4), row.getString(5), row.getLocalDate(6))));
                    return lines;
                });
    }

    private static List<EnrolmentAnswers.ActivatedPolicy> activated(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<EnrolmentAnswers.ActivatedPolicy> policies = new ArrayList<>();
        rows.forEach(row -> policies.add(new EnrolmentAnswers.ActivatedPolicy(row.getString("id_number"),
                row.getString("policy_number"), row.getString("tax_code"), row.getLocalDate("benefits_from"),
                row.getString("status"))));
        policies.sort(Comparator.comparing(EnrolmentAnswers.ActivatedPolicy::idNumber));
        return policies;
    }

    /** A policy with its order and plan, for cancellation. */
    public record ForCancellation(long policyId, String policyNumber, String idNumber, String status, BigDecimal premium,
            UUID orderId, PayerType payerType, String payerIdNumber, String payerOrgCode, long planId,
            String transactionId, Instant cancelledAt) {
    }

    public Uni<ForCancellation> lockForCancellation(SqlClient tx, String policyNumber) {
        return tx.preparedQuery("""
                SELECT p.id, p.policy_number, p.id_number, p.status, p.premium, o.id, o.payer_type, o.payer_id_number,
                       o.payer_org_code, p.plan_id, o.payment_transaction_id, p.cancelled_at
                  FROM policy p JOIN enrolment_order o ON o.id = p.order_id
                 WHERE p.policy_number = $1 FOR UPDATE OF p""")
                .execute(Tuple.of(policyNumber))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new ForCancellation(row.getLong(0), row.getString(1), row.getString(2), row.getString(3),
                            row.getBigDecimal(4), row.getUUID(5), PayerType.valueOf(row.getString(6)), row.getString(7),
                            row.getString(8), row.getLong(9), row.getString(10), instant(row, 11));
                });
    }

    public Uni<Void> cancel(SqlClient tx, long policyId, Instant now) {
        return tx.preparedQuery("UPDATE policy SET status = 'CANCELLED', cancelled_at = $2 WHERE id = $1")
                .execute(Tuple.of(policyId, utc(now))).replaceWithVoid();
    }

    /** A policy the person holds or paid for, with what {@code /me/policies} shows. */
    public record Held(String policyNumber, long planId, String idNumber, String name, Relation relation, String status,
            BigDecimal premium, PayerType payerType, String payerIdNumber, UUID orderId, String taxCode,
            LocalDate benefitsFrom, Instant consentAt, Instant guardianConsentAt, String deductiblesUsed, String capsUsed) {
    }

    /** The caller's own policies and those the caller paid for, newest first, with the person's balances in the plan. */
    public Uni<List<Held>> heldOrPaidBy(SqlClient client, String idNumber) {
        return client.preparedQuery("""
                SELECT po.policy_number, po.plan_id, po.id_number, po.name, po.relation, po.status, po.premium,
                       o.payer_type, o.payer_id_number, o.id, po.tax_code, po.benefits_from, po.consent_at,
                       po.guardian_consent_at, b.deductibles_used::text, b.caps_used::text
                  FROM policy po
                  JOIN enrolment_order o ON o.id = po.order_id
                  LEFT JOIN benefit_balance b ON b.plan_id = po.plan_id AND b.id_number = po.id_number
                 WHERE po.id_number = $1 OR o.payer_id_number = $1
                 ORDER BY po.created_at DESC, po.id""")
                .execute(Tuple.of(idNumber))
                .map(rows -> {
                    List<Held> held = new ArrayList<>();
                    rows.forEach(row -> held.add(new Held(row.getString(0), row.getLong(1), row.getString(2),
                            row.getString(3), row.getString(4) == null ? null : Relation.valueOf(row.getString(4)),
                            row.getString(5), row.getBigDecimal(6), PayerType.valueOf(row.getString(7)), row.getString(8),
                            row.getUUID(9), row.getString(10), row.getLocalDate(11), instant(row, 12), instant(row, 13),
                            row.getString(14), row.getString(15))));
                    return held;
                });
    }
}
