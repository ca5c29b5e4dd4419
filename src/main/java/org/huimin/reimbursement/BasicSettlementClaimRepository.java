package org.huimin.reimbursement;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

/** The online side of {@code basic_settlement_claim}; desk settlements use {@code BasicSettlementRepository}. */
@ApplicationScoped
public class BasicSettlementClaimRepository implements PanacheRepositoryBase<BasicSettlementClaim, String> {
}
