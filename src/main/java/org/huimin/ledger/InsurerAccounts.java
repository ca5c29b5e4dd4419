package org.huimin.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.huimin.common.Money;
import org.huimin.common.Pure;

/**
 * {@code GET /api/v1/insurer/accounts}: per insurer of a plan, what the journal says it received, gave back, incurred,
 * owes and paid — each figure a sum of its own lines. Pure: built from the sums per (insurer, account, kind).
 */
@Pure
public record InsurerAccounts(String plan, List<Line> insurers, Figures totals) {

    public record Premium(BigDecimal received, BigDecimal refunded, BigDecimal net) {
    }

    public record Claims(BigDecimal settlements, BigDecimal reversals, BigDecimal reimbursements, BigDecimal incurred) {
    }

    public record Parties(BigDecimal hospitals, BigDecimal members) {
    }

    public record Figures(Premium premium, Claims claims, Parties owed, Parties paid) {
    }

    /** One insurer's line (the figures flattened beside its code, as API.md shows them). */
    public record Line(String insurer, Premium premium, Claims claims, Parties owed, Parties paid) {
    }

    /** A sum of journal amounts (debit positive) of one insurer, account and entry kind. */
    public record Sum(String insurer, Account account, EntryKind kind, BigDecimal amount) {
    }

    /** The figures of each insurer in {@code insurers} (the plan's order), from the journal's sums. */
    public static InsurerAccounts of(String plan, List<String> insurers, List<Sum> sums) {
        List<Line> lines = new ArrayList<>();
        for (String insurer : insurers) {
            Figures f = figures(sums.stream().filter(s -> s.insurer().equals(insurer)).toList());
            lines.add(new Line(insurer, f.premium(), f.claims(), f.owed(), f.paid()));
        }
        Figures totals = figures(sums.stream().filter(s -> insurers.contains(s.insurer())).toList());
        return new InsurerAccounts(plan, lines, totals);
    }

    static Figures figures(List<Sum> sums) {
        BigDecimal received = credits(sums, Account.PREMIUM_INCOME, null);
        BigDecimal refunded = debits(sums, Account.PREMIUM_REFUNDS, null);
        BigDecimal settlements = debits(sums, Account.CLAIMS_SETTLED, null);
        BigDecimal reversals = credits(sums, Account.CLAIMS_REVERSED, null);
        BigDecimal reimbursements = debits(sums, Account.CLAIMS_REIMBURSED, null);
        return new Figures(
                new Premium(received, refunded, received.subtract(refunded)),
                new Claims(settlements, reversals, reimbursements, settlements.subtract(reversals).add(reimbursements)),
                new Parties(credits(sums, Account.HOSPITAL_PAYABLE, null), credits(sums, Account.MEMBER_PAYABLE, null)),
                new Parties(debits(sums, Account.HOSPITAL_PAYABLE, EntryKind.HOSPITAL_PAYMENT),
                        debits(sums, Account.MEMBER_PAYABLE, EntryKind.MEMBER_PAYMENT)));
    }

    /** The balance of an account, debit side positive (of entries of {@code kind} only, when given). */
    private static BigDecimal debits(List<Sum> sums, Account account, EntryKind kind) {
        return sums.stream().filter(s -> s.account() == account && (kind == null || s.kind() == kind))
                .map(Sum::amount).reduce(Money.ZERO, BigDecimal::add).setScale(2);
    }

    private static BigDecimal credits(List<Sum> sums, Account account, EntryKind kind) {
        return debits(sums, account, kind).negate();
    }
}
