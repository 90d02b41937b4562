package uk.forcecompare.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

import uk.forcecompare.charts.FunnelPlot.Position;

/**
 * Draws a {@link FunnelLayout} onto any Graphics2D, the PNG's BufferedImage and the SVG's VectorGraphics2D alike.
 *
 * <p>Markers do not rest on colour alone (WCAG 1.4.1): a circle is within the 95% limits, a triangle outside them,
 * pointing up above the funnel and down below it; a hollow triangle lies between the 95% and 99.8% limits and a
 * filled one outside the 99.8% limits. The limit lines differ by pattern: dashed 95%, solid 99.8%, dotted 99.8%
 * allowing for overdispersion, dash-dot for the England and Wales rate.
 */
final class FunnelPainter {

    private FunnelPainter() {
    }

    static final Color LIMIT = ChartStyle.SD_LINE;
    static final Color BENCHMARK = ChartStyle.MEAN_LINE;
    static final Color GRID = ChartStyle.GRID;

    static BasicStroke stroke(FunnelLayout.Curve kind) {
        return switch (kind) {
            case L95 -> ChartStyle.dashed(0.8);
            case L998 -> ChartStyle.solid(0.9);
            case L998_OD -> ChartStyle.dotted(1.3);
        };
    }

    static BasicStroke benchmarkStroke() {
        return new BasicStroke((float) ChartStyle.px(0.8), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {(float) ChartStyle.px(6), (float) ChartStyle.px(1.8), (float) ChartStyle.px(1),
                        (float) ChartStyle.px(1.8)}, 0f);
    }

    static Color colour(Position p) {
        return switch (p) {
            case ABOVE_998, ABOVE_95 -> ChartStyle.ABOVE;
            case BELOW_998, BELOW_95 -> ChartStyle.BELOW;
            case INSIDE_95 -> ChartStyle.WITHIN;
        };
    }

    static boolean filled(Position p) {
        return p != Position.ABOVE_95 && p != Position.BELOW_95;
    }

    /** the marker of a position, its bounding box centred on (x, y) */
    static Shape marker(Position p, double x, double y) {
        return switch (p) {
            case INSIDE_95 -> new Ellipse2D.Double(x - FunnelLayout.CIRCLE_SIZE / 2, y - FunnelLayout.CIRCLE_SIZE / 2,
                    FunnelLayout.CIRCLE_SIZE, FunnelLayout.CIRCLE_SIZE);
            case ABOVE_998, ABOVE_95 -> triangle(x, y, FunnelLayout.MARKER_SIZE, true);
            case BELOW_998, BELOW_95 -> triangle(x, y, FunnelLayout.MARKER_SIZE, false);
        };
    }

    static Path2D triangle(double cx, double cy, double size, boolean up) {
        double h = size * 0.87;
        Path2D p = new Path2D.Double();
        if (up) {
            p.moveTo(cx - size / 2, cy + h / 2);
            p.lineTo(cx + size / 2, cy + h / 2);
            p.lineTo(cx, cy - h / 2);
        } else {
            p.moveTo(cx - size / 2, cy - h / 2);
            p.lineTo(cx + size / 2, cy - h / 2);
            p.lineTo(cx, cy + h / 2);
        }
        p.closePath();
        return p;
    }

    static void paint(Graphics2D g, FunnelLayout layout) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(ChartStyle.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, layout.width, layout.height));

        for (FigureLayout.TextLine t : layout.titleLines) {
            FigurePainter.text(g, t.text(), t.font(), t.colour(), t.x(), t.baseline());
        }
        for (FunnelLayout.LegendItem item : layout.legend) {
            legendItem(g, layout, item);
        }
        text(g, layout.yAxisTitle);
        axes(g, layout);
        if (layout.markers.isEmpty()) {
            FigurePainter.text(g, "No force has a value for this indicator.", ChartStyle.NOTE_FONT, ChartStyle.TEXT,
                    layout.plotLeft + ChartStyle.px(4), layout.plotTop + ChartStyle.px(20));
        }
        for (FunnelLayout.CurveLine c : layout.curves) {
            g.setColor(LIMIT);
            g.setStroke(stroke(c.kind()));
            g.draw(c.path());
        }
        if (Double.isFinite(layout.plot.benchmark()) && !layout.markers.isEmpty()) {
            double y = layout.y(layout.plot.benchmark());
            g.setColor(BENCHMARK);
            g.setStroke(benchmarkStroke());
            g.draw(new Line2D.Double(layout.plotLeft, y, layout.plotRight(), y));
        }
        for (FunnelLayout.Marker k : layout.markers) {
            marker(g, k.position(), k.x(), k.y());
        }
        layout.focus.ifPresent(k -> {
            double r = ChartStyle.px(5.5);
            g.setColor(ChartStyle.FOCUS);
            g.setStroke(ChartStyle.solid(1.2));
            g.draw(new Ellipse2D.Double(k.x() - r, k.y() - r, 2 * r, 2 * r));
        });
        if (layout.plot.focusForceCode().isPresent() && layout.focus.isEmpty()) {
            noValue(g, layout, Figure.NO_VALUE);
        }
        for (FunnelLayout.Label l : layout.labels) {
            if (l.leader()) {
                leader(g, l);
            }
            FigurePainter.text(g, l.text(), l.font(), ChartStyle.TEXT, l.x(), l.baseline());
        }
        for (FigureLayout.TextLine t : layout.noteLines) {
            text(g, t);
        }
    }

    /** a thin line from the edge of the marker (or ring) to the nearest point of the label's box */
    private static void leader(Graphics2D g, FunnelLayout.Label l) {
        Rectangle2D box = l.box();
        double tx = Math.max(box.getMinX(), Math.min(l.markerX(), box.getMaxX()));
        double ty = Math.max(box.getMinY(), Math.min(l.markerY(), box.getMaxY()));
        double d = Math.hypot(tx - l.markerX(), ty - l.markerY());
        if (d <= l.radius()) {
            return;
        }
        double sx = l.markerX() + (tx - l.markerX()) / d * l.radius();
        double sy = l.markerY() + (ty - l.markerY()) / d * l.radius();
        g.setColor(ChartStyle.FOCUS);
        g.setStroke(ChartStyle.solid(0.6));
        g.draw(new Line2D.Double(sx, sy, tx, ty));
    }

    static void marker(Graphics2D g, Position p, double x, double y) {
        Shape s = marker(p, x, y);
        if (filled(p)) {
            g.setColor(colour(p));
            g.fill(s);
            g.setColor(ChartStyle.WHITE);
            g.setStroke(ChartStyle.solid(0.35));
            g.draw(s);
        } else {
            g.setColor(ChartStyle.WHITE);
            g.fill(s);
            g.setColor(colour(p));
            g.setStroke(ChartStyle.solid(1.0));
            g.draw(s);
        }
    }

    private static void axes(Graphics2D g, FunnelLayout layout) {
        double left = layout.plotLeft;
        double right = layout.plotRight();
        double top = layout.plotTop;
        double bottom = layout.plotBottom();
        double tick = ChartStyle.px(2.5);
        g.setStroke(ChartStyle.solid(0.5));
        for (FunnelLayout.Tick t : layout.yTicks) {
            g.setColor(GRID);
            g.draw(new Line2D.Double(left, t.position(), right, t.position()));
        }
        for (FunnelLayout.Tick t : layout.xTicks) {
            g.setColor(GRID);
            g.draw(new Line2D.Double(t.position(), top, t.position(), bottom));
        }
        g.setColor(ChartStyle.SECONDARY_TEXT);
        g.draw(new Line2D.Double(left, top, left, bottom));
        g.draw(new Line2D.Double(left, bottom, right, bottom));
        Font f = ChartStyle.TICK_FONT;
        double ascent = FigureLayout.ascent(f);
        for (FunnelLayout.Tick t : layout.yTicks) {
            g.setColor(ChartStyle.SECONDARY_TEXT);
            g.draw(new Line2D.Double(left - tick, t.position(), left, t.position()));
            double w = FigureLayout.textWidth(t.label(), f);
            FigurePainter.text(g, t.label(), f, ChartStyle.TEXT, left - tick - ChartStyle.px(2) - w,
                    t.position() + ascent * 0.38);
        }
        for (FunnelLayout.Tick t : layout.xTicks) {
            g.setColor(ChartStyle.SECONDARY_TEXT);
            g.draw(new Line2D.Double(t.position(), bottom, t.position(), bottom + tick));
            if (!t.label().isEmpty()) {
                double w = FigureLayout.textWidth(t.label(), f);
                FigurePainter.text(g, t.label(), f, ChartStyle.TEXT, t.position() - w / 2, layout.xTickBaseline);
            }
        }
        text(g, layout.xAxisTitle);
    }

    private static void legendItem(Graphics2D g, FunnelLayout layout, FunnelLayout.LegendItem item) {
        Font f = ChartStyle.LEGEND_FONT;
        double mid = item.baseline() - FigureLayout.ascent(f) * 0.36;
        double x = item.x();
        double key = FunnelLayout.legendKeyWidth(item.kind());
        switch (item.kind()) {
            case ABOVE_998, ABOVE_95, INSIDE_95, BELOW_95, BELOW_998 ->
                    marker(g, Position.valueOf(item.kind().name()), x + key / 2, mid);
            case L95 -> line(g, x, mid, key, LIMIT, stroke(FunnelLayout.Curve.L95));
            case L998 -> line(g, x, mid, key, LIMIT, stroke(FunnelLayout.Curve.L998));
            case L998_OD -> line(g, x, mid, key, LIMIT, stroke(FunnelLayout.Curve.L998_OD));
            case BENCHMARK -> line(g, x, mid, key, BENCHMARK, benchmarkStroke());
        }
        FigurePainter.text(g, item.text(), f, ChartStyle.TEXT, x + key + ChartStyle.px(3), item.baseline());
    }

    private static void noValue(Graphics2D g, FunnelLayout layout, String message) {
        Font f = ChartStyle.FOCUS_FONT;
        double pad = ChartStyle.px(2);
        double w = FigureLayout.textWidth(message, f) + 2 * pad;
        double h = FigureLayout.ascent(f) + 2 * pad + ChartStyle.px(0.6);
        Rectangle2D box = new Rectangle2D.Double(layout.plotRight() - w - ChartStyle.px(2),
                layout.plotTop + ChartStyle.px(2), w, h);
        g.setColor(ChartStyle.WHITE);
        g.fill(box);
        g.setColor(ChartStyle.FOCUS);
        g.setStroke(ChartStyle.solid(0.7));
        g.draw(box);
        FigurePainter.text(g, message, f, ChartStyle.TEXT, box.getX() + pad, box.getMaxY() - pad - ChartStyle.px(0.6));
    }

    private static void line(Graphics2D g, double x, double y, double w, Color c, BasicStroke s) {
        g.setColor(c);
        g.setStroke(s);
        g.draw(new Line2D.Double(x, y, x + w, y));
    }

    private static void text(Graphics2D g, FigureLayout.TextLine t) {
        if (!t.text().isEmpty()) {
            FigurePainter.text(g, t.text(), t.font(), t.colour(), t.x(), t.baseline());
        }
    }
}
