package org.huimin.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.common.Money;
import org.huimin.common.db.Transactions;
import org.huimin.common.Viewer;
import org.huimin.plan.Plan;
import org.huimin.plan.PlanService;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Statistics for the bureau, regulators, operators and insurers. Who sees what: the bureau and regulators the counties
 * of their region only (a plan outside it is {@code 404}); an insurer only the plans it is in, and its own share only.
 */
@ApplicationScoped
public class ReportService {

    private final Transactions transactions;
    private final ReportRepository reports;
    private final PlanService plans;

    public ReportService(Transactions transactions, ReportRepository reports, PlanService plans) {
        this.transactions = transactions;
        this.reports = reports;
        this.plans = plans;
    }

    public Uni<Reports.Enrolment> enrolment(String code, Viewer viewer) {
        // Each section one statement over the tallies (a few hundred rows whatever the plan's size), in parallel.
        return scope(code, viewer).chain(scope -> Uni.combine().all().unis(
                transactions.read(client -> reports.counties(client, scope.plan().id(), scope.counties())),
                transactions.read(client -> reports.channels(client, scope.plan().id(), scope.counties())),
                transactions.read(client -> reports.premium(client, scope.plan().id(), scope.counties()))).asTuple().map(read -> {
                    long members = read.getItem1().stream().mapToLong(Reports.County::members).sum();
                    long enrolled = read.getItem1().stream().mapToLong(Reports.County::enrolled).sum();
                    BigDecimal[] premium = read.getItem3();
                    return new Reports.Enrolment(scope.plan().code(), read.getItem1(), read.getItem2(),
                            new Reports.EnrolmentTotals(members, enrolled, rate(enrolled, members), premium[0], premium[1],
                                    premium[0].subtract(premium[1])));
                }));
    }

    public Uni<Reports.Claims> claims(String code, Viewer viewer) {
        return scope(code, viewer).chain(scope -> {
            String counties = viewer.regionScoped() ? scope.counties() : "";
            return Uni.combine().all().unis(
                    transactions.read(client -> reports.claimTotals(client, scope.plan().id(), counties)),
                    transactions.read(client -> reports.byCareType(client, scope.plan().id(), counties)),
                    transactions.read(client -> reports.premium(client, scope.plan().id(), scope.counties())),
                    transactions.read(client -> reports.insurerShares(client, scope.plan().id(), counties))).asTuple()
                    .map(read -> claims(scope.plan(), read.getItem1(), read.getItem2(), read.getItem3(), read.getItem4(),
                            viewer));
        });
    }

    private static Reports.Claims claims(Plan plan, Row t, List<Reports.Amount> byCare, BigDecimal[] premium,
            java.util.Map<String, BigDecimal[]> booked, Viewer viewer) {
        BigDecimal payout = t.getBigDecimal(3).setScale(2);
        long paidSettlements = t.getLong(4);
        BigDecimal netPremium = premium[0].subtract(premium[1]);
        List<Reports.Amount> byLiability = List.of(
                new Reports.Amount("IN_POLICY", t.getLong(6), t.getBigDecimal(5).setScale(2)),
                new Reports.Amount("OUT_OF_POLICY", t.getLong(8), t.getBigDecimal(7).setScale(2)));
        List<Reports.Share> shares = new ArrayList<>();
        for (Plan.Insurer insurer : plan.insurers()) {
            if (viewer.sees(insurer.code())) {
                BigDecimal[] sums = booked.getOrDefault(insurer.code(), new BigDecimal[] {Money.ZERO, Money.ZERO});
                shares.add(new Reports.Share(insurer.code(), insurer.share(), sums[0], sums[1]));
            }
        }
        return new Reports.Claims(plan.code(), t.getLong(0), t.getLong(1), t.getLong(2), payout,
                paidSettlements == 0 ? Money.ZERO : payout.divide(BigDecimal.valueOf(paidSettlements), 2, RoundingMode.HALF_UP),
                netPremium, netPremium.signum() == 0 ? null : payout.divide(netPremium, 4, RoundingMode.HALF_UP),
                byLiability, byCare, shares);
    }

    private Uni<PlanService.Scope> scope(String code, Viewer viewer) {
        return plans.scope(code, viewer);
    }

    /** enrolled / members to four decimals (0.6667 is 66.67 %); 0 when there are no members. */
    static BigDecimal rate(long enrolled, long members) {
        return members == 0 ? BigDecimal.ZERO.setScale(4)
                : BigDecimal.valueOf(enrolled).divide(BigDecimal.valueOf(members), 4, RoundingMode.HALF_UP);
    }
}
