package uk.forcecompare.indicators.methods;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

import uk.forcecompare.indicators.Band;

/**
 * The comparison methods beyond ±1 SD, written to {@code comparison-methods.csv} (contract section 5). Pure
 * arithmetic: no I/O, no state.
 *
 * <p>The pool: the forces that have a value and are not excluded. Mean, SD, median, MAD, the England and Wales
 * (benchmark) rate and the overdispersion all come from the pool only. Excluded forces and forces without a value
 * still get their own rows, compared against limits built without them.
 *
 * <p>Where a method's limits cannot be drawn at all (a pool too small for an SD, or no benchmark rate because no
 * force is in the pool), {@code low} and {@code high} are null and a force with a value is {@link Band#WITHIN}:
 * nothing is flagged. With 43 forces this does not happen.
 */
public final class ComparisonMethods {

    public static final String SD1_LEAVE_ONE_OUT = "sd1-leave-one-out";
    public static final String MEDIAN_MAD = "median-mad";
    public static final String WILSON_95 = "wilson-95";
    public static final String FUNNEL_95 = "funnel-95";
    public static final String FUNNEL_998 = "funnel-998";
    public static final String FUNNEL_998_OD = "funnel-998-od";
    public static final String BYAR_95 = "byar-95";

    /** Two-sided 95%: the normal quantile at 0.975. */
    public static final double Z_95 = 1.959964;
    /** Two-sided 99.8%: the normal quantile at 0.999. */
    public static final double Z_998 = 3.090232;

    /** The z-scores are winsorised at these quantiles before φ is estimated (Spiegelhalter 2005). */
    static final double WINSOR_LOW = 0.10;
    static final double WINSOR_HIGH = 0.90;

    private ComparisonMethods() {
    }

    /** A two-sided interval. */
    public record Interval(double low, double high) {
    }

    /**
     * The additive random-effects overdispersion estimate for a proportion indicator (Spiegelhalter 2005).
     *
     * @param k the forces in the pool
     * @param phi the mean of the squared winsorised z-scores
     * @param tau2 the between-force variance τ² on the fraction scale (0 where kφ ≤ k − 1)
     */
    public record Overdispersion(int k, double phi, double tau2) {
    }

    /** The methods that apply to a kind, in the order their rows are written. */
    public static List<String> methodsFor(IndicatorKind kind) {
        return switch (Objects.requireNonNull(kind, "kind")) {
            case PROPORTION -> List.of(SD1_LEAVE_ONE_OUT, MEDIAN_MAD, WILSON_95, FUNNEL_95, FUNNEL_998, FUNNEL_998_OD);
            case COUNT_RATE -> List.of(SD1_LEAVE_ONE_OUT, MEDIAN_MAD, BYAR_95);
            case AMOUNT -> List.of(SD1_LEAVE_ONE_OUT, MEDIAN_MAD);
        };
    }

    /** {@link #compute(IndicatorKind, double, List, Set, boolean)} with the sample SD (n − 1), the default. */
    public static List<MethodResult> compute(IndicatorKind kind, double multiplier, List<ForceInput> forces,
            Set<String> excludedForceCodes) {
        return compute(kind, multiplier, forces, excludedForceCodes, false);
    }

    /**
     * Every applicable method for every force: forces in the order given, methods in {@link #methodsFor} order.
     *
     * @param multiplier 100 for percentages, 1000 for per-1,000 rates: value = numerator ÷ denominator × multiplier
     * @param excludedForceCodes forces left out of mean, SD, median, MAD, the benchmark rate and the overdispersion
     * @param populationSd {@code comparison.sd: population}: the SD of {@code sd1-leave-one-out} divides by n
     * @throws IllegalArgumentException for duplicate force codes, a bad multiplier, or (proportion and count-rate)
     *         a force with a value whose numerator and denominator cannot have produced one
     */
    public static List<MethodResult> compute(IndicatorKind kind, double multiplier, List<ForceInput> forces,
            Set<String> excludedForceCodes, boolean populationSd) {
        Pool pool = Pool.of(kind, multiplier, forces, excludedForceCodes);
        List<MethodResult> results = new ArrayList<>();
        double medianLow = Double.NaN;
        double medianHigh = Double.NaN;
        if (pool.values.length > 0) {
            double median = Stats.median(pool.values);
            double mad = Stats.scaledMad(pool.values);
            medianLow = median - mad;
            medianHigh = median + mad;
        }
        double p0 = pool.benchmarkFraction();
        Overdispersion od = kind == IndicatorKind.PROPORTION ? pool.overdispersion(p0) : null;

        for (ForceInput force : forces) {
            Double value = force.value();
            results.add(limits(force, SD1_LEAVE_ONE_OUT, leaveOneOut(pool, force, populationSd)));
            results.add(limits(force, MEDIAN_MAD, new Interval(medianLow, medianHigh)));
            switch (kind) {
                case PROPORTION -> {
                    if (value == null || Double.isNaN(p0)) {
                        results.add(undefined(force, WILSON_95));
                        results.add(undefined(force, FUNNEL_95));
                        results.add(undefined(force, FUNNEL_998));
                        results.add(undefined(force, FUNNEL_998_OD));
                    } else {
                        double n = force.denominator();
                        Interval wilson = scale(wilson(force.numerator(), n, Z_95), multiplier);
                        results.add(interval(force, WILSON_95, wilson, p0 * multiplier));
                        double s2 = p0 * (1 - p0) / n;
                        results.add(limits(force, FUNNEL_95, scale(proportion(around(p0, Z_95, s2)), multiplier)));
                        results.add(limits(force, FUNNEL_998, scale(proportion(around(p0, Z_998, s2)), multiplier)));
                        results.add(limits(force, FUNNEL_998_OD,
                                scale(proportion(around(p0, Z_998, s2 + od.tau2())), multiplier)));
                    }
                }
                case COUNT_RATE -> {
                    if (value == null || Double.isNaN(p0)) {
                        results.add(undefined(force, BYAR_95));
                    } else {
                        Interval counts = byar(force.numerator(), Z_95);
                        Interval rate = scale(counts, multiplier / force.denominator());
                        results.add(interval(force, BYAR_95, rate, p0 * multiplier));
                    }
                }
                case AMOUNT -> {
                    // no interval methods
                }
            }
        }
        return List.copyOf(results);
    }

    /**
     * The contract's ±1 SD band (section 4) for every force: mean ± SD of the pool, edges within, missing where
     * the force has no value. Keyed by force code, in the order given.
     */
    public static Map<String, Band> defaultBands(List<ForceInput> forces, Set<String> excludedForceCodes,
            boolean populationSd) {
        Pool pool = Pool.of(IndicatorKind.AMOUNT, 1, forces, excludedForceCodes);
        Interval band = meanSd(pool.values, populationSd);
        Map<String, Band> bands = new LinkedHashMap<>();
        for (ForceInput force : forces) {
            bands.put(force.forceCode(), band(force.value(), band.low(), band.high()));
        }
        return bands;
    }

    /**
     * The England and Wales rate in the indicator's unit: Σ numerators ÷ Σ denominators × multiplier over the
     * pool; empty where the pool is empty.
     */
    public static OptionalDouble benchmarkRate(IndicatorKind kind, double multiplier, List<ForceInput> forces,
            Set<String> excludedForceCodes) {
        double p0 = Pool.of(kind, multiplier, forces, excludedForceCodes).benchmarkFraction();
        return Double.isNaN(p0) ? OptionalDouble.empty() : OptionalDouble.of(p0 * multiplier);
    }

    /** The overdispersion that {@code funnel-998-od} uses, for a proportion indicator. */
    public static Overdispersion overdispersion(List<ForceInput> forces, Set<String> excludedForceCodes) {
        Pool pool = Pool.of(IndicatorKind.PROPORTION, 100, forces, excludedForceCodes);
        return pool.overdispersion(pool.benchmarkFraction());
    }

    /**
     * The Wilson score interval for a proportion, as fractions: (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n).
     */
    public static Interval wilson(double numerator, double n, double z) {
        if (!(n > 0) || !(numerator >= 0) || numerator > n) {
            throw new IllegalArgumentException("Wilson interval needs 0 <= numerator <= n and n > 0, not "
                    + numerator + "/" + n);
        }
        double p = numerator / n;
        double z2 = z * z;
        double centre = p + z2 / (2 * n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        double scale = 1 + z2 / n;
        return new Interval(Math.max(0, (centre - half) / scale), Math.min(1, (centre + half) / scale));
    }

    /**
     * Byar's approximation to the exact Poisson interval for an observed count O:
     * lower O(1 − 1/(9O) − z/(3√O))³ (0 for O = 0), upper (O+1)(1 − 1/(9(O+1)) + z/(3√(O+1)))³.
     */
    public static Interval byar(double observed, double z) {
        if (!(observed >= 0) || Double.isInfinite(observed)) {
            throw new IllegalArgumentException("Byar's interval needs a count >= 0, not " + observed);
        }
        double low = 0;
        if (observed > 0) {
            low = observed * Math.pow(1 - 1 / (9 * observed) - z / (3 * Math.sqrt(observed)), 3);
        }
        double o1 = observed + 1;
        double high = o1 * Math.pow(1 - 1 / (9 * o1) + z / (3 * Math.sqrt(o1)), 3);
        return new Interval(Math.max(0, low), high);
    }

    // ---- the pieces

    private static Interval leaveOneOut(Pool pool, ForceInput force, boolean populationSd) {
        int own = pool.indexOf(force.forceCode());
        double[] others = pool.values;
        if (own >= 0) {
            others = new double[pool.values.length - 1];
            for (int i = 0, j = 0; i < pool.values.length; i++) {
                if (i != own) {
                    others[j++] = pool.values[i];
                }
            }
        }
        return meanSd(others, populationSd);
    }

    /** mean ± SD; NaN limits where the SD is undefined. */
    static Interval meanSd(double[] values, boolean populationSd) {
        double sd = Stats.sd(values, populationSd);
        if (Double.isNaN(sd)) {
            return new Interval(Double.NaN, Double.NaN);
        }
        double mean = Stats.mean(values);
        return new Interval(mean - sd, mean + sd);
    }

    private static Interval around(double centre, double z, double variance) {
        double half = z * Math.sqrt(variance);
        return new Interval(centre - half, centre + half);
    }

    /**
     * A proportion's limits cut to 0 and 1: the normal approximation runs past them for small n or a large τ², and a
     * limit of 103% reads as a mistake. No band changes, since a proportion cannot pass them.
     */
    private static Interval proportion(Interval limits) {
        return new Interval(Math.max(0, limits.low()), Math.min(1, limits.high()));
    }

    private static Interval scale(Interval interval, double factor) {
        return new Interval(interval.low() * factor, interval.high() * factor);
    }

    /** A band from limits around a centre: above where value > high, below where value < low, edges within. */
    static Band band(Double value, double low, double high) {
        if (value == null) {
            return Band.MISSING;
        }
        if (value > high) {
            return Band.ABOVE;
        }
        if (value < low) {
            return Band.BELOW;
        }
        return Band.WITHIN; // also where the limits are NaN: nothing to compare with
    }

    private static MethodResult limits(ForceInput force, String method, Interval limits) {
        return new MethodResult(force.forceCode(), method, force.value(), orNull(limits.low()),
                orNull(limits.high()), band(force.value(), limits.low(), limits.high()));
    }

    /** A band from the force's own interval: above where it lies wholly above the benchmark, below wholly below. */
    private static MethodResult interval(ForceInput force, String method, Interval interval, double benchmark) {
        Band band = Band.WITHIN;
        if (interval.low() > benchmark) {
            band = Band.ABOVE;
        } else if (interval.high() < benchmark) {
            band = Band.BELOW;
        }
        return new MethodResult(force.forceCode(), method, force.value(), interval.low(), interval.high(), band);
    }

    private static MethodResult undefined(ForceInput force, String method) {
        Band band = force.value() == null ? Band.MISSING : Band.WITHIN;
        return new MethodResult(force.forceCode(), method, force.value(), null, null, band);
    }

    private static Double orNull(double x) {
        return Double.isNaN(x) ? null : x;
    }

    /** The forces with a value that are not excluded, checked. */
    private static final class Pool {
        final List<ForceInput> forces;
        final double[] values;

        private Pool(List<ForceInput> forces) {
            this.forces = forces;
            this.values = forces.stream().mapToDouble(ForceInput::value).toArray();
        }

        static Pool of(IndicatorKind kind, double multiplier, List<ForceInput> all, Set<String> excluded) {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(all, "forces");
            Objects.requireNonNull(excluded, "excludedForceCodes");
            if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("multiplier must be positive, not " + multiplier);
            }
            Set<String> seen = new HashSet<>();
            List<ForceInput> pooled = new ArrayList<>();
            for (ForceInput force : all) {
                Objects.requireNonNull(force, "force");
                if (!seen.add(force.forceCode())) {
                    throw new IllegalArgumentException("force " + force.forceCode() + " is given twice");
                }
                if (force.hasValue() && kind != IndicatorKind.AMOUNT) {
                    checkCounts(kind, force);
                }
                if (force.hasValue() && !excluded.contains(force.forceCode())) {
                    pooled.add(force);
                }
            }
            return new Pool(List.copyOf(pooled));
        }

        private static void checkCounts(IndicatorKind kind, ForceInput force) {
            Double num = force.numerator();
            Double den = force.denominator();
            if (num == null || den == null || !Double.isFinite(num) || !Double.isFinite(den) || !(num >= 0)
                    || !(den > 0)) {
                throw new IllegalArgumentException(force.forceCode() + " has a value but not a count >= 0 over a "
                        + "denominator > 0: " + num + "/" + den);
            }
            if (kind == IndicatorKind.PROPORTION && num > den) {
                throw new IllegalArgumentException(force.forceCode() + ": a proportion's numerator " + num
                        + " is greater than its denominator " + den);
            }
        }

        int indexOf(String forceCode) {
            for (int i = 0; i < forces.size(); i++) {
                if (forces.get(i).forceCode().equals(forceCode)) {
                    return i;
                }
            }
            return -1;
        }

        /** Σ numerators ÷ Σ denominators, as a fraction; NaN for an empty pool or one without counts. */
        double benchmarkFraction() {
            double num = 0;
            double den = 0;
            for (ForceInput force : forces) {
                if (force.numerator() == null || force.denominator() == null) {
                    return Double.NaN; // only for amounts, which never use it
                }
                num += force.numerator();
                den += force.denominator();
            }
            return den > 0 ? num / den : Double.NaN;
        }

        Overdispersion overdispersion(double p0) {
            int k = forces.size();
            if (k == 0 || !(p0 > 0 && p0 < 1)) {
                return new Overdispersion(k, 0, 0); // no spread around a rate of 0 or 1 to estimate
            }
            double[] z = new double[k];
            double[] w = new double[k];
            for (int i = 0; i < k; i++) {
                ForceInput force = forces.get(i);
                double n = force.denominator();
                double s2 = p0 * (1 - p0) / n;
                z[i] = (force.numerator() / n - p0) / Math.sqrt(s2);
                w[i] = 1 / s2;
            }
            double zLow = Stats.quantile(z, WINSOR_LOW);
            double zHigh = Stats.quantile(z, WINSOR_HIGH);
            double sumSquares = 0;
            for (double zi : z) {
                double winsorised = Math.min(Math.max(zi, zLow), zHigh);
                sumSquares += winsorised * winsorised;
            }
            double phi = sumSquares / k;
            double sumW = 0;
            double sumW2 = 0;
            for (double wi : w) {
                sumW += wi;
                sumW2 += wi * wi;
            }
            double spread = sumW - sumW2 / sumW;
            double tau2 = 0;
            if (k * phi > k - 1 && spread > 0) {
                tau2 = (k * phi - (k - 1)) / spread;
            }
            return new Overdispersion(k, phi, tau2);
        }
    }
}
