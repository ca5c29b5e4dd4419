package org.huimin.common;

/**
 * Administrative divisions (行政区划代码), 6 digits: a province {@code 210000} contains its cities {@code 2102xx} and
 * counties; a city {@code 210200} contains {@code 2102xx}; a county is itself. Pure.
 */
@Pure
public final class Region {

    /** Matches no county code (they are digits): what a bureau or regulator token without a region may see. */
    public static final String NOTHING = "-";

    private Region() {
    }

    /** The county-code prefix a region covers: 210000 → 21, 360900 → 3609, 360902 → 360902. */
    public static String prefix(String region) {
        if (region.endsWith("0000")) {
            return region.substring(0, 2);
        }
        if (region.endsWith("00")) {
            return region.substring(0, 4);
        }
        return region;
    }

    /** {@code region} contains {@code other} (a county, a city or a province). */
    public static boolean contains(String region, String other) {
        return other != null && prefix(other).startsWith(prefix(region));
    }

    /** One contains the other. */
    public static boolean overlap(String a, String b) {
        String pa = prefix(a);
        String pb = prefix(b);
        return pa.startsWith(pb) || pb.startsWith(pa);
    }

    public static boolean valid(String region) {
        return region != null && region.matches("\\d{6}");
    }
}
