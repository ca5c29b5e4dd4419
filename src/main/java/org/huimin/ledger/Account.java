package org.huimin.ledger;

/**
 * The chart of accounts, kept per plan and per insurer. A debit is a positive amount, a credit a negative one; an asset
 * or expense grows by debits, a liability or income by credits.
 */
public enum Account {
    /** Asset: the insurer's money — premium in; refunds and payments to hospitals and members out. */
    CASH,
    /** Income: premium received (credit). */
    PREMIUM_INCOME,
    /** Contra-income: premium given back by a completed cancellation refund (debit). */
    PREMIUM_REFUNDS,
    /** Liability: money that arrived for an order that no longer took it, held until it is refunded. */
    UNAPPLIED_RECEIPTS,
    /** Expense: payouts of desk settlements (debit). */
    CLAIMS_SETTLED,
    /** Contra-expense: payouts given back by reversals (credit). */
    CLAIMS_REVERSED,
    /** Expense: payouts of approved online claims (debit). */
    CLAIMS_REIMBURSED,
    /** Liability: owed to hospitals for the payouts they advanced at discharge, until paid by clearing. */
    HOSPITAL_PAYABLE,
    /** Liability: owed to members for approved online claims, until paid. */
    MEMBER_PAYABLE
}
