package uk.forcecompare.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import uk.forcecompare.indicators.Band;

/**
 * Reads the written files back: bar order and colours, the reference lines' values, the focus mark, 300 dpi.
 * Expectations come from the fixture ({@link TestCharts}), not from the renderer's own layout.
 */
class ChartRendererTest {

    @TempDir
    static Path dir;
    static ComparisonChart chart;
    /** the fixture's forces in the expected order: value descending, then name */
    static List<TestCharts.Row> expectedOrder;

    @BeforeAll
    static void render() {
        chart = TestCharts.calls999();
        Map<String, String> slugs = TestCharts.slugs();
        new ChartRenderer(2).renderAll(chart, slugs, dir);
        expectedOrder = new ArrayList<>(TestCharts.rows());
        expectedOrder.sort(Comparator.comparingDouble(TestCharts.Row::value).reversed()
                .thenComparing(TestCharts.Row::name));
    }

    static Band expectedBand(double v) {
        return v > chart.upper() ? Band.ABOVE : v < chart.lower() ? Band.BELOW : Band.WITHIN;
    }

    @Test
    void writesNationalAndOneFocusPairPerForce() throws IOException {
        assertThat(Files.size(dir.resolve("chart.png"))).isGreaterThan(10_000);
        assertThat(Files.size(dir.resolve("chart.svg"))).isGreaterThan(10_000);
        assertThat(Files.readString(dir.resolve("chart.txt"))).startsWith(TestCharts.TITLE);
        for (String slug : TestCharts.slugs().values()) {
            assertThat(dir.resolve(slug + ".png")).isNotEmptyFile();
            assertThat(dir.resolve(slug + ".svg")).isNotEmptyFile();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(3 + 2 * 43);
        }
    }

    @Test
    void pngIs300DpiAnd16cmWide() throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(dir.resolve("norfolk.png").toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            reader.setInput(in);
            assertThat(reader.getWidth(0)).isEqualTo(1890);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            IIOMetadataNode phys = (IIOMetadataNode) root.getElementsByTagName("pHYs").item(0);
            assertThat(phys.getAttribute("unitSpecifier")).isEqualTo("meter");
            double dpiX = Integer.parseInt(phys.getAttribute("pixelsPerUnitXAxis")) * 0.0254;
            double dpiY = Integer.parseInt(phys.getAttribute("pixelsPerUnitYAxis")) * 0.0254;
            assertThat(dpiX).isCloseTo(300, within(0.1));
            assertThat(dpiY).isCloseTo(300, within(0.1));
            assertThat(reader.getWidth(0) / dpiX * 2.54).isCloseTo(16.0, within(0.05));
            reader.dispose();
        }
    }

    /** bars as the SVG draws them, left to right: colour, top, bottom, centre (figure coordinates) */
    record SvgBar(Color fill, double left, double right, double top, double bottom) {
        double centre() {
            return (left + right) / 2;
        }
    }

    static Document parse(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        try (InputStream in = Files.newInputStream(svg)) {
            return f.newDocumentBuilder().parse(in);
        }
    }

    static final Pattern FILL = Pattern.compile("fill:rgb\\((\\d+),(\\d+),(\\d+)\\)");
    static final Pattern STROKE = Pattern.compile("stroke:rgb\\((\\d+),(\\d+),(\\d+)\\)");
    static final Pattern NUM = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:E-?\\d+)?");

    static Color colour(Pattern p, String style) {
        Matcher m = p.matcher(style == null ? "" : style);
        return m.find() ? new Color(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))) : null;
    }

    static List<SvgBar> bars(Document doc) {
        // the XChart plot is one group translated to where the chart sits in the figure
        double tx = 0;
        double ty = 0;
        NodeList groups = doc.getElementsByTagNameNS("*", "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.hasAttribute("clip-path") && g.getAttribute("transform").startsWith("translate(")) {
                Matcher m = NUM.matcher(g.getAttribute("transform"));
                m.find();
                tx = Double.parseDouble(m.group());
                m.find();
                ty = Double.parseDouble(m.group());
            }
        }
        List<Color> bandColours = List.of(ChartStyle.ABOVE, ChartStyle.WITHIN, ChartStyle.BELOW);
        List<SvgBar> out = new ArrayList<>();
        NodeList paths = doc.getElementsByTagNameNS("*", "path");
        for (int i = 0; i < paths.getLength(); i++) {
            Element p = (Element) paths.item(i);
            Color fill = colour(FILL, p.getAttribute("style"));
            if (fill == null || !bandColours.contains(fill)) {
                continue;
            }
            List<Double> n = new ArrayList<>();
            Matcher m = NUM.matcher(p.getAttribute("d"));
            while (m.find()) {
                n.add(Double.parseDouble(m.group()));
            }
            double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            for (int k = 0; k + 1 < n.size(); k += 2) {
                minX = Math.min(minX, n.get(k));
                maxX = Math.max(maxX, n.get(k));
                minY = Math.min(minY, n.get(k + 1));
                maxY = Math.max(maxY, n.get(k + 1));
            }
            if (maxY - minY > 0.5 && n.size() == 8) {
                out.add(new SvgBar(fill, tx + minX, tx + maxX, ty + minY, ty + maxY));
            }
        }
        out.sort(Comparator.comparingDouble(SvgBar::left));
        return out;
    }

    @Test
    void svgBarsRunHighestFirstInTheirBandColours() throws Exception {
        Document doc = parse(dir.resolve("chart.svg"));
        assertThat(doc.getDocumentElement().getAttribute("width")).isEqualTo("453.6pt");
        List<SvgBar> bars = bars(doc);
        assertThat(bars).hasSize(43);
        double perUnit = (bars.get(0).bottom() - bars.get(0).top()) / expectedOrder.get(0).value();
        for (int i = 0; i < 43; i++) {
            TestCharts.Row row = expectedOrder.get(i);
            SvgBar bar = bars.get(i);
            Color expected = switch (expectedBand(row.value())) {
                case ABOVE -> ChartStyle.ABOVE;
                case BELOW -> ChartStyle.BELOW;
                default -> ChartStyle.WITHIN;
            };
            assertThat(bar.fill()).as("colour of bar %d, %s", i, row.name()).isEqualTo(expected);
            assertThat((bar.bottom() - bar.top()) / perUnit).as("height of %s", row.name())
                    .isCloseTo(row.value(), within(0.01));
        }
        // the bands of the fixture: 7 above, 29 within, 7 below
        assertThat(bars.stream().filter(b -> b.fill().equals(ChartStyle.ABOVE))).hasSize(7);
        assertThat(bars.stream().filter(b -> b.fill().equals(ChartStyle.BELOW))).hasSize(7);
        // gaps between neighbouring bars: they never touch
        for (int i = 1; i < 43; i++) {
            assertThat(bars.get(i).left()).isGreaterThan(bars.get(i - 1).right() + 1);
        }
    }

    @Test
    void svgDottedRedLinesSitAtMeanPlusAndMinusOneSd() throws Exception {
        Document doc = parse(dir.resolve("chart.svg"));
        List<SvgBar> bars = bars(doc);
        double zero = bars.get(0).bottom();
        double perUnit = (zero - bars.get(0).top()) / expectedOrder.get(0).value();
        List<Double> red = new ArrayList<>();
        List<Double> grey = new ArrayList<>();
        List<Double> black = new ArrayList<>();
        NodeList lines = doc.getElementsByTagNameNS("*", "line");
        for (int i = 0; i < lines.getLength(); i++) {
            Element l = (Element) lines.item(i);
            double x1 = Double.parseDouble(l.getAttribute("x1"));
            double x2 = Double.parseDouble(l.getAttribute("x2"));
            double y = Double.parseDouble(l.getAttribute("y1"));
            if (x2 - x1 < 1000 || insideTranslatedGroup(l)) {
                continue; // legend keys, axis lines and tick marks
            }
            double value = (zero - y) / perUnit;
            Color stroke = colour(STROKE, l.getAttribute("style"));
            String style = l.getAttribute("style");
            if (ChartStyle.SD_LINE.equals(stroke)) {
                assertThat(style).contains("stroke-dasharray");
                red.add(value);
            } else if (ChartStyle.MEAN_LINE.equals(stroke)) {
                assertThat(style).contains("stroke-dasharray");
                grey.add(value);
            } else if (ChartStyle.TARGET_LINE.equals(stroke)) {
                assertThat(style).doesNotContain("stroke-dasharray");
                black.add(value);
            }
        }
        assertThat(red).hasSize(2);
        assertThat(red.stream().mapToDouble(Double::doubleValue).max().orElseThrow())
                .isCloseTo(chart.mean() + chart.sd(), within(0.01));
        assertThat(red.stream().mapToDouble(Double::doubleValue).min().orElseThrow())
                .isCloseTo(chart.mean() - chart.sd(), within(0.01));
        assertThat(grey).singleElement().satisfies(v -> assertThat(v).isCloseTo(80.0, within(0.01)));
        assertThat(black).singleElement().satisfies(v -> assertThat(v).isCloseTo(90.0, within(0.01)));
    }

    static boolean insideTranslatedGroup(Element e) {
        for (org.w3c.dom.Node p = e.getParentNode(); p instanceof Element pe; p = p.getParentNode()) {
            if (pe.hasAttribute("transform")) {
                return true;
            }
        }
        return false;
    }

    static List<String> texts(Document doc) {
        List<String> out = new ArrayList<>();
        NodeList t = doc.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < t.getLength(); i++) {
            out.add(t.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void svgCarriesTitleNotesLabelsAndADescription() throws Exception {
        Document doc = parse(dir.resolve("chart.svg"));
        List<String> texts = texts(doc);
        assertThat(String.join(" ", texts)).contains("Proportion of 999 calls answered within 10 seconds")
                .contains("Source: 999 call answering times from BT")
                .contains("Dotted lines show one standard deviation above and below the unweighted mean of 43 forces.");
        assertThat(texts).contains("+1 SD 88.4%", "\u22121 SD 71.6%", "Mean 80.0%", "Target 90%",
                "Above the band", "Within the band", "Below the band");
        assertThat(doc.getElementsByTagNameNS("*", "title").item(0).getTextContent()).isEqualTo(TestCharts.TITLE);
        assertThat(doc.getElementsByTagNameNS("*", "desc").item(0).getTextContent()).contains("80.0%");
    }

    @Test
    void focusSvgOutlinesAndLabelsTheForcesBar() throws Exception {
        Document national = parse(dir.resolve("chart.svg"));
        Document focus = parse(dir.resolve("norfolk.svg"));
        assertThat(texts(national)).noneMatch(s -> s.contains("Norfolk 87.1%"));
        assertThat(texts(focus)).contains("Norfolk 87.1%");
        int norfolk = indexOf("Norfolk");
        SvgBar bar = bars(focus).get(norfolk);
        // a black outline drawn around exactly that bar
        NodeList rects = focus.getElementsByTagNameNS("*", "rect");
        boolean outlined = false;
        for (int i = 0; i < rects.getLength(); i++) {
            Element r = (Element) rects.item(i);
            if (!ChartStyle.FOCUS.equals(colour(STROKE, r.getAttribute("style")))
                    || r.getAttribute("style").contains("fill:rgb")) {
                continue;
            }
            double x = Double.parseDouble(r.getAttribute("x"));
            double w = Double.parseDouble(r.getAttribute("width"));
            double y = Double.parseDouble(r.getAttribute("y"));
            double h = Double.parseDouble(r.getAttribute("height"));
            if (Math.abs(x + w / 2 - bar.centre()) < 0.5 && Math.abs(y + h - bar.bottom()) < 10
                    && Math.abs(y - bar.top()) < 10) {
                outlined = true;
            }
        }
        assertThat(outlined).as("outline around Norfolk's bar").isTrue();
        assertThat(focus.getElementsByTagNameNS("*", "desc").item(0).getTextContent())
                .startsWith("The bar of Norfolk is outlined and labelled: 87.1%, 9th highest of 43 forces");
    }

    static int indexOf(String name) {
        for (int i = 0; i < expectedOrder.size(); i++) {
            if (expectedOrder.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void focusPngMarksOnlyThatForcesBar() throws Exception {
        BufferedImage national = ImageIO.read(dir.resolve("chart.png").toFile());
        BufferedImage norfolk = ImageIO.read(dir.resolve("norfolk.png").toFile());
        BufferedImage durham = ImageIO.read(dir.resolve("durham.png").toFile());
        FigureLayout layout = new FigureLayout(chart);
        // where the bars are: found in the PNG itself, along a row just above the zero line
        List<int[]> runs = barRuns(national);
        assertThat(runs).hasSize(43);
        int n = indexOf("Norfolk");
        int d = indexOf("Durham");
        int row = zeroRow(national, runs.get(0)) - 20;
        // the pixel just left of Norfolk's bar: white gap in the national chart, dark outline in Norfolk's
        int x = runs.get(n)[0] - 3;
        assertThat(rgb(national, x, row)).isEqualTo(0xFFFFFF);
        assertThat(dark(norfolk.getRGB(x, row))).isTrue();
        assertThat(rgb(durham, x, row)).isEqualTo(0xFFFFFF);
        int xd = runs.get(d)[0] - 3;
        assertThat(dark(durham.getRGB(xd, row))).isTrue();
        assertThat(rgb(norfolk, xd, row)).isEqualTo(0xFFFFFF);
        // bar fill colours in the PNG per band
        for (int i = 0; i < 43; i++) {
            int cx = (runs.get(i)[0] + runs.get(i)[1]) / 2;
            Color expected = ChartStyle.colour(expectedBand(expectedOrder.get(i).value()));
            assertThat(rgb(national, cx, row)).as(expectedOrder.get(i).name()).isEqualTo(expected.getRGB() & 0xFFFFFF);
        }
        assertThat(layout.bars).hasSize(43);
    }

    @Test
    void pngReferenceLinesSitAtMeanPlusAndMinusOneSd() throws IOException {
        BufferedImage png = ImageIO.read(dir.resolve("chart.png").toFile());
        List<int[]> runs = barRuns(png);
        int zero = zeroRow(png, runs.get(0));
        // the lowest bar (Devon and Cornwall, 58.9) gives the scale: no reference line crosses it
        int cx = (runs.get(42)[0] + runs.get(42)[1]) / 2;
        int top = zero;
        while ((png.getRGB(cx, top - 1) & 0xFFFFFF) == (ChartStyle.BELOW.getRGB() & 0xFFFFFF)) {
            top--;
        }
        double perUnit = (zero - top + 0.5) / expectedOrder.get(42).value();
        // red dotted lines: look along the gap right of the last bar, where no bar stands
        int x = runs.get(42)[1] + 4;
        List<Double> red = new ArrayList<>();
        int y = 0;
        while (y < png.getHeight()) {
            if (reddish(png.getRGB(x, y)) || reddish(png.getRGB(x + 6, y)) || reddish(png.getRGB(x + 3, y))) {
                int start = y;
                while (y < png.getHeight()
                        && (reddish(png.getRGB(x, y)) || reddish(png.getRGB(x + 6, y)) || reddish(png.getRGB(x + 3, y)))) {
                    y++;
                }
                red.add((zero - (start + y - 1) / 2.0) / perUnit);
            }
            y++;
        }
        assertThat(red).as("values of red lines found at x=%d", x).hasSize(2);
        // a pixel is 0.07 percentage points here
        assertThat(red.get(0)).isCloseTo(chart.mean() + chart.sd(), within(0.3));
        assertThat(red.get(1)).isCloseTo(chart.mean() - chart.sd(), within(0.3));
    }

    static boolean reddish(int argb) {
        Color c = new Color(argb);
        return c.getRed() > 150 && c.getGreen() < 150 && c.getBlue() < 150;
    }

    static boolean dark(int argb) {
        Color c = new Color(argb);
        return c.getRed() + c.getGreen() + c.getBlue() < 150;
    }

    static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFFFFFF;
    }

    /** the lowest row of the first bar: where bars stand */
    static int zeroRow(BufferedImage img, int[] run) {
        int cx = (run[0] + run[1]) / 2;
        int y = img.getHeight() - 1;
        while (rgb(img, cx, y) != (ChartStyle.ABOVE.getRGB() & 0xFFFFFF)) {
            y--;
        }
        return y;
    }

    /** runs of bar colour along a row near the bottom of the plot, left to right */
    static List<int[]> barRuns(BufferedImage img) {
        List<Integer> colours = List.of(ChartStyle.ABOVE.getRGB() & 0xFFFFFF, ChartStyle.WITHIN.getRGB() & 0xFFFFFF,
                ChartStyle.BELOW.getRGB() & 0xFFFFFF);
        for (int y = img.getHeight() - 1; y > 0; y--) {
            List<int[]> runs = new ArrayList<>();
            int x = 0;
            while (x < img.getWidth()) {
                if (colours.contains(rgb(img, x, y))) {
                    int start = x;
                    while (x < img.getWidth() && colours.contains(rgb(img, x, y))) {
                        x++;
                    }
                    if (x - start > 5) {
                        runs.add(new int[] {start, x - 1});
                    }
                }
                x++;
            }
            if (runs.size() == 43) {
                return runs;
            }
        }
        return List.of();
    }

    @Test
    void aForcesLabelNeverHidesTheMeanTheBandsEdgesOrTheTarget() {
        // Warwickshire-like: the label of a low bar sat on the mean line, which it hid from its own force's report
        Figure figure = Figure.draw(chart);
        int crossed = 0;
        for (int i = 0; i < figure.layout.bars.size(); i++) {
            FigurePainter.FocusMark mark = FigurePainter.focusMark(figure.layout, figure.pngGeometry, i);
            for (FigureLayout.ReferenceLine line : figure.layout.lines) {
                double y = figure.pngGeometry.y(line.value());
                if (y > mark.box().getMinY() && y < mark.box().getMaxY()) crossed++;
            }
        }
        assertThat(crossed).isZero();
    }

    @Test
    void forceWithoutValueStillGetsAFigure(@TempDir Path other) throws Exception {
        ComparisonChart missing = TestCharts.calls999(java.util.Set.of("E23000019"));
        new ChartRenderer(1).renderFocus(missing, "E23000019", "nottinghamshire", other);
        assertThat(texts(parse(other.resolve("nottinghamshire.svg"))))
                .contains("Nottinghamshire has no value for this indicator: see the notes");
        assertThat(ImageIO.read(other.resolve("nottinghamshire.png").toFile()).getWidth()).isEqualTo(1890);
        // a force the chart does not know at all still gets a figure that says so
        new ChartRenderer(1).renderFocus(missing, "E99999999", "nowhere", other);
        assertThat(texts(parse(other.resolve("nowhere.svg")))).contains(Figure.NO_VALUE);
    }

    @Test
    void refusesFileStemsThatLeaveTheFolder() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put(TestCharts.NORFOLK, "../norfolk");
        assertThatThrownBy(() -> new ChartRenderer().renderAll(chart, bad, dir))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void severalChartsOnOnePoolGiveTheSameFilesAsOneAtATime(@TempDir Path other) throws IOException {
        ComparisonChart withGaps = TestCharts.calls999(java.util.Set.of("E23000019", "E23000024"));
        Map<String, String> slugs = TestCharts.slugs();
        Path together = other.resolve("together"), alone = other.resolve("alone");
        new ChartRenderer(2).renderAll(List.of(new ChartRenderer.Request(chart, together.resolve("a")),
                new ChartRenderer.Request(withGaps, together.resolve("b"))), slugs);
        new ChartRenderer(1).renderAll(chart, slugs, alone.resolve("a"));
        new ChartRenderer(1).renderAll(withGaps, slugs, alone.resolve("b"));
        List<Path> files;
        try (var walk = Files.walk(alone)) {
            files = walk.filter(Files::isRegularFile).map(alone::relativize).sorted().toList();
        }
        assertThat(files).hasSize(2 * (3 + 2 * slugs.size()));
        for (Path f : files) {
            assertThat(together.resolve(f)).as(f.toString()).hasSameBinaryContentAs(alone.resolve(f));
        }
        // the charts differ, so the comparison above could fail
        assertThat(Files.mismatch(alone.resolve("a/chart.png"), alone.resolve("b/chart.png"))).isNotEqualTo(-1L);
    }
}
