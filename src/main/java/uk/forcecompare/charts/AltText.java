package uk.forcecompare.charts;

import java.util.List;
import java.util.stream.Collectors;

import uk.forcecompare.indicators.Band;
import uk.forcecompare.indicators.Comparison;

/** The text alternative of a comparison figure: what it shows, in words a screen reader can read out. */
final class AltText {

    private AltText() {
    }

    static String national(FigureLayout layout) {
        ComparisonChart c = layout.chart;
        List<ComparisonChart.Bar> bars = layout.bars;
        StringBuilder sb = new StringBuilder();
        sb.append(c.title()).append("\n\n");
        if (bars.isEmpty()) {
            sb.append("Bar chart with no bars: no force has a value for this indicator.\n");
        } else {
            ComparisonChart.Bar first = bars.get(0);
            ComparisonChart.Bar last = bars.get(bars.size() - 1);
            sb.append("Bar chart of ").append(bars.size()).append(bars.size() == 1 ? " police force" : " police forces")
                    .append(" in England and Wales, one bar per force, sorted from highest to lowest. The vertical axis shows ")
                    .append(lowerFirst(c.valueAxisLabel()));
            if (bars.size() == 1) sb.append(". The one bar: ").append(valued(layout, first)).append(".\n");
            else {
                // "Highest: Suffolk 0.0" beside a mean of 0.006 reads as a mistake: the two ends go to as many places as
                // tell them from each other, the mean and the band edge each crossed
                int dp = Math.max(
                        Comparison.decimalsToTellApart(first.value(), c.decimals(), last.value(), c.mean(),
                                Comparison.edgeCrossed(first.band(), c.lower(), c.upper())),
                        Comparison.decimalsToTellApart(last.value(), c.decimals(), first.value(), c.mean(),
                                Comparison.edgeCrossed(last.band(), c.lower(), c.upper())));
                sb.append(". Highest: ").append(end(bars, true)).append(' ').append(layout.format(first.value(), dp))
                        .append(". Lowest: ").append(end(bars, false)).append(' ').append(layout.format(last.value(), dp)).append(".\n");
            }
            boolean noBand = Double.isNaN(c.sd());
            if (c.forcesInMean() == 0) {
                sb.append("No force counts towards the mean: every force with a value is left out of it by configuration, ")
                        .append("so there is no mean and no band.\n");
            } else if (noBand) {
                // one force: its value is the mean, and one value has no standard deviation to draw a band with
                sb.append("The unweighted mean of the ").append(c.forcesInMean()).append(c.forcesInMean() == 1 ? " force is " : " forces is ")
                        .append(layout.format(c.mean())).append(" (a grey dashed line). With fewer than two forces there is no ")
                        .append("standard deviation, so no band.\n");
            } else {
                // "the mean is 99%, with lines above and below it at 99% and 98%" reads as a mistake: the mean, its edges and
                // the standard deviation go to as many places as tell the mean from both edges
                int dp = Comparison.decimalsToTellApart(c.mean(), c.decimals(), c.upper(), c.lower());
                sb.append("The unweighted mean of the ").append(c.forcesInMean()).append(" forces is ")
                        .append(layout.format(c.mean(), dp)).append(" (a grey dashed line). Red dotted lines mark one standard deviation (")
                        .append(layout.formatDifference(c.sd(), Comparison.decimalsToTellApart(c.sd(), dp, 0.0)))
                        .append(") above and below the mean, at ").append(layout.format(c.upper(), dp)).append(" and ")
                        .append(layout.format(c.lower(), dp)).append(".\n");
            }
            c.target().ifPresent(t -> {
                long atOrAbove = bars.stream().filter(b -> b.value() >= t).count();
                sb.append("A solid black line shows the target (").append(layoutTarget(layout)).append("): ")
                        .append(atOrAbove).append(" of ").append(bars.size()).append(bars.size() == 1 ? " force is" : " forces are")
                        .append(" at or above it.\n");
            });
            if (noBand) {
                sb.append("With no band, every bar is grey.\n");
            } else {
                band(sb, layout, Band.ABOVE, "Above the band, more than one standard deviation above the mean (dark blue bars marked with an upward triangle)");
                long within = bars.stream().filter(b -> b.band() == Band.WITHIN).count();
                sb.append("Within the band (grey bars): ").append(within).append(within == 1 ? " force" : " forces").append(".\n");
                band(sb, layout, Band.BELOW, "Below the band, more than one standard deviation below the mean (light blue bars marked with a downward triangle)");
            }
        }
        if (!layout.withoutValue.isEmpty()) {
            sb.append("Forces without data: ")
                    .append(layout.withoutValue.stream().map(ComparisonChart.Bar::forceName).collect(Collectors.joining(", ")))
                    .append(bars.isEmpty() ? ". They have no bar.\n" : ". They have no bar and do not count towards the mean.\n");
        }
        if (!c.notes().isEmpty()) {
            sb.append("\nNotes under the chart:\n");
            for (String n : c.notes()) {
                sb.append(n.strip()).append('\n');
            }
        }
        return sb.toString();
    }

    /** one sentence for a force's focus figure */
    static String focus(FigureLayout layout, int index) {
        ComparisonChart.Bar b = layout.bars.get(index);
        String where = switch (b.band()) {
            case ABOVE -> "above the band (more than one standard deviation above the mean)";
            case BELOW -> "below the band (more than one standard deviation below the mean)";
            default -> "within one standard deviation of the mean";
        };
        return "The bar of " + b.forceName() + " is outlined and labelled: " + layout.formatMarked(b) + ", "
                + rank(layout, index) + ", " + where + ".";
    }

    private static void band(StringBuilder sb, FigureLayout layout, Band band, String heading) {
        List<ComparisonChart.Bar> in = layout.bars.stream().filter(b -> b.band() == band).toList();
        sb.append(heading).append(": ");
        if (in.isEmpty()) {
            sb.append("none.\n");
        } else {
            sb.append(in.size()).append(in.size() == 1 ? " force, " : " forces, ")
                    // a force listed above or below the band shows as a different figure from the edge it crossed
                    .append(in.stream().map(b -> b.forceName() + " " + layout.formatMarked(b)).collect(Collectors.joining(", ")))
                    .append(".\n");
        }
    }

    private static String layoutTarget(FigureLayout layout) {
        String label = layout.chart.targetLabel() == null ? "" : layout.chart.targetLabel().strip();
        String value = layout.format(layout.chart.target().orElse(Double.NaN));
        return label.isEmpty() ? value : label.matches(".*\\d.*") ? label : label + ", " + value;
    }

    private static String valued(FigureLayout layout, ComparisonChart.Bar b) {
        return b.forceName() + " " + layout.format(b.value());
    }

    private static String lowerFirst(String s) {
        if (s == null || s.isEmpty()) {
            return "the value";
        }
        return s.length() > 1 && Character.isUpperCase(s.charAt(1)) ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** "Suffolk", or "Avon and Somerset and 20 other forces (joint)" where the end value is shared exactly. */
    private static String end(List<ComparisonChart.Bar> bars, boolean highest) {
        ComparisonChart.Bar at = bars.get(highest ? 0 : bars.size() - 1);
        long same = bars.stream().filter(b -> b.value() == at.value()).count();
        if (same == 1 || same == bars.size()) return at.forceName();
        return at.forceName() + " and " + (same - 1) + (same == 2 ? " other force" : " other forces") + " (joint)";
    }

    /** Bars of exactly the same value share a rank, as in data.csv: the order between them is only alphabetical. */
    private static String rank(FigureLayout layout, int index) {
        List<ComparisonChart.Bar> bars = layout.bars;
        int first = index, last = index;
        while (first > 0 && bars.get(first - 1).value() == bars.get(index).value()) first--;
        while (last < bars.size() - 1 && bars.get(last + 1).value() == bars.get(index).value()) last++;
        if (first == last || bars.size() == 1) {
            return rank(index, bars.size());
        }
        String place = first == 0 ? "highest" : last == bars.size() - 1 ? "lowest" : ordinal(first + 1) + " highest";
        return "joint " + place + " of " + bars.size() + " forces, with " + (last - first) + (last - first == 1 ? " other" : " others");
    }

    private static String rank(int index, int n) {
        if (n == 1) {
            return "the only force with a value";
        }
        if (index == 0) {
            return "the highest of " + n + " forces";
        }
        if (index == n - 1) {
            return "the lowest of " + n + " forces";
        }
        return ordinal(index + 1) + " highest of " + n + " forces";
    }

    static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
