package uk.forcecompare.indicators.methods;

import java.util.Arrays;

/** Small descriptive statistics over plain arrays; no argument is modified. */
final class Stats {

    /** The consistency constant that makes the MAD estimate the SD of a normal distribution. */
    static final double MAD_SCALE = 1.4826;

    private Stats() {
    }

    static double mean(double[] xs) {
        requireNonEmpty(xs);
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }

    /**
     * The standard deviation: sample (n − 1) or population (n). NaN where it is undefined (fewer than 2 values for
     * the sample SD, none for the population SD).
     */
    static double sd(double[] xs, boolean population) {
        int divisor = population ? xs.length : xs.length - 1;
        if (divisor < 1) {
            return Double.NaN;
        }
        double mean = mean(xs);
        double squares = 0;
        for (double x : xs) {
            squares += (x - mean) * (x - mean);
        }
        return Math.sqrt(squares / divisor);
    }

    static double median(double[] xs) {
        return quantile(xs, 0.5);
    }

    /** The median absolute deviation from the median, × {@link #MAD_SCALE}. */
    static double scaledMad(double[] xs) {
        double median = median(xs);
        double[] deviations = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            deviations[i] = Math.abs(xs[i] - median);
        }
        return median(deviations) * MAD_SCALE;
    }

    /**
     * The p-quantile by R's type 7 (its default): h = (N − 1)p, linear interpolation between the order statistics
     * either side of h (0-based).
     */
    static double quantile(double[] xs, double p) {
        requireNonEmpty(xs);
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile probability must be within [0, 1], not " + p);
        }
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        double h = (sorted.length - 1) * p;
        int below = (int) Math.floor(h);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = h - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }

    private static void requireNonEmpty(double[] xs) {
        if (xs.length == 0) {
            throw new IllegalArgumentException("no values");
        }
    }
}
