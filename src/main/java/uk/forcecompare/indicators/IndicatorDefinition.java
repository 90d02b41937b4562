package uk.forcecompare.indicators;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One indicator, as an analyst defines it in {@code jobs/indicators/<id>.yml}: what it divides by what, in which
 * unit, and how its chart is titled and sourced.
 *
 * @param kind {@code proportion}, {@code count-rate} or {@code amount}: decides which interval methods apply
 * @param numerator measure codes summed for the numerator
 * @param denominator measure codes summed for the denominator ({@code POPULATION} for rates per 1,000)
 * @param partOfWhole the numerator is a part of the denominator, so a numerator above it is an error
 * @param chartSubject the title's subject, completed with "by forces in England and Wales in the year ending ..."
 * @param plausibleRange values outside it are queried (a warning), never removed
 * @param fallback for a measure, another that stands in for a force without a usable value of the first (funding
 *                 from the Home Office table where a force's return has none)
 */
public record IndicatorDefinition(
        String id,
        String title,
        String chartSubject,
        String kind,
        Unit unit,
        List<String> numerator,
        List<String> denominator,
        boolean partOfWhole,
        int decimals,
        OptionalDouble target,
        String targetLabel,
        String axisLabel,
        String sourceNote,
        Optional<double[]> plausibleRange,
        Map<String, String> fallback) {

    public enum Unit {
        PERCENT("percent", 100, "%"),
        PER_1000("per-1000", 1000, "");

        private final String id;
        private final double multiplier;
        private final String suffix;

        Unit(String id, double multiplier, String suffix) {
            this.id = id;
            this.multiplier = multiplier;
            this.suffix = suffix;
        }

        public String id() { return id; }
        public double multiplier() { return multiplier; }
        /** What follows a displayed value: "%" for percentages, nothing for rates. */
        public String suffix() { return suffix; }

        public static Unit byId(String id) {
            for (Unit u : values()) if (u.id.equals(id)) return u;
            throw new IllegalArgumentException("unit must be 'percent' or 'per-1000', not '" + id + "'");
        }
    }

    public IndicatorDefinition {
        numerator = List.copyOf(numerator);
        denominator = List.copyOf(denominator);
        fallback = Map.copyOf(fallback);
    }

    /** An indicator with no fallback measures. */
    public IndicatorDefinition(String id, String title, String chartSubject, String kind, Unit unit, List<String> numerator,
                               List<String> denominator, boolean partOfWhole, int decimals, OptionalDouble target,
                               String targetLabel, String axisLabel, String sourceNote, Optional<double[]> plausibleRange) {
        this(id, title, chartSubject, kind, unit, numerator, denominator, partOfWhole, decimals, target, targetLabel,
                axisLabel, sourceNote, plausibleRange, Map.of());
    }

    public boolean perPopulation() {
        return denominator.contains(uk.forcecompare.sources.Measures.POPULATION);
    }

    /**
     * The definition setting by setting, under the names its file gives them and in their order, every setting
     * present (empty where the file leaves it out): what a run records it computed with, so that an edit shows.
     */
    public Map<String, String> settings() {
        Map<String, String> s = new java.util.LinkedHashMap<>();
        s.put("id", id);
        s.put("title", nullToEmpty(title));
        s.put("chart-subject", nullToEmpty(chartSubject));
        s.put("kind", nullToEmpty(kind));
        s.put("unit", unit.id());
        s.put("numerator", String.join(", ", numerator));
        s.put("denominator", String.join(", ", denominator));
        s.put("part-of-whole", Boolean.toString(partOfWhole));
        s.put("decimals", Integer.toString(decimals));
        s.put("target", target.isPresent() ? plain(target.getAsDouble()) : "");
        s.put("target-label", nullToEmpty(targetLabel));
        s.put("axis-label", nullToEmpty(axisLabel));
        s.put("source-note", nullToEmpty(sourceNote));
        s.put("plausible-range", plausibleRange.map(r -> plain(r[0]) + " to " + plain(r[1])).orElse(""));
        s.put("fallback", new java.util.TreeMap<>(fallback).entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", ")));
        return s;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** 90 as "90", 92.5 as "92.5": as an analyst writes it */
    private static String plain(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** Every measure the indicator needs, numerator first. */
    public List<String> measures() {
        return java.util.stream.Stream.concat(numerator.stream(), denominator.stream()).distinct().toList();
    }
}
