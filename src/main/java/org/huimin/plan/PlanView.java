package org.huimin.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A plan as the API shows it: the terms as created, and whether they are locked (enrolment has opened). */
public record PlanView(
        String code,
        String name,
        String region,
        int planYear,
        BigDecimal premium,
        LocalDate enrolmentOpens,
        LocalDate enrolmentCloses,
        LocalDate coverageStarts,
        LocalDate coverageEnds,
        int lateEnrolmentWaitingDays,
        Set<CareType> coveredCareTypes,
        Map<String, BigDecimal> deductibles,
        List<Plan.Liability> liabilities,
        List<Plan.Insurer> insurers,
        boolean enrolmentOpen,
        boolean termsLocked) {

    static PlanView of(Plan plan, LocalDate today) {
        return new PlanView(plan.code(), plan.name(), plan.region(), plan.planYear(), plan.premium(),
                plan.enrolmentOpens(), plan.enrolmentCloses(), plan.coverageStarts(), plan.coverageEnds(),
                plan.lateEnrolmentWaitingDays(), plan.coveredCareTypes(), plan.deductibles(), plan.liabilities(),
                plan.insurers(), plan.enrolmentOpenOn(today), plan.termsLockedOn(today));
    }
}
