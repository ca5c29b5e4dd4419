package org.huimin.reimbursement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An online claim (线上理赔) and where its review stands. The workflow's steps load and change it as an entity; the
 * approval and the payment — which must move balances and money in the same transaction as desk settlements do — change
 * it on the settlement's SQL path ({@link ApprovalRepository}), bumping {@link #version} like Hibernate would.
 */
@Entity
@Table(name = "reimbursement")
public class Reimbursement {

    @Id
    public UUID id;

    @Version
    public int version;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "claimant_id_number", length = 18)
    public String claimantIdNumber;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "id_number", length = 18)
    public String idNumber;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "request_hash", length = 64)
    public String requestHash;

    @Column(name = "plan_id")
    public long planId;

    @Column(name = "policy_id")
    public long policyId;

    @Column(name = "care_type")
    public String careType;

    @Column(name = "hospital_name")
    public String hospitalName;

    @Column(name = "hospital_code")
    public String hospitalCode;

    public boolean offsite;

    @Column(name = "admission_date")
    public LocalDate admissionDate;

    @Column(name = "discharge_date")
    public LocalDate dischargeDate;

    @Column(name = "basic_settlement_id")
    public String basicSettlementId;

    @Column(name = "total_amount")
    public BigDecimal totalAmount;

    @Column(name = "basic_fund_paid")
    public BigDecimal basicFundPaid;

    @Column(name = "critical_illness_paid")
    public BigDecimal criticalIllnessPaid;

    @Column(name = "medical_assistance_paid")
    public BigDecimal medicalAssistancePaid;

    @Column(name = "other_fund_paid")
    public BigDecimal otherFundPaid;

    @Column(name = "in_policy_self_pay")
    public BigDecimal inPolicySelfPay;

    @Column(name = "out_of_policy_self_pay")
    public BigDecimal outOfPolicySelfPay;

    @Column(name = "over_limit_self_pay")
    public BigDecimal overLimitSelfPay;

    @Column(name = "adjusted_amounts", columnDefinition = "text")
    public String adjustedAmounts;

    @Column(name = "payee_name")
    public String payeeName;

    @Column(name = "payee_bank")
    public String payeeBank;

    @Column(name = "payee_account")
    public String payeeAccount;

    public String status;

    /** Comma-separated (OVERLAPPING_STAY, OFFSITE …). */
    @Column(columnDefinition = "text")
    public String flags;

    /** The estimate answered at submission (JSON). */
    @Column(columnDefinition = "text")
    public String estimate;

    public String reason;

    @Column(name = "first_approver")
    public String firstApprover;

    public BigDecimal payout;

    /** The approval's answer (JSON): payout, breakdown, remaining, insurer shares. */
    @Column(columnDefinition = "text")
    public String approval;

    @Column(columnDefinition = "text")
    public String consumed;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "decision_due_by")
    public LocalDate decisionDueBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "payment_due_by")
    public LocalDate paymentDueBy;

    @Column(name = "transaction_id")
    public String transactionId;

    @Column(name = "paid_at")
    public Instant paidAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The claim as submitted (the nine amounts), for the computation. */
    public Claimed claimed() {
        return new Claimed(totalAmount, basicFundPaid, criticalIllnessPaid, medicalAssistancePaid, otherFundPaid,
                inPolicySelfPay, outOfPolicySelfPay, overLimitSelfPay);
    }
}
