package uk.forcecompare.charts;

import java.awt.Font;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import uk.forcecompare.charts.FigureLayout.TextLine;
import uk.forcecompare.charts.FunnelPlot.Point;
import uk.forcecompare.charts.FunnelPlot.Position;
import uk.forcecompare.indicators.Band;
import uk.forcecompare.indicators.methods.ComparisonMethods;

/**
 * Where every part of a funnel plot goes, worked out without a graphics device: the plot box, both axes with their
 * ticks, the limit curves (sampled), the markers and the force names beside them. Coordinates are drawing units
 * (300 dpi pixels, see {@link ChartStyle}); {@link #x(double)} and {@link #y(double)} map data to them and
 * {@link #n(double)} and {@link #value(double)} back.
 */
final class FunnelLayout {

    enum Curve { L95, L998, L998_OD }

    enum LegendKind { ABOVE_998, ABOVE_95, INSIDE_95, BELOW_95, BELOW_998, L95, L998, L998_OD, BENCHMARK }

    record LegendItem(LegendKind kind, String text, double x, double baseline) {
    }

    /** One limit line, as sampled: the denominators and the limit at each, and the same in drawing units. */
    record CurveLine(Curve kind, boolean upper, double[] ns, double[] values, Path2D path) {
    }

    record Tick(double value, String label, double position) {
    }

    /** A force's point: its marker is centred on (x, y). */
    record Marker(Point point, Position position, double x, double y) {
    }

    /** A force's name beside its marker; {@code leader} is true where it stands off and a line joins them. */
    record Label(Point point, String text, Font font, double x, double baseline, Rectangle2D box, boolean leader,
            double markerX, double markerY, double radius) {
    }

    /** samples per limit curve, evenly spaced in log n */
    static final int SAMPLES = 200;
    /** at most this many forces are named on the plot; the text alternative names them all */
    static final int MAX_LABELS = 12;

    static final double MARKER_SIZE = ChartStyle.px(5.2);
    static final double CIRCLE_SIZE = ChartStyle.px(3.8);

    final FunnelPlot plot;
    final boolean log;
    final double width = ChartStyle.WIDTH;
    final double height;
    final List<TextLine> titleLines = new ArrayList<>();
    final List<LegendItem> legend = new ArrayList<>();
    final List<TextLine> noteLines = new ArrayList<>();
    final TextLine yAxisTitle;
    final TextLine xAxisTitle;
    final double plotLeft;
    final double plotTop;
    final double plotWidth;
    final double plotHeight;
    final double xMin;
    final double xMax;
    final double yMin;
    final double yMax;
    final List<Tick> xTicks;
    final List<Tick> yTicks;
    final double xTickBaseline;
    final List<CurveLine> curves = new ArrayList<>();
    /** markers in painting order: inside first, the farthest out last */
    final List<Marker> markers = new ArrayList<>();
    final List<Label> labels = new ArrayList<>();
    /** the focus force's marker, if it has a value */
    final Optional<Marker> focus;
    /** the names on the plot and why: for the notes and the text alternative */
    final String labelNote;

    FunnelLayout(FunnelPlot plot) {
        this.plot = plot;
        List<Point> points = plot.points();
        boolean limits = Double.isFinite(plot.benchmark());
        double nMin = points.stream().mapToDouble(Point::denominator).min().orElse(1);
        double nMax = points.stream().mapToDouble(Point::denominator).max().orElse(10);
        this.log = plot.logScale() && !points.isEmpty();

        // ---- ranges
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Point p : points) {
            lo = Math.min(lo, p.value());
            hi = Math.max(hi, p.value());
        }
        if (limits && !points.isEmpty()) {
            for (FunnelPlot.Limits l : List.of(plot.limits998(nMin), plot.limits998Overdispersed(nMin))) {
                lo = Math.min(lo, l.low());
                hi = Math.max(hi, l.high());
            }
            lo = Math.min(lo, plot.benchmark());
            hi = Math.max(hi, plot.benchmark());
        }
        double top = plot.multiplier();
        if (points.isEmpty()) {
            lo = 0;
            hi = top;
        }
        lo = Math.max(0, lo);
        hi = Math.min(top, hi);
        if (hi - lo < top * 1e-6) {
            lo = Math.max(0, lo - top * 0.01);
            hi = Math.min(top, hi + top * 0.01);
        }
        double step = FigureLayout.niceStep((hi - lo) / 5);
        double pad = (hi - lo) * 0.04;
        this.yMin = Math.max(0, Math.floor((lo - pad) / step) * step);
        this.yMax = Math.min(top, Math.ceil((hi + pad) / step) * step);

        if (log) {
            this.xMin = nMin / 1.3;
            this.xMax = nMax * 1.3;
        } else {
            double xs = FigureLayout.niceStep(nMax / 5);
            this.xMin = 0;
            this.xMax = Math.ceil(nMax * 1.04 / xs) * xs;
        }

        // ---- text above the plot
        double m = ChartStyle.MARGIN;
        double textWidth = width - 2 * m;
        double y = m;
        for (String s : FigureLayout.wrap(plot.title(), ChartStyle.TITLE_FONT, textWidth)) {
            y += FigureLayout.ascent(ChartStyle.TITLE_FONT);
            titleLines.add(new TextLine(s, ChartStyle.TITLE_FONT, ChartStyle.TEXT, m, y));
            y += FigureLayout.lineGap(ChartStyle.TITLE_FONT, 1.2);
        }
        y += ChartStyle.px(4);
        y = layoutLegend(y, m, textWidth, limits);
        y += ChartStyle.px(4);
        Font axis = ChartStyle.AXIS_TITLE_FONT;
        y += FigureLayout.ascent(axis);
        this.yAxisTitle = new TextLine(plot.valueAxisLabel(), axis, ChartStyle.TEXT, m, y);
        y += ChartStyle.px(6);

        // ---- the plot box
        this.yTicks = yTicks(step);
        double tickWidth = 0;
        for (Tick t : yTicks) {
            tickWidth = Math.max(tickWidth, FigureLayout.textWidth(t.label(), ChartStyle.TICK_FONT));
        }
        this.plotLeft = m + tickWidth + ChartStyle.px(2) + ChartStyle.px(2.5);
        this.plotTop = y;
        this.plotWidth = width - m - ChartStyle.px(12) - plotLeft;
        this.plotHeight = ChartStyle.px(230);
        List<Tick> ys = new ArrayList<>();
        for (Tick t : yTicks) {
            ys.add(new Tick(t.value(), t.label(), y(t.value())));
        }
        this.yTicks.clear();
        this.yTicks.addAll(ys);
        this.xTicks = xTicks();
        y = plotTop + plotHeight + ChartStyle.px(2.5) + ChartStyle.px(2) + FigureLayout.ascent(ChartStyle.TICK_FONT);
        this.xTickBaseline = y;
        y += ChartStyle.px(5) + FigureLayout.ascent(axis);
        String xTitle = plot.denominatorAxisLabel() + (log ? " (logarithmic scale)" : "");
        this.xAxisTitle = new TextLine(xTitle, axis, ChartStyle.TEXT,
                plotLeft + plotWidth / 2 - FigureLayout.textWidth(xTitle, axis) / 2, y);
        y += ChartStyle.px(6);

        // ---- curves, markers, names
        if (limits) {
            // where every force has the same n (one force, say) the limits over the forces' n would be a point: they
            // run from half that n to the axis' end instead, so that the lines the key and the text name are there
            double from = nMax > nMin ? nMin : Math.max(xMin, nMin / 2);
            double to = nMax > nMin ? nMax : xMax;
            addCurves(Curve.L95, ComparisonMethods.Z_95, 0, from, to);
            addCurves(Curve.L998, ComparisonMethods.Z_998, 0, from, to);
            if (plot.hasOverdispersedLimits()) {
                addCurves(Curve.L998_OD, ComparisonMethods.Z_998, plot.overdispersion(), from, to);
            }
        }
        List<Marker> all = new ArrayList<>();
        for (Point p : points) {
            all.add(new Marker(p, plot.position(p), x(p.denominator()), y(p.value())));
        }
        all.sort(Comparator.comparingInt((Marker k) -> paintRank(k.position()))
                .thenComparingDouble(k -> Math.abs(plot.z(k.point(), false))));
        markers.addAll(all);
        this.focus = plot.focusForceCode().flatMap(code -> all.stream()
                .filter(k -> k.point().forceCode().equals(code)).findFirst());
        this.labelNote = placeLabels();

        // ---- notes
        List<String> notes = new ArrayList<>(plot.notes());
        if (!labelNote.isEmpty()) {
            notes.add(labelNote);
        }
        for (String note : notes) {
            for (String s : FigureLayout.wrap(note, ChartStyle.NOTE_FONT, textWidth)) {
                y += FigureLayout.ascent(ChartStyle.NOTE_FONT);
                noteLines.add(new TextLine(s, ChartStyle.NOTE_FONT, ChartStyle.TEXT, m, y));
                y += FigureLayout.lineGap(ChartStyle.NOTE_FONT, 1.3);
            }
        }
        this.height = Math.ceil(y + m);
    }

    // ---------------------------------------------------------------- mapping

    double x(double n) {
        double f = log ? (Math.log10(n) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin))
                : (n - xMin) / (xMax - xMin);
        return plotLeft + f * plotWidth;
    }

    double y(double value) {
        return plotTop + plotHeight - (value - yMin) / (yMax - yMin) * plotHeight;
    }

    /** the denominator at drawing x: the inverse of {@link #x(double)} */
    double n(double x) {
        double f = (x - plotLeft) / plotWidth;
        return log ? Math.pow(10, Math.log10(xMin) + f * (Math.log10(xMax) - Math.log10(xMin)))
                : xMin + f * (xMax - xMin);
    }

    /** the value at drawing y: the inverse of {@link #y(double)} */
    double value(double y) {
        return yMin + (plotTop + plotHeight - y) / plotHeight * (yMax - yMin);
    }

    double plotBottom() {
        return plotTop + plotHeight;
    }

    double plotRight() {
        return plotLeft + plotWidth;
    }

    Rectangle2D plotBox() {
        return new Rectangle2D.Double(plotLeft, plotTop, plotWidth, plotHeight);
    }

    // ---------------------------------------------------------------- parts

    private List<Tick> yTicks(double step) {
        List<Tick> out = new ArrayList<>();
        DecimalFormat f = ChartStyle.tickFormat(step);
        long first = Math.round(Math.ceil(yMin / step - 1e-9));
        for (long k = first; k * step <= yMax + step * 1e-9; k++) {
            double v = k * step;
            out.add(new Tick(v, f.format(v) + plot.unitSuffix(), 0));
        }
        return out;
    }

    private List<Tick> xTicks() {
        List<Double> values = new ArrayList<>();
        if (log) {
            for (int[] set : new int[][] {{1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}}) {
                values.clear();
                for (int e = (int) Math.floor(Math.log10(xMin)); e <= (int) Math.ceil(Math.log10(xMax)); e++) {
                    for (int k : set) {
                        double v = k * Math.pow(10, e);
                        if (v >= xMin && v <= xMax) {
                            values.add(v);
                        }
                    }
                }
                if (values.size() >= 3) {
                    break;
                }
            }
        } else {
            double step = FigureLayout.niceStep(xMax / 5);
            for (long k = 0; k * step <= xMax + step * 1e-9; k++) {
                values.add(k * step);
            }
        }
        // log ticks (1, 2, 5 x 10^k) need the decimals of the smallest; linear ones those of their step
        double smallest = values.stream().filter(v -> v > 0).mapToDouble(Double::doubleValue).min().orElse(1);
        DecimalFormat f = ChartStyle.tickFormat(log || values.size() < 2 ? smallest : values.get(1) - values.get(0));
        List<Tick> out = new ArrayList<>();
        double lastRight = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            String label = f.format(v);
            double pos = x(v);
            double w = FigureLayout.textWidth(label, ChartStyle.TICK_FONT);
            // a label that would run into the one before it is left out (its tick stays)
            boolean room = pos - w / 2 > lastRight + ChartStyle.px(3) && pos + w / 2 <= width - ChartStyle.px(1)
                    && pos - w / 2 >= ChartStyle.px(1);
            out.add(new Tick(v, room ? label : "", pos));
            if (room) {
                lastRight = pos + w / 2;
            }
        }
        return out;
    }

    private void addCurves(Curve kind, double z, double extra, double nMin, double nMax) {
        double p0 = plot.p0();
        double m = plot.multiplier();
        for (boolean upper : new boolean[] {true, false}) {
            // where the curve enters the value axis range: it only narrows as n grows
            double edge = upper ? yMax / m - p0 : p0 - yMin / m;
            double start = nMin;
            double d = (edge / z) * (edge / z) - extra;
            if (!(d > 0)) {
                continue; // outside the range at every n
            }
            start = Math.max(start, p0 * (1 - p0) / d);
            if (!(start < nMax)) {
                continue;
            }
            double[] ns = new double[SAMPLES];
            double[] vs = new double[SAMPLES];
            Path2D path = new Path2D.Double();
            double a = Math.log(start);
            double b = Math.log(nMax);
            for (int i = 0; i < SAMPLES; i++) {
                double n = i == SAMPLES - 1 ? nMax : Math.exp(a + (b - a) * i / (SAMPLES - 1));
                if (i == 0) {
                    n = start;
                }
                FunnelPlot.Limits l = plot.limits(n, z, extra);
                double v = Math.min(yMax, Math.max(yMin, upper ? l.high() : l.low()));
                ns[i] = n;
                vs[i] = v;
                if (i == 0) {
                    path.moveTo(x(n), y(v));
                } else {
                    path.lineTo(x(n), y(v));
                }
            }
            curves.add(new CurveLine(kind, upper, ns, vs, path));
        }
    }

    private static int paintRank(Position p) {
        return switch (p) {
            case INSIDE_95 -> 0;
            case ABOVE_95, BELOW_95 -> 1;
            case ABOVE_998, BELOW_998 -> 2;
        };
    }

    /** The forces named on the plot; returns the note that says which they are. */
    private String placeLabels() {
        List<Marker> outside = markers.stream().filter(k -> k.position().outside998()).toList();
        String note = outside.isEmpty() ? "" : "Forces outside the 99.8% limits are named.";
        boolean od = false;
        if (outside.size() > MAX_LABELS && plot.hasOverdispersedLimits()) {
            outside = outside.stream().filter(k -> plot.bandOverdispersed(k.point()) != Band.WITHIN).toList();
            od = true;
            note = outside.isEmpty()
                    ? "No force lies outside the 99.8% limits allowing for overdispersion, so none is named (the text "
                            + "version lists every force outside the 99.8% limits)."
                    : "Forces outside the 99.8% limits allowing for overdispersion are named (the text version lists "
                            + "every force outside the 99.8% limits).";
        }
        List<Marker> named = new ArrayList<>(outside);
        named.sort(Comparator.comparingDouble((Marker k) -> -Math.abs(plot.z(k.point(), plot.hasOverdispersedLimits()))));
        if (named.size() > MAX_LABELS) {
            named = new ArrayList<>(named.subList(0, MAX_LABELS));
            note = "The " + MAX_LABELS + " forces farthest outside the 99.8% limits" + (od ? " allowing for "
                    + "overdispersion" : "") + " are named (the text version lists every force outside them).";
        }
        List<Rectangle2D> taken = new ArrayList<>();
        if (focus.isPresent()) {
            Marker f = focus.get();
            named.removeIf(k -> k.point().forceCode().equals(f.point().forceCode()));
            labels.add(place(f, f.point().forceName() + " " + plot.format(f.point().value()), ChartStyle.FOCUS_FONT,
                    taken, ChartStyle.px(5.5)));
        }
        for (Marker k : named) {
            labels.add(place(k, k.point().forceName(), ChartStyle.LINE_LABEL_FONT, taken, MARKER_SIZE / 2));
        }
        return note;
    }

    private Label place(Marker k, String text, Font font, List<Rectangle2D> taken, double radius) {
        double w = FigureLayout.textWidth(text, font);
        double a = FigureLayout.ascent(font);
        double h = a * 1.3;
        double gap = ChartStyle.px(1.5);
        double step = h * 1.05;
        List<double[]> candidates = new ArrayList<>(); // x, baseline
        candidates.add(new double[] {k.x() + radius + gap, k.y() + a * 0.38});
        candidates.add(new double[] {k.x() - radius - gap - w, k.y() + a * 0.38});
        candidates.add(new double[] {k.x() - w / 2, k.y() - radius - gap - h * 0.2});
        candidates.add(new double[] {k.x() - w / 2, k.y() + radius + gap + a});
        for (int i = 1; i <= 4; i++) {
            for (int sign : new int[] {-1, 1}) {
                candidates.add(new double[] {k.x() + radius + gap, k.y() + a * 0.38 + sign * i * step});
                candidates.add(new double[] {k.x() - radius - gap - w, k.y() + a * 0.38 + sign * i * step});
            }
        }
        Rectangle2D plotBox = plotBox();
        Rectangle2D chosen = null;
        for (double[] c : candidates) {
            Rectangle2D box = new Rectangle2D.Double(c[0], c[1] - a * 1.05, w, h);
            if (!plotBox.contains(box) || taken.stream().anyMatch(box::intersects) || hitsMarker(box, k)) {
                continue;
            }
            chosen = box;
            break;
        }
        if (chosen == null) {
            double[] c = candidates.get(k.x() + radius + gap + w <= plotRight() ? 0 : 1);
            double x = Math.max(plotLeft, Math.min(c[0], plotRight() - w));
            double baseline = Math.max(plotTop + a, Math.min(c[1], plotBottom() - h + a));
            chosen = new Rectangle2D.Double(x, baseline - a * 1.05, w, h);
        }
        taken.add(chosen);
        double dx = Math.max(chosen.getMinX() - k.x(), Math.max(0, k.x() - chosen.getMaxX()));
        double dy = Math.max(chosen.getMinY() - k.y(), Math.max(0, k.y() - chosen.getMaxY()));
        boolean leader = Math.hypot(dx, dy) > radius + gap * 2.5;
        return new Label(k.point(), text, font, chosen.getX(), chosen.getY() + a * 1.05, chosen, leader, k.x(), k.y(),
                radius);
    }

    private boolean hitsMarker(Rectangle2D box, Marker own) {
        double r = MARKER_SIZE / 2;
        for (Marker k : markers) {
            if (k != own && box.intersects(k.x() - r, k.y() - r, 2 * r, 2 * r)) {
                return true;
            }
        }
        return false;
    }

    private double layoutLegend(double top, double left, double maxWidth, boolean limits) {
        List<LegendKind> kinds = new ArrayList<>();
        for (Position p : Position.values()) {
            if (plot.points().stream().anyMatch(x -> plot.position(x) == p)) {
                kinds.add(LegendKind.valueOf(p.name()));
            }
        }
        if (limits) {
            kinds.add(LegendKind.L95);
            kinds.add(LegendKind.L998);
            if (plot.hasOverdispersedLimits()) {
                kinds.add(LegendKind.L998_OD);
            }
            kinds.add(LegendKind.BENCHMARK);
        }
        Font f = ChartStyle.LEGEND_FONT;
        double rowHeight = ChartStyle.px(11);
        double x = left;
        double baseline = top + FigureLayout.ascent(f);
        for (LegendKind k : kinds) {
            String text = legendText(k);
            double w = legendKeyWidth(k) + ChartStyle.px(3) + FigureLayout.textWidth(text, f);
            if (x > left && x + w > left + maxWidth) {
                x = left;
                baseline += rowHeight;
            }
            legend.add(new LegendItem(k, text, x, baseline));
            x += w + ChartStyle.px(11);
        }
        return kinds.isEmpty() ? top : baseline + rowHeight - FigureLayout.ascent(f);
    }

    String legendText(LegendKind k) {
        return switch (k) {
            case ABOVE_998 -> "Above the 99.8% limit";
            case ABOVE_95 -> "Above the 95% limit only";
            case INSIDE_95 -> "Within the 95% limits";
            case BELOW_95 -> "Below the 95% limit only";
            case BELOW_998 -> "Below the 99.8% limit";
            case L95 -> "95% limits";
            case L998 -> "99.8% limits";
            case L998_OD -> "99.8% limits allowing for overdispersion";
            case BENCHMARK -> "England and Wales rate " + plot.format(plot.benchmark());
        };
    }

    static double legendKeyWidth(LegendKind k) {
        return switch (k) {
            case ABOVE_998, ABOVE_95, INSIDE_95, BELOW_95, BELOW_998 -> ChartStyle.px(6);
            case L95, L998, L998_OD, BENCHMARK -> ChartStyle.px(18);
        };
    }
}
