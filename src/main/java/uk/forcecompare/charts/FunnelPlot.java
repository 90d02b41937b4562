package uk.forcecompare.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import uk.forcecompare.indicators.Band;
import uk.forcecompare.indicators.methods.ComparisonMethods;
import uk.forcecompare.indicators.methods.ForceInput;
import uk.forcecompare.indicators.methods.IndicatorKind;

/**
 * Everything one funnel plot of a proportion indicator shows: each force's value against its denominator, around the
 * England and Wales rate p0, with control limits p0 ± z·√(p0(1 − p0)/n) (in the indicator's unit: × multiplier) at
 * 95% (z = {@link ComparisonMethods#Z_95}) and 99.8% (z = {@link ComparisonMethods#Z_998}), and, where the forces
 * vary more than chance allows (τ² &gt; 0), the 99.8% limits p0 ± z·√(p0(1 − p0)/n + τ²) that allow for it. These are
 * the limits of {@code funnel-95}, {@code funnel-998} and {@code funnel-998-od} in {@code comparison-methods.csv}.
 *
 * @param title e.g. "Funnel plot: proportion of 999 calls answered within 10 seconds by forces in England and Wales
 *              in the year ending 31 December 2023"
 * @param valueAxisLabel e.g. "Percentage of 999 calls answered within 10 seconds"
 * @param denominatorAxisLabel e.g. "Number of 999 calls"
 * @param decimals decimals shown on values
 * @param unitSuffix appended to displayed values: "%" for percentages
 * @param multiplier 100 for percentages: value = numerator ÷ denominator × multiplier
 * @param benchmark p0 in the indicator's unit (the England and Wales rate over the forces not excluded); NaN where
 *                  no force is in the pool, and then no limits are drawn and every point is inside
 * @param tau2 the between-force variance τ² on the fraction scale; empty or 0 draws no overdispersed limits
 * @param points the forces with a value, each with its denominator n &gt; 0
 * @param notes lines printed under the plot, in order
 * @param focusForceCode the force whose point is ringed and labelled, for that force's report
 * @param logScale the denominator axis is logarithmic
 */
public record FunnelPlot(
        String title,
        String valueAxisLabel,
        String denominatorAxisLabel,
        int decimals,
        String unitSuffix,
        double multiplier,
        double benchmark,
        OptionalDouble tau2,
        List<Point> points,
        List<String> notes,
        Optional<String> focusForceCode,
        boolean logScale) {

    /**
     * One force.
     *
     * @param denominator n, e.g. the number of 999 calls
     * @param value the force's value in the indicator's unit
     * @param excluded left out of the England and Wales rate and τ² by configuration (still plotted)
     */
    public record Point(String forceCode, String forceName, double denominator, double value, boolean excluded) {

        public Point {
            Objects.requireNonNull(forceCode, "forceCode");
            Objects.requireNonNull(forceName, "forceName");
            if (!(denominator > 0) || !Double.isFinite(denominator)) {
                throw new IllegalArgumentException(forceCode + ": a funnel plot needs a denominator > 0, not "
                        + denominator);
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(forceCode + ": value must be finite, not " + value);
            }
        }
    }

    /** A pair of limits at one n, in the indicator's unit. */
    public record Limits(double low, double high) {
    }

    /** Where a point lies against the limits; a point on a limit is inside it (as in {@code ComparisonMethods}). */
    public enum Position {
        /** above the upper 99.8% limit */
        ABOVE_998,
        /** above the upper 95% limit, not above the upper 99.8% one */
        ABOVE_95,
        /** within the 95% limits */
        INSIDE_95,
        /** below the lower 95% limit, not below the lower 99.8% one */
        BELOW_95,
        /** below the lower 99.8% limit */
        BELOW_998;

        /** outside the 99.8% limits */
        public boolean outside998() {
            return this == ABOVE_998 || this == BELOW_998;
        }
    }

    public FunnelPlot {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(tau2, "tau2");
        Objects.requireNonNull(focusForceCode, "focusForceCode");
        valueAxisLabel = valueAxisLabel == null ? "" : valueAxisLabel;
        denominatorAxisLabel = denominatorAxisLabel == null ? "" : denominatorAxisLabel;
        unitSuffix = unitSuffix == null ? "" : unitSuffix;
        if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be positive, not " + multiplier);
        }
        if (!Double.isNaN(benchmark) && !(benchmark >= 0 && benchmark <= multiplier)) {
            throw new IllegalArgumentException("the benchmark must lie within 0 and " + multiplier + ", not "
                    + benchmark);
        }
        if (tau2.isPresent() && !(tau2.getAsDouble() >= 0)) {
            throw new IllegalArgumentException("tau2 must be >= 0, not " + tau2.getAsDouble());
        }
        points = List.copyOf(points);
        notes = List.copyOf(notes);
    }

    /**
     * The funnel plot of a proportion indicator from the inputs of {@link ComparisonMethods}: p0 from
     * {@link ComparisonMethods#benchmarkRate} and τ² from {@link ComparisonMethods#overdispersion}, both over the
     * forces that have a value and are not excluded. Forces without a value are named in a note. The method note,
     * the excluded forces and the forces without data are appended to {@code notes}. The denominator axis is
     * logarithmic where the largest denominator is at least 10 times the smallest.
     *
     * @param forceNames force code → name; a force not in it is named by its code
     * @throws IllegalArgumentException where the inputs are not those of a proportion (see
     *         {@link ComparisonMethods#compute})
     */
    public static FunnelPlot of(String title, String valueAxisLabel, String denominatorAxisLabel, int decimals,
            String unitSuffix, double multiplier, List<ForceInput> forces, Set<String> excludedForceCodes,
            Map<String, String> forceNames, List<String> notes) {
        Objects.requireNonNull(forceNames, "forceNames");
        // the benchmark's pool validates the counts exactly as the comparison methods do
        OptionalDouble p0 = ComparisonMethods.benchmarkRate(IndicatorKind.PROPORTION, multiplier, forces,
                excludedForceCodes);
        double tau2 = ComparisonMethods.overdispersion(forces, excludedForceCodes).tau2();

        List<Point> points = new ArrayList<>();
        List<String> without = new ArrayList<>();
        List<String> excludedNames = new ArrayList<>();
        for (ForceInput f : forces) {
            String name = forceNames.getOrDefault(f.forceCode(), f.forceCode());
            if (f.hasValue()) {
                boolean excluded = excludedForceCodes.contains(f.forceCode());
                points.add(new Point(f.forceCode(), name, f.denominator(), f.value(), excluded));
                if (excluded) {
                    excludedNames.add(name);
                }
            } else {
                without.add(name);
            }
        }
        List<String> allNotes = new ArrayList<>(notes == null ? List.of() : notes);
        if (p0.isPresent()) {
            allNotes.add(methodNote(p0.getAsDouble(), tau2, multiplier, decimals, unitSuffix));
        }
        if (!excludedNames.isEmpty()) {
            allNotes.add("Left out of the England and Wales rate and the limits by configuration, but plotted: "
                    + String.join(", ", excludedNames) + ".");
        }
        if (!without.isEmpty()) {
            allNotes.add("No data for " + (without.size() == 1 ? "" : without.size() + " forces: ")
                    + String.join(", ", without) + ".");
        }
        double min = points.stream().mapToDouble(Point::denominator).min().orElse(1);
        double max = points.stream().mapToDouble(Point::denominator).max().orElse(1);
        return new FunnelPlot(title, valueAxisLabel, denominatorAxisLabel, decimals, unitSuffix, multiplier,
                p0.orElse(Double.NaN), tau2 > 0 ? OptionalDouble.of(tau2) : OptionalDouble.empty(), points, allNotes,
                Optional.empty(), max >= 10 * min);
    }

    private static String methodNote(double p0, double tau2, double multiplier, int decimals, String unit) {
        String rate = ChartStyle.number(p0, decimals) + unit;
        String note = "Each point is a force. Dashed lines mark the 95% limits and solid lines the 99.8% limits "
                + "around the England and Wales rate (" + rate + "): where forces differ only by chance, about 1 in 20 "
                + "would lie outside the 95% limits and 1 in 500 outside the 99.8% limits. The limits narrow as the "
                + "number of cases grows.";
        if (tau2 > 0) {
            note += " Forces vary more than chance alone would allow, so dotted lines mark the 99.8% limits widened "
                    + "for that overdispersion (" + tau2Text(tau2, multiplier, unit) + ").";
        }
        return note;
    }

    /** "τ² = 0.0000166, a spread between forces of 0.41 percentage points": τ² and √τ² in the unit. */
    static String tau2Text(double tau2, double multiplier, String unit) {
        String t = new java.math.BigDecimal(tau2).round(new java.math.MathContext(3)).stripTrailingZeros()
                .toPlainString();
        String sd = String.format(Locale.UK, "%,.2f", Math.sqrt(tau2) * multiplier);
        String in = "%".equals(unit.strip()) ? " percentage points" : unit.isBlank() ? "" : " " + unit.strip();
        return "τ² = " + t + ", a standard deviation between forces of " + sd + in;
    }

    /** The same plot with that force's point ringed and labelled. */
    public FunnelPlot focusedOn(String forceCode) {
        return new FunnelPlot(title, valueAxisLabel, denominatorAxisLabel, decimals, unitSuffix, multiplier, benchmark,
                tau2, points, notes, Optional.of(forceCode), logScale);
    }

    /** The same plot with a logarithmic (true) or linear (false) denominator axis. */
    public FunnelPlot withLogScale(boolean log) {
        return new FunnelPlot(title, valueAxisLabel, denominatorAxisLabel, decimals, unitSuffix, multiplier, benchmark,
                tau2, points, notes, focusForceCode, log);
    }

    /** p0 as a fraction. */
    double p0() {
        return benchmark / multiplier;
    }

    /** τ², 0 where there is none. */
    double overdispersion() {
        return tau2.orElse(0);
    }

    public boolean hasOverdispersedLimits() {
        return overdispersion() > 0;
    }

    /** p0 ± z·√(p0(1 − p0)/n + extraVariance) × multiplier. */
    Limits limits(double n, double z, double extraVariance) {
        double p0 = p0();
        double half = z * Math.sqrt(p0 * (1 - p0) / n + extraVariance);
        return new Limits((p0 - half) * multiplier, (p0 + half) * multiplier);
    }

    /** The 95% limits at n: p0 ± 1.959964·√(p0(1 − p0)/n), in the indicator's unit. */
    public Limits limits95(double n) {
        return limits(n, ComparisonMethods.Z_95, 0);
    }

    /** The 99.8% limits at n: p0 ± 3.090232·√(p0(1 − p0)/n), in the indicator's unit. */
    public Limits limits998(double n) {
        return limits(n, ComparisonMethods.Z_998, 0);
    }

    /** The 99.8% limits at n allowing for overdispersion: p0 ± 3.090232·√(p0(1 − p0)/n + τ²). */
    public Limits limits998Overdispersed(double n) {
        return limits(n, ComparisonMethods.Z_998, overdispersion());
    }

    /** Where the point lies against the 95% and 99.8% limits at its own n. */
    public Position position(Point p) {
        Limits l998 = limits998(p.denominator());
        Limits l95 = limits95(p.denominator());
        if (p.value() > l998.high()) {
            return Position.ABOVE_998;
        }
        if (p.value() < l998.low()) {
            return Position.BELOW_998;
        }
        if (p.value() > l95.high()) {
            return Position.ABOVE_95;
        }
        if (p.value() < l95.low()) {
            return Position.BELOW_95;
        }
        return Position.INSIDE_95;
    }

    /** The band of {@code funnel-998-od}: against the 99.8% limits allowing for overdispersion. */
    public Band bandOverdispersed(Point p) {
        Limits l = limits998Overdispersed(p.denominator());
        return p.value() > l.high() ? Band.ABOVE : p.value() < l.low() ? Band.BELOW : Band.WITHIN;
    }

    /** How far the point lies from p0 in standard errors at its n (with τ² where {@code overdispersed}). */
    double z(Point p, boolean overdispersed) {
        double p0 = p0();
        double se = Math.sqrt(p0 * (1 - p0) / p.denominator() + (overdispersed ? overdispersion() : 0));
        return se > 0 ? (p.value() / multiplier - p0) / se : 0;
    }

    /** a value as displayed: the plot's decimals and unit, e.g. "87.1%" */
    String format(double v) {
        return ChartStyle.number(v, decimals) + unitSuffix;
    }
}
