package org.huimin.enrolment;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.balance.BalancesCodec;
import org.huimin.balance.Remaining;
import org.huimin.common.BusinessClock;
import org.huimin.common.db.Transactions;
import org.huimin.common.MedicalDataAccess;
import org.huimin.plan.Plan;
import org.huimin.plan.PlanRepository;

import io.smallrye.mutiny.Uni;

/**
 * {@code GET /api/v1/me/policies}: the caller's own policies and those the caller paid for, nobody else's. Balances
 * reveal medical spending, so they are shown for the caller's own policies and for their children under 18 whose
 * policy they paid as CHILD; another adult's policy the caller paid for shows number, status, tax code and benefit
 * start only.
 */
@ApplicationScoped
public class MyPoliciesService {

    private final Transactions transactions;
    private final PolicyRepository policies;
    private final PlanRepository plans;
    private final BalancesCodec codec;
    private final BusinessClock clock;

    public MyPoliciesService(Transactions transactions, PolicyRepository policies, PlanRepository plans, BalancesCodec codec,
            BusinessClock clock) {
        this.transactions = transactions;
        this.policies = policies;
        this.plans = plans;
        this.codec = codec;
        this.clock = clock;
    }

    public Uni<List<EnrolmentAnswers.MyPolicy>> of(String idNumber) {
        LocalDate today = clock.today();
        return transactions.read(client -> policies.heldOrPaidBy(client, idNumber).chain(held -> {
            Set<Long> planIds = held.stream().map(PolicyRepository.Held::planId).collect(Collectors.toSet());
            return plans.findByIds(client, planIds).map(list -> held.stream()
                    .map(p -> view(p, list.stream().filter(plan -> plan.id() == p.planId()).findFirst().orElseThrow(),
                            idNumber, today))
                    .toList());
        }));
    }

    private EnrolmentAnswers.MyPolicy view(PolicyRepository.Held p, Plan plan, String caller, LocalDate today) {
        boolean paidByMe = caller.equals(p.payerIdNumber());
        if (!MedicalDataAccess.seenBy(caller, p.idNumber(), p.payerIdNumber(), p.relation() == Relation.CHILD, today)) {
            return new EnrolmentAnswers.MyPolicy(p.policyNumber(), plan.code(), plan.name(), p.idNumber(), p.name(),
                    p.relation(), p.status(), p.premium(), p.payerType(), paidByMe, p.orderId(), p.taxCode(),
                    p.benefitsFrom(), plan.coverageStarts(), plan.coverageEnds(), null, null);
        }
        Remaining remaining = "ACTIVE".equals(p.status())
                ? codec.balances(p.deductiblesUsed(), p.capsUsed()).remaining(plan) : null;
        return new EnrolmentAnswers.MyPolicy(p.policyNumber(), plan.code(), plan.name(), p.idNumber(), p.name(),
                p.relation(), p.status(), p.premium(), p.payerType(), paidByMe, p.orderId(), p.taxCode(),
                p.benefitsFrom(), plan.coverageStarts(), plan.coverageEnds(),
                new EnrolmentAnswers.Consent(true, p.consentAt(), p.guardianConsentAt()), remaining);
    }
}
