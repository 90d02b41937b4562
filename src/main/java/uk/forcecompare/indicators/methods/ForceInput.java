package uk.forcecompare.indicators.methods;

import java.util.Objects;

/**
 * One force's data for one indicator.
 *
 * @param forceCode the force's code
 * @param numerator the numerator as known (count of events for proportions and count-rates); may be null
 * @param denominator the denominator as known (cases for proportions, exposure for count-rates); may be null
 * @param value numerator ÷ denominator × multiplier, in the indicator's unit; null where the force has no value
 */
public record ForceInput(String forceCode, Double numerator, Double denominator, Double value) {

    public ForceInput {
        Objects.requireNonNull(forceCode, "forceCode");
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(forceCode + ": value must be finite, not " + value);
        }
    }

    /** A force with a value, computed by the caller from this numerator and denominator. */
    public static ForceInput of(String forceCode, double numerator, double denominator, double multiplier) {
        return new ForceInput(forceCode, numerator, denominator, numerator / denominator * multiplier);
    }

    /** A force without a value; what is known of numerator and denominator may still be given. */
    public static ForceInput missing(String forceCode, Double numerator, Double denominator) {
        return new ForceInput(forceCode, numerator, denominator, null);
    }

    /** Every force of a computed indicator, in its order: the inputs of every method beyond ±1 SD. */
    public static java.util.List<ForceInput> allOf(uk.forcecompare.indicators.IndicatorResult result) {
        java.util.List<ForceInput> out = new java.util.ArrayList<>();
        for (uk.forcecompare.indicators.ForceValue v : result.forces()) {
            Double num = v.numerator().map(java.math.BigDecimal::doubleValue).orElse(null);
            Double den = v.denominator().map(java.math.BigDecimal::doubleValue).orElse(null);
            out.add(v.hasValue() ? new ForceInput(v.forceCode(), num, den, v.value().getAsDouble()) : missing(v.forceCode(), num, den));
        }
        return out;
    }

    public boolean hasValue() {
        return value != null;
    }
}
