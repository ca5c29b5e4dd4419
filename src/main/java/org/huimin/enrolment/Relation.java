package org.huimin.enrolment;

import java.util.EnumSet;
import java.util.Set;

/** The enrolled member's relation to the payer. */
public enum Relation {
    SELF, SPOUSE, CHILD, PARENT, SIBLING, GRANDPARENT, GRANDCHILD, OTHER;

    /** 家庭共济: the personal account may pay only for self, spouse, children and parents. */
    public static final Set<Relation> PERSONAL_ACCOUNT_FAMILY = EnumSet.of(SELF, SPOUSE, CHILD, PARENT);
}
