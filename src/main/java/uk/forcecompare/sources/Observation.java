package uk.forcecompare.sources;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

import uk.forcecompare.collection.Period;

/**
 * One value read from a source: a measure for a force over a period, with where it came from.
 * A value that could not be used (not supplied, suppressed, invalid) is still an observation, with no value
 * and the reason, so that what it removes can be traced and footnoted.
 *
 * @param measure a code from {@link Measures}
 * @param dimensions the row's other identifying columns in a canonical {@code key=value|key=value} form, or empty
 * @param missingReason empty when {@code value} is present; otherwise why there is none, in words
 */
public record Observation(
        String forceCode,
        String measure,
        Period period,
        String dimensions,
        Optional<BigDecimal> value,
        String missingReason,
        String sourceFile,
        String location) {

    public Observation {
        Objects.requireNonNull(forceCode);
        Objects.requireNonNull(measure);
        Objects.requireNonNull(period);
        dimensions = dimensions == null ? "" : dimensions;
        missingReason = missingReason == null ? "" : missingReason;
        if (value.isEmpty() && missingReason.isEmpty()) throw new IllegalArgumentException("a missing value needs its reason");
    }

    public static Observation of(String force, String measure, Period period, String dimensions, BigDecimal value,
                                 String file, String location) {
        return new Observation(force, measure, period, dimensions, Optional.of(value), "", file, location);
    }

    public static Observation missing(String force, String measure, Period period, String dimensions, String reason,
                                      String file, String location) {
        return new Observation(force, measure, period, dimensions, Optional.empty(), reason, file, location);
    }

    public boolean hasValue() {
        return value.isPresent();
    }
}
