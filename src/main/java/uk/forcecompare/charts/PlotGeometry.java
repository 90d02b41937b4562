package uk.forcecompare.charts;

import java.awt.geom.Rectangle2D;

/**
 * Where XChart put the plot, in figure coordinates: read back once after drawing, then used for everything drawn on
 * top (reference lines, ▲/▼ markers, the focus mark) without drawing the chart again.
 *
 * @param firstSlotLeft left edge of the first category slot
 * @param slotWidth width of one category slot; a bar fills {@link ChartStyle#BAR_FILL} of it, centred
 * @param n number of bars
 * @param yAtMin screen y of the value axis minimum
 * @param yAtMax screen y of the value axis maximum
 */
record PlotGeometry(double firstSlotLeft, double slotWidth, int n, double yMin, double yMax, double yAtMin,
        double yAtMax, double plotLeft, double plotRight, double plotTop) {

    double y(double value) {
        return yAtMin + (value - yMin) / (yMax - yMin) * (yAtMax - yAtMin);
    }

    /** the value at screen y (inverse of {@link #y(double)}) */
    double value(double screenY) {
        return yMin + (screenY - yAtMin) / (yAtMax - yAtMin) * (yMax - yMin);
    }

    double barCentre(int i) {
        return firstSlotLeft + (i + 0.5) * slotWidth;
    }

    double barWidth() {
        return slotWidth * ChartStyle.BAR_FILL;
    }

    Rectangle2D bar(int i, double value) {
        double top = y(Math.max(value, 0));
        double bottom = y(Math.min(value, 0));
        return new Rectangle2D.Double(barCentre(i) - barWidth() / 2, top, barWidth(), bottom - top);
    }
}
