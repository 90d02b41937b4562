package uk.forcecompare.publication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import uk.forcecompare.charts.ComparisonChart;
import uk.forcecompare.indicators.Band;
import uk.forcecompare.indicators.ForceValue;
import uk.forcecompare.indicators.IndicatorDefinition;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.sources.Measures;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Rule;

/** Turns a computed indicator into the figure a report prints, worded as the inspectorate words its figures. */
public final class Figures {

    /** The forces as the bars are drawn: highest value first, ties by name, then the forces without a value. */
    public static List<ForceValue> chartOrder(IndicatorResult r, ForceDirectory forces) {
        List<ForceValue> out = new ArrayList<>(r.forces().stream().filter(ForceValue::hasValue).toList());
        out.sort(java.util.Comparator.comparingDouble((ForceValue v) -> -v.value().getAsDouble())
                .thenComparing(v -> forces.byCode(v.forceCode()).map(Force::name).orElse(v.forceCode())));
        r.forces().stream().filter(v -> !v.hasValue()).forEach(out::add);
        return out;
    }

    private Figures() {
    }

    /**
     * The chart as figure {@code figureNumber} of the publication: "Figure 3: Proportion of ...". For a rate per 1,000
     * population a note names the ONS mid-year estimate used, which a reader cannot otherwise tell (a 2023 rate may
     * rest on mid-2020 figures); the forces' own notes on the figures behind the chart ({@code value.force-note}
     * findings) are quoted under it: how a force counted a figure ("Abandoned after the IVR message") is part of what a
     * reader compares.
     */
    public static ComparisonChart chartOf(IndicatorResult r, ForceDirectory forces, int figureNumber,
                                          Optional<Integer> populationMidYear, List<Finding> findings) {
        ComparisonChart c = chartOf(r, forces);
        List<String> notes = new ArrayList<>(c.notes());
        IndicatorDefinition d = r.definition();
        boolean perPopulation = d.numerator().contains(Measures.POPULATION) || d.denominator().contains(Measures.POPULATION);
        if (perPopulation && populationMidYear.isPresent()) {
            notes.add(Math.min(1, notes.size()), "Population: ONS mid-" + populationMidYear.get()
                    + " population estimates for police force areas.");
        }
        forcesNotes(r, forces, findings).ifPresent(notes::add);
        return new ComparisonChart("Figure " + figureNumber + ": " + c.title(), c.valueAxisLabel(), c.decimals(), c.unitSuffix(),
                c.bars(), c.mean(), c.sd(), c.lower(), c.upper(), c.target(), c.targetLabel(), notes, c.focusForceCode(),
                c.forcesInMean());
    }

    /**
     * "Forces' notes on their figures: 'Abandoned after the IVR message' (101 calls abandoned: Dyfed-Powys, Merseyside);
     * ..." for the forces with a value, one entry per note and measure; empty where there are none.
     */
    static Optional<String> forcesNotes(IndicatorResult r, ForceDirectory forces, List<Finding> findings) {
        IndicatorDefinition d = r.definition();
        java.util.Set<String> valued = new java.util.HashSet<>();
        for (ForceValue v : r.forces()) if (v.hasValue()) valued.add(v.forceCode());
        Map<String, java.util.TreeSet<String>> byNote = new java.util.LinkedHashMap<>();
        for (String measure : d.measures()) {
            for (Finding f : findings) {
                if (f.rule() != Rule.VALUE_FORCE_NOTE || !valued.contains(f.forceCode())) continue;
                if (!java.util.Arrays.asList(f.message().split("[\\s:]+")).contains(measure)) continue;
                String force = forces.byCode(f.forceCode()).map(Force::name).orElse(f.forceCode());
                byNote.computeIfAbsent("'" + f.observed() + "' (" + Measures.inWords(measure), k -> new java.util.TreeSet<>()).add(force);
            }
        }
        if (byNote.isEmpty()) return Optional.empty();
        List<String> parts = new ArrayList<>();
        byNote.forEach((note, names) -> parts.add(note + ": " + String.join(", ", names) + ")"));
        return Optional.of("Forces' notes on their figures: " + String.join("; ", parts) + ".");
    }

    public static ComparisonChart chartOf(IndicatorResult r, ForceDirectory forces) {
        IndicatorDefinition d = r.definition();
        List<ComparisonChart.Bar> bars = new ArrayList<>();
        List<String> withoutData = new ArrayList<>();
        // forces missing for the same reason share one parenthesis: "no return from the force" 41 times hides the rest
        Map<String, List<String>> byReason = new java.util.LinkedHashMap<>();
        for (ForceValue v : r.forces()) {
            Force f = forces.byCode(v.forceCode()).orElseThrow();
            if (v.hasValue()) bars.add(new ComparisonChart.Bar(f.code(), f.name(), v.value().getAsDouble(), v.band()));
            else {
                // a bar without a value is not drawn: it names the force in its own marked figure and the text alternative
                bars.add(new ComparisonChart.Bar(f.code(), f.name(), Double.NaN, Band.MISSING));
                withoutData.add(f.name());
                byReason.computeIfAbsent(v.missingReason(), k -> new ArrayList<>()).add(f.name());
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add(d.sourceNote());
        notes.add(methodNote(r));
        if (!r.comparison().excluded().isEmpty()) {
            notes.add("Left out of the mean and standard deviation by configuration: " + String.join(", ",
                    r.comparison().excluded().stream().map(c -> forces.byCode(c).map(Force::name).orElse(c)).toList()) + ".");
        }
        if (withoutData.size() > 1 && withoutData.size() == r.forces().size() && byReason.size() == 1) {
            // the same words 43 times over hide the one thing to say
            notes.add("No data for any of the " + withoutData.size() + " forces: " + byReason.keySet().iterator().next() + ".");
        } else if (!withoutData.isEmpty()) {
            List<String> parts = new ArrayList<>();
            byReason.forEach((reason, names) -> parts.add(String.join(", ", names) + " (" + reason + ")"));
            notes.add((withoutData.size() == 1 ? "No data for " : "No data for " + withoutData.size() + " forces: ")
                    + String.join("; ", parts) + ".");
        }
        return new ComparisonChart(title(r), d.axisLabel(), d.decimals(), d.unit().suffix(), bars,
                r.comparison().mean(), r.comparison().sd(), r.comparison().lower(), r.comparison().upper(),
                d.target(), d.targetLabel(), notes, Optional.empty(), r.comparison().nForces());
    }

    /**
     * The funnel plot of a proportion indicator: each force's value against its denominator, with 95% and 99.8%
     * limits around the England and Wales rate. Empty for other kinds.
     */
    public static java.util.Optional<uk.forcecompare.charts.FunnelPlot> funnelOf(IndicatorResult r, ForceDirectory forces) {
        IndicatorDefinition d = r.definition();
        if (uk.forcecompare.indicators.methods.IndicatorKind.byId(d.kind()) != uk.forcecompare.indicators.methods.IndicatorKind.PROPORTION) {
            return java.util.Optional.empty();
        }
        List<uk.forcecompare.indicators.methods.ForceInput> inputs = uk.forcecompare.indicators.methods.ForceInput.allOf(r);
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        forces.all().forEach(f -> names.put(f.code(), f.name()));
        String title = title(r);
        return java.util.Optional.of(uk.forcecompare.charts.FunnelPlot.of(
                "Funnel plot: " + Character.toLowerCase(title.charAt(0)) + title.substring(1), d.axisLabel(), denominatorLabel(d),
                d.decimals(), d.unit().suffix(), d.unit().multiplier(), inputs, new java.util.HashSet<>(r.comparison().excluded()),
                names, List.of(d.sourceNote())));
    }

    static String denominatorLabel(IndicatorDefinition d) {
        return switch (d.denominator().get(0)) {
            case "CALLS_999_TOTAL" -> "Number of 999 calls";
            case "CALLS_101_RECEIVED" -> "Number of 101 calls received";
            case "STOP_SEARCH_S1_SEARCHES", "RECORDS_STOP_SEARCHES" -> "Number of stop and searches";
            default -> "Denominator (" + String.join(" + ", d.denominator()) + ")";
        };
    }

    /** "Proportion of 999 calls answered within 10 seconds by forces in England and Wales in the year ending 31 December 2023" */
    public static String title(IndicatorResult r) {
        // a stock is counted on a day: "as at 31 March 2023", never "in 31 March 2023"
        return r.definition().chartSubject() + " by forces in England and Wales " + (r.period().isStock() ? "as at " : "in ")
                + r.period().describe();
    }

    static String methodNote(IndicatorResult r) {
        String sd = r.comparison().sdMethod().startsWith("population") ? "population" : "sample";
        if (r.comparison().nForces() == 0) {
            return r.forces().stream().anyMatch(ForceValue::hasValue)
                    ? "Every force with a value is left out of the mean by configuration, so there is no mean and no band."
                    : "No force has a value, so there is no mean and no band.";
        }
        if (Double.isNaN(r.comparison().sd())) {
            return "Only one force has a value: the dashed line is its value, and with one force there is no standard "
                    + "deviation and no band.";
        }
        return "Dotted lines show one standard deviation (" + sd + ") above and below the unweighted mean of "
                + r.comparison().nForces() + " forces. Bars: dark blue above the band, light blue below it, grey within.";
    }

}
