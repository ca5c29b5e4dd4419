package org.huimin.participant;

import java.time.LocalDate;

/** A basic-insurance participant as the medical-security bureau last reported it (the bureau is the source of truth). */
public record Participant(
        String idNumber,
        String name,
        String countyCode,
        InsuranceType insuranceType,
        Status status,
        /** Basic-insurance benefits start (after basic insurance's own waiting period); null when unknown. */
        LocalDate basicBenefitsFrom,
        /** 困难群众 */
        boolean lowIncome,
        long seq) {

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

    /** Basic insurance pays for care on {@code day}: the record is active and its benefits have started. */
    public boolean basicBenefitsActiveOn(LocalDate day) {
        return status == Status.ACTIVE && (basicBenefitsFrom == null || !basicBenefitsFrom.isAfter(day));
    }
}
