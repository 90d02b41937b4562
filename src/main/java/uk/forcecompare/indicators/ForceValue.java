package uk.forcecompare.indicators;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One force's value for one indicator, from unrounded numerator and denominator. A force without a value keeps
 * what is known of its numerator and denominator, and the reason it has no value.
 */
public record ForceValue(String forceCode, Optional<BigDecimal> numerator, Optional<BigDecimal> denominator,
                         OptionalDouble value, Band band, String missingReason) {

    public boolean hasValue() {
        return value.isPresent();
    }
}
