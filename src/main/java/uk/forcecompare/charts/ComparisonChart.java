package uk.forcecompare.charts;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import uk.forcecompare.indicators.Band;

/**
 * Everything one comparison bar chart shows. The renderer sorts the bars (highest first); forces without a
 * value are not bars but are named in {@code notes}.
 *
 * @param title the figure title, e.g. "Proportion of 999 calls answered within 10 seconds by forces in England and
 *              Wales in the year ending 31 December 2023"
 * @param valueAxisLabel e.g. "Percentage of calls" or "Rate per 1,000 population"
 * @param decimals decimals shown on value labels
 * @param unitSuffix appended to displayed values, e.g. "%" or "" (rates)
 * @param notes lines printed under the chart, in order: source note, method note, forces without data with reasons
 * @param focusForceCode the force whose bar is marked and labelled, for that force's report
 * @param forcesInMean how many forces the mean and standard deviation are of: fewer than the bars where the collection
 *                     leaves some forces out of them
 */
public record ComparisonChart(
        String title,
        String valueAxisLabel,
        int decimals,
        String unitSuffix,
        List<Bar> bars,
        double mean,
        double sd,
        double lower,
        double upper,
        OptionalDouble target,
        String targetLabel,
        List<String> notes,
        Optional<String> focusForceCode,
        int forcesInMean) {

    public record Bar(String forceCode, String forceName, double value, Band band) {
    }

    public ComparisonChart {
        bars = List.copyOf(bars);
        notes = List.copyOf(notes);
    }

    /** A chart whose mean and standard deviation are of every force with a bar. */
    public ComparisonChart(String title, String valueAxisLabel, int decimals, String unitSuffix, List<Bar> bars, double mean,
                           double sd, double lower, double upper, OptionalDouble target, String targetLabel, List<String> notes,
                           Optional<String> focusForceCode) {
        this(title, valueAxisLabel, decimals, unitSuffix, bars, mean, sd, lower, upper, target, targetLabel, notes,
                focusForceCode, (int) bars.stream().filter(b -> !Double.isNaN(b.value())).count());
    }

    public ComparisonChart focusedOn(String forceCode) {
        return new ComparisonChart(title, valueAxisLabel, decimals, unitSuffix, bars, mean, sd, lower, upper, target,
                targetLabel, notes, Optional.of(forceCode), forcesInMean);
    }
}
