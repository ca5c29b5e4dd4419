package org.huimin.participant;

import java.time.LocalDate;
import java.util.List;

import org.huimin.common.Pure;

/**
 * A basic-insurance participant as the medical-security bureau last reported it (the bureau is the source of truth).
 *
 * @param basicBenefitsFrom basic-insurance benefits start (after basic insurance's own waiting period); null when unknown
 * @param lowIncome         困难群众
 * @param benefitPeriods    待遇享受期 when the bureau sends them (null: never sent, the status rule applies)
 * @param familyBindings    家庭共济绑定 of an employee's personal account (null: never sent, so none)
 */
@Pure
public record Participant(
        String idNumber,
        String name,
        String countyCode,
        InsuranceType insuranceType,
        Status status,
        LocalDate basicBenefitsFrom,
        boolean lowIncome,
        long seq,
        List<BenefitPeriod> benefitPeriods,
        List<FamilyBinding> familyBindings) {

    public enum InsuranceType {
        /** 职工 — has a personal account (个人账户). */
        EMPLOYEE,
        /** 居民 */
        RESIDENT
    }

    public enum Status {
        ACTIVE,
        /** Arrears or interrupted participation. */
        SUSPENDED,
        TERMINATED
    }

    /** A range of days with basic-insurance benefits; {@code to} null for the current, open-ended one. */
    public record BenefitPeriod(LocalDate from, LocalDate to) {
        public boolean contains(LocalDate day) {
            return !day.isBefore(from) && (to == null || !day.isAfter(to));
        }
    }

    /** A family member bound to the employee's personal account at the bureau, with both people's authorisation. */
    public record FamilyBinding(String idNumber, BoundRelation relation) {
    }

    /** The relations a personal account may be bound for (家庭共济). */
    public enum BoundRelation {
        SPOUSE, CHILD, PARENT
    }

    public Participant {
        familyBindings = familyBindings == null ? null : List.copyOf(familyBindings);
        benefitPeriods = benefitPeriods == null ? null : List.copyOf(benefitPeriods);
    }

    /** A record as the first release knew it: no periods, no bindings. */
    public Participant(String idNumber, String name, String countyCode, InsuranceType insuranceType, Status status,
            LocalDate basicBenefitsFrom, boolean lowIncome, long seq) {
        this(idNumber, name, countyCode, insuranceType, status, basicBenefitsFrom, lowIncome, seq, null, null);
    }

    /**
     * Basic insurance pays for care on {@code day}. With benefit periods: exactly when a period contains the day
     * (back-payment restores a period, possibly retroactively: 002 待按规定补缴相关费用后，同步享受). Without them, the
     * first release's rule: the record is ACTIVE and its benefits have started.
     */
    public boolean basicBenefitsActiveOn(LocalDate day) {
        if (benefitPeriods != null) {
            return benefitPeriods.stream().anyMatch(period -> period.contains(day));
        }
        return status == Status.ACTIVE && (basicBenefitsFrom == null || !basicBenefitsFrom.isAfter(day));
    }

    /** The first day after {@code day} on which basic benefits are active again, when the periods say; null otherwise. */
    public LocalDate nextBenefitDayAfter(LocalDate day) {
        if (benefitPeriods != null) {
            return benefitPeriods.stream().map(BenefitPeriod::from).filter(from -> from.isAfter(day)).min(LocalDate::compareTo)
                    .orElse(null);
        }
        return basicBenefitsFrom != null && basicBenefitsFrom.isAfter(day) && status == Status.ACTIVE ? basicBenefitsFrom : null;
    }

    /** Whether {@code idNumber} is bound to this employee's personal account as {@code relation} (SPOUSE, CHILD, PARENT). */
    public boolean boundTo(String idNumber, String relation) {
        return familyBindings != null && familyBindings.stream().anyMatch(b -> b.idNumber().equals(idNumber) && b.relation().name().equals(relation));
    }
}
