package org.huimin.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.huimin.common.Money;
import org.huimin.common.Pure;

/**
 * {@code GET /api/v1/ledger/verification}: DOMAIN.md "Money", recomputed for a plan from the business records and
 * compared with the journal. Pure: the figures are read by {@link LedgerRepository}; the comparison is here.
 */
@Pure
public record Verification(String plan, boolean balanced, List<Check> checks) {

    /** One comparison; {@code ok} when {@code actual} equals {@code expected} (for "at least" checks, is not below it). */
    public record Check(String name, BigDecimal expected, BigDecimal actual, boolean ok) {
        static Check equal(String name, BigDecimal expected, BigDecimal actual) {
            return new Check(name, expected.setScale(2), actual.setScale(2), expected.compareTo(actual) == 0);
        }

        static Check atLeast(String name, BigDecimal floor, BigDecimal actual) {
            return new Check(name, floor.setScale(2), actual.setScale(2), actual.compareTo(floor) >= 0);
        }
    }

    /** What the business records say, and what the journal holds, for one plan. */
    public record Figures(BigDecimal journalTotal, long unbalancedEntries, BigDecimal paidOrders,
            BigDecimal completedRefunds, BigDecimal settlementPayouts, BigDecimal reversedPayouts,
            BigDecimal approvedOnlineClaims, BigDecimal lowestOwed, List<HospitalClearing> hospitals) {
    }

    /** A hospital's reconciliation nets up to the last clearing run's cut-off, and its statements' nets. */
    public record HospitalClearing(String hospital, BigDecimal reconciled, BigDecimal statements) {
    }

    public static Verification of(String plan, Figures f, InsurerAccounts accounts) {
        List<Check> checks = new ArrayList<>();
        checks.add(Check.equal("journal balanced (debits minus credits)", Money.ZERO, f.journalTotal()));
        checks.add(Check.equal("entries that do not balance", Money.ZERO, BigDecimal.valueOf(f.unbalancedEntries())));
        checks.add(Check.equal("net premium over insurers = paid orders - completed refunds",
                f.paidOrders().subtract(f.completedRefunds()), accounts.totals().premium().net()));
        checks.add(Check.equal("claims incurred over insurers = settlement payouts - reversed payouts + approved online claims",
                f.settlementPayouts().subtract(f.reversedPayouts()).add(f.approvedOnlineClaims()),
                accounts.totals().claims().incurred()));
        for (HospitalClearing h : f.hospitals()) {
            checks.add(Check.equal("hospital " + h.hospital() + ": statements' nets = reconciliation nets up to the last run",
                    h.reconciled(), h.statements()));
        }
        checks.add(Check.atLeast("nothing owed is negative (lowest balance owed to a hospital or member)", Money.ZERO,
                f.lowestOwed()));
        return new Verification(plan, checks.stream().allMatch(Check::ok), List.copyOf(checks));
    }
}
