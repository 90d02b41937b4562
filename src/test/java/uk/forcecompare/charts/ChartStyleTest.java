package uk.forcecompare.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;

import org.junit.jupiter.api.Test;

/** WCAG 2.2 AA non-text contrast (1.4.11): 3:1 for bars against what touches them. */
class ChartStyleTest {

    /** relative luminance written out again from the WCAG 2.2 definition, independently of the renderer */
    private static double luminance(Color c) {
        double[] rgb = {c.getRed() / 255.0, c.getGreen() / 255.0, c.getBlue() / 255.0};
        for (int i = 0; i < 3; i++) {
            rgb[i] = rgb[i] <= 0.04045 ? rgb[i] / 12.92 : Math.pow((rgb[i] + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }

    private static double ratio(Color a, Color b) {
        double x = luminance(a) + 0.05;
        double y = luminance(b) + 0.05;
        return Math.max(x, y) / Math.min(x, y);
    }

    @Test
    void aNegativeValueThatRoundsToZeroShowsAsZeroAsTheTablesShowIt() {
        // the lower SD line of a rate near zero: mean 0.009, sd 0.027 gives -0.018, which rounds to 0.0 at one place
        assertThat(ChartStyle.number(-0.018, 1)).isEqualTo("0.0");
        assertThat(ChartStyle.number(-0.4, 0)).isEqualTo("0");
        assertThat(ChartStyle.number(-0.05, 1)).isEqualTo("-0.1");
        assertThat(ChartStyle.number(-1234.56, 1)).isEqualTo("-1,234.6");
        assertThat(ChartStyle.number(87.05, 1)).isEqualTo("87.1");
        assertThat(ChartStyle.number(0.0, 2)).isEqualTo("0.00");
        assertThat(ChartStyle.number(Double.NEGATIVE_INFINITY, 1)).isEqualTo("-Infinity");
    }

    @Test
    void contrastMathsMatchesKnownWcagValues() {
        assertThat(ChartStyle.contrastRatio(Color.WHITE, Color.BLACK)).isCloseTo(21.0, within(1e-9));
        // #767676 on white is the well-known 4.54:1
        assertThat(ChartStyle.contrastRatio(new Color(0x767676), Color.WHITE)).isCloseTo(4.54, within(0.01));
        assertThat(ratio(new Color(0x767676), Color.WHITE)).isCloseTo(4.54, within(0.01));
        assertThat(ChartStyle.contrastRatio(ChartStyle.BELOW, ChartStyle.ABOVE))
                .isCloseTo(ratio(ChartStyle.BELOW, ChartStyle.ABOVE), within(1e-12));
    }

    @Test
    void everyBarColourHasThreeToOneAgainstTheWhiteBackgroundAndTheGapBetweenBars() {
        assertThat(ratio(ChartStyle.BELOW, Color.WHITE)).isGreaterThanOrEqualTo(3.0);
        assertThat(ratio(ChartStyle.ABOVE, Color.WHITE)).isGreaterThanOrEqualTo(3.0);
        assertThat(ratio(ChartStyle.WITHIN, Color.WHITE)).isGreaterThanOrEqualTo(3.0);
        // bars never touch: a white gap separates neighbours
        assertThat(ChartStyle.BAR_FILL).isLessThan(0.8);
    }

    @Test
    void neighbouringBandsStandApart() {
        // light blue against dark blue: the two highlighted bands
        assertThat(ratio(ChartStyle.BELOW, ChartStyle.ABOVE)).isGreaterThanOrEqualTo(3.0);
        // dark blue against grey: the above/within boundary
        assertThat(ratio(ChartStyle.ABOVE, ChartStyle.WITHIN)).isGreaterThanOrEqualTo(3.0);
        // grey against light blue cannot also reach 3:1 while both keep 3:1 on white (see ChartStyle);
        // that boundary is carried by the white gap and the ▼ marker, so the pair must at least differ in hue
        assertThat(ChartStyle.BELOW.getBlue()).isGreaterThan(ChartStyle.BELOW.getRed() + 60);
        assertThat(ChartStyle.WITHIN.getRed()).isEqualTo(ChartStyle.WITHIN.getBlue());
    }

    @Test
    void linesAndTextReadOnWhite() {
        assertThat(ratio(ChartStyle.SD_LINE, Color.WHITE)).isGreaterThanOrEqualTo(4.5);
        assertThat(ratio(ChartStyle.TEXT, Color.WHITE)).isGreaterThanOrEqualTo(4.5);
        assertThat(ratio(ChartStyle.SECONDARY_TEXT, Color.WHITE)).isGreaterThanOrEqualTo(4.5);
        assertThat(ratio(ChartStyle.TARGET_LINE, Color.WHITE)).isGreaterThanOrEqualTo(3.0);
    }
}
