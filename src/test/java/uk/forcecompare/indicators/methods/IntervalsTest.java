package uk.forcecompare.indicators.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import uk.forcecompare.indicators.methods.ComparisonMethods.Interval;

/** Wilson and Byar intervals against published values. */
class IntervalsTest {

    private static final double FOUR_DP = 0.00005;

    /**
     * Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of seven methods. Statistics
     * in Medicine 1998;17:857-872, its worked examples (Table II, method 3: score, no continuity correction), to 4 dp.
     * Recomputed independently in Python from Wilson's formula, agreeing to 4 dp: 81/263 → 0.255289, 0.366210; 15/148 → 0.062386, 0.160487;
     * 0/20 → 0, 0.161125; 1/29 → 0.006113, 0.171755.
     */
    @Test
    void wilsonMatchesNewcombe1998() {
        assertInterval(ComparisonMethods.wilson(81, 263, ComparisonMethods.Z_95), 0.2553, 0.3662, FOUR_DP);
        assertInterval(ComparisonMethods.wilson(15, 148, ComparisonMethods.Z_95), 0.0624, 0.1605, FOUR_DP);
        assertInterval(ComparisonMethods.wilson(0, 20, ComparisonMethods.Z_95), 0.0000, 0.1611, FOUR_DP);
        assertInterval(ComparisonMethods.wilson(1, 29, ComparisonMethods.Z_95), 0.0061, 0.1718, FOUR_DP);
    }

    @Test
    void wilsonOfAllOrNothingStaysInsideZeroToOne() {
        Interval all = ComparisonMethods.wilson(20, 20, ComparisonMethods.Z_95);
        // the mirror image of 0/20 (Newcombe 1998, Table II): 1 − 0.1611 = 0.8389
        assertThat(all.low()).isCloseTo(0.8389, within(FOUR_DP));
        assertThat(all.high()).isCloseTo(1.0, within(1e-12)).isLessThanOrEqualTo(1.0);
    }

    /**
     * Byar's formula for O = 10 (z = 1.959964), worked in Python: 10(1 − 1/90 − z/(3√10))³ = 4.787450,
     * 11(1 − 1/99 + z/(3√11))³ = 18.391459. Note: (4.795, 18.390) is the exact Poisson interval, not Byar's.
     */
    @Test
    void byarForTenEvents() {
        assertInterval(ComparisonMethods.byar(10, ComparisonMethods.Z_95), 4.787450, 18.391459, 0.0000005);
    }

    /**
     * The PHE Technical Guide "Confidence Intervals" (Public Health Data Science, 25 May 2018) states that Byar's
     * 95% limits are within 0.2% of the exact ones for numerators of 10 or more. The exact Poisson 95% limits
     * (chi-square method: χ²(0.025; 2O)/2 and χ²(0.975; 2O+2)/2) computed independently with scipy.stats.chi2.ppf:
     * O = 10 → 4.7954, 18.3904; O = 100 → 81.3640, 121.6268.
     */
    @Test
    void byarIsWithinPointTwoPercentOfTheExactLimitsFromTenEvents() {
        Interval ten = ComparisonMethods.byar(10, ComparisonMethods.Z_95);
        assertThat(ten.low()).isCloseTo(4.7954, within(4.7954 * 0.002));
        assertThat(ten.high()).isCloseTo(18.3904, within(18.3904 * 0.002));
        Interval hundred = ComparisonMethods.byar(100, ComparisonMethods.Z_95);
        assertThat(hundred.low()).isCloseTo(81.3640, within(81.3640 * 0.002));
        assertThat(hundred.high()).isCloseTo(121.6268, within(121.6268 * 0.002));
        // and not the exact interval itself: the formula really is Byar's
        assertThat(ten.low()).isNotCloseTo(4.7954, within(0.005));
    }

    /** O = 0: lower is 0 by definition; upper 1·(1 − 1/9 + z/3)³ = 3.668012 (Python). */
    @Test
    void byarForNoEvents() {
        assertInterval(ComparisonMethods.byar(0, ComparisonMethods.Z_95), 0.0, 3.668012, 0.0000005);
    }

    @Test
    void invalidCountsAreRefused() {
        assertThatThrownBy(() -> ComparisonMethods.byar(-1, ComparisonMethods.Z_95))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ComparisonMethods.wilson(5, 4, ComparisonMethods.Z_95))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ComparisonMethods.wilson(0, 0, ComparisonMethods.Z_95))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertInterval(Interval interval, double low, double high, double tolerance) {
        assertThat(interval.low()).as("low").isCloseTo(low, within(tolerance));
        assertThat(interval.high()).as("high").isCloseTo(high, within(tolerance));
    }
}
