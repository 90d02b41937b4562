package uk.forcecompare.indicators.methods;

import java.util.Objects;

import uk.forcecompare.indicators.Band;

/**
 * One row of {@code comparison-methods.csv} without its indicator id (contract section 5).
 *
 * @param forceCode the force
 * @param method one of the {@code ComparisonMethods} method names, e.g. {@code funnel-998-od}
 * @param value the force's value in the indicator's unit; null where it has none
 * @param low the lower limit in the indicator's unit; null where the method does not define one
 * @param high the upper limit in the indicator's unit; null where the method does not define one
 * @param band where the force lies under this method; {@link Band#MISSING} exactly when value is null
 */
public record MethodResult(String forceCode, String method, Double value, Double low, Double high, Band band) {

    public MethodResult {
        Objects.requireNonNull(forceCode, "forceCode");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(band, "band");
    }
}
