package org.huimin.balance;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What each person has used of a plan's deductibles and caps (年度累计起付线, 年度限额): one row per person per plan,
 * whatever became of their policies. Cancelling and enrolling again continues from what was used; it never resets a cap.
 *
 * <p>The row is the lock that serialises everything that consumes or returns balances — desk settlements, online-claim
 * approvals, reversals — on any instance: each takes it {@code FOR UPDATE} before reading it.
 */
@ApplicationScoped
public class BalanceRepository {

    private final BalancesCodec codec;

    public BalanceRepository(BalancesCodec codec) {
        this.codec = codec;
    }

    /** Creates the rows of people whose policy becomes active (nothing used yet); existing rows are kept as they are. */
    public Uni<Void> open(SqlClient tx, long planId, Collection<String> idNumbers) {
        return tx.preparedQuery("""
                INSERT INTO benefit_balance (plan_id, id_number)
                SELECT $1, unnest($2::text[])
                ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(planId, idNumbers.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** The row, locked until the transaction ends. */
    public Uni<Balances> lock(SqlClient tx, long planId, String idNumber) {
        return tx.preparedQuery("""
                SELECT deductibles_used::text, caps_used::text FROM benefit_balance
                 WHERE plan_id = $1 AND id_number = $2 FOR UPDATE""")
                .execute(Tuple.of(planId, idNumber))
                .map(rows -> rows.rowCount() == 0 ? Balances.none()
                        : codec.balances(rows.iterator().next().getString(0), rows.iterator().next().getString(1)));
    }

    /** Writes balances computed under the row's lock. */
    public Uni<Void> update(SqlClient tx, long planId, String idNumber, Balances balances) {
        return tx.preparedQuery("""
                UPDATE benefit_balance SET deductibles_used = $3::text::jsonb, caps_used = $4::text::jsonb
                 WHERE plan_id = $1 AND id_number = $2""")
                .execute(Tuple.of(planId, idNumber, codec.write(balances.deductiblesUsed()), codec.write(balances.capsUsed())))
                .replaceWithVoid();
    }
}
