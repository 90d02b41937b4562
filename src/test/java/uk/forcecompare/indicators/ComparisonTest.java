package uk.forcecompare.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ComparisonTest {

    @Test
    void meanAndSampleSdWorkedByHand() {
        // 1..5: mean 3; squared deviations 4+1+0+1+4 = 10; sample variance 10/4 = 2.5; sd = 1.5811388300841898
        Comparison c = Comparison.of(new double[] {1, 2, 3, 4, 5}, false, Double.NaN, List.of());
        assertThat(c.mean()).isEqualTo(3.0);
        assertThat(c.sd()).isCloseTo(1.5811388300841898, within(1e-15));
        assertThat(c.lower()).isCloseTo(1.4188611699158102, within(1e-15));
        assertThat(c.upper()).isCloseTo(4.58113883008419, within(1e-14));
        assertThat(c.nForces()).isEqualTo(5);
        assertThat(c.sdMethod()).isEqualTo("sample (n-1)");
        assertThat(c.bandOf(5)).isEqualTo(Band.ABOVE);
        assertThat(c.bandOf(1)).isEqualTo(Band.BELOW);
        assertThat(c.bandOf(2)).isEqualTo(Band.WITHIN);
        assertThat(c.bandOf(4)).isEqualTo(Band.WITHIN);
    }

    @Test
    void populationSdWhenConfigured() {
        // 10/5 = 2, sqrt 2
        Comparison c = Comparison.of(new double[] {1, 2, 3, 4, 5}, true, Double.NaN, List.of());
        assertThat(c.sd()).isCloseTo(Math.sqrt(2), within(1e-15));
        assertThat(c.sdMethod()).isEqualTo("population (n)");
    }

    @Test
    void aValueExactlyOnABandEdgeIsWithin() {
        // 0, 2, 4: mean 2, sample variance (4+0+4)/2 = 4, sd 2: the edges are exactly 0 and 4
        Comparison c = Comparison.of(new double[] {0, 2, 4}, false, Double.NaN, List.of());
        assertThat(c.lower()).isEqualTo(0.0);
        assertThat(c.upper()).isEqualTo(4.0);
        assertThat(c.bandOf(0)).isEqualTo(Band.WITHIN);
        assertThat(c.bandOf(4)).isEqualTo(Band.WITHIN);
        assertThat(c.bandOf(4.000001)).isEqualTo(Band.ABOVE);
        assertThat(c.bandOf(-0.000001)).isEqualTo(Band.BELOW);
    }

    @Test
    void oneForceHasNoSampleSd() {
        Comparison c = Comparison.of(new double[] {7}, false, Double.NaN, List.of());
        assertThat(c.mean()).isEqualTo(7.0);
        assertThat(c.sd()).isNaN();
        assertThat(c.bandOf(7)).isEqualTo(Band.WITHIN);
    }

    @Test
    void noForcesNoMean() {
        Comparison c = Comparison.of(new double[0], false, Double.NaN, List.of());
        assertThat(c.mean()).isNaN();
        assertThat(c.nForces()).isZero();
    }

    @Test
    void aValueThatShowsTheSameAsTheEdgeItCrossedIsGivenToThePlacesThatTellThemApart() {
        // edges 0.69 and 1.91 (mean 1.3, sd 0.61)
        Comparison c = new Comparison(1.3, 0.61, 0.69, 1.91, 42, Double.NaN, "sample (n-1)", List.of());
        // 1.94 and 1.91 both show as 1.9; at two places 1.94 and 1.91
        assertThat(c.decimalsToTellFromEdge(1.94, Band.ABOVE, 1)).hasValue(2);
        // 1.911 and 1.91: 1.9 and 1.9, 1.91 and 1.91, then 1.911 and 1.910
        assertThat(c.decimalsToTellFromEdge(1.911, Band.ABOVE, 1)).hasValue(3);
        // 0.66 below 0.69: 0.7 and 0.7, then 0.66 and 0.69
        assertThat(c.decimalsToTellFromEdge(0.66, Band.BELOW, 1)).hasValue(2);
        // 2.04 shows as 2.0 against 1.9: already told apart
        assertThat(c.decimalsToTellFromEdge(2.04, Band.ABOVE, 1)).isEmpty();
        // within the band, showing the same as an edge is no contradiction
        assertThat(c.decimalsToTellFromEdge(1.9, Band.WITHIN, 1)).isEmpty();
    }
}
