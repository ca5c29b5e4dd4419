package org.huimin.common;

/** Roles come from the token's {@code groups} claim (API.md "Conventions"). */
public final class Roles {
    public static final String INSURED = "insured";
    public static final String ORG = "org";
    public static final String HOSPITAL = "hospital";
    public static final String BUREAU = "bureau";
    public static final String INSURER = "insurer";
    public static final String OPERATOR = "operator";
    /** 金融监管 / 医保 supervision: reads its region's statistics, accounts and verifications, never personal data. */
    public static final String REGULATOR = "regulator";

    private Roles() {
    }
}
