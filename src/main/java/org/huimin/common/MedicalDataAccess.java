package org.huimin.common;

import java.time.LocalDate;

/**
 * DOMAIN.md "Who may see what", for the insured person's own views ({@code /me/policies}, {@code /me/claims}): a
 * person's medical data (settlements, balances) is theirs, and their guardian's while they are a child under 18 — the
 * guardian being the payer who enrolled them as {@code CHILD}. Paying for an adult's policy shows the payer the policy,
 * never the adult's claims or balances. Pure.
 */
@Pure
public final class MedicalDataAccess {

    private MedicalDataAccess() {
    }

    /**
     * @param caller          the ID number of the person asking
     * @param insured         the ID number of the person the data is about
     * @param payer           the ID number of whoever paid the policy (null for an organisation)
     * @param enrolledAsChild whether the policy was bought with relation {@code CHILD}
     * @param today           the business day (age is judged today, so the guardian's view ends on the 18th birthday)
     */
    public static boolean seenBy(String caller, String insured, String payer, boolean enrolledAsChild, LocalDate today) {
        return caller.equals(insured)
                || (caller.equals(payer) && enrolledAsChild && IdNumber.ageOn(insured, today) < 18);
    }
}
