package org.huimin.common;

/**
 * Whose view of a plan's figures a request is (DOMAIN.md "Who may see what"): a region's (bureau, regulator: the
 * counties of their token's {@code region}, none without one), an insurer's (the plans it is in, its own lines), or
 * everything (operator).
 */
public record Viewer(String region, boolean regionScoped, String insurer) {

    public static Viewer everything() {
        return new Viewer(null, false, null);
    }

    public static Viewer ofRegion(String region) {
        return new Viewer(region, true, null);
    }

    public static Viewer ofInsurer(String insurer) {
        return new Viewer(null, false, insurer);
    }

    /** Whether this viewer sees {@code insurer}'s own lines (an insurer sees only its own). */
    public boolean sees(String insurerCode) {
        return insurer == null || insurer.equals(insurerCode);
    }
}
