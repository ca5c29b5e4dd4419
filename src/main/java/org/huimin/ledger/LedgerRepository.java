package org.huimin.ledger;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads of the journal for accounts and verification: aggregates over one plan's lines (index journal_line_plan), and
 * the business records they must agree with. Rare reads (an operator's or regulator's); the settlement path never
 * reads here.
 */
@ApplicationScoped
public class LedgerRepository {

    public Uni<List<InsurerAccounts.Sum>> sums(SqlClient client, long planId) {
        return client.preparedQuery("""
                SELECT insurer, account, kind, sum(amount) FROM journal_line WHERE plan_id = $1
                 GROUP BY insurer, account, kind""")
                .execute(Tuple.of(planId))
                .map(rows -> {
                    List<InsurerAccounts.Sum> sums = new ArrayList<>();
                    rows.forEach(row -> sums.add(new InsurerAccounts.Sum(row.getString(0),
                            Account.valueOf(row.getString(1)), EntryKind.valueOf(row.getString(2)), row.getBigDecimal(3))));
                    return sums;
                });
    }

    /** The business side of the verification, and the journal's own totals, in one round trip. */
    public Uni<Verification.Figures> figures(SqlClient client, long planId) {
        return client.preparedQuery("""
                SELECT (SELECT coalesce(sum(amount), 0) FROM journal_line WHERE plan_id = $1),
                       (SELECT count(*) FROM (SELECT 1 FROM journal_line WHERE plan_id = $1
                                               GROUP BY kind, source_id, insurer HAVING sum(amount) <> 0) unbalanced),
                       (SELECT coalesce(sum(amount), 0) FROM enrolment_order WHERE plan_id = $1 AND status = 'PAID'),
                       (SELECT coalesce(sum(amount), 0) FROM refund
                         WHERE plan_id = $1 AND source = 'CANCELLATION' AND status = 'SUCCEEDED'),
                       (SELECT coalesce(sum(payout), 0) FROM settlement WHERE plan_id = $1),
                       (SELECT coalesce(sum(payout), 0) FROM settlement WHERE plan_id = $1 AND status = 'REVERSED'),
                       (SELECT coalesce(sum(payout), 0) FROM reimbursement WHERE plan_id = $1 AND status IN ('APPROVED', 'PAID')),
                       (SELECT coalesce(min(owed), 0) FROM (
                            SELECT -sum(amount) AS owed FROM journal_line
                             WHERE plan_id = $1 AND account IN ('HOSPITAL_PAYABLE', 'MEMBER_PAYABLE')
                             GROUP BY account, insurer, hospital_code) balances)""")
                .execute(Tuple.of(planId))
                .chain(rows -> {
                    Row row = rows.iterator().next();
                    return hospitals(client, planId).map(hospitals -> new Verification.Figures(row.getBigDecimal(0),
                            row.getLong(1), row.getBigDecimal(2), row.getBigDecimal(3), row.getBigDecimal(4),
                            row.getBigDecimal(5), row.getBigDecimal(6), row.getBigDecimal(7), hospitals));
                });
    }

    /**
     * Per hospital: the nets of its reconciliation (settlement payouts minus reversed payouts, by when each was recorded)
     * up to the plan's last clearing cut-off, beside the nets of its statements. Empty before the first run.
     */
    private Uni<List<Verification.HospitalClearing>> hospitals(SqlClient client, long planId) {
        return client.preparedQuery("""
                WITH last AS (SELECT max(cut_off) AS cut_off FROM clearing_run WHERE plan_id = $1),
                reconciled AS (
                    SELECT s.hospital_code,
                           coalesce(sum(s.payout) FILTER (WHERE s.settled_at < last.cut_off), 0)
                         - coalesce(sum(s.payout) FILTER (WHERE s.reversed_at < last.cut_off), 0) AS net
                      FROM settlement s, last
                     WHERE s.plan_id = $1 AND last.cut_off IS NOT NULL AND s.settled_at < last.cut_off
                     GROUP BY s.hospital_code),
                stated AS (
                    SELECT hospital_code, sum(net) AS net FROM clearing_statement WHERE plan_id = $1 GROUP BY hospital_code)
                SELECT coalesce(r.hospital_code, s.hospital_code), coalesce(r.net, 0), coalesce(s.net, 0)
                  FROM reconciled r FULL JOIN stated s ON s.hospital_code = r.hospital_code
                 ORDER BY 1""")
                .execute(Tuple.of(planId))
                .map(rows -> {
                    List<Verification.HospitalClearing> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new Verification.HospitalClearing(row.getString(0), row.getBigDecimal(1),
                            row.getBigDecimal(2))));
                    return list;
                });
    }
}
