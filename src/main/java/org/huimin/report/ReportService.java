package org.huimin.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.huimin.claim.Decision;
import org.huimin.claim.PayoutCalculator;
import org.huimin.common.Money;
import org.huimin.plan.Plan;
import org.huimin.plan.PlanRepository;
import org.huimin.plan.PlanService;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Statistics by aggregate SQL (one query per section, no loop over rows in Java). The insurers' split of premium
 * and payouts uses the same rule as a settlement: half-up per insurer, the rounding cent to the lead.
 */
@ApplicationScoped
public class ReportService {

    @Inject
    Pool pool;

    @Inject
    PlanRepository plans;

    public Uni<Reports.Enrolment> enrolment(String code) {
        return plan(code).chain(plan -> pool.preparedQuery("""
                WITH members AS (
                    SELECT county_code, count(*) AS n FROM participant
                     WHERE status = 'ACTIVE' AND county_code LIKE $2 || '%' GROUP BY county_code),
                enrolled AS (
                    SELECT pa.county_code, count(*) AS n FROM policy po
                      JOIN participant pa ON pa.id_number = po.id_number
                     WHERE po.plan_id = $1 AND po.status = 'ACTIVE' GROUP BY pa.county_code)
                SELECT coalesce(m.county_code, e.county_code) AS county, coalesce(m.n, 0), coalesce(e.n, 0)
                  FROM members m FULL JOIN enrolled e ON e.county_code = m.county_code
                 ORDER BY 1""")
                .execute(Tuple.of(plan.id(), Plan.regionPrefix(plan.region())))
                .chain(countyRows -> pool.preparedQuery("""
                        SELECT o.payer_type, o.payer_org_type, count(*) FILTER (WHERE po.status = 'ACTIVE'),
                               coalesce(sum(po.premium) FILTER (WHERE po.status = 'ACTIVE'), 0)
                          FROM policy po JOIN enrolment_order o ON o.id = po.order_id
                         WHERE po.plan_id = $1
                         GROUP BY o.payer_type, o.payer_org_type
                         ORDER BY o.payer_type, o.payer_org_type NULLS FIRST""")
                        .execute(Tuple.of(plan.id()))
                        .chain(channelRows -> premium(plan.id()).map(premium -> {
                            List<Reports.County> counties = new ArrayList<>();
                            long members = 0;
                            long enrolled = 0;
                            for (Row row : countyRows) {
                                counties.add(new Reports.County(row.getString(0).strip(), row.getLong(1), row.getLong(2),
                                        rate(row.getLong(2), row.getLong(1))));
                                members += row.getLong(1);
                                enrolled += row.getLong(2);
                            }
                            List<Reports.Channel> channels = new ArrayList<>();
                            for (Row row : channelRows) {
                                channels.add(new Reports.Channel(row.getString(0), row.getString(1), row.getLong(2),
                                        row.getBigDecimal(3).setScale(2)));
                            }
                            return new Reports.Enrolment(plan.code(), counties, channels, new Reports.EnrolmentTotals(
                                    members, enrolled, rate(enrolled, members), premium[0], premium[1],
                                    premium[0].subtract(premium[1])));
                        }))));
    }

    public Uni<Reports.Claims> claims(String code, String onlyInsurer) {
        return plan(code).chain(plan -> pool.preparedQuery("""
                SELECT count(*), count(*) FILTER (WHERE eligible), count(*) FILTER (WHERE status = 'REVERSED'),
                       coalesce(sum(payout) FILTER (WHERE status = 'SETTLED'), 0),
                       count(*) FILTER (WHERE eligible AND status = 'SETTLED'),
                       coalesce(sum((consumed->'caps'->>'IN_POLICY')::numeric) FILTER (WHERE status = 'SETTLED'), 0),
                       count(*) FILTER (WHERE status = 'SETTLED' AND (consumed->'caps'->>'IN_POLICY')::numeric > 0),
                       coalesce(sum((consumed->'caps'->>'OUT_OF_POLICY')::numeric) FILTER (WHERE status = 'SETTLED'), 0),
                       count(*) FILTER (WHERE status = 'SETTLED' AND (consumed->'caps'->>'OUT_OF_POLICY')::numeric > 0)
                  FROM settlement WHERE plan_id = $1""")
                .execute(Tuple.of(plan.id()))
                .chain(totals -> pool.preparedQuery("""
                        SELECT care_type, count(*) FILTER (WHERE status = 'SETTLED'),
                               coalesce(sum(payout) FILTER (WHERE status = 'SETTLED'), 0)
                          FROM settlement WHERE plan_id = $1 GROUP BY care_type ORDER BY care_type""")
                        .execute(Tuple.of(plan.id()))
                        .chain(careRows -> premium(plan.id()).map(premium -> {
                            Row t = totals.iterator().next();
                            BigDecimal payout = t.getBigDecimal(3).setScale(2);
                            long paidSettlements = t.getLong(4);
                            BigDecimal netPremium = premium[0].subtract(premium[1]);
                            List<Reports.Amount> byLiability = List.of(
                                    new Reports.Amount("IN_POLICY", t.getLong(6), t.getBigDecimal(5).setScale(2)),
                                    new Reports.Amount("OUT_OF_POLICY", t.getLong(8), t.getBigDecimal(7).setScale(2)));
                            List<Reports.Amount> byCare = new ArrayList<>();
                            careRows.forEach(row -> byCare.add(new Reports.Amount(row.getString(0), row.getLong(1),
                                    row.getBigDecimal(2).setScale(2))));
                            List<Decision.InsurerShare> premiumShares = PayoutCalculator.insurerShares(plan, netPremium);
                            List<Decision.InsurerShare> payoutShares = PayoutCalculator.insurerShares(plan, payout);
                            List<Reports.Share> shares = new ArrayList<>();
                            for (int i = 0; i < plan.insurers().size(); i++) {
                                String insurer = plan.insurers().get(i).code();
                                if (onlyInsurer == null || onlyInsurer.equals(insurer)) {
                                    shares.add(new Reports.Share(insurer, plan.insurers().get(i).share(),
                                            premiumShares.get(i).amount(), payoutShares.get(i).amount()));
                                }
                            }
                            return new Reports.Claims(plan.code(), t.getLong(0), t.getLong(1), t.getLong(2), payout,
                                    paidSettlements == 0 ? Money.ZERO
                                            : payout.divide(BigDecimal.valueOf(paidSettlements), 2, RoundingMode.HALF_UP),
                                    netPremium,
                                    netPremium.signum() == 0 ? null : payout.divide(netPremium, 4, RoundingMode.HALF_UP),
                                    byLiability, byCare, shares);
                        }))));
    }

    /** [premium collected (paid orders), premium refunded]. */
    private Uni<BigDecimal[]> premium(long planId) {
        return pool.preparedQuery("""
                SELECT (SELECT coalesce(sum(amount), 0) FROM enrolment_order WHERE plan_id = $1 AND status = 'PAID'),
                       (SELECT coalesce(sum(r.amount), 0) FROM refund r JOIN policy po ON po.id = r.policy_id
                         WHERE po.plan_id = $1)""")
                .execute(Tuple.of(planId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new BigDecimal[] {row.getBigDecimal(0).setScale(2), row.getBigDecimal(1).setScale(2)};
                });
    }

    private Uni<Plan> plan(String code) {
        return plans.findByCode(code).map(plan -> {
            if (plan == null) {
                throw PlanService.notFound(code);
            }
            return plan;
        });
    }

    /** enrolled / members to four decimals (0.6667 is 66.67 %); 0 when there are no members. */
    static BigDecimal rate(long enrolled, long members) {
        return members == 0 ? BigDecimal.ZERO.setScale(4)
                : BigDecimal.valueOf(enrolled).divide(BigDecimal.valueOf(members), 4, RoundingMode.HALF_UP);
    }
}
