package org.huimin.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.huimin.common.Pure;
import org.huimin.plan.InsurerSplit;

/**
 * One entry of the double-entry journal: what caused it ({@link EntryKind} and the source's id), and its lines. Every
 * entry is built here from an insurer split, as one debit and one credit of the same amount per insurer, so it balances
 * per insurer by construction (and the database checks it again). Insurer {@code i}'s pair is lines {@code 2i+1} and
 * {@code 2i+2}, whether or not an earlier insurer's part was zero (V8's migration numbers them the same way). Pure.
 */
@Pure
public record JournalEntry(EntryKind kind, long sourceId, String countyCode, String hospitalCode, String channel,
        List<Line> lines) {

    /** A line: debit positive, credit negative. */
    public record Line(int line, Account account, String insurer, BigDecimal amount) {
    }

    /** A policy's premium, split when its order is paid: cash in, premium income. */
    public static JournalEntry premium(long policyId, List<InsurerSplit.Part> split, String county, String channel) {
        return pairs(EntryKind.PREMIUM, policyId, county, null, channel, split, Account.CASH, Account.PREMIUM_INCOME);
    }

    /** A completed cancellation refund: premium given back, cash out. */
    public static JournalEntry premiumRefund(long refundId, List<InsurerSplit.Part> split, String county, String channel) {
        return pairs(EntryKind.PREMIUM_REFUND, refundId, county, null, channel, split, Account.PREMIUM_REFUNDS, Account.CASH);
    }

    /** Late money, held by the lead insurer (it arrives in the lead's account) until refunded. */
    public static JournalEntry lateReceipt(long refundId, String lead, BigDecimal amount, String channel) {
        return pairs(EntryKind.LATE_RECEIPT, refundId, null, null, channel, List.of(new InsurerSplit.Part(lead, amount)),
                Account.CASH, Account.UNAPPLIED_RECEIPTS);
    }

    public static JournalEntry lateRefund(long refundId, String lead, BigDecimal amount, String channel) {
        return pairs(EntryKind.LATE_REFUND, refundId, null, null, channel, List.of(new InsurerSplit.Part(lead, amount)),
                Account.UNAPPLIED_RECEIPTS, Account.CASH);
    }

    /** A settlement's payout, as split in its answer: the claim expense, owed to the hospital that advanced it. */
    public static JournalEntry settlement(long settlementId, List<InsurerSplit.Part> split, String county, String hospital) {
        return pairs(EntryKind.SETTLEMENT, settlementId, county, hospital, null, split, Account.CLAIMS_SETTLED,
                Account.HOSPITAL_PAYABLE);
    }

    /** An approved online claim's payout: the claim expense, owed to the member. */
    public static JournalEntry onlineClaim(long claimId, List<InsurerSplit.Part> split, String county) {
        return pairs(EntryKind.ONLINE_CLAIM, claimId, county, null, null, split, Account.CLAIMS_REIMBURSED,
                Account.MEMBER_PAYABLE);
    }

    /** The member paid: what each insurer owed them, out of its cash (the lead transfers it on the consortium's behalf). */
    public static JournalEntry memberPayment(long claimId, List<InsurerSplit.Part> split, String county) {
        return pairs(EntryKind.MEMBER_PAYMENT, claimId, county, null, null, split, Account.MEMBER_PAYABLE, Account.CASH);
    }

    /** An insurer pays its part of a clearing statement to the hospital (a negative part: the hospital pays back). */
    public static JournalEntry hospitalPayment(long partId, String insurer, BigDecimal amount, String hospital) {
        return pairs(EntryKind.HOSPITAL_PAYMENT, partId, null, hospital, null, List.of(new InsurerSplit.Part(insurer, amount)),
                Account.HOSPITAL_PAYABLE, Account.CASH);
    }

    private static JournalEntry pairs(EntryKind kind, long sourceId, String county, String hospital, String channel,
            List<InsurerSplit.Part> split, Account debit, Account credit) {
        List<Line> lines = new ArrayList<>(split.size() * 2);
        for (int i = 0; i < split.size(); i++) {
            InsurerSplit.Part part = split.get(i);
            if (part.amount().signum() != 0) {
                lines.add(new Line(2 * i + 1, debit, part.insurer(), part.amount()));
                lines.add(new Line(2 * i + 2, credit, part.insurer(), part.amount().negate()));
            }
        }
        return new JournalEntry(kind, sourceId, county, hospital, channel, List.copyOf(lines));
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }
}
