package org.huimin.ledger;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.common.Viewer;
import org.huimin.common.db.Transactions;
import org.huimin.plan.Plan;
import org.huimin.plan.PlanService;

import io.smallrye.mutiny.Uni;

/**
 * Insurer accounts and the ledger verification of a plan, for whoever may see it: operators all of it, regulators
 * the plans of their region, an insurer the plans it is in and only its own line ({@code 404} otherwise).
 */
@ApplicationScoped
public class LedgerService {

    private final Transactions transactions;
    private final LedgerRepository ledger;
    private final PlanService plans;

    public LedgerService(Transactions transactions, LedgerRepository ledger, PlanService plans) {
        this.transactions = transactions;
        this.ledger = ledger;
        this.plans = plans;
    }

    public Uni<InsurerAccounts> accounts(String code, Viewer viewer) {
        return plans.scope(code, viewer).chain(scope -> transactions.longRead(client -> ledger.sums(client, scope.plan().id()))
                .map(sums -> InsurerAccounts.of(scope.plan().code(), visibleInsurers(scope.plan(), viewer), sums)));
    }

    public Uni<Verification> verification(String code, Viewer viewer) {
        return plans.scope(code, viewer).chain(scope -> transactions.snapshot(client -> Uni.combine().all()
                .unis(ledger.figures(client, scope.plan().id()), ledger.sums(client, scope.plan().id())).asTuple())
                .map(read -> Verification.of(scope.plan().code(), read.getItem1(), InsurerAccounts.of(scope.plan().code(),
                        scope.plan().insurers().stream().map(Plan.Insurer::code).toList(), read.getItem2()))));
    }

    private static List<String> visibleInsurers(Plan plan, Viewer viewer) {
        return plan.insurers().stream().map(Plan.Insurer::code).filter(viewer::sees).toList();
    }
}
