package uk.forcecompare.indicators;

import java.util.Locale;

/** Where a force's value lies against the comparison band (contract section 4). */
public enum Band {
    /** value greater than mean + sd */
    ABOVE,
    /** value less than mean - sd */
    BELOW,
    /** within mean +/- sd, edges included */
    WITHIN,
    /** the force has no value; it never enters mean or sd */
    MISSING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
