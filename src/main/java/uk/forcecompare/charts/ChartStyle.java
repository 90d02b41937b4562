package uk.forcecompare.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;

import uk.forcecompare.indicators.Band;

/**
 * Colours, fonts and sizes of the comparison figure. Sizes are given in points and turned into drawing units
 * ({@link #px(double)}): the figure is drawn in 300 dpi pixels, so that the PNG needs no scaling and the SVG uses the
 * same layout with its width and height stated in points.
 *
 * <p>Bar colours (WCAG 2.2 non-text contrast, checked in {@code ChartStyleTest}): every bar colour has at least 3:1
 * against the white background, and the bars stand apart from each other with a white gap
 * ({@link #BAR_FILL} &lt; 1), so a bar's neighbour is always white. The two highlighted bands also have 3:1 between
 * themselves, and dark blue has 3:1 against the neutral grey. Grey against light blue cannot also reach 3:1 while
 * both keep 3:1 against white (both would need a relative luminance of at most 0.30, and 3:1 between them puts one
 * below 0.067, too dark to also stand 3:1 apart from the dark blue); that boundary is carried by the white gap and by
 * the non-colour cue: a ▲ over bars above the band and a ▼ over bars below it.
 */
final class ChartStyle {

    private ChartStyle() {
    }

    static final double DPI = 300;
    /** drawing units (300 dpi pixels) per point */
    static final double UNITS_PER_POINT = DPI / 72.0;
    /** about 16 cm: the text column of an A4 report */
    static final int WIDTH = 1890;

    static final Color WHITE = Color.WHITE;
    /** GOV.UK text colour */
    static final Color TEXT = new Color(0x0B0C0C);
    static final Color SECONDARY_TEXT = new Color(0x505A5F);
    static final Color ABOVE = new Color(0x003078);
    static final Color WITHIN = new Color(0x909090);
    static final Color BELOW = new Color(0x5694CA);
    static final Color SD_LINE = new Color(0xD4351C);
    static final Color MEAN_LINE = new Color(0x505A5F);
    static final Color TARGET_LINE = new Color(0x0B0C0C);
    static final Color GRID = new Color(0xE5E6E7);
    static final Color FOCUS = new Color(0x0B0C0C);

    /** share of each category slot the bar fills; the rest is a white gap between neighbouring bars */
    static final double BAR_FILL = 0.72;

    static final String FONT_FAMILY = Font.SANS_SERIF;
    static final Font TITLE_FONT = font(Font.BOLD, 10.5);
    static final Font LEGEND_FONT = font(Font.PLAIN, 7.5);
    static final Font TICK_FONT = font(Font.PLAIN, 7);
    static final Font AXIS_TITLE_FONT = font(Font.PLAIN, 7.5);
    static final Font NOTE_FONT = font(Font.PLAIN, 7);
    static final Font LINE_LABEL_FONT = font(Font.PLAIN, 7);
    static final Font FOCUS_FONT = font(Font.BOLD, 8);

    static final double MARGIN = px(5);
    static final double CHART_HEIGHT = px(255);

    /**
     * A number as a chart shows it: {@code decimals} places, thousands grouped ("1,234.5"). A negative value that
     * rounds to zero shows as zero: "-0.0" would read as a value below zero that is not there.
     */
    static String number(double v, int decimals) {
        String shown = String.format(Locale.UK, "%,." + Math.max(0, decimals) + "f", v);
        return shown.matches("-[0.,]+") ? shown.substring(1) : shown;
    }

    /**
     * Axis tick labels for ticks no closer than {@code smallestStep}: grouped thousands, no trailing zeros, and as many
     * decimals as that step needs (at least two). A fixed two would show ticks 0.0025 apart as "0.01, 0.01, 0.01".
     */
    static java.text.DecimalFormat tickFormat(double smallestStep) {
        java.text.DecimalFormat f = new java.text.DecimalFormat("#,##0",
                java.text.DecimalFormatSymbols.getInstance(Locale.UK));
        int decimals = 2;
        if (smallestStep > 0 && Double.isFinite(smallestStep)) {
            // one more than the step's leading digit needs, for steps such as 0.0025
            decimals = Math.max(decimals, (int) Math.ceil(-Math.log10(smallestStep) - 1e-9) + 1);
        }
        f.setMaximumFractionDigits(Math.min(decimals, 15));
        return f;
    }

    static double px(double points) {
        return points * UNITS_PER_POINT;
    }

    static Font font(int style, double points) {
        return new Font(FONT_FAMILY, style, 1).deriveFont(style, (float) px(points));
    }

    static Color colour(Band band) {
        return switch (band) {
            case ABOVE -> ABOVE;
            case BELOW -> BELOW;
            case WITHIN, MISSING -> WITHIN;
        };
    }

    static BasicStroke dotted(double widthPt) {
        float w = (float) px(widthPt);
        return new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {0.01f, w * 2.2f}, 0f);
    }

    static BasicStroke dashed(double widthPt) {
        float w = (float) px(widthPt);
        return new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {(float) px(4), (float) px(2.5)}, 0f);
    }

    static BasicStroke solid(double widthPt) {
        return new BasicStroke((float) px(widthPt), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
    }

    /** WCAG 2.2 relative luminance of an sRGB colour. */
    static double relativeLuminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(int channel) {
        double s = channel / 255.0;
        return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }

    /** WCAG 2.2 contrast ratio, (L1 + 0.05) / (L2 + 0.05) with L1 the lighter. */
    static double contrastRatio(Color a, Color b) {
        double la = relativeLuminance(a);
        double lb = relativeLuminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }
}
