package uk.forcecompare.indicators;

import java.util.List;

/**
 * The comparison band of one indicator: the unweighted mean of the forces' values (each force counts once),
 * their standard deviation, and beside it the England and Wales rate (sum of numerators over sum of
 * denominators), which is a different number and never stands in for the mean.
 *
 * @param sdMethod {@code sample (n-1)} or {@code population (n)}: written into every output
 * @param excluded force codes left out of mean and SD by configuration
 */
public record Comparison(double mean, double sd, double lower, double upper, int nForces, double englandWalesRate,
                         String sdMethod, List<String> excluded) {

    public Comparison {
        excluded = List.copyOf(excluded);
    }

    /** above where value > mean + sd, below where value < mean - sd; a value on an edge is within. */
    public Band bandOf(double value) {
        if (Double.isNaN(upper) || Double.isNaN(lower)) return Band.WITHIN;
        if (value > upper) return Band.ABOVE;
        if (value < lower) return Band.BELOW;
        return Band.WITHIN;
    }

    /**
     * The decimals at which a value above or below the band first shows as different from the edge it crossed, where at
     * {@code decimals} (half-up, as displayed) the two look the same: Cleveland's 1.94 above a +1 SD edge of 1.91 shows
     * as "1.9 above 1.9" at one place and "1.94 above 1.91" at two. Empty where the displayed figures already differ,
     * or the value is within the band. At most six more places: beyond them, the value is on the edge as printed.
     */
    public java.util.OptionalInt decimalsToTellFromEdge(double value, Band band, int decimals) {
        return decimalsToTellFromEdge(value, edgeCrossed(band, lower, upper), decimals);
    }

    /** The edge a value above or below the band crossed: the upper for above, the lower for below, else NaN. */
    public double edgeCrossed(Band band) {
        return edgeCrossed(band, lower, upper);
    }

    /** The same rule for a chart, which has the band's edges but no Comparison. */
    public static double edgeCrossed(Band band, double lower, double upper) {
        return band == Band.ABOVE ? upper : band == Band.BELOW ? lower : Double.NaN;
    }

    /** See {@link #decimalsToTellFromEdge(double, Band, int)}: {@code edge} NaN where the value crossed none. */
    public static java.util.OptionalInt decimalsToTellFromEdge(double value, double edge, int decimals) {
        if (Double.isNaN(edge) || Double.isNaN(value) || !shownEqual(value, edge, decimals)) return java.util.OptionalInt.empty();
        for (int k = decimals + 1; k <= decimals + 6; k++) {
            if (!shownEqual(value, edge, k)) return java.util.OptionalInt.of(k);
        }
        return java.util.OptionalInt.empty();
    }

    /**
     * The decimals a text needs so that a value it calls higher or lower than other figures (the average, a band's
     * edge, a target) never shows as the same number as any of them: {@code decimals}, or as many more as
     * {@link #decimalsToTellFromEdge(double, double, int)} finds for the closest figure. NaN figures are ignored, and so
     * is a figure the value equals to six more places, which is on it as printed.
     */
    public static int decimalsToTellApart(double value, int decimals, double... figures) {
        int k = decimals;
        for (double f : figures) k = Math.max(k, decimalsToTellFromEdge(value, f, decimals).orElse(decimals));
        return k;
    }

    private static boolean shownEqual(double a, double b, int decimals) {
        return java.math.BigDecimal.valueOf(a).setScale(decimals, java.math.RoundingMode.HALF_UP)
                .compareTo(java.math.BigDecimal.valueOf(b).setScale(decimals, java.math.RoundingMode.HALF_UP)) == 0;
    }

    /**
     * Mean and SD of the given values. With fewer than two values the sample SD is undefined (NaN) and every
     * force is within.
     */
    public static Comparison of(double[] values, boolean populationSd, double englandWalesRate, List<String> excluded) {
        int n = values.length;
        double mean = Double.NaN, sd = Double.NaN;
        if (n > 0) {
            // two passes: the textbook one-pass formula loses precision on large rates
            double sum = 0;
            for (double v : values) sum += v;
            mean = sum / n;
            double ss = 0;
            for (double v : values) ss += (v - mean) * (v - mean);
            int dof = populationSd ? n : n - 1;
            sd = dof > 0 ? Math.sqrt(ss / dof) : Double.NaN;
        }
        return new Comparison(mean, sd, mean - sd, mean + sd, n, englandWalesRate,
                populationSd ? "population (n)" : "sample (n-1)", excluded);
    }
}
