package org.huimin.plan;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.huimin.audit.AuditLog;
import org.huimin.common.ApiException;
import org.huimin.common.BusinessClock;
import org.huimin.common.FieldError;

import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PlanService {

    @Inject
    PlanRepository plans;

    @Inject
    BusinessClock clock;

    @Inject
    AuditLog audit;

    public Uni<PlanView> create(PlanRequest request) {
        Plan plan = checked(request.toPlan(0));
        return plans.insert(plan).map(id -> {
            if (id == null) {
                throw ApiException.conflict("PLAN_CODE_EXISTS", "A plan with code " + plan.code() + " already exists.");
            }
            return PlanView.of(plan, clock.today());
        }).call(view -> audit.record(plans.pool(), "PLAN_CREATE", null, plan.code(), "CREATED"));
    }

    /**
     * Changes the terms while enrolment has not opened. The stored row is locked while the lock rule is checked,
     * so two concurrent updates apply one after the other, each against the terms the other left.
     */
    public Uni<PlanView> update(String code, PlanRequest request) {
        if (!code.equals(request.code())) {
            throw ApiException.unprocessable("PLAN_CODE_MISMATCH", "The body's code must equal the path's code.");
        }
        Plan plan = checked(request.toPlan(0));
        return plans.pool().withTransaction(tx -> plans.findByCode(tx, code, true).chain(stored -> {
            if (stored == null) {
                throw notFound(code);
            }
            if (stored.termsLockedOn(clock.today())) {
                throw ApiException.conflict("PLAN_TERMS_LOCKED",
                        "Enrolment opened on " + stored.enrolmentOpens() + "; the plan's terms can no longer change.");
            }
            return plans.update(tx, plan).chain(() -> audit.record(tx, "PLAN_UPDATE", null, code, "UPDATED"))
                    .map(done -> PlanView.of(plan, clock.today()));
        }));
    }

    public Uni<PlanView> get(String code) {
        return plans.findByCode(code).map(plan -> {
            if (plan == null) {
                throw notFound(code);
            }
            return PlanView.of(plan, clock.today());
        });
    }

    public Uni<List<PlanView>> list(String region, Integer year) {
        return plans.list(region, year).map(list -> list.stream().map(p -> PlanView.of(p, clock.today())).toList());
    }

    public static ApiException notFound(String code) {
        return ApiException.notFound("PLAN_NOT_FOUND", "No plan with code " + code + ".");
    }

    private static Plan checked(Plan plan) {
        List<FieldError> errors = PlanRules.check(plan);
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("PLAN_TERMS_INCONSISTENT", "The plan's terms are inconsistent.", errors);
        }
        return plan;
    }
}
