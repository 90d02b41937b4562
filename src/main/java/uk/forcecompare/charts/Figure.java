package uk.forcecompare.charts;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One chart drawn once: the national PNG image, the national SVG elements and where XChart put the plot in each.
 * A force's focus figure is a copy of these with its mark drawn on top, so 44 figures cost one drawing per format,
 * and the PNG deflates again only the bands of rows the mark touches.
 */
final class Figure {

    final FigureLayout layout;
    final BufferedImage png;
    /** the national PNG compressed once; focus figures reuse every band their mark does not touch */
    final PngBands pngBands;
    final PlotGeometry pngGeometry;
    /** the national SVG's elements, UTF-8: every focus figure repeats them */
    private final byte[] svgElements;
    final PlotGeometry svgGeometry;
    final String altText;

    private Figure(FigureLayout layout, BufferedImage png, PlotGeometry pngGeometry, byte[] svgElements,
            PlotGeometry svgGeometry) {
        this.layout = layout;
        this.png = png;
        this.pngBands = PngBands.of(png);
        this.pngGeometry = pngGeometry;
        this.svgElements = svgElements;
        this.svgGeometry = svgGeometry;
        this.altText = AltText.national(layout);
    }

    static Figure draw(ComparisonChart chart) {
        FigureLayout layout = new FigureLayout(chart);
        BufferedImage image = new BufferedImage((int) layout.width, (int) layout.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        PlotGeometry pngGeometry;
        try {
            pngGeometry = FigurePainter.paintBase(g, layout);
        } finally {
            g.dispose();
        }
        PlotGeometry[] svgGeometry = new PlotGeometry[1];
        byte[] svg = Encoders.svgElements(layout.width, layout.height,
                vg -> svgGeometry[0] = FigurePainter.paintBase(vg, layout));
        return new Figure(layout, image, pngGeometry, svg, svgGeometry[0]);
    }

    void writeNational(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (OutputStream out = output(folder.resolve("chart.png"))) {
            pngBands.write(out);
        }
        try (OutputStream out = output(folder.resolve("chart.svg"))) {
            Encoders.writeSvg(out, layout.width, layout.height, layout.chart.title(), altText, svgElements);
        }
        Files.writeString(folder.resolve("chart.txt"), altText, StandardCharsets.UTF_8);
    }

    void writeFocus(String forceCode, String fileStem, Path folder) throws IOException {
        writeFocus(forceCode, fileStem, folder, new Canvas(this));
    }

    /**
     * Writes a force's focus figure, drawing its mark on canvas (a copy of this figure's PNG image, reused from one
     * force to the next on the same thread): copying the image (1,890 pixels wide, 11 MB) for each of 43 forces cost
     * more than the mark itself. The canvas is back to the national image when this returns, or must not be used again if it threw.
     */
    void writeFocus(String forceCode, String fileStem, Path folder, Canvas canvas) throws IOException {
        if (canvas.figure != this) {
            throw new IllegalArgumentException("the canvas belongs to another figure");
        }
        Files.createDirectories(folder);
        int index = layout.indexOf(forceCode);
        Graphics2D g = canvas.image.createGraphics();
        try {
            paintFocus(g, pngGeometry, index, forceCode);
        } finally {
            g.dispose();
        }
        boolean[] changed;
        try (OutputStream out = output(folder.resolve(fileStem + ".png"))) {
            changed = pngBands.writeVariant(canvas.image, out);
        }
        pngBands.restore(canvas.image, changed);
        try (OutputStream out = output(folder.resolve(fileStem + ".svg"))) {
            Encoders.writeSvg(out, layout.width, layout.height, layout.chart.title(), focusDescription(index, forceCode),
                    svgElements, focusOverlay(index, forceCode));
        }
    }

    /** A copy of one figure's national PNG image that focus marks are drawn on, one force after another. */
    static final class Canvas {
        private final Figure figure;
        private final BufferedImage image;

        Canvas(Figure figure) {
            this.figure = figure;
            this.image = Encoders.copy(figure.png);
        }

        boolean isFor(Figure f) {
            return figure == f;
        }
    }

    private byte[] focusOverlay(int index, String forceCode) {
        return Encoders.svgElements(layout.width, layout.height, vg -> paintFocus(vg, svgGeometry, index, forceCode));
    }

    private String focusDescription(int index, String forceCode) {
        return (index >= 0 ? AltText.focus(layout, index) : noValue(forceCode)) + "\n" + altText;
    }

    static final String NO_VALUE = "This force has no value for this indicator: see the notes";

    /** "Cumbria has no value for this indicator: see the notes", where the chart names the force */
    private String noValue(String forceCode) {
        return layout.withoutValue.stream().filter(b -> b.forceCode().equals(forceCode)).findFirst()
                .map(b -> b.forceName() + " has no value for this indicator: see the notes").orElse(NO_VALUE);
    }

    private void paintFocus(Graphics2D g, PlotGeometry geometry, int index, String forceCode) {
        if (index >= 0) {
            FigurePainter.paintFocus(g, layout, geometry, FigurePainter.focusMark(layout, geometry, index));
        } else {
            FigurePainter.paintNoValue(g, layout, geometry, noValue(forceCode));
        }
    }

    private static OutputStream output(Path file) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }
}
