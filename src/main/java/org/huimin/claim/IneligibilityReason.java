package org.huimin.claim;

/** Why a settlement pays nothing; checked in this order, the first failing one is reported. */
public enum IneligibilityReason {
    /** No active policy of a plan whose coverage period contains the admission date. */
    NO_POLICY,
    /** Admitted before the policy's benefit start (late enrolment). */
    WAITING_PERIOD,
    /** The bureau record is not ACTIVE, or basic benefits start after the admission date. */
    BASIC_INSURANCE_INACTIVE,
    /** The plan does not cover the care type. */
    CARE_TYPE_NOT_COVERED
}
