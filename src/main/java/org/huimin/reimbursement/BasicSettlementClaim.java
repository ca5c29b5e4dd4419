package org.huimin.reimbursement;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A basic-insurance settlement (医保结算ID) held by whoever pays it: an eligible desk settlement or a live online claim.
 * Its primary key is what makes a second payment impossible — two claims for one settlement race on it and one wins.
 * Desk settlements write the same table on their SQL path ({@code BasicSettlementRepository}).
 */
@Entity
@Table(name = "basic_settlement_claim")
public class BasicSettlementClaim {

    @Id
    @Column(name = "basic_settlement_id")
    public String basicSettlementId;

    public String holder;

    @Column(name = "claimed_at")
    public Instant claimedAt;

    static String holderOf(java.util.UUID reimbursementId) {
        return "online:" + reimbursementId;
    }
}
