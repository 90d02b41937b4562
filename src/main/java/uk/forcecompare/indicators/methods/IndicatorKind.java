package uk.forcecompare.indicators.methods;

import java.util.Locale;

/**
 * An indicator's kind (contract section 3), which decides the interval methods that apply to it.
 */
public enum IndicatorKind {
    /** a part of a count, × 100: Wilson interval and funnels around the England and Wales rate */
    PROPORTION("proportion"),
    /** a count per unit of exposure: Byar's interval for the count */
    COUNT_RATE("count-rate"),
    /** FTE or money, no counting model: no interval methods */
    AMOUNT("amount");

    private final String id;

    IndicatorKind(String id) {
        this.id = id;
    }

    /** The id written in an indicator's YAML: {@code proportion}, {@code count-rate} or {@code amount}. */
    public String id() {
        return id;
    }

    /**
     * @throws IllegalArgumentException for anything but {@code proportion}, {@code count-rate} or {@code amount}
     */
    public static IndicatorKind byId(String id) {
        if (id != null) {
            String wanted = id.strip().toLowerCase(Locale.ROOT);
            for (IndicatorKind kind : values()) {
                if (kind.id.equals(wanted)) {
                    return kind;
                }
            }
        }
        throw new IllegalArgumentException(
                "indicator kind must be 'proportion', 'count-rate' or 'amount', not '" + id + "'");
    }
}
