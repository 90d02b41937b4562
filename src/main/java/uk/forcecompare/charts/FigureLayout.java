package uk.forcecompare.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import uk.forcecompare.indicators.Band;

/**
 * What one comparison figure holds and where its parts go, worked out once per chart and shared by the national
 * figure and every force's focus figure. Coordinates are drawing units (300 dpi pixels, see {@link ChartStyle}).
 * Nothing here needs a graphics device; where the bars land is only known once XChart has drawn the plot
 * ({@link PlotGeometry}).
 */
final class FigureLayout {

    enum Line { UPPER, MEAN, LOWER, TARGET }

    enum LegendKind { ABOVE, WITHIN, BELOW, SD, MEAN, TARGET }

    record ReferenceLine(Line kind, double value, String label, Color colour, BasicStroke stroke) {
    }

    record LegendItem(LegendKind kind, String text, double x, double baseline) {
    }

    record TextLine(String text, Font font, Color colour, double x, double baseline) {
    }

    static final String ABOVE_LABEL = "Above the band";
    static final String WITHIN_LABEL = "Within the band";
    static final String BELOW_LABEL = "Below the band";

    static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    final ComparisonChart chart;
    /** forces with a value, highest first, ties by force name */
    final List<ComparisonChart.Bar> bars;
    /** bars passed in without a value (band MISSING or not a number): named in the text, never drawn */
    final List<ComparisonChart.Bar> withoutValue;
    final List<ReferenceLine> lines;
    final double yMin;
    final double yMax;

    final List<TextLine> titleLines = new ArrayList<>();
    final List<LegendItem> legend = new ArrayList<>();
    final List<TextLine> noteLines = new ArrayList<>();
    final double width = ChartStyle.WIDTH;
    final double chartX;
    final double chartY;
    final double chartWidth;
    final double chartHeight;
    /** left edge of the column that holds the reference line labels, right of the plot */
    final double labelColumnX;
    final double height;

    FigureLayout(ComparisonChart chart) {
        this.chart = chart;
        List<ComparisonChart.Bar> valued = new ArrayList<>();
        List<ComparisonChart.Bar> without = new ArrayList<>();
        for (ComparisonChart.Bar b : chart.bars()) {
            if (b.band() == Band.MISSING || !Double.isFinite(b.value())) {
                without.add(b);
            } else {
                valued.add(b);
            }
        }
        valued.sort(BAR_ORDER);
        this.bars = List.copyOf(valued);
        this.withoutValue = List.copyOf(without);
        this.lines = referenceLines(chart);

        double lo = 0;
        double hi = 0;
        for (ComparisonChart.Bar b : bars) {
            lo = Math.min(lo, b.value());
            hi = Math.max(hi, b.value());
        }
        for (ReferenceLine l : lines) {
            if (Double.isFinite(l.value())) {
                lo = Math.min(lo, l.value());
                hi = Math.max(hi, l.value());
            }
        }
        double step = niceStep((hi - lo) / 5);
        double top = Math.ceil((hi + (hi - lo) * 0.06) / step) * step;
        if ("%".equals(chart.unitSuffix().strip()) && hi <= 100 && top > 100) {
            top = 100;
        }
        this.yMin = lo < 0 ? Math.floor(lo / step) * step : 0;
        this.yMax = top > yMin ? top : yMin + 1;

        double m = ChartStyle.MARGIN;
        double textWidth = width - 2 * m;
        double y = m;
        for (String s : wrap(chart.title(), ChartStyle.TITLE_FONT, textWidth)) {
            y += ascent(ChartStyle.TITLE_FONT);
            titleLines.add(new TextLine(s, ChartStyle.TITLE_FONT, ChartStyle.TEXT, m, y));
            y += lineGap(ChartStyle.TITLE_FONT, 1.2);
        }
        y += ChartStyle.px(4);
        y = layoutLegend(y, m, textWidth);
        // headroom above the plot for the focus label of a tall bar
        y += ChartStyle.px(10);

        double labelColumn = 0;
        for (ReferenceLine l : lines) {
            labelColumn = Math.max(labelColumn, textWidth(l.label(), ChartStyle.LINE_LABEL_FONT));
        }
        labelColumn += ChartStyle.px(4);
        this.chartX = m;
        this.chartY = y;
        this.chartWidth = width - 2 * m - labelColumn;
        this.chartHeight = ChartStyle.CHART_HEIGHT;
        this.labelColumnX = chartX + chartWidth + ChartStyle.px(2);
        y += chartHeight + ChartStyle.px(5);

        for (String note : chart.notes()) {
            for (String s : wrap(note, ChartStyle.NOTE_FONT, textWidth)) {
                y += ascent(ChartStyle.NOTE_FONT);
                noteLines.add(new TextLine(s, ChartStyle.NOTE_FONT, ChartStyle.TEXT, m, y));
                y += lineGap(ChartStyle.NOTE_FONT, 1.3);
            }
        }
        this.height = Math.ceil(y + m);
    }

    static final Comparator<ComparisonChart.Bar> BAR_ORDER = Comparator
            .comparingDouble(ComparisonChart.Bar::value).reversed()
            .thenComparing(ComparisonChart.Bar::forceName, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(ComparisonChart.Bar::forceCode);

    private double layoutLegend(double top, double left, double maxWidth) {
        // a key names only what can be drawn: no bars, no band; one force, a mean line but no band
        boolean anyValue = chart.bars().stream().anyMatch(b -> !Double.isNaN(b.value()));
        List<LegendKind> kinds = new ArrayList<>();
        if (anyValue && !Double.isNaN(chart.sd())) {
            kinds.addAll(List.of(LegendKind.ABOVE, LegendKind.WITHIN, LegendKind.BELOW, LegendKind.SD, LegendKind.MEAN));
        } else if (anyValue) {
            kinds.add(LegendKind.WITHIN);
            // every force with a value left out of the mean by configuration: no mean line either
            if (!Double.isNaN(chart.mean())) kinds.add(LegendKind.MEAN);
        }
        if (chart.target().isPresent()) {
            kinds.add(LegendKind.TARGET);
        }
        Font f = ChartStyle.LEGEND_FONT;
        double rowHeight = ChartStyle.px(11);
        double x = left;
        double baseline = top + ascent(f);
        for (LegendKind k : kinds) {
            String text = legendText(k);
            double w = legendKeyWidth(k) + ChartStyle.px(3) + textWidth(text, f);
            if (x > left && x + w > left + maxWidth) {
                x = left;
                baseline += rowHeight;
            }
            legend.add(new LegendItem(k, text, x, baseline));
            x += w + ChartStyle.px(11);
        }
        return baseline + rowHeight - ascent(f);
    }

    String legendText(LegendKind k) {
        return switch (k) {
            case ABOVE -> ABOVE_LABEL;
            case WITHIN -> Double.isNaN(chart.sd()) ? "Force's value (no band)" : WITHIN_LABEL;
            case BELOW -> BELOW_LABEL;
            case SD -> "One standard deviation above and below the mean";
            case MEAN -> "Unweighted mean of forces";
            case TARGET -> targetText();
        };
    }

    static double legendKeyWidth(LegendKind k) {
        return switch (k) {
            case ABOVE, WITHIN, BELOW -> ChartStyle.px(15);
            case SD, MEAN, TARGET -> ChartStyle.px(18);
        };
    }

    private String targetText() {
        String label = chart.targetLabel() == null ? "" : chart.targetLabel().strip();
        return label.isEmpty() ? "Target " + formatTarget(chart.target().orElse(Double.NaN)) : label;
    }

    private List<ReferenceLine> referenceLines(ComparisonChart c) {
        List<ReferenceLine> out = new ArrayList<>();
        // the lines' labels never show the mean as the same number as an edge or the target ("Mean 99%" beside
        // "+1 SD 99%"): as many more decimals as tell them apart, as the chart's text gives them
        int dp = uk.forcecompare.indicators.Comparison.decimalsToTellApart(c.mean(), c.decimals(), c.upper(), c.lower(),
                c.target().orElse(Double.NaN));
        // one force has a mean but no standard deviation: no band's edges to draw (an SVG line at y="NaN" is invalid)
        if (!bars.isEmpty() && Double.isFinite(c.upper())) {
            out.add(new ReferenceLine(Line.UPPER, c.upper(), "+1 SD " + format(c.upper(), dp), ChartStyle.SD_LINE,
                    ChartStyle.dotted(1.3)));
        }
        if (!bars.isEmpty() && Double.isFinite(c.mean())) {
            out.add(new ReferenceLine(Line.MEAN, c.mean(), "Mean " + format(c.mean(), dp), ChartStyle.MEAN_LINE,
                    ChartStyle.dashed(0.6)));
        }
        if (!bars.isEmpty() && Double.isFinite(c.lower())) {
            out.add(new ReferenceLine(Line.LOWER, c.lower(), "\u22121 SD " + format(c.lower(), dp), ChartStyle.SD_LINE,
                    ChartStyle.dotted(1.3)));
        }
        // The legend names the target in full; beside the line a long name would take the bars' width and make
        // 43 force names overlap, so the margin says only "Target 90%".
        c.target().ifPresent(t -> out.add(new ReferenceLine(Line.TARGET, t, "Target " + formatTarget(t), ChartStyle.TARGET_LINE,
                ChartStyle.solid(0.9))));
        return List.copyOf(out);
    }

    /** a target as people quote it: "90%", not "90.0%"; "92.5%" keeps its decimals */
    String formatTarget(double t) {
        return t == Math.rint(t) ? ChartStyle.number(t, 0) + chart.unitSuffix() : format(t);
    }

    /** a value as displayed: the chart's decimals and unit, e.g. "87.1%" */
    String format(double v) {
        return format(v, chart.decimals());
    }

    /** to {@code decimals} places, where the text needs more than the chart's to tell figures apart */
    String format(double v, int decimals) {
        return ChartStyle.number(v, decimals) + chart.unitSuffix();
    }

    /**
     * A marked force's value as its label gives it: to the chart's decimals, or to as many more as part it from the
     * edge it crossed where the two would show the same ("Cleveland 1.941%" above a "+1 SD 1.9%" line, not "1.9%").
     */
    String formatMarked(ComparisonChart.Bar bar) {
        double edge = uk.forcecompare.indicators.Comparison.edgeCrossed(bar.band(), chart.lower(), chart.upper());
        return uk.forcecompare.indicators.Comparison.decimalsToTellFromEdge(bar.value(), edge, chart.decimals())
                .stream().mapToObj(k -> ChartStyle.number(bar.value(), k) + chart.unitSuffix()).findFirst()
                .orElseGet(() -> format(bar.value()));
    }

    /** a difference between values, e.g. a standard deviation: "3.1 percentage points", "1 percentage point" */
    String formatDifference(double v, int decimals) {
        String number = ChartStyle.number(v, decimals);
        if (!"%".equals(chart.unitSuffix().strip())) return number + chart.unitSuffix();
        return number + (number.equals("1") ? " percentage point" : " percentage points");
    }

    int indexOf(String forceCode) {
        for (int i = 0; i < bars.size(); i++) {
            if (bars.get(i).forceCode().equals(forceCode)) {
                return i;
            }
        }
        return -1;
    }

    double[] seriesValues(Band band) {
        double[] v = new double[bars.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = bars.get(i).band() == band ? bars.get(i).value() : 0;
        }
        return v;
    }

    /** the XChart series, in painting order, with their band */
    List<Band> bandsPresent() {
        List<Band> out = new ArrayList<>();
        for (Band b : List.of(Band.ABOVE, Band.WITHIN, Band.BELOW)) {
            if (bars.stream().anyMatch(x -> x.band() == b)) {
                out.add(b);
            }
        }
        return out;
    }

    static String seriesName(Band b) {
        return switch (b) {
            case ABOVE -> ABOVE_LABEL;
            case BELOW -> BELOW_LABEL;
            default -> WITHIN_LABEL;
        };
    }

    static double niceStep(double rough) {
        if (!(rough > 0) || !Double.isFinite(rough)) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(rough)));
        double r = rough / mag;
        double nice = r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10;
        return nice * mag;
    }

    static double textWidth(String s, Font f) {
        return f.getStringBounds(s, FRC).getWidth();
    }

    static double ascent(Font f) {
        return f.getLineMetrics("Hg", FRC).getAscent();
    }

    static double lineGap(Font f, double spacing) {
        return f.getSize2D() * spacing - ascent(f);
    }

    /** greedy word wrap; a word longer than the line stands on its own line */
    static List<String> wrap(String text, Font f, double maxWidth) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String paragraph : text.strip().split("\\R")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.strip().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (line.length() > 0 && textWidth(candidate, f) > maxWidth) {
                    out.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(candidate);
                }
            }
            if (line.length() > 0) {
                out.add(line.toString());
            }
        }
        return out;
    }
}
