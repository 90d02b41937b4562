package uk.forcecompare.charts;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;


import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.GraphicsUtils;
import de.erichseifert.vectorgraphics2d.util.PageSize;

/** PNG (through {@link PngBands}), and SVG through VectorGraphics2D as XChart's VectorGraphicsEncoder does it. */
final class Encoders {

    private Encoders() {
    }

    /** Writes an RGB PNG of 300 dpi; see {@link PngBands}. */
    static void writePng(BufferedImage image, OutputStream out) throws IOException {
        PngBands.of(image).write(out);
    }

    private static final Pattern FONT_FAMILY = Pattern.compile("font-family:(&quot;[^&]*&quot;)");

    /**
     * Draws with a VectorGraphics2D and returns the SVG elements only (what lies inside the root element), as UTF-8,
     * so that a focus figure is the national figure's elements, encoded once, plus its own few.
     */
    static byte[] svgElements(double width, double height, Consumer<Graphics2D> painter) {
        VectorGraphics2D g = new PhysicalFontGraphics();
        painter.accept(g);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try {
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height)).writeTo(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String doc = bytes.toString(StandardCharsets.UTF_8);
        int open = doc.indexOf("<svg");
        int start = doc.indexOf('>', open) + 1;
        int end = doc.lastIndexOf("</svg>");
        String inner = doc.substring(start, end);
        // VectorGraphics2D names the Java font; give viewers without it the usual fallbacks
        return FONT_FAMILY.matcher(inner).replaceAll("font-family:$1,Arial,Helvetica,sans-serif").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A VectorGraphics2D that records physical fonts. Its SVG writer names a physical font for each text element, and
     * for a logical one (SansSerif) finds it by laying the text out in every installed font: that search, once per
     * text element of every figure, was an eighth of the charts' time. The search's answer depends on the font
     * alone, so it is made once per font here and the SVG is the same.
     */
    private static final class PhysicalFontGraphics extends VectorGraphics2D {
        private static final Map<Font, Font> PHYSICAL = new ConcurrentHashMap<>();

        @Override
        public void setFont(Font font) {
            super.setFont(font == null ? null : PHYSICAL.computeIfAbsent(font, GraphicsUtils::getPhysicalFont));
        }
    }

    /**
     * Writes a whole SVG document: sized in points, drawn in 300 dpi units, with a title and description for screen
     * readers, and the elements in order.
     */
    static void writeSvg(OutputStream out, double width, double height, String title, String description,
            byte[]... elements) throws IOException {
        out.write(svgHead(width, height, title, description).getBytes(StandardCharsets.UTF_8));
        for (byte[] e : elements) {
            out.write(e);
        }
        out.write(SVG_END.getBytes(StandardCharsets.UTF_8));
    }

    private static final String SVG_END = "</svg>\n";

    private static String svgHead(double width, double height, String title, String description) {
        StringBuilder sb = new StringBuilder(1024);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\"");
        sb.append(" width=\"").append(points(width)).append("pt\" height=\"").append(points(height)).append("pt\"");
        sb.append(" viewBox=\"0 0 ").append(fmt(width)).append(' ').append(fmt(height)).append("\"");
        sb.append(" role=\"img\" aria-labelledby=\"fc-title fc-desc\">\n");
        sb.append("  <title id=\"fc-title\">").append(xml(title)).append("</title>\n");
        sb.append("  <desc id=\"fc-desc\">").append(xml(description)).append("</desc>\n");
        return sb.toString();
    }

    static String points(double units) {
        return fmt(units / ChartStyle.UNITS_PER_POINT);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.?0+$", "");
    }

    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static BufferedImage copy(BufferedImage source) {
        return new BufferedImage(source.getColorModel(), source.copyData(null), source.isAlphaPremultiplied(), null);
    }
}
