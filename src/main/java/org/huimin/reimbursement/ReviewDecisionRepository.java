package org.huimin.reimbursement;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ReviewDecisionRepository implements PanacheRepositoryBase<ReviewDecision, Long> {

    public Uni<List<ReviewDecision>> ofReimbursement(UUID reimbursementId) {
        return list("reimbursementId = ?1 order by id", reimbursementId);
    }
}
