package uk.forcecompare.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import uk.forcecompare.charts.FunnelPlot.Position;
import uk.forcecompare.indicators.methods.ComparisonMethods;
import uk.forcecompare.indicators.methods.ForceInput;
import uk.forcecompare.indicators.methods.IndicatorKind;
import uk.forcecompare.indicators.methods.MethodResult;

/**
 * The funnel plot read back from its files. Expected limits are worked here from the fixture's counts with the
 * textbook formula p0 ± z·√(p0(1 − p0)/n), independently of the renderer; only the mapping from drawing units back to
 * data comes from the layout.
 */
class FunnelRendererTest {

    @TempDir
    static Path dir;
    static FunnelPlot small;
    /** p0 as a fraction: Σ numerators ÷ Σ denominators of the forces with a value, X (excluded) left out */
    static double p0;

    @BeforeAll
    static void render() {
        small = FunnelFixtures.small();
        FunnelRenderer.render(small, dir.resolve("small"));
        double num = 0;
        double den = 0;
        for (ForceInput f : FunnelFixtures.SMALL) {
            if (f.hasValue() && !FunnelFixtures.SMALL_EXCLUDED.contains(f.forceCode())) {
                num += f.numerator();
                den += f.denominator();
            }
        }
        p0 = num / den;
    }

    static double expected(double n, double z, double tau2, boolean upper) {
        double half = z * Math.sqrt(p0 * (1 - p0) / n + tau2);
        return (upper ? p0 + half : p0 - half) * 100;
    }

    static double tau2() {
        return small.tau2().orElse(0);
    }

    @Test
    void limitsAreTheEnglandAndWalesRatePlusOrMinusZStandardErrors() {
        assertThat(small.benchmark()).isCloseTo(p0 * 100, within(1e-12));
        assertThat(tau2()).isEqualTo(
                ComparisonMethods.overdispersion(FunnelFixtures.SMALL, FunnelFixtures.SMALL_EXCLUDED).tau2());
        assertThat(tau2()).isPositive();
        for (double n : new double[] {100, 1_000, 12_345, 60_000}) {
            assertThat(small.limits95(n).high()).isCloseTo(expected(n, 1.959964, 0, true), within(1e-9));
            assertThat(small.limits95(n).low()).isCloseTo(expected(n, 1.959964, 0, false), within(1e-9));
            assertThat(small.limits998(n).high()).isCloseTo(expected(n, 3.090232, 0, true), within(1e-9));
            assertThat(small.limits998(n).low()).isCloseTo(expected(n, 3.090232, 0, false), within(1e-9));
            assertThat(small.limits998Overdispersed(n).high()).isCloseTo(expected(n, 3.090232, tau2(), true), within(1e-9));
            assertThat(small.limits998Overdispersed(n).low()).isCloseTo(expected(n, 3.090232, tau2(), false), within(1e-9));
        }
        // the same limits as comparison-methods.csv at each force's own n
        for (MethodResult m : ComparisonMethods.compute(IndicatorKind.PROPORTION, 100, FunnelFixtures.SMALL,
                FunnelFixtures.SMALL_EXCLUDED)) {
            ForceInput f = FunnelFixtures.SMALL.stream().filter(x -> x.forceCode().equals(m.forceCode())).findFirst()
                    .orElseThrow();
            if (!f.hasValue()) {
                continue;
            }
            FunnelPlot.Limits l = switch (m.method()) {
                case ComparisonMethods.FUNNEL_95 -> small.limits95(f.denominator());
                case ComparisonMethods.FUNNEL_998 -> small.limits998(f.denominator());
                case ComparisonMethods.FUNNEL_998_OD -> small.limits998Overdispersed(f.denominator());
                default -> null;
            };
            if (l != null) {
                assertThat(l.low()).as(m.toString()).isCloseTo(m.low(), within(1e-9));
                assertThat(l.high()).as(m.toString()).isCloseTo(m.high(), within(1e-9));
            }
        }
    }

    @Test
    void knownOutliersAreFlagged() {
        Map<String, Position> positions = positions(small);
        assertThat(positions).containsEntry("HIGH", Position.ABOVE_998).containsEntry("LOW", Position.BELOW_998)
                .containsEntry("MID", Position.ABOVE_95).containsEntry("A", Position.INSIDE_95)
                .containsEntry("X", Position.ABOVE_998).doesNotContainKey("M");
        // and every force as the formula places it
        for (FunnelPlot.Point p : small.points()) {
            double n = p.denominator();
            Position expected = p.value() > expected(n, 3.090232, 0, true) ? Position.ABOVE_998
                    : p.value() < expected(n, 3.090232, 0, false) ? Position.BELOW_998
                    : p.value() > expected(n, 1.959964, 0, true) ? Position.ABOVE_95
                    : p.value() < expected(n, 1.959964, 0, false) ? Position.BELOW_95 : Position.INSIDE_95;
            assertThat(small.position(p)).as(p.forceCode()).isEqualTo(expected);
        }
    }

    @Test
    void svgLimitCurvesFollowTheFormulaFromTheSmallestToTheLargestDenominator() throws Exception {
        Document doc = ChartRendererTest.parse(dir.resolve("small/funnel.svg"));
        FunnelLayout layout = new FunnelLayout(small);
        Map<String, Integer> seen = new LinkedHashMap<>();
        NodeList paths = doc.getElementsByTagNameNS("*", "path");
        for (int i = 0; i < paths.getLength(); i++) {
            Element e = (Element) paths.item(i);
            String style = e.getAttribute("style");
            if (!FunnelPainter.LIMIT.equals(ChartRendererTest.colour(ChartRendererTest.STROKE, style))) {
                continue;
            }
            List<double[]> xy = coordinates(e.getAttribute("d"));
            if (xy.size() < 50) {
                continue;
            }
            String kind = !style.contains("stroke-dasharray") ? "99.8" : style.matches(".*stroke-dasharray:0\\.01.*")
                    ? "99.8 od" : "95";
            double z = kind.equals("95") ? 1.959964 : 3.090232;
            double tau2 = kind.equals("99.8 od") ? tau2() : 0;
            boolean upper = layout.value(xy.get(xy.size() - 1)[1]) > p0 * 100;
            seen.merge(kind + (upper ? " upper" : " lower"), 1, Integer::sum);
            for (double[] p : xy) {
                double n = layout.n(p[0]);
                assertThat(layout.value(p[1])).as(kind + " at n = " + n)
                        .isCloseTo(expected(n, z, tau2, upper), within(1e-6));
            }
            assertThat(layout.n(xy.get(0)[0])).isCloseTo(100, within(1e-6));
            assertThat(layout.n(xy.get(xy.size() - 1)[0])).isCloseTo(60_000, within(1e-6));
        }
        assertThat(seen).containsOnlyKeys("95 upper", "95 lower", "99.8 upper", "99.8 lower", "99.8 od upper",
                "99.8 od lower").allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(1));
    }

    @Test
    void svgPointsSitAtTheirDenominatorAndValueMarkedByShape() throws Exception {
        Document doc = ChartRendererTest.parse(dir.resolve("small/funnel.svg"));
        FunnelLayout layout = new FunnelLayout(small);
        List<double[]> triangles = new ArrayList<>(); // centre x, centre y, up (1) or down (0), filled (1)
        NodeList paths = doc.getElementsByTagNameNS("*", "path");
        for (int i = 0; i < paths.getLength(); i++) {
            Element e = (Element) paths.item(i);
            List<double[]> xy = coordinates(e.getAttribute("d"));
            String style = e.getAttribute("style");
            Color fill = ChartRendererTest.colour(ChartRendererTest.FILL, style);
            if (xy.size() != 3 || fill == null || xy.get(0)[1] < layout.plotTop) {
                continue; // legend keys lie above the plot
            }
            double minX = Math.min(xy.get(0)[0], Math.min(xy.get(1)[0], xy.get(2)[0]));
            double maxX = Math.max(xy.get(0)[0], Math.max(xy.get(1)[0], xy.get(2)[0]));
            double minY = Math.min(xy.get(0)[1], Math.min(xy.get(1)[1], xy.get(2)[1]));
            double maxY = Math.max(xy.get(0)[1], Math.max(xy.get(1)[1], xy.get(2)[1]));
            boolean up = xy.get(2)[1] < xy.get(0)[1];
            triangles.add(new double[] {(minX + maxX) / 2, (minY + maxY) / 2, up ? 1 : 0,
                    fill.equals(Color.WHITE) ? 0 : 1});
        }
        List<double[]> circles = new ArrayList<>();
        NodeList ellipses = doc.getElementsByTagNameNS("*", "ellipse");
        for (int i = 0; i < ellipses.getLength(); i++) {
            Element e = (Element) ellipses.item(i);
            if (ChartStyle.WITHIN.equals(ChartRendererTest.colour(ChartRendererTest.FILL, e.getAttribute("style")))
                    && Double.parseDouble(e.getAttribute("cy")) > layout.plotTop) { // not the legend key
                circles.add(new double[] {Double.parseDouble(e.getAttribute("cx")), Double.parseDouble(e.getAttribute("cy"))});
            }
        }
        Map<String, double[]> centres = new LinkedHashMap<>();
        for (FunnelPlot.Point p : small.points()) {
            double x = layout.x(p.denominator());
            double y = layout.y(p.value());
            Position position = small.position(p);
            double[] found = null;
            if (position == Position.INSIDE_95) {
                found = circles.stream().filter(c -> Math.abs(c[0] - x) < 0.01 && Math.abs(c[1] - y) < 0.01)
                        .findFirst().orElse(null);
            } else {
                boolean up = position == Position.ABOVE_998 || position == Position.ABOVE_95;
                boolean filled = position.outside998();
                found = triangles.stream().filter(t -> Math.abs(t[0] - x) < 0.01 && Math.abs(t[1] - y) < 0.01
                        && (t[2] == 1) == up && (t[3] == 1) == filled).findFirst().orElse(null);
            }
            assertThat(found).as(p.forceCode() + " " + position + " at " + x + ", " + y).isNotNull();
            centres.put(p.forceCode(), found);
        }
        assertThat(circles).hasSize(7);
        // a logarithmic axis: equal ratios of n are equal distances, whatever the layout says
        double ab = centres.get("B")[0] - centres.get("A")[0]; // 1,000 -> 2,000
        double dh = centres.get("HIGH")[0] - centres.get("LOW")[0]; // 10,000 -> 20,000
        double ag = centres.get("G")[0] - centres.get("A")[0]; // 1,000 -> 60,000
        assertThat(dh / ab).isCloseTo(1.0, within(1e-6));
        assertThat(ag / ab).isCloseTo(Math.log(60) / Math.log(2), within(1e-6));
        // values: linear, 100 × numerator ÷ denominator
        double perPoint = (centres.get("LOW")[1] - centres.get("HIGH")[1]) / (53.0 - 47.0);
        assertThat((centres.get("A")[1] - centres.get("MID")[1]) / perPoint).isCloseTo(2.0, within(1e-6));
    }

    @Test
    void aLinearAxisPlacesPointsInProportionToTheirDenominator(@TempDir Path linear) throws Exception {
        FunnelPlot plot = small.withLogScale(false);
        FunnelRenderer.render(plot, linear);
        FunnelLayout layout = new FunnelLayout(plot);
        assertThat(layout.log).isFalse();
        assertThat(layout.x(0)).isEqualTo(layout.plotLeft);
        double a = layout.x(1_000);
        assertThat((layout.x(60_000) - a) / (layout.x(20_000) - a)).isCloseTo(59.0 / 19.0, within(1e-9));
        assertThat(ChartRendererTest.texts(ChartRendererTest.parse(linear.resolve("funnel.svg"))))
                .contains("Number of 999 calls").doesNotContain("Number of 999 calls (logarithmic scale)");
    }

    @Test
    void outliersAreNamedAndTheTextAlternativeListsThem() throws Exception {
        Document doc = ChartRendererTest.parse(dir.resolve("small/funnel.svg"));
        List<String> texts = ChartRendererTest.texts(doc);
        assertThat(texts).contains("Highshire", "Lowshire", "City of London").doesNotContain("Midshire", "Force A");
        assertThat(texts).contains("Above the 99.8% limit", "Above the 95% limit only", "Within the 95% limits",
                "Below the 99.8% limit", "95% limits", "99.8% limits", "99.8% limits allowing for overdispersion");
        assertThat(String.join(" ", texts)).contains("England and Wales rate 50.2%").contains("No data for Missingshire.")
                .contains("Left out of the England and Wales rate and the limits by configuration, but plotted: City of London.");
        String alt = Files.readString(dir.resolve("small/funnel.txt"));
        assertThat(alt).startsWith(FunnelFixtures.TITLE)
                .contains("Above the 99.8% limit (filled dark blue upward triangles): 2 forces, Highshire 53.0% of 20,000")
                .contains("Above the 95% limit but not the 99.8% limit (hollow dark blue upward triangles): 1 force, Midshire 52.0% of 4,000.")
                .contains("Below the 99.8% limit (filled light blue downward triangles): 1 force, Lowshire 47.0% of 10,000.")
                .contains("Within the 95% limits (grey circles): 7 forces.")
                .doesNotContainIgnoringCase("significant");
        assertThat(doc.getElementsByTagNameNS("*", "title").item(0).getTextContent()).isEqualTo(FunnelFixtures.TITLE);
        assertThat(doc.getElementsByTagNameNS("*", "desc").item(0).getTextContent()).isEqualTo(alt);
    }

    @Test
    void writesPngSvgAndTextAtThreeHundredDpi() throws Exception {
        Path folder = dir.resolve("small");
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("funnel.png", "funnel.svg", "funnel.txt");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(folder.resolve("funnel.png").toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            reader.setInput(in);
            assertThat(reader.getWidth(0)).isEqualTo(1890);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            IIOMetadataNode phys = (IIOMetadataNode) root.getElementsByTagName("pHYs").item(0);
            assertThat(phys.getAttribute("unitSpecifier")).isEqualTo("meter");
            assertThat(Integer.parseInt(phys.getAttribute("pixelsPerUnitXAxis")) * 0.0254).isCloseTo(300, within(0.1));
            assertThat(Integer.parseInt(phys.getAttribute("pixelsPerUnitYAxis")) * 0.0254).isCloseTo(300, within(0.1));
            reader.dispose();
        }
        var image = ImageIO.read(folder.resolve("funnel.png").toFile());
        FunnelLayout layout = new FunnelLayout(small);
        // the filled triangle of HIGH is dark blue in the PNG too
        FunnelPlot.Point high = small.points().stream().filter(p -> p.forceCode().equals("HIGH")).findFirst().orElseThrow();
        int rgb = image.getRGB((int) Math.round(layout.x(high.denominator())), (int) Math.round(layout.y(high.value()) + 2));
        assertThat(rgb & 0xFFFFFF).isEqualTo(ChartStyle.ABOVE.getRGB() & 0xFFFFFF);
        Document doc = ChartRendererTest.parse(folder.resolve("funnel.svg"));
        assertThat(doc.getDocumentElement().getAttribute("width")).isEqualTo("453.6pt");
        assertThat(doc.getDocumentElement().getAttribute("role")).isEqualTo("img");
    }

    @Test
    void theFocusForceIsRingedAndLabelledAndAForceWithoutAValueIsSaidToHaveNone(@TempDir Path out) throws Exception {
        FunnelRenderer.render(small.focusedOn("MID"), out, "funnel-midshire");
        Document doc = ChartRendererTest.parse(out.resolve("funnel-midshire.svg"));
        assertThat(ChartRendererTest.texts(doc)).contains("Midshire 52.0%");
        FunnelLayout layout = new FunnelLayout(small.focusedOn("MID"));
        FunnelPlot.Point mid = small.points().stream().filter(p -> p.forceCode().equals("MID")).findFirst().orElseThrow();
        boolean ringed = false;
        NodeList ellipses = doc.getElementsByTagNameNS("*", "ellipse");
        for (int i = 0; i < ellipses.getLength(); i++) {
            Element e = (Element) ellipses.item(i);
            if (ChartStyle.FOCUS.equals(ChartRendererTest.colour(ChartRendererTest.STROKE, e.getAttribute("style")))
                    && Math.abs(Double.parseDouble(e.getAttribute("cx")) - layout.x(mid.denominator())) < 0.01
                    && Math.abs(Double.parseDouble(e.getAttribute("cy")) - layout.y(mid.value())) < 0.01) {
                ringed = true;
            }
        }
        assertThat(ringed).isTrue();
        assertThat(Files.readString(out.resolve("funnel-midshire.txt")))
                .contains("The point of Midshire is ringed and labelled: 52.0% of 4,000, above the 95% limit but within the 99.8% limits.");

        FunnelRenderer.render(small.focusedOn("M"), out, "funnel-missingshire");
        assertThat(ChartRendererTest.texts(ChartRendererTest.parse(out.resolve("funnel-missingshire.svg"))))
                .contains(Figure.NO_VALUE);
        assertThatThrownBy(() -> FunnelRenderer.render(small, out, "../x")).isInstanceOf(IllegalArgumentException.class);
    }

    /** 43 forces spread far more than chance allows: the names shown are capped, the text lists everyone. */
    @Test
    void anOverdispersedIndicatorNamesFewForcesAndListsThemAll(@TempDir Path out) throws IOException {
        FunnelPlot plot = FunnelFixtures.calls999Plot();
        assertThat(plot.logScale()).isTrue();
        assertThat(plot.hasOverdispersedLimits()).isTrue();
        FunnelLayout layout = new FunnelLayout(plot);
        long outside = plot.points().stream().filter(p -> plot.position(p).outside998()).count();
        assertThat(outside).isGreaterThan(FunnelLayout.MAX_LABELS);
        assertThat(layout.labels.size()).isLessThanOrEqualTo(FunnelLayout.MAX_LABELS);
        assertThat(layout.labelNote).contains("allowing for overdispersion");
        FunnelRenderer.render(plot, out);
        String alt = Files.readString(out.resolve("funnel.txt"));
        for (FunnelPlot.Point p : plot.points()) {
            if (plot.position(p).outside998()) {
                assertThat(alt).contains(p.forceName() + " " + plot.format(p.value()));
            }
        }
        // labels never overlap one another and stay inside the plot
        for (int i = 0; i < layout.labels.size(); i++) {
            assertThat(layout.plotBox().contains(layout.labels.get(i).box())).isTrue();
            for (int j = i + 1; j < layout.labels.size(); j++) {
                assertThat(layout.labels.get(i).box().intersects(layout.labels.get(j).box())).isFalse();
            }
        }
    }

    @Test
    void inputsThatAreNotAProportionAreRefused() {
        assertThatThrownBy(() -> FunnelPlot.of("t", "v", "n", 1, "%", 100, List.of(ForceInput.of("A", 11, 10, 100)),
                Set.of(), Map.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FunnelPlot.Point("A", "A", 0, 50, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noForceWithAValueStillDraws(@TempDir Path out) throws IOException {
        FunnelPlot empty = FunnelPlot.of("Funnel plot: nothing", "v", "n", 1, "%", 100,
                List.of(ForceInput.missing("A", null, 10.0)), Set.of(), Map.of("A", "Avon"), List.of());
        FunnelRenderer.render(empty, out);
        assertThat(Files.readString(out.resolve("funnel.txt"))).contains("no force has a value").contains("No data for Avon.");
    }

    @Test
    void limitsAreDrawnWhereEveryForceHasTheSameDenominator(@TempDir Path out) throws Exception {
        // one force, 31,023 of 165,473 101 calls abandoned: the limits are around its own rate, 18.748%, and the key
        // and the text name them, so they must be there to see
        FunnelPlot one = FunnelPlot.of("Funnel plot: one force", "v", "n", 1, "%", 100,
                List.of(ForceInput.of("N", 31_023, 165_473, 100), ForceInput.missing("K", null, null)), Set.of(),
                Map.of("N", "Norfolk", "K", "Kent"), List.of());
        FunnelRenderer.render(one, out);
        double p = 31_023.0 / 165_473;
        FunnelLayout layout = new FunnelLayout(one);
        assertThat(layout.curves).extracting(FunnelLayout.CurveLine::kind, FunnelLayout.CurveLine::upper)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(FunnelLayout.Curve.L95, true),
                        org.assertj.core.groups.Tuple.tuple(FunnelLayout.Curve.L95, false),
                        org.assertj.core.groups.Tuple.tuple(FunnelLayout.Curve.L998, true),
                        org.assertj.core.groups.Tuple.tuple(FunnelLayout.Curve.L998, false));
        for (FunnelLayout.CurveLine c : layout.curves) {
            double z = c.kind() == FunnelLayout.Curve.L95 ? 1.959964 : 3.090232;
            // the curve runs past the force's n on both sides, and follows p0 ± z·√(p0(1 − p0)/n) along its way
            assertThat(c.ns()[0]).isLessThan(165_473);
            assertThat(c.ns()[c.ns().length - 1]).isGreaterThan(165_473);
            for (int i = 0; i < c.ns().length; i++) {
                double half = z * Math.sqrt(p * (1 - p) / c.ns()[i]);
                double expected = Math.min(layout.yMax, Math.max(layout.yMin, (c.upper() ? p + half : p - half) * 100));
                assertThat(c.values()[i]).isCloseTo(expected, within(1e-9));
            }
        }
        Document doc = ChartRendererTest.parse(out.resolve("funnel.svg"));
        int limitPaths = 0;
        NodeList paths = doc.getElementsByTagNameNS("*", "path");
        for (int i = 0; i < paths.getLength(); i++) {
            Element e = (Element) paths.item(i);
            if (FunnelPainter.LIMIT.equals(ChartRendererTest.colour(ChartRendererTest.STROKE, e.getAttribute("style")))
                    && coordinates(e.getAttribute("d")).size() >= 50) {
                limitPaths++;
            }
        }
        assertThat(limitPaths).isEqualTo(4);
        assertThat(Files.readString(out.resolve("funnel.svg"))).doesNotContain("NaN");
    }

    static Map<String, Position> positions(FunnelPlot plot) {
        Map<String, Position> m = new LinkedHashMap<>();
        plot.points().forEach(p -> m.put(p.forceCode(), plot.position(p)));
        return m;
    }

    static List<double[]> coordinates(String d) {
        List<Double> n = new ArrayList<>();
        Matcher m = ChartRendererTest.NUM.matcher(d);
        while (m.find()) {
            n.add(Double.parseDouble(m.group()));
        }
        List<double[]> out = new ArrayList<>();
        for (int k = 0; k + 1 < n.size(); k += 2) {
            out.add(new double[] {n.get(k), n.get(k + 1)});
        }
        return out;
    }

    /** Funnel plot inputs built by hand: a small controlled set, and the 43 forces of {@link TestCharts}. */
    static final class FunnelFixtures {

        private FunnelFixtures() {
        }

        static final String TITLE = "Funnel plot: proportion of 999 calls answered within 10 seconds by forces in England "
                + "and Wales in the year ending 31 December 2023";

        /**
         * Ten forces around 50%: HIGH (53% of 20,000: about 8 standard errors up) and LOW (47% of 10,000: 6 down) lie
         * far outside any limit, MID (52% of 4,000: 2.5 up) between the 95% and 99.8% limits, the rest at or near 50%.
         * X is excluded (left out of p0); M has no value.
         */
        static final List<ForceInput> SMALL = List.of(
                ForceInput.of("A", 500, 1_000, 100),
                ForceInput.of("B", 1_010, 2_000, 100),
                ForceInput.of("MID", 2_080, 4_000, 100),
                ForceInput.of("C", 3_990, 8_000, 100),
                ForceInput.of("LOW", 4_700, 10_000, 100),
                ForceInput.of("D", 7_480, 15_000, 100),
                ForceInput.of("HIGH", 10_600, 20_000, 100),
                ForceInput.of("E", 15_020, 30_000, 100),
                ForceInput.of("F", 24_950, 50_000, 100),
                ForceInput.of("G", 30_000, 60_000, 100),
                ForceInput.of("X", 90, 100, 100),
                ForceInput.missing("M", null, 5_000.0));
        static final Set<String> SMALL_EXCLUDED = Set.of("X");

        static Map<String, String> smallNames() {
            Map<String, String> m = new LinkedHashMap<>();
            for (ForceInput f : SMALL) {
                m.put(f.forceCode(), switch (f.forceCode()) {
                    case "HIGH" -> "Highshire";
                    case "LOW" -> "Lowshire";
                    case "MID" -> "Midshire";
                    case "X" -> "City of London";
                    case "M" -> "Missingshire";
                    default -> "Force " + f.forceCode();
                });
            }
            return m;
        }

        static FunnelPlot small() {
            return FunnelPlot.of(TITLE, "Percentage of 999 calls answered within 10 seconds", "Number of 999 calls", 1, "%",
                    100, SMALL, SMALL_EXCLUDED, smallNames(), List.of("Source: 999 call answering times from BT"));
        }

        /** The 43 forces of {@link TestCharts} with made-up call counts: far more spread than chance allows. */
        static List<ForceInput> calls999() {
            List<ForceInput> out = new ArrayList<>();
            int i = 0;
            for (TestCharts.Row r : TestCharts.rows()) {
                i++;
                double n = 40_000 + (i * 7919 % 43) * 28_000;
                if (r.code().equals("E23000001")) {
                    n = 1_650_000; // the Metropolitan Police
                }
                out.add(ForceInput.of(r.code(), Math.round(r.value() / 100 * n), n, 100));
            }
            return out;
        }

        static Map<String, String> names43() {
            Map<String, String> m = new LinkedHashMap<>();
            TestCharts.rows().forEach(r -> m.put(r.code(), r.name()));
            return m;
        }

        static FunnelPlot calls999Plot() {
            return FunnelPlot.of(TITLE, "Percentage of 999 calls answered within 10 seconds", "Number of 999 calls", 1, "%",
                    100, calls999(), Set.of(), names43(), List.of("Source: 999 call answering times from BT"));
        }
    }
}
