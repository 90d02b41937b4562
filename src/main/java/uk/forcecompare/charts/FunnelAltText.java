package uk.forcecompare.charts;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import uk.forcecompare.charts.FunnelPlot.Point;
import uk.forcecompare.charts.FunnelPlot.Position;
import uk.forcecompare.indicators.Band;

/** The text alternative of a funnel plot: what it shows, force by force where a force stands out. */
final class FunnelAltText {

    private FunnelAltText() {
    }

    static String of(FunnelLayout layout) {
        FunnelPlot plot = layout.plot;
        List<Point> points = plot.points();
        StringBuilder sb = new StringBuilder();
        sb.append(plot.title()).append("\n\n");
        if (points.isEmpty()) {
            sb.append("Funnel plot with no points: no force has a value for this indicator.\n");
        } else {
            sb.append("Funnel plot of ").append(points.size()).append(points.size() == 1 ? " police force" : " police forces")
                    .append(" in England and Wales, one point per force. The vertical axis shows ")
                    .append(lowerFirst(plot.valueAxisLabel(), "the value")).append("; the horizontal axis shows ")
                    .append(lowerFirst(plot.denominatorAxisLabel(), "the denominator"))
                    .append(layout.log ? ", on a logarithmic scale" : "").append(", from ")
                    .append(count(min(points))).append(" to ").append(count(max(points))).append(".\n");
            if (Double.isFinite(plot.benchmark())) {
                sb.append("The England and Wales rate is ").append(plot.format(plot.benchmark()))
                        .append(" (a grey dash-dot line). Red lines mark the limits around it within which a force's "
                                + "value would lie by chance alone: dashed for 95%, solid for 99.8%. They narrow as the "
                                + "number of cases grows.");
                if (plot.hasOverdispersedLimits()) {
                    sb.append(" Forces vary more than chance alone would allow, so red dotted lines mark the 99.8% "
                            + "limits widened for that overdispersion (")
                            .append(FunnelPlot.tau2Text(plot.overdispersion(), plot.multiplier(), plot.unitSuffix())).append(").");
                }
                sb.append('\n');
            }
            group(sb, plot, Position.ABOVE_998, "Above the 99.8% limit (filled dark blue upward triangles)");
            group(sb, plot, Position.ABOVE_95, "Above the 95% limit but not the 99.8% limit (hollow dark blue upward triangles)");
            long inside = points.stream().filter(p -> plot.position(p) == Position.INSIDE_95).count();
            sb.append("Within the 95% limits (grey circles): ").append(inside).append(inside == 1 ? " force" : " forces")
                    .append(".\n");
            group(sb, plot, Position.BELOW_95, "Below the 95% limit but not the 99.8% limit (hollow light blue downward triangles)");
            group(sb, plot, Position.BELOW_998, "Below the 99.8% limit (filled light blue downward triangles)");
            if (plot.hasOverdispersedLimits()) {
                List<Point> od = points.stream().filter(p -> plot.bandOverdispersed(p) != Band.WITHIN).toList();
                sb.append("Outside the 99.8% limits allowing for overdispersion: ")
                        .append(od.isEmpty() ? "none" : od.stream().map(p -> named(plot, p)).collect(Collectors.joining(", ")))
                        .append(".\n");
            }
        }
        plot.focusForceCode().ifPresent(code -> sb.append(focus(layout, code)).append('\n'));
        List<String> notes = new java.util.ArrayList<>(plot.notes());
        if (!layout.labelNote.isEmpty()) {
            notes.add(layout.labelNote);
        }
        if (!notes.isEmpty()) {
            sb.append("\nNotes under the plot:\n");
            for (String n : notes) {
                sb.append(n.strip()).append('\n');
            }
        }
        return sb.toString();
    }

    static String focus(FunnelLayout layout, String code) {
        FunnelPlot plot = layout.plot;
        return layout.focus.map(k -> {
            Point p = k.point();
            String where = switch (k.position()) {
                case ABOVE_998 -> "above the 99.8% limit";
                case ABOVE_95 -> "above the 95% limit but within the 99.8% limits";
                case INSIDE_95 -> "within the 95% limits";
                case BELOW_95 -> "below the 95% limit but within the 99.8% limits";
                case BELOW_998 -> "below the 99.8% limit";
            };
            return "The point of " + p.forceName() + " is ringed and labelled: " + plot.format(p.value()) + " of "
                    + count(p.denominator()) + ", " + where + ".";
        }).orElse(Figure.NO_VALUE + ".");
    }

    private static void group(StringBuilder sb, FunnelPlot plot, Position position, String heading) {
        List<Point> in = plot.points().stream().filter(p -> plot.position(p) == position).toList();
        sb.append(heading).append(": ");
        if (in.isEmpty()) {
            sb.append("none.\n");
        } else {
            sb.append(in.size()).append(in.size() == 1 ? " force, " : " forces, ")
                    .append(in.stream().map(p -> named(plot, p)).collect(Collectors.joining(", "))).append(".\n");
        }
    }

    private static String named(FunnelPlot plot, Point p) {
        return p.forceName() + " " + plot.format(p.value()) + " of " + count(p.denominator());
    }

    static String count(double n) {
        return n == Math.rint(n) ? String.format(Locale.UK, "%,d", (long) n) : String.format(Locale.UK, "%,.1f", n);
    }

    private static double min(List<Point> points) {
        return points.stream().mapToDouble(Point::denominator).min().orElse(0);
    }

    private static double max(List<Point> points) {
        return points.stream().mapToDouble(Point::denominator).max().orElse(0);
    }

    private static String lowerFirst(String s, String otherwise) {
        if (s == null || s.isBlank()) {
            return otherwise;
        }
        return s.length() > 1 && Character.isUpperCase(s.charAt(1)) ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
