package org.huimin.claim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.balance.Balances;
import org.huimin.common.MedicalDataAccess;
import org.huimin.balance.BalancesCodec;
import org.huimin.ledger.JournalEntry;
import org.huimin.ledger.JournalRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import static org.huimin.common.db.Rows.instant;
import static org.huimin.common.db.Rows.utc;

/**
 * The settlement's statements. A settlement is: lock the policy and the person's balances (one statement), insert the
 * settlement, update the balances — in one transaction, the writes pipelined in one round trip, no N+1.
 */
@ApplicationScoped
public class SettlementRepository {

    private final BalancesCodec codec;

    public SettlementRepository(BalancesCodec codec) {
        this.codec = codec;
    }

    /** The covering policy with what the computation needs; absent when the person has none. */
    public record PolicyState(long policyId, String policyNumber, LocalDate benefitsFrom, long planId, String idNumber,
            Balances balances) {
    }

    /**
     * The person's ACTIVE policy of a plan whose coverage period contains {@code day}, with the person's balances in
     * that plan; with {@code lock}, both rows stay locked ({@code FOR UPDATE OF po, b}) until the transaction ends.
     *
     * <p>Why this is enough under concurrency: every settlement, approval and reversal that touches a person's balances
     * in a plan first locks that {@code benefit_balance} row, on whichever instance it runs, so they apply one at a time
     * and each reads the balances the previous one committed: the deductible cannot be used twice nor a cap exceeded.
     * The policy row is locked too, and PostgreSQL re-evaluates the {@code WHERE} on its locked version, so a policy
     * cancelled meanwhile is not settled against. Everything takes the policy before the balance, so no cycle.
     */
    public Uni<PolicyState> coveringPolicy(SqlClient client, String idNumber, LocalDate day, boolean lock) {
        return client.preparedQuery("""
                SELECT po.id, po.policy_number, po.benefits_from, po.plan_id, po.id_number,
                       b.deductibles_used::text, b.caps_used::text
                  FROM policy po
                  JOIN plan p ON p.id = po.plan_id
                  JOIN benefit_balance b ON b.plan_id = po.plan_id AND b.id_number = po.id_number
                 WHERE po.id_number = $1 AND po.status = 'ACTIVE'
                   AND p.coverage_starts <= $2 AND p.coverage_ends >= $2
                 ORDER BY po.id
                 LIMIT 1""" + (lock ? " FOR UPDATE OF po, b" : ""))
                .execute(Tuple.of(idNumber, day))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new PolicyState(row.getLong(0), row.getString(1), row.getLocalDate(2), row.getLong(3),
                            row.getString(4), codec.balances(row.getString(5), row.getString(6)));
                });
    }

    /**
     * Values of one new settlement row, and its journal entry (the payout as split in the answer; no lines when it pays
     * nothing). The entry's source is the new row, whose id the statement itself assigns.
     */
    public record NewSettlement(String hospital, String settlementId, String fingerprint, String idNumber, Long policyId,
            Long planId, SettlementAmounts amounts, LocalDate dischargeDate, String basicSettlementId, Decision decision,
            String consumedJson, String answerJson, Instant at, LocalDate day, JournalEntry journal) {
    }

    /** The unique constraint on (hospital, settlement ID): a settlement ID is recorded once per hospital. */
    public static final String SETTLEMENT_ID_TAKEN = "settlement_hospital_code_settlement_id_key";

    /**
     * Inserts the settlement and, in the same statement, its journal lines (so they exist exactly when the row does).
     * If (hospital, settlement ID) is taken, the statement fails on {@link #SETTLEMENT_ID_TAKEN} — a concurrent insert
     * of the same ID waits for the other transaction and fails if it committed — and so does the transaction: the
     * settlement's other writes, pipelined with it and its {@code COMMIT}, are rolled back by PostgreSQL itself.
     * Returns the new row's id.
     */
    public Uni<Long> insert(SqlClient tx, NewSettlement s) {
        SettlementAmounts a = s.amounts();
        Decision d = s.decision();
        JournalRepository.Lines journal = JournalRepository.Lines.of(List.of(s.journal()));
        return tx.preparedQuery("""
                WITH s AS (
                    INSERT INTO settlement (hospital_code, settlement_id, request_hash, id_number, policy_id, plan_id,
                           care_type, admission_date, discharge_date, total_amount, in_policy_self_pay,
                           out_of_policy_self_pay, over_limit_self_pay, eligible, reason, payout, consumed, response,
                           status, settled_at, settled_on, basic_settlement_id)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::text::jsonb, $18,
                            'SETTLED', $19, $20, $21)
                    RETURNING id, plan_id, hospital_code, settled_at),
                j AS (
                    INSERT INTO journal_line (kind, source_id, line, plan_id, account, insurer, amount, county_code,
                                              hospital_code, recorded_at)
                    SELECT 'SETTLEMENT', s.id, l.line, s.plan_id, l.account, l.insurer, l.amount::numeric, $26,
                           s.hospital_code, s.settled_at
                      FROM s, unnest($22::int[], $23::text[], $24::text[], $25::text[]) AS l(line, account, insurer, amount))
                SELECT id FROM s""")
                .execute(Tuple.tuple().addValue(s.hospital()).addValue(s.settlementId()).addValue(s.fingerprint())
                        .addValue(s.idNumber()).addValue(s.policyId()).addValue(s.planId())
                        .addValue(a.careType().name()).addValue(a.admissionDate()).addValue(s.dischargeDate())
                        .addValue(a.totalAmount()).addValue(a.inPolicySelfPay()).addValue(a.outOfPolicySelfPay())
                        .addValue(a.overLimitSelfPay()).addValue(d.eligible())
                        .addValue(d.reason() == null ? null : d.reason().name()).addValue(d.payout())
                        .addValue(s.consumedJson()).addValue(s.answerJson()).addValue(utc(s.at())).addValue(s.day())
                        .addValue(s.basicSettlementId()).addValue(journal.numbers()).addValue(journal.accounts())
                        .addValue(journal.insurers()).addValue(journal.amounts()).addValue(s.journal().countyCode()))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** A recorded settlement. */
    public record Recorded(long id, String fingerprint, Long policyId, Long planId, String consumedJson, String status,
            String answer, String reversalAnswer, String idNumber, String basicSettlementId) {

        /** The current state: the reversal answer once reversed, else the first answer. */
        public String current() {
            return "REVERSED".equals(status) ? reversalAnswer : answer;
        }
    }

    public Uni<Recorded> find(SqlClient client, String hospital, String settlementId, boolean lock) {
        return client.preparedQuery("""
                SELECT id, request_hash, policy_id, plan_id, consumed::text, status, response, reversal_response,
                       id_number, basic_settlement_id
                  FROM settlement WHERE hospital_code = $1 AND settlement_id = $2""" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(hospital, settlementId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Recorded(row.getLong(0), row.getString(1), row.getLong(2), row.getLong(3), row.getString(4),
                            row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9));
                });
    }

    public Uni<Void> markReversed(SqlClient tx, long id, Instant at, LocalDate day, String reversalJson) {
        return tx.preparedQuery("""
                UPDATE settlement SET status = 'REVERSED', reversed_at = $2, reversed_on = $3, reversal_response = $4
                 WHERE id = $1""")
                .execute(Tuple.of(id, utc(at), day, reversalJson)).replaceWithVoid();
    }

    /** Counts and sums of one hospital's day: settlements recorded that day, reversals recorded that day. */
    public Uni<ClaimAnswers.Reconciliation> reconciliation(SqlClient client, String hospital, LocalDate day) {
        return client.preparedQuery("""
                SELECT count(*) FILTER (WHERE settled_on = $2),
                       coalesce(sum(payout) FILTER (WHERE settled_on = $2), 0),
                       count(*) FILTER (WHERE reversed_on = $2),
                       coalesce(sum(payout) FILTER (WHERE reversed_on = $2), 0)
                  FROM settlement
                 WHERE hospital_code = $1 AND (settled_on = $2 OR reversed_on = $2)""")
                .execute(Tuple.of(hospital, day))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    BigDecimal settled = row.getBigDecimal(1).setScale(2);
                    BigDecimal reversed = row.getBigDecimal(3).setScale(2);
                    return new ClaimAnswers.Reconciliation(day, hospital,
                            new ClaimAnswers.Totals(row.getLong(0), settled),
                            new ClaimAnswers.Totals(row.getLong(2), reversed), settled.subtract(reversed));
                });
    }

    /**
     * Settlements of the policies the person holds, and of those they paid as {@code CHILD} for someone under 18 today
     * ({@link MedicalDataAccess}: the age is judged in Java, from the ID number, like everywhere else).
     */
    public Uni<List<ClaimAnswers.MyClaim>> claimsOf(SqlClient client, String idNumber, LocalDate today) {
        return client.preparedQuery("""
                SELECT s.settlement_id, s.hospital_code, po.policy_number, s.id_number, po.name, s.care_type,
                       s.admission_date, s.discharge_date, s.status, s.eligible, s.reason, s.payout,
                       s.in_policy_self_pay + s.out_of_policy_self_pay + s.over_limit_self_pay - s.payout,
                       s.settled_at, s.reversed_at, o.payer_id_number, po.relation
                  FROM settlement s
                  JOIN policy po ON po.id = s.policy_id
                  JOIN enrolment_order o ON o.id = po.order_id
                 WHERE po.id_number = $1 OR (o.payer_id_number = $1 AND po.relation = 'CHILD')
                 ORDER BY s.settled_at DESC, s.id DESC""")
                .execute(Tuple.of(idNumber))
                .map(rows -> {
                    List<ClaimAnswers.MyClaim> claims = new ArrayList<>();
                    rows.forEach(row -> {
                        if (!MedicalDataAccess.seenBy(idNumber, row.getString(3), row.getString(15),
                                "CHILD".equals(row.getString(16)), today)) {
                            return;
                        }
                        claims.add(new ClaimAnswers.MyClaim(row.getString(0), row.getString(1),
                            row.getString(2), row.getString(3), row.getString(4),
                            org.huimin.plan.CareType.valueOf(row.getString(5)), row.getLocalDate(6),
                            row.getLocalDate(7), row.getString(8), row.getBoolean(9),
                            row.getString(10) == null ? null : IneligibilityReason.valueOf(row.getString(10)),
                            row.getBigDecimal(11), row.getBigDecimal(12), instant(row, 13), instant(row, 14)));
                    });
                    return claims;
                });
    }
}
