package uk.forcecompare.indicators.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Values from R's definitions, worked by hand. */
class StatsTest {

    private static final double EPS = 1e-12;

    @Test
    void quantileIsRType7() {
        double[] oneToTen = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        // h = 9 × 0.1 = 0.9: 1 + 0.9 × (2 − 1)
        assertThat(Stats.quantile(oneToTen, 0.1)).isCloseTo(1.9, within(EPS));
        // h = 9 × 0.9 = 8.1: 9 + 0.1 × (10 − 9)
        assertThat(Stats.quantile(oneToTen, 0.9)).isCloseTo(9.1, within(EPS));
        // h = 3 × 0.9 = 2.7 over 1, 2, 4, 8: 4 + 0.7 × 4
        assertThat(Stats.quantile(new double[] {8, 1, 4, 2}, 0.9)).isCloseTo(6.8, within(EPS));
        assertThat(Stats.quantile(new double[] {8, 1, 4, 2}, 0.0)).isEqualTo(1.0);
        assertThat(Stats.quantile(new double[] {8, 1, 4, 2}, 1.0)).isEqualTo(8.0);
        assertThat(Stats.quantile(new double[] {5}, 0.1)).isEqualTo(5.0);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Stats.median(new double[] {7, 1, 3})).isEqualTo(3.0);
        assertThat(Stats.median(new double[] {7, 1, 3, 4})).isEqualTo(3.5);
    }

    @Test
    void madIsScaledMedianAbsoluteDeviation() {
        // odd: median 3, |deviations| 2 1 0 1 97 → median 1 → 1.4826 (R: mad(c(1,2,3,4,100)))
        assertThat(Stats.scaledMad(new double[] {1, 2, 3, 4, 100})).isCloseTo(1.4826, within(EPS));
        // even: median 2.5, |deviations| 1.5 0.5 0.5 1.5 → median 1 → 1.4826 (R: mad(c(1,2,3,4)))
        assertThat(Stats.scaledMad(new double[] {1, 2, 3, 4})).isCloseTo(1.4826, within(EPS));
        // even: median 5, |deviations| 5 4 1 1 3 5, sorted 1 1 3 4 5 5 → (3 + 4)/2 = 3.5 → 5.1891
        assertThat(Stats.scaledMad(new double[] {0, 1, 4, 6, 8, 10})).isCloseTo(5.1891, within(EPS));
    }

    @Test
    void sampleAndPopulationSd() {
        // 1, 3, 5: squares about 3 are 4 0 4 → 8/2 = 4 → 2; 8/3 → √(8/3)
        assertThat(Stats.sd(new double[] {1, 3, 5}, false)).isCloseTo(2.0, within(EPS));
        assertThat(Stats.sd(new double[] {1, 3, 5}, true)).isCloseTo(Math.sqrt(8.0 / 3), within(EPS));
        assertThat(Stats.sd(new double[] {1}, false)).isNaN();
    }
}
