package org.huimin.enrolment;

/** Who pays an order. */
public enum PayerType {
    /** The person, through the payment provider, for self and any family members. */
    SELF,
    /** 个人账户: an EMPLOYEE member's basic-insurance personal account, deducted by the bureau. */
    PERSONAL_ACCOUNT,
    /** 单位: employer, school, village committee or charity, for a list. */
    ORGANISATION
}
