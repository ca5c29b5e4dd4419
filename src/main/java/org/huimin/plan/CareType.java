package org.huimin.plan;

/** Kinds of care a settlement can be for. Ordinary outpatient and pharmacy are covered only if a plan says so. */
public enum CareType {
    /** 住院 */
    INPATIENT,
    /** 急诊留观 */
    EMERGENCY,
    /** 日间手术 */
    DAY_SURGERY,
    /** 门诊慢特病（一类） */
    CHRONIC_SPECIAL_OUTPATIENT,
    /** 普通门诊 */
    OUTPATIENT,
    /** 药店购药 */
    PHARMACY
}
