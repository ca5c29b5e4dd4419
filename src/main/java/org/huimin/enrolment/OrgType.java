package org.huimin.enrolment;

/** Kinds of organisation that enrol and pay for a list (the token's {@code org_type}). */
public enum OrgType {
    EMPLOYER, SCHOOL, VILLAGE, CHARITY
}
