package org.huimin.plan;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.audit.AuditLog;
import org.huimin.common.BusinessClock;
import org.huimin.common.FieldError;
import org.huimin.common.Refused;
import org.huimin.common.Region;
import org.huimin.common.Viewer;
import org.huimin.common.db.Transactions;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Yearly plans: created and changed by operators, read by anyone. */
@ApplicationScoped
public class PlanService {

    private final Transactions transactions;
    private final PlanRepository plans;
    private final BusinessClock clock;
    private final AuditLog audit;

    public PlanService(Transactions transactions, PlanRepository plans, BusinessClock clock, AuditLog audit) {
        this.transactions = transactions;
        this.plans = plans;
        this.clock = clock;
        this.audit = audit;
    }

    /** Creates a plan; the overlap check and the insert run under the plan-calendar lock (see the repository). */
    public Uni<PlanView> create(PlanRequest request) {
        Plan plan = checked(request.toPlan(0));
        return transactions.inTransaction(tx -> plans.lockPlanCalendar(tx)
                .chain(() -> refuseOverlap(tx, plan))
                .chain(() -> plans.insert(tx, plan))
                .chain(id -> {
                    if (id == null) {
                        throw Refused.conflict("PLAN_CODE_EXISTS", "A plan with code " + plan.code() + " already exists.");
                    }
                    return audit.change(tx, "PLAN_CREATE", null, plan.code(), "CREATED");
                }))
                .map(done -> PlanView.of(plan, clock.today()));
    }

    /**
     * Changes the terms while enrolment has not opened. The stored row is locked while the lock rule is checked, so
     * two concurrent updates apply one after the other, each against the terms the other left.
     */
    public Uni<PlanView> update(String code, PlanRequest request) {
        if (!code.equals(request.code())) {
            throw Refused.unprocessable("PLAN_CODE_MISMATCH", "The body's code must equal the path's code.");
        }
        Plan plan = checked(request.toPlan(0));
        return transactions.inTransaction(tx -> plans.lockPlanCalendar(tx)
                .chain(() -> plans.findByCode(tx, code, true))
                .chain(stored -> {
                    if (stored == null) {
                        throw notFound(code);
                    }
                    PlanRules.termsChangeable(stored, clock.today()).ifPresent(r -> {
                        throw r.refused();
                    });
                    return refuseOverlap(tx, plan)
                            .chain(() -> plans.update(tx, plan))
                            .chain(() -> audit.change(tx, "PLAN_UPDATE", null, code, "UPDATED"));
                }))
                .map(done -> PlanView.of(plan, clock.today()));
    }

    /** Extends the enrolment window (002: 根据需要可适当延长); the terms stay locked. */
    public Uni<PlanView> extendEnrolment(String code, LocalDate closes) {
        return transactions.inTransaction(tx -> plans.findByCode(tx, code, true).chain(stored -> {
            if (stored == null) {
                throw notFound(code);
            }
            PlanRules.windowExtension(stored, closes).ifPresent(r -> {
                throw r.refused();
            });
            Plan extended = stored.withEnrolmentCloses(closes);
            return plans.updateEnrolmentCloses(tx, stored.id(), closes)
                    .chain(() -> audit.change(tx, "PLAN_WINDOW_EXTEND", null, code, "CLOSES " + closes))
                    .map(done -> PlanView.of(extended, clock.today()));
        }));
    }

    public Uni<PlanView> get(String code) {
        return transactions.read(client -> plans.findByCode(client, code, false)).map(plan -> {
            if (plan == null) {
                throw notFound(code);
            }
            return PlanView.of(plan, clock.today());
        });
    }

    public Uni<List<PlanView>> list(String region, Integer year) {
        return transactions.read(client -> plans.list(client, region, year))
                .map(list -> list.stream().map(p -> PlanView.of(p, clock.today())).toList());
    }

    /** A plan by code for other features (null when unknown). */
    public Uni<Plan> find(SqlClient client, String code) {
        return plans.findByCode(client, code, false);
    }

    /** A plan as a viewer may see it: the plan, and the county-code prefix of the part they see. */
    public record Scope(Plan plan, String counties) {
    }

    /**
     * The plan {@code code} and the counties of it the viewer may see; {@code 404 PLAN_NOT_FOUND}, as if it did not exist,
     * when they may see none of it (an insurer not in it, a region that does not overlap it, a token without a region).
     */
    public Uni<Scope> scope(String code, Viewer viewer) {
        return transactions.read(client -> find(client, code)).map(plan -> {
            if (plan == null) {
                throw notFound(code);
            }
            if (viewer.insurer() != null && plan.insurers().stream().noneMatch(i -> i.code().equals(viewer.insurer()))) {
                throw notFound(code);
            }
            String planCounties = Region.prefix(plan.region());
            if (!viewer.regionScoped()) {
                return new Scope(plan, planCounties);
            }
            if (viewer.region() == null || !Region.overlap(viewer.region(), plan.region())) {
                throw notFound(code);
            }
            String viewerCounties = Region.prefix(viewer.region());
            return new Scope(plan, viewerCounties.length() > planCounties.length() ? viewerCounties : planCounties);
        });
    }

    public static Refused notFound(String code) {
        return Refused.notFound("PLAN_NOT_FOUND", "No plan with code " + code + ".");
    }

    private Uni<Void> refuseOverlap(SqlClient tx, Plan plan) {
        return plans.coveringAnyOf(tx, plan.coverageStarts(), plan.coverageEnds()).map(others -> {
            PlanRules.overlap(plan, others).ifPresent(r -> {
                throw r.refused();
            });
            return null;
        });
    }

    private static Plan checked(Plan plan) {
        List<FieldError> errors = PlanRules.check(plan);
        if (!errors.isEmpty()) {
            throw Refused.unprocessable("PLAN_TERMS_INCONSISTENT", "The plan's terms are inconsistent.", errors);
        }
        return plan;
    }
}
