package org.huimin.ledger;

/** What caused an entry; with the source's id it identifies the entry, so an event books once. */
public enum EntryKind {
    /** A policy's premium, when its order is paid (source: the policy). */
    PREMIUM,
    /** A completed cancellation refund (source: the refund). */
    PREMIUM_REFUND,
    /** Money that arrived for an expired or withdrawn order (source: the refund that returns it). */
    LATE_RECEIPT,
    /** That money, returned (source: the refund). */
    LATE_REFUND,
    /** A desk settlement's payout (source: the settlement). */
    SETTLEMENT,
    /** Its reversal, mirroring its lines (source: the settlement). */
    REVERSAL,
    /** An approved online claim's payout (source: the claim). */
    ONLINE_CLAIM,
    /** The payment of an online claim to the member (source: the claim). */
    MEMBER_PAYMENT,
    /** An insurer's payment of its part of a clearing statement (source: the part). */
    HOSPITAL_PAYMENT
}
