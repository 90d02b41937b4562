package uk.forcecompare.charts;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Draws a {@link FunnelPlot}: PNG at 300 dpi and 1,890 pixels (16 cm) wide, SVG with the same layout sized in
 * points and carrying the text alternative as its description, and the text alternative on its own. Stateless and
 * thread-safe.
 */
public final class FunnelRenderer {

    /** the file stem of an indicator's funnel plot: {@code <indicator id>/funnel.png} */
    public static final String STEM = "funnel";

    private FunnelRenderer() {
    }

    /** Writes {@code funnel.png}, {@code funnel.svg} and {@code funnel.txt} into folder. */
    public static void render(FunnelPlot plot, Path folder) {
        render(plot, folder, STEM);
    }

    /**
     * Writes {@code <fileStem>.png}, {@code .svg} and {@code .txt} into folder, e.g. a force's own funnel plot with
     * {@code plot.focusedOn(code)} and the force's slug prefixed: {@code funnel-norfolk}.
     */
    public static void render(FunnelPlot plot, Path folder, String fileStem) {
        Objects.requireNonNull(plot, "plot");
        Objects.requireNonNull(folder, "folder");
        if (fileStem == null || !fileStem.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || fileStem.contains("..")) {
            throw new IllegalArgumentException("not a file name for a funnel plot: " + fileStem);
        }
        FunnelLayout layout = new FunnelLayout(plot);
        String alt = FunnelAltText.of(layout);
        BufferedImage image = new BufferedImage((int) layout.width, (int) layout.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            FunnelPainter.paint(g, layout);
        } finally {
            g.dispose();
        }
        byte[] svg = Encoders.svgElements(layout.width, layout.height, vg -> FunnelPainter.paint(vg, layout));
        try {
            Files.createDirectories(folder);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(folder.resolve(fileStem + ".png")),
                    1 << 16)) {
                Encoders.writePng(image, out);
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(folder.resolve(fileStem + ".svg")),
                    1 << 16)) {
                Encoders.writeSvg(out, layout.width, layout.height, plot.title(), alt, svg);
            }
            Files.writeString(folder.resolve(fileStem + ".txt"), alt, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the funnel plot " + fileStem + " into " + folder, e);
        }
    }

    /** The text alternative that {@link #render} writes to {@code funnel.txt}. */
    public static String altText(FunnelPlot plot) {
        return FunnelAltText.of(new FunnelLayout(plot));
    }
}
