package uk.forcecompare.publication.site;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import uk.forcecompare.collection.Period;
import uk.forcecompare.indicators.Band;
import uk.forcecompare.indicators.Comparison;
import uk.forcecompare.indicators.ForceValue;
import uk.forcecompare.indicators.IndicatorDefinition;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;

/**
 * One sentence per force and indicator, worded as a PEEL report words a figure:
 * "In the year ending 31 March 2023, Norfolk Constabulary issued 285 civil orders in 9,950 antisocial behaviour incidents,
 * a ratio of 2.9 percent. This is more than one standard deviation higher than the average of 1.3 percent for forces in
 * England and Wales."
 *
 * <p>A ±1 SD band is a rule of thumb, not a test: the wording never calls a difference "significant".
 */
final class Sentences {

    /** One row of {@code sentences.csv}: the SD method beside it, as the contract asks of every output. */
    record Sentence(String indicatorId, String forceCode, String forceName, String band, String text, String sdMethod) {
    }

    /**
     * What follows the force's name, per indicator. {N} numerator, {M} denominator (as counts or pounds), {V} the
     * value with its unit ("2.9 percent"), {v} the value alone ("2.9", "£185,432").
     */
    private static final Map<String, String> PHRASES = Map.ofEntries(
            Map.entry("asb-civil-order-ratio", "issued {N} civil orders in {M} antisocial behaviour incidents, a ratio of {V}"),
            Map.entry("calls-999-answered-within-10s", "answered {V} of 999 calls within 10 seconds"),
            Map.entry("calls-999-per-1000", "received {v} emergency (999) calls per 1,000 population ({N} calls in all)"),
            Map.entry("calls-101-abandonment-rate", "had {V} of its 101 calls abandoned ({N} of {M} calls)"),
            Map.entry("stop-search-per-1000", "carried out {v} stop and searches under section 1 of PACE and associated "
                    + "legislation per 1,000 population ({N} searches in all)"),
            Map.entry("stop-search-arrest-rate", "made an arrest in {N} of {M} stop and searches under section 1 of PACE "
                    + "and associated legislation, an arrest rate of {V}"),
            Map.entry("stop-search-find-rate", "found the object of the search in {N} of {M} stop and searches, a find rate of {V}"),
            Map.entry("officers-per-1000", "had {N} police officers (full-time equivalent), {v} officers per 1,000 population"),
            Map.entry("funding-per-1000", "had total funding (government funding and precept) of {N}, {V}"),
            Map.entry("precept-share", "raised {N} through the council tax precept, {V} of its total funding of {M}"),
            Map.entry("asb-incidents-per-1000", "recorded {N} antisocial behaviour incidents, {V}"),
            Map.entry("crimes-per-1000", "recorded {N} street-level crimes, {V}"));

    private Sentences() {
    }

    static List<Sentence> all(List<IndicatorResult> results, ForceDirectory forces) {
        List<Sentence> out = new ArrayList<>();
        for (IndicatorResult r : results) {
            for (ForceValue v : r.forces()) {
                Force f = forces.byCode(v.forceCode()).orElseThrow(
                        () -> new IllegalArgumentException("not one of the 43 forces: " + v.forceCode()));
                out.add(new Sentence(r.definition().id(), f.code(), f.name(), v.band().label(), of(r, v, f),
                        r.comparison().sdMethod()));
            }
        }
        return out;
    }

    /** The sentence for one force's value. */
    static String of(IndicatorResult r, ForceValue v, Force force) {
        IndicatorDefinition d = r.definition();
        Comparison c = r.comparison();
        if (!v.hasValue()) return missing(r, v, force);
        double value = v.value().getAsDouble();
        int dp = decimals(d, c, v.band(), value);
        StringBuilder s = new StringBuilder();
        s.append(opening(r.period())).append(", ").append(force.fullName()).append(' ').append(phrase(d, v, value, dp)).append('.');
        if (!Double.isNaN(c.mean())) {
            s.append(' ').append(comparedWithTheAverage(d, c, v.band(), value, dp));
        }
        d.target().ifPresent(t -> s.append(' ').append(againstTheTarget(d, value, t, dp)));
        if (c.excluded().contains(force.code())) {
            s.append(' ').append(force.fullName()).append(" is left out of the average and standard deviation by configuration.");
        }
        return s.toString();
    }

    /**
     * The decimals of every figure in one sentence: the indicator's, or as many more as tell the value from a figure the
     * sentence calls it higher or lower than. Durham's 99.41 percent above a band around an average of 98.71 would
     * otherwise read "recorded 99 percent. This is more than one standard deviation higher than the average of 99
     * percent"; to one place it is 99.4 against 98.7. "More than one standard deviation higher" is a comparison with
     * the band's edge too, so the value is also told from the edge it crossed, as data.csv and the chart's label tell
     * it. Within the band, a value that shows as the average is "in line with" it, which needs no more places.
     */
    static int decimals(IndicatorDefinition d, Comparison c, Band band, double value) {
        boolean outside = (band == Band.ABOVE || band == Band.BELOW) && !Double.isNaN(c.sd());
        double average = outside ? c.mean() : Double.NaN;
        double edge = outside ? c.edgeCrossed(band) : Double.NaN;
        double target = d.target().isPresent() && value < d.target().getAsDouble() ? d.target().getAsDouble() : Double.NaN;
        return Comparison.decimalsToTellApart(value, d.decimals(), average, edge, target);
    }

    /**
     * Worded as the inspectorate words it ("higher than the average of 1.3 percent for forces in England and Wales",
     * "within the normal range"), with the band's edge said outright: the average is the unweighted mean of forces,
     * never the England and Wales rate.
     */
    static String comparedWithTheAverage(IndicatorDefinition d, Comparison c, Band band, double value, int dp) {
        String mean = Display.withUnit(c.mean(), d, dp);
        if (Double.isNaN(c.sd())) {
            return "The average for forces in England and Wales is " + mean
                    + "; with fewer than two forces there is no standard deviation to compare against.";
        }
        return switch (band) {
            case ABOVE -> "This is more than one standard deviation higher than the average of " + mean
                    + " for forces in England and Wales.";
            case BELOW -> "This is more than one standard deviation lower than the average of " + mean
                    + " for forces in England and Wales.";
            default -> {
                // equal as displayed reads as equal: "87.1 percent, higher than the average of 87.1 percent" would not
                if (Display.withUnit(value, d, dp).equals(mean)) {
                    yield "This is in line with the average of " + mean + " for forces in England and Wales, within the "
                            + "normal range of one standard deviation either side of it.";
                }
                // a value exactly on an edge is within the band (contract 4), but "by less than" would be untrue
                boolean onTheEdge = Math.abs(Math.abs(value - c.mean()) - c.sd()) <= 1e-9 * Math.max(1.0, c.sd());
                yield "This is within the normal range for forces in England and Wales: " + (value > c.mean() ? "higher" : "lower")
                        + " than their average of " + mean + (onTheEdge
                        ? " by exactly one standard deviation, on the edge of the range."
                        : " by less than one standard deviation.");
            }
        };
    }

    /** "It is below the target of 90 percent.": at or above, or below, never "meets", which would judge a direction. */
    static String againstTheTarget(IndicatorDefinition d, double value, double target, int dp) {
        String t = Display.number(target, target == Math.rint(target) ? 0 : dp) + " " + Display.unitWords(d);
        return "It is " + (value >= target ? "at or above" : "below") + " the target of " + t + ".";
    }

    private static String missing(IndicatorResult r, ForceValue v, Force force) {
        IndicatorDefinition d = r.definition();
        Comparison c = r.comparison();
        String reason = v.missingReason() == null || v.missingReason().isBlank() ? "no reason was recorded"
                : v.missingReason().strip().replaceAll("[.\\s]+$", "");
        StringBuilder s = new StringBuilder("There is no value for ").append(force.fullName()).append(" for the ")
                .append(Display.lowerFirst(d.chartSubject())).append(' ').append(when(r.period()))
                .append(" (").append(reason).append(").");
        if (!Double.isNaN(c.mean())) {
            s.append(' ').append(force.fullName()).append(" is not included in the average of ")
                    .append(Display.withUnit(c.mean(), d)).append(" for forces in England and Wales.");
        }
        return s.toString();
    }

    /** "In the year ending 31 March 2023", "In March 2023", or for a stock "On 31 March 2023". */
    static String opening(Period p) {
        String w = when(p);
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    /** "in the year ending 31 March 2023", or for a stock, counted on a day, "on 31 March 2023" (never "in 31 March"). */
    static String when(Period p) {
        return (p.isStock() ? "on " : "in ") + p.describe();
    }

    private static String phrase(IndicatorDefinition d, ForceValue v, double value, int dp) {
        String template = PHRASES.get(d.id());
        boolean needsN = template != null && template.contains("{N}");
        boolean needsM = template != null && template.contains("{M}");
        if (template == null || (needsN && v.numerator().isEmpty()) || (needsM && v.denominator().isEmpty())) {
            return generic(d, value, dp);
        }
        return template
                .replace("{N}", amount(v.numerator(), d.numerator()))
                .replace("{M}", amount(v.denominator(), d.denominator()))
                .replace("{V}", Display.withUnit(value, d, dp))
                .replace("{v}", Display.bare(value, d, dp));
    }

    /**
     * For an indicator without its own phrase: "recorded 12.3 percent for the proportion of ...". A title that ends in
     * the unit already names what was counted, so the value goes before it: "recorded 0.9 criminal behaviour orders per
     * 1,000 population", not "0.9 per 1,000 population for the criminal behaviour orders per 1,000 population".
     */
    private static String generic(IndicatorDefinition d, double value, int dp) {
        String subject = Display.lowerFirst(d.title());
        String unit = Display.unitWords(d);
        String counted = subject.replaceFirst("^(?i)(the )?number of ", "");
        if (counted.toLowerCase(java.util.Locale.ROOT).endsWith(" " + unit) && counted.length() > unit.length() + 1) {
            return "recorded " + Display.bare(value, d, dp) + " " + counted;
        }
        return "recorded " + Display.withUnit(value, d, dp) + " for the " + subject;
    }

    private static String amount(Optional<BigDecimal> n, List<String> measures) {
        return n.map(x -> Display.amount(x, measures)).orElse("");
    }
}
