package uk.forcecompare.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import uk.forcecompare.indicators.Band;

/**
 * Draws a {@link FigureLayout} onto any Graphics2D: the same code paints the PNG (BufferedImage) and the SVG
 * (VectorGraphics2D). The bars, axes and force names come from an XChart {@link CategoryChart}; the title, legend,
 * reference lines with their labels, ▲/▼ markers, notes and the focus mark are drawn here around and over it.
 */
final class FigurePainter {

    private FigurePainter() {
    }

    /** a label of a reference line in the column right of the plot */
    record LineLabel(FigureLayout.ReferenceLine line, double lineY, double baseline) {
    }

    /** the mark of a force's bar in its focus figure */
    record FocusMark(int index, Rectangle2D bar, String text, Rectangle2D box, double textX, double baseline,
            double arrowTipY) {
    }

    static PlotGeometry paintBase(Graphics2D g, FigureLayout layout) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(ChartStyle.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, layout.width, layout.height));

        for (FigureLayout.TextLine t : layout.titleLines) {
            text(g, t.text(), t.font(), t.colour(), t.x(), t.baseline());
        }
        for (FigureLayout.LegendItem item : layout.legend) {
            paintLegendItem(g, item);
        }
        PlotGeometry geo;
        if (layout.bars.isEmpty()) {
            geo = new PlotGeometry(layout.chartX, 0, 0, layout.yMin, layout.yMax, layout.chartY + layout.chartHeight,
                    layout.chartY, layout.chartX, layout.chartX + layout.chartWidth, layout.chartY);
            text(g, "No force has a value for this indicator.", ChartStyle.NOTE_FONT, ChartStyle.TEXT, layout.chartX,
                    layout.chartY + ChartStyle.px(20));
        } else {
            geo = paintPlot(g, layout);
            paintBandMarkers(g, layout, geo);
            paintReferenceLines(g, layout, geo);
        }
        for (FigureLayout.TextLine t : layout.noteLines) {
            text(g, t.text(), t.font(), t.colour(), t.x(), t.baseline());
        }
        return geo;
    }

    static CategoryChart xchart(FigureLayout layout) {
        int w = (int) Math.round(layout.chartWidth);
        int h = (int) Math.round(layout.chartHeight);
        CategoryChart c = new CategoryChart(w, h);
        CategoryStyler s = c.getStyler();
        s.setChartTitleVisible(false);
        s.setLegendVisible(false);
        s.setChartBackgroundColor(ChartStyle.WHITE);
        s.setPlotBackgroundColor(ChartStyle.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartPadding((int) Math.round(ChartStyle.px(1)));
        s.setPlotMargin(0);
        s.setPlotGridVerticalLinesVisible(false);
        s.setPlotGridHorizontalLinesVisible(true);
        s.setPlotGridLinesColor(ChartStyle.GRID);
        s.setPlotGridLinesStroke(ChartStyle.solid(0.5));
        s.setAxisTickLabelsFont(ChartStyle.TICK_FONT);
        s.setAxisTickLabelsColor(ChartStyle.TEXT);
        s.setAxisTitleFont(ChartStyle.AXIS_TITLE_FONT);
        s.setAxisTitlePadding((int) Math.round(ChartStyle.px(4)));
        s.setAxisTickPadding((int) Math.round(ChartStyle.px(2)));
        s.setAxisTickMarkLength((int) Math.round(ChartStyle.px(2.5)));
        s.setAxisTickMarksColor(ChartStyle.SECONDARY_TEXT);
        s.setAxisTickMarksStroke(ChartStyle.solid(0.5));
        s.setXAxisTicksVisible(true);
        s.setXAxisTitleVisible(false);
        s.setYAxisTitleVisible(true);
        s.setXAxisLabelRotation(90);
        s.setXAxisLabelAlignmentVertical(CategoryStyler.TextAlignment.Right);
        // every force is named: left at 0, XChart drops names to keep its tick spacing; it refuses a count of 1, and
        // any count of at least the bars keeps them all, so one bar asks for two
        s.setXAxisMaxLabelCount(Math.max(layout.bars.size(), 2));
        s.setYAxisMin(layout.yMin);
        s.setYAxisMax(layout.yMax);
        s.setYAxisTickMarkSpacingHint((int) Math.round(ChartStyle.px(28)));
        s.setAvailableSpaceFill(ChartStyle.BAR_FILL);
        s.setOverlapped(true);
        s.setLabelsVisible(false);
        c.setCustomYAxisTickLabelsFormatter(yTickLabel(layout));
        c.setYAxisTitle(layout.chart.valueAxisLabel());

        List<String> names = layout.bars.stream().map(ComparisonChart.Bar::forceName).toList();
        for (Band band : layout.bandsPresent()) {
            double[] values = layout.seriesValues(band);
            List<Double> ys = new ArrayList<>(values.length);
            for (double v : values) {
                ys.add(v);
            }
            CategorySeries series = c.addSeries(FigureLayout.seriesName(band), names, ys);
            series.setFillColor(ChartStyle.colour(band));
            series.setLineColor(ChartStyle.colour(band));
            series.setMarker(SeriesMarkers.NONE);
        }
        return c;
    }

    /** The value axis's tick labels, for the steps XChart picks from the spacing hint: never more than 20 ticks. */
    static Function<Double, String> yTickLabel(FigureLayout layout) {
        DecimalFormat tick = ChartStyle.tickFormat((layout.yMax - layout.yMin) / 20);
        String unit = layout.chart.unitSuffix();
        return v -> tick.format(v) + unit;
    }

    private static PlotGeometry paintPlot(Graphics2D g, FigureLayout layout) {
        CategoryChart c = xchart(layout);
        Graphics2D cg = (Graphics2D) g.create();
        try {
            cg.translate(layout.chartX, layout.chartY);
            c.paint(cg, c.getWidth(), c.getHeight());
        } finally {
            cg.dispose();
        }
        int n = layout.bars.size();
        double x0 = layout.chartX + c.getScreenXFromChart(0);
        double x1 = layout.chartX + c.getScreenXFromChart(1);
        double slot = x1 - x0;
        double content = n * slot;
        double plotWidth = content / c.getStyler().getPlotContentSize();
        double plotLeft = x0 - (plotWidth - content) / 2;
        double yAtMin = layout.chartY + c.getScreenYFromChart(layout.yMin);
        double yAtMax = layout.chartY + c.getScreenYFromChart(layout.yMax);
        return new PlotGeometry(x0, slot, n, layout.yMin, layout.yMax, yAtMin, yAtMax, plotLeft, plotLeft + plotWidth,
                Math.min(yAtMax, yAtMin));
    }

    /** ▲ over bars above the band, ▼ over bars below it: the cue that does not rest on colour */
    private static void paintBandMarkers(Graphics2D g, FigureLayout layout, PlotGeometry geo) {
        g.setColor(ChartStyle.TEXT);
        for (int i = 0; i < layout.bars.size(); i++) {
            Band band = layout.bars.get(i).band();
            if (band == Band.ABOVE || band == Band.BELOW) {
                Rectangle2D bar = geo.bar(i, layout.bars.get(i).value());
                g.fill(triangle(bar.getCenterX(), bar.getMinY() - markerGap(), markerSize(geo), band == Band.ABOVE));
            }
        }
    }

    static double markerSize(PlotGeometry geo) {
        return Math.min(ChartStyle.px(4.2), geo.barWidth() * 0.9);
    }

    static double markerGap() {
        return ChartStyle.px(1.2);
    }

    /** the room a band marker takes over a bar, gap included */
    static double markerAllowance(PlotGeometry geo) {
        return markerGap() + markerSize(geo) * 0.87;
    }

    /** an equilateral triangle of width size whose base or tip rests on bottomY */
    static Path2D triangle(double cx, double bottomY, double size, boolean up) {
        double h = size * 0.87;
        Path2D p = new Path2D.Double();
        if (up) {
            p.moveTo(cx - size / 2, bottomY);
            p.lineTo(cx + size / 2, bottomY);
            p.lineTo(cx, bottomY - h);
        } else {
            p.moveTo(cx - size / 2, bottomY - h);
            p.lineTo(cx + size / 2, bottomY - h);
            p.lineTo(cx, bottomY);
        }
        p.closePath();
        return p;
    }

    private static void paintReferenceLines(Graphics2D g, FigureLayout layout, PlotGeometry geo) {
        double x0 = geo.plotLeft();
        double x1 = layout.labelColumnX - ChartStyle.px(1);
        for (FigureLayout.ReferenceLine l : layout.lines) {
            double y = geo.y(l.value());
            g.setColor(l.colour());
            g.setStroke(l.stroke());
            g.draw(new Line2D.Double(x0, y, x1, y));
        }
        Font f = ChartStyle.LINE_LABEL_FONT;
        for (LineLabel label : lineLabels(layout, geo)) {
            Color colour = label.line().kind() == FigureLayout.Line.MEAN ? ChartStyle.SECONDARY_TEXT : ChartStyle.TEXT;
            if (label.line().colour().equals(ChartStyle.SD_LINE)) {
                colour = ChartStyle.SD_LINE;
            }
            text(g, label.line().label(), f, colour, layout.labelColumnX + ChartStyle.px(1), label.baseline());
        }
    }

    /**
     * Labels of the reference lines, each centred on its line where it can be, pushed apart where lines lie closer
     * than a line of text, and kept inside the plot's height.
     */
    static List<LineLabel> lineLabels(FigureLayout layout, PlotGeometry geo) {
        Font f = ChartStyle.LINE_LABEL_FONT;
        double ascent = FigureLayout.ascent(f);
        double step = f.getSize2D() * 1.15;
        List<FigureLayout.ReferenceLine> sorted = new ArrayList<>(layout.lines);
        sorted.removeIf(l -> !Double.isFinite(l.value()));
        sorted.sort(Comparator.comparingDouble(l -> geo.y(l.value())));
        double[] centre = new double[sorted.size()];
        for (int i = 0; i < centre.length; i++) {
            centre[i] = geo.y(sorted.get(i).value());
        }
        double top = Math.min(geo.yAtMax(), geo.yAtMin()) - ChartStyle.px(8);
        double bottom = Math.max(geo.yAtMax(), geo.yAtMin());
        for (int pass = 0; pass < 3; pass++) {
            for (int i = 1; i < centre.length; i++) {
                centre[i] = Math.max(centre[i], centre[i - 1] + step);
            }
            if (centre.length > 0 && centre[centre.length - 1] > bottom) {
                centre[centre.length - 1] = bottom;
            }
            for (int i = centre.length - 2; i >= 0; i--) {
                centre[i] = Math.min(centre[i], centre[i + 1] - step);
            }
            if (centre.length > 0 && centre[0] < top) {
                centre[0] = top;
            }
        }
        List<LineLabel> out = new ArrayList<>();
        for (int i = 0; i < centre.length; i++) {
            out.add(new LineLabel(sorted.get(i), geo.y(sorted.get(i).value()), centre[i] + ascent * 0.38));
        }
        return out;
    }

    static FocusMark focusMark(FigureLayout layout, PlotGeometry geo, int index) {
        ComparisonChart.Bar bar = layout.bars.get(index);
        Rectangle2D rect = geo.bar(index, bar.value());
        String label = bar.forceName() + " " + layout.formatMarked(bar);
        Font f = ChartStyle.FOCUS_FONT;
        double pad = ChartStyle.px(1.8);
        double boxW = FigureLayout.textWidth(label, f) + 2 * pad;
        double boxH = FigureLayout.ascent(f) + 2 * pad + ChartStyle.px(0.6);
        double cx = rect.getCenterX();
        double boxLeft = cx - ChartStyle.px(4);
        if (boxLeft + boxW > geo.plotRight()) {
            boxLeft = geo.plotRight() - boxW;
        }
        boxLeft = Math.max(boxLeft, geo.plotLeft());
        double markers = markerAllowance(geo);
        double tip = rect.getMinY() - (bar.band() == Band.WITHIN ? ChartStyle.px(1) : markers) - ChartStyle.px(1.6);
        double boxBottom = tip - ChartStyle.px(5);
        // stay clear of every bar (and its marker) under the box
        for (int i = 0; i < layout.bars.size(); i++) {
            double slotLeft = geo.firstSlotLeft() + i * geo.slotWidth();
            if (slotLeft + geo.slotWidth() > boxLeft && slotLeft < boxLeft + boxW) {
                double top = geo.y(Math.max(layout.bars.get(i).value(), 0)) - markers - ChartStyle.px(1.5);
                boxBottom = Math.min(boxBottom, top);
            }
        }
        double minTop = layout.chartY - ChartStyle.px(9);
        boxBottom = clearOfReferenceLines(layout, geo, boxBottom, boxH, minTop);
        if (boxBottom - boxH < minTop) {
            boxBottom = minTop + boxH;
        }
        Rectangle2D box = new Rectangle2D.Double(boxLeft, boxBottom - boxH, boxW, boxH);
        return new FocusMark(index, rect, label, box, boxLeft + pad, boxBottom - pad - ChartStyle.px(0.6),
                tip);
    }

    /**
     * The label box moved up, line by line, until no reference line runs through it, so that the mean, the band's
     * edges and the target stay readable beside a force's bar; where that would leave the plot, it stays put.
     */
    static double clearOfReferenceLines(FigureLayout layout, PlotGeometry geo, double boxBottom, double boxH, double minTop) {
        double gap = ChartStyle.px(2);
        double[] ys = layout.lines.stream().mapToDouble(l -> geo.y(l.value())).filter(Double::isFinite).sorted().toArray();
        double bottom = boxBottom;
        for (int i = ys.length - 1; i >= 0; i--) { // from the lowest line on screen up
            if (ys[i] < bottom + gap && ys[i] > bottom - boxH - gap) bottom = ys[i] - gap;
        }
        return bottom - boxH < minTop ? boxBottom : bottom;
    }

    static void paintFocus(Graphics2D g, FigureLayout layout, PlotGeometry geo, FocusMark mark) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double sw = ChartStyle.px(1.4);
        Rectangle2D r = mark.bar();
        g.setColor(ChartStyle.FOCUS);
        g.setStroke(new BasicStroke((float) sw, BasicStroke.CAP_SQUARE, BasicStroke.JOIN_MITER));
        g.draw(new Rectangle2D.Double(r.getX() - sw / 2, r.getY() - sw / 2, r.getWidth() + sw, r.getHeight() + sw));

        // leader from the label down to the bar, ending in an arrowhead
        double cx = r.getCenterX();
        double arrow = ChartStyle.px(3.2);
        g.setStroke(ChartStyle.solid(0.8));
        g.draw(new Line2D.Double(cx, mark.box().getMaxY(), cx, mark.arrowTipY() - arrow * 0.8));
        g.fill(triangle(cx, mark.arrowTipY(), arrow, false));

        g.setColor(ChartStyle.WHITE);
        g.fill(mark.box());
        g.setColor(ChartStyle.FOCUS);
        g.setStroke(ChartStyle.solid(0.7));
        g.draw(mark.box());
        text(g, mark.text(), ChartStyle.FOCUS_FONT, ChartStyle.TEXT, mark.textX(), mark.baseline());
    }

    /** a message where a force has no bar (no value for this indicator) */
    static void paintNoValue(Graphics2D g, FigureLayout layout, PlotGeometry geo, String message) {
        Font f = ChartStyle.FOCUS_FONT;
        double pad = ChartStyle.px(2);
        double w = FigureLayout.textWidth(message, f) + 2 * pad;
        double h = FigureLayout.ascent(f) + 2 * pad + ChartStyle.px(0.6);
        Rectangle2D box = new Rectangle2D.Double(geo.plotRight() - w, layout.chartY - ChartStyle.px(9), w, h);
        g.setColor(ChartStyle.WHITE);
        g.fill(box);
        g.setColor(ChartStyle.FOCUS);
        g.setStroke(ChartStyle.solid(0.7));
        g.draw(box);
        text(g, message, f, ChartStyle.TEXT, box.getX() + pad, box.getMaxY() - pad - ChartStyle.px(0.6));
    }

    private static void paintLegendItem(Graphics2D g, FigureLayout.LegendItem item) {
        Font f = ChartStyle.LEGEND_FONT;
        double ascent = FigureLayout.ascent(f);
        double mid = item.baseline() - ascent * 0.36;
        double x = item.x();
        double key = FigureLayout.legendKeyWidth(item.kind());
        switch (item.kind()) {
            case ABOVE, WITHIN, BELOW -> {
                Band band = Band.valueOf(item.kind().name());
                double sw = ChartStyle.px(6);
                g.setColor(ChartStyle.colour(band));
                g.fill(new Rectangle2D.Double(x, mid - sw / 2, sw, sw));
                if (band != Band.WITHIN) {
                    g.setColor(ChartStyle.TEXT);
                    double size = ChartStyle.px(4.2);
                    g.fill(triangle(x + sw + ChartStyle.px(1.5) + size / 2, mid + size * 0.43, size,
                            band == Band.ABOVE));
                }
            }
            case SD -> line(g, x, mid, key, ChartStyle.SD_LINE, ChartStyle.dotted(1.3));
            case MEAN -> line(g, x, mid, key, ChartStyle.MEAN_LINE, ChartStyle.dashed(0.6));
            case TARGET -> line(g, x, mid, key, ChartStyle.TARGET_LINE, ChartStyle.solid(0.9));
        }
        text(g, item.text(), f, ChartStyle.TEXT, x + key + ChartStyle.px(3), item.baseline());
    }

    private static void line(Graphics2D g, double x, double y, double w, Color c, BasicStroke s) {
        g.setColor(c);
        g.setStroke(s);
        g.draw(new Line2D.Double(x, y, x + w, y));
    }

    static void text(Graphics2D g, String s, Font f, Color c, double x, double baseline) {
        g.setFont(f);
        g.setColor(c);
        g.drawString(s, (float) x, (float) baseline);
    }
}
