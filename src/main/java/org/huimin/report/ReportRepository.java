package org.huimin.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Statistics by aggregate SQL (one query per section, no loop over rows in Java). {@code counties} is a county-code
 * prefix that scopes everything to a region (the plan's, narrowed to the caller's for the bureau and regulators):
 * people by their bureau record's county.
 */
@ApplicationScoped
public class ReportRepository {

    /** Basic-insurance members (ACTIVE bureau records) and people with an ACTIVE policy, per county. */
    public Uni<List<Reports.County>> counties(SqlClient client, long planId, String counties) {
        return client.preparedQuery("""
                WITH members AS (
                    SELECT county_code, count(*) AS n FROM participant
                     WHERE status = 'ACTIVE' AND county_code LIKE $2 || '%' GROUP BY county_code),
                enrolled AS (
                    SELECT pa.county_code, count(*) AS n FROM policy po
                      JOIN participant pa ON pa.id_number = po.id_number
                     WHERE po.plan_id = $1 AND po.status = 'ACTIVE' AND pa.county_code LIKE $2 || '%'
                     GROUP BY pa.county_code)
                SELECT coalesce(m.county_code, e.county_code) AS county, coalesce(m.n, 0), coalesce(e.n, 0)
                  FROM members m FULL JOIN enrolled e ON e.county_code = m.county_code
                 ORDER BY 1""")
                .execute(Tuple.of(planId, counties))
                .map(rows -> {
                    List<Reports.County> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new Reports.County(row.getString(0).strip(), row.getLong(1), row.getLong(2),
                            ReportService.rate(row.getLong(2), row.getLong(1)))));
                    return list;
                });
    }

    /** ACTIVE policies and their premium per payer channel (an organisation by its type). */
    public Uni<List<Reports.Channel>> channels(SqlClient client, long planId, String counties) {
        return client.preparedQuery("""
                SELECT o.payer_type, o.payer_org_type, count(*) FILTER (WHERE po.status = 'ACTIVE'),
                       coalesce(sum(po.premium) FILTER (WHERE po.status = 'ACTIVE'), 0)
                  FROM policy po
                  JOIN enrolment_order o ON o.id = po.order_id
                  JOIN participant pa ON pa.id_number = po.id_number
                 WHERE po.plan_id = $1 AND pa.county_code LIKE $2 || '%'
                 GROUP BY o.payer_type, o.payer_org_type
                 ORDER BY o.payer_type, o.payer_org_type NULLS FIRST""")
                .execute(Tuple.of(planId, counties))
                .map(rows -> {
                    List<Reports.Channel> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new Reports.Channel(row.getString(0), row.getString(1), row.getLong(2),
                            row.getBigDecimal(3).setScale(2))));
                    return list;
                });
    }

    /**
     * [premium collected, premium refunded]: premiums of the policies whose order was paid (active or cancelled since),
     * and the cancellation refunds owed or made for them (a failed refund is owed again once retried, so it counts).
     */
    public Uni<BigDecimal[]> premium(SqlClient client, long planId, String counties) {
        return client.preparedQuery("""
                SELECT (SELECT coalesce(sum(po.premium), 0) FROM policy po
                          JOIN participant pa ON pa.id_number = po.id_number
                         WHERE po.plan_id = $1 AND po.status IN ('ACTIVE', 'CANCELLED') AND pa.county_code LIKE $2 || '%'),
                       (SELECT coalesce(sum(r.amount), 0) FROM refund r
                          JOIN policy po ON po.id = r.policy_id
                          JOIN participant pa ON pa.id_number = po.id_number
                         WHERE r.plan_id = $1 AND r.source = 'CANCELLATION' AND r.status <> 'NONE'
                           AND pa.county_code LIKE $2 || '%')""")
                .execute(Tuple.of(planId, counties))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new BigDecimal[] {row.getBigDecimal(0).setScale(2), row.getBigDecimal(1).setScale(2)};
                });
    }

    /** One row of claim totals: counts, payouts, and payouts per liability. */
    public Uni<Row> claimTotals(SqlClient client, long planId, String counties) {
        return client.preparedQuery("""
                SELECT count(*), count(*) FILTER (WHERE eligible), count(*) FILTER (WHERE status = 'REVERSED'),
                       coalesce(sum(payout) FILTER (WHERE status = 'SETTLED'), 0),
                       count(*) FILTER (WHERE eligible AND status = 'SETTLED'),
                       coalesce(sum((consumed->'caps'->>'IN_POLICY')::numeric) FILTER (WHERE status = 'SETTLED'), 0),
                       count(*) FILTER (WHERE status = 'SETTLED' AND (consumed->'caps'->>'IN_POLICY')::numeric > 0),
                       coalesce(sum((consumed->'caps'->>'OUT_OF_POLICY')::numeric) FILTER (WHERE status = 'SETTLED'), 0),
                       count(*) FILTER (WHERE status = 'SETTLED' AND (consumed->'caps'->>'OUT_OF_POLICY')::numeric > 0)
                  FROM settlement s
                 WHERE s.plan_id = $1
                   AND ($2 = '' OR EXISTS (SELECT 1 FROM participant pa
                                            WHERE pa.id_number = s.id_number AND pa.county_code LIKE $2 || '%'))""")
                .execute(Tuple.of(planId, counties))
                .map(rows -> rows.iterator().next());
    }

    public Uni<List<Reports.Amount>> byCareType(SqlClient client, long planId, String counties) {
        return client.preparedQuery("""
                SELECT care_type, count(*) FILTER (WHERE status = 'SETTLED'),
                       coalesce(sum(payout) FILTER (WHERE status = 'SETTLED'), 0)
                  FROM settlement s
                 WHERE s.plan_id = $1
                   AND ($2 = '' OR EXISTS (SELECT 1 FROM participant pa
                                            WHERE pa.id_number = s.id_number AND pa.county_code LIKE $2 || '%'))
                 GROUP BY care_type ORDER BY care_type""")
                .execute(Tuple.of(planId, counties))
                .map(rows -> {
                    List<Reports.Amount> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new Reports.Amount(row.getString(0), row.getLong(1),
                            row.getBigDecimal(2).setScale(2))));
                    return list;
                });
    }

    /**
     * Each insurer's share of net premium and of payouts: the sums of the splits booked in the journal when the money
     * arose (never a split of totals). {@code counties} narrows to the lines of people of a region; empty for all.
     */
    public Uni<java.util.Map<String, BigDecimal[]>> insurerShares(SqlClient client, long planId, String counties) {
        return client.preparedQuery("""
                SELECT insurer,
                       coalesce(-sum(amount) FILTER (WHERE account IN ('PREMIUM_INCOME', 'PREMIUM_REFUNDS')), 0),
                       coalesce(sum(amount) FILTER (WHERE account IN ('CLAIMS_SETTLED', 'CLAIMS_REVERSED',
                                                                      'CLAIMS_REIMBURSED')), 0)
                  FROM journal_line
                 WHERE plan_id = $1 AND account IN ('PREMIUM_INCOME', 'PREMIUM_REFUNDS', 'CLAIMS_SETTLED',
                                                    'CLAIMS_REVERSED', 'CLAIMS_REIMBURSED')
                   AND ($2 = '' OR county_code LIKE $2 || '%')
                 GROUP BY insurer""")
                .execute(Tuple.of(planId, counties))
                .map(rows -> {
                    java.util.Map<String, BigDecimal[]> shares = new java.util.HashMap<>();
                    rows.forEach(row -> shares.put(row.getString(0), new BigDecimal[] {row.getBigDecimal(1).setScale(2),
                            row.getBigDecimal(2).setScale(2)}));
                    return shares;
                });
    }
}
