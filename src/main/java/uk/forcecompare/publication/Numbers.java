package uk.forcecompare.publication;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.OptionalDouble;

/** Numbers in outputs: full precision in data files, rounded only where a value is displayed. */
final class Numbers {

    private Numbers() {
    }

    static String full(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return "";
        return BigDecimal.valueOf(d).toPlainString();
    }

    static String full(OptionalDouble d) {
        return d.isPresent() ? full(d.getAsDouble()) : "";
    }

    static String full(Optional<BigDecimal> d) {
        return d.map(Numbers::full).orElse("");
    }

    static String full(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /** Half-up, as the inspectorate's reports round (2.864... shows as 2.9). */
    static String displayed(double d, int decimals) {
        if (Double.isNaN(d)) return "";
        return BigDecimal.valueOf(d).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }
}
