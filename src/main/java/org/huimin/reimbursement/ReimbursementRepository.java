package org.huimin.reimbursement;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Reimbursements: the claimant's and the insured's own, the lead insurer's queue, the overdue count. */
@ApplicationScoped
public class ReimbursementRepository implements PanacheRepositoryBase<Reimbursement, UUID> {

    public Uni<Reimbursement> byKey(String claimant, String idempotencyKey) {
        return find("claimantIdNumber = ?1 and idempotencyKey = ?2", claimant, idempotencyKey).firstResult();
    }

    /** The claims a person made or that are about them, newest first. */
    public Uni<List<Reimbursement>> ofPerson(String idNumber) {
        return list("claimantIdNumber = ?1 or idNumber = ?1 order by submittedAt desc, id", idNumber);
    }

    /** Live claims (not rejected) of a person whose stay overlaps the given one. */
    public Uni<Long> overlapping(String idNumber, LocalDate admission, LocalDate discharge) {
        return count("idNumber = :id and status <> 'REJECTED' and admissionDate <= :discharge and dischargeDate >= :admission",
                Parameters.with("id", idNumber).and("admission", admission).and("discharge", discharge));
    }

    /**
     * The queue of the plans {@code plans}: oldest decision date first, after the cursor ({@code afterDue},
     * {@code afterId}); {@code status} and {@code overdueOn} (only what is overdue on that day) narrow it.
     */
    public Uni<List<Reimbursement>> queue(Collection<Long> plans, String status, LocalDate overdueOn, LocalDate afterDue,
            UUID afterId, int limit) {
        StringBuilder query = new StringBuilder("planId in :plans");
        Parameters parameters = Parameters.with("plans", plans);
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        if (overdueOn != null) {
            query.append(" and ((status in ('SUBMITTED', 'PENDING_SECOND_REVIEW') and decisionDueBy < :today)"
                    + " or (status = 'APPROVED' and paymentDueBy < :today))");
            parameters.and("today", overdueOn);
        }
        if (afterDue != null) {
            query.append(" and (decisionDueBy > :afterDue or (decisionDueBy = :afterDue and id > :afterId))");
            parameters.and("afterDue", afterDue).and("afterId", afterId);
        }
        query.append(" order by decisionDueBy, id");
        return find(query.toString(), parameters).page(0, limit).list();
    }

    /** Claims past their decision or payment date, on {@code today}: the gauge behind the alert. */
    public Uni<Long> overdue(LocalDate today) {
        return count("(status in ('SUBMITTED', 'PENDING_SECOND_REVIEW') and decisionDueBy < ?1)"
                + " or (status = 'APPROVED' and paymentDueBy < ?1)", today);
    }
}
