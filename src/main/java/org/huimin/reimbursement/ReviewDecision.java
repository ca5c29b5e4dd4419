package org.huimin.reimbursement;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One decision on a claim, by whom (the reviewer's token subject), kept for ever in order. */
@Entity
@Table(name = "review_decision")
public class ReviewDecision {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "reimbursement_id")
    public UUID reimbursementId;

    public String reviewer;

    public String decision;

    public String reason;

    @Column(name = "adjusted_amounts", columnDefinition = "text")
    public String adjustedAmounts;

    public String outcome;

    @Column(name = "decided_at")
    public Instant decidedAt;
}
