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
 * Statistics by aggregate SQL over the report tallies (V11: a few rows per county, channel, care type or insurer,
 * kept by triggers, so a report over a plan of millions of rows reads hundreds; one query per section, no loop in
 * Java). {@code counties} is a county-code prefix that scopes everything to a region (the plan's, narrowed to the
 * caller's for the bureau and regulators): people by their bureau record's county.
 */
@ApplicationScoped
public class ReportRepository {

    /**
     * Basic-insurance members (ACTIVE bureau records) and people with an ACTIVE policy, per county: sums of the tallies
     * (V11), a few rows per county whatever the plan's size, exact whether or not they have been folded lately.
     */
    public Uni<List<Reports.County>> counties(SqlClient client, long planId, String counties) {
        return client.preparedQuery("""
                WITH members AS (
                    SELECT county_code, sum(members) AS n FROM member_tally
                     WHERE county_code LIKE $2 || '%' GROUP BY county_code),
                enrolled AS (
                    SELECT county_code, sum(active) AS n FROM policy_tally
                     WHERE plan_id = $1 AND county_code LIKE $2 || '%' GROUP BY county_code)
                SELECT coalesce(m.county_code, e.county_code) AS county, coalesce(m.n, 0)::bigint, coalesce(e.n, 0)::bigint
                  FROM members m FULL JOIN enrolled e ON e.county_code = m.county_code
                 WHERE coalesce(m.n, 0) <> 0 OR coalesce(e.n, 0) <> 0
                 ORDER BY 1""")
                .execute(Tuple.of(planId, counties))
                .map(rows -> {
                    List<Reports.County> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new Reports.County(row.getString(0).strip(), row.getLong(1), row.getLong(2),
                            ReportService.rate(row.getLong(2), row.getLong(1)))));
                    return list;
                });
    }

    /** ACTIVE policies and their premium per payer channel (an organisation by its type), from the tallies. */
    public Uni<List<Reports.Channel>> channels(SqlClient client, long planId, String counties) {
        return client.preparedQuery("""
                SELECT payer_type, nullif(payer_org_type, ''), sum(active)::bigint, sum(active_premium)
                  FROM policy_tally
                 WHERE plan_id = $1 AND county_code LIKE $2 || '%'
                 GROUP BY payer_type, payer_org_type
                HAVING sum(policies) <> 0
                 ORDER BY payer_type, nullif(payer_org_type, '') NULLS FIRST""")
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
                SELECT coalesce(sum(paid_premium), 0), coalesce(sum(refunded), 0) FROM policy_tally
                 WHERE plan_id = $1 AND county_code LIKE $2 || '%'""")
                .execute(Tuple.of(planId, counties))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new BigDecimal[] {row.getBigDecimal(0).setScale(2), row.getBigDecimal(1).setScale(2)};
                });
    }

    /**
     * One row of claim totals: counts, payouts, and payouts per liability, from the tallies. {@code counties} narrows to
     * settlements of people of a region; empty for all (with those of people the bureau has no record of).
     */
    public Uni<Row> claimTotals(SqlClient client, long planId, String counties) {
        return client.preparedQuery("""
                SELECT coalesce(sum(settlements), 0)::bigint, coalesce(sum(eligible), 0)::bigint,
                       coalesce(sum(reversals), 0)::bigint, coalesce(sum(payout), 0), coalesce(sum(paying), 0)::bigint,
                       coalesce(sum(in_policy), 0), coalesce(sum(in_policy_n), 0)::bigint,
                       coalesce(sum(out_policy), 0), coalesce(sum(out_policy_n), 0)::bigint
                  FROM settlement_tally
                 WHERE plan_id = $1 AND county_code LIKE $2 || '%'""")
                .execute(Tuple.of(planId, counties))
                .map(rows -> rows.iterator().next());
    }

    public Uni<List<Reports.Amount>> byCareType(SqlClient client, long planId, String counties) {
        return client.preparedQuery("""
                SELECT care_type, sum(settled)::bigint, sum(payout)
                  FROM settlement_tally
                 WHERE plan_id = $1 AND county_code LIKE $2 || '%'
                 GROUP BY care_type
                HAVING sum(settlements) <> 0
                 ORDER BY care_type""")
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
                SELECT insurer, sum(premium), sum(claims)
                  FROM journal_tally
                 WHERE plan_id = $1 AND county_code LIKE $2 || '%'
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
