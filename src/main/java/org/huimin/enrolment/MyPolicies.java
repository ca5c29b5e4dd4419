package org.huimin.enrolment;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.huimin.claim.BalancesCodec;
import org.huimin.plan.Plan;
import org.huimin.plan.PlanRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** {@code GET /api/v1/me/policies}: the caller's own policies and those the caller paid for, nobody else's. */
@ApplicationScoped
public class MyPolicies {

    @Inject
    Pool pool;

    @Inject
    PlanRepository plans;

    @Inject
    BalancesCodec codec;

    public Uni<List<EnrolmentAnswers.MyPolicy>> of(String idNumber) {
        return pool.preparedQuery("SELECT " + PlanRepository.COLUMNS + """
                     , po.policy_number, po.id_number AS insured_id, po.name AS insured_name, po.relation,
                       po.status AS policy_status, po.premium AS policy_premium, o.payer_type,
                       (o.payer_id_number IS NOT DISTINCT FROM $1) AS paid_by_me, o.id AS order_id, po.tax_code,
                       po.benefits_from, po.consent_at, po.guardian_consent_at,
                       po.deductibles_used::text AS deductibles_used, po.caps_used::text AS caps_used
                  FROM policy po
                  JOIN enrolment_order o ON o.id = po.order_id
                  JOIN plan p ON p.id = po.plan_id
                 WHERE po.id_number = $1 OR o.payer_id_number = $1
                 ORDER BY po.created_at DESC, po.id""")
                .execute(Tuple.of(idNumber))
                .map(rows -> {
                    List<EnrolmentAnswers.MyPolicy> list = new ArrayList<>();
                    rows.forEach(row -> list.add(toView(row)));
                    return list;
                });
    }

    private EnrolmentAnswers.MyPolicy toView(Row row) {
        Plan plan = plans.toPlan(row);
        String status = row.getString("policy_status");
        var remaining = "ACTIVE".equals(status)
                ? codec.balances(row.getString("deductibles_used"), row.getString("caps_used")).remaining(plan)
                : null;
        String relation = row.getString("relation");
        return new EnrolmentAnswers.MyPolicy(row.getString("policy_number"), plan.code(), plan.name(),
                row.getString("insured_id"), row.getString("insured_name"),
                relation == null ? null : Relation.valueOf(relation), status, row.getBigDecimal("policy_premium"),
                PayerType.valueOf(row.getString("payer_type")), row.getBoolean("paid_by_me"), row.getUUID("order_id"),
                row.getString("tax_code"), row.getLocalDate("benefits_from"), plan.coverageStarts(),
                plan.coverageEnds(),
                new EnrolmentAnswers.Consent(true, EnrolmentRepository.instant(row, "consent_at"),
                        EnrolmentRepository.instant(row, "guardian_consent_at")),
                remaining);
    }
}
