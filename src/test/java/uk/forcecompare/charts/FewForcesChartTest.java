package uk.forcecompare.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import uk.forcecompare.indicators.Band;

/**
 * Charts of one force, of forces that all have the same value and of two: every figure is written, with the bars and
 * lines such a chart can have, and nothing drawn at a place that is not a number.
 */
class FewForcesChartTest {

    @TempDir
    Path dir;

    static final double NONE = Double.NaN;

    /** bars of Kent, Essex and Surrey in that order; NaN is a force without a value */
    static ComparisonChart chart(double kent, double essex, double surrey, double mean, double sd) {
        List<ComparisonChart.Bar> bars = new ArrayList<>();
        String[][] forces = {{"E23000032", "Kent"}, {"E23000028", "Essex"}, {"E23000036", "Surrey"}};
        double[] values = {kent, essex, surrey};
        for (int i = 0; i < 3; i++) {
            bars.add(new ComparisonChart.Bar(forces[i][0], forces[i][1], values[i],
                    Double.isNaN(values[i]) ? Band.MISSING : Band.WITHIN));
        }
        return new ComparisonChart("Ratio of civil orders", "Ratio", 1, "%", bars, mean, sd, mean - sd, mean + sd,
                OptionalDouble.empty(), "", List.of("Source: returns"), Optional.empty());
    }

    static Map<String, String> slugs() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("E23000032", "kent");
        m.put("E23000028", "essex");
        m.put("E23000036", "surrey");
        return m;
    }

    /** y of every long horizontal line of that colour outside the XChart plot: the reference lines */
    static List<Double> lines(Document doc, Color colour) {
        List<Double> out = new ArrayList<>();
        NodeList lines = doc.getElementsByTagNameNS("*", "line");
        for (int i = 0; i < lines.getLength(); i++) {
            Element l = (Element) lines.item(i);
            if (ChartRendererTest.insideTranslatedGroup(l)
                    || !colour.equals(ChartRendererTest.colour(ChartRendererTest.STROKE, l.getAttribute("style")))) {
                continue;
            }
            if (Double.parseDouble(l.getAttribute("x2")) - Double.parseDouble(l.getAttribute("x1")) > 1000) {
                out.add(Double.parseDouble(l.getAttribute("y1")));
            }
        }
        return out;
    }

    void assertEveryFigureWritten() throws Exception {
        assertThat(dir.resolve("chart.png")).isNotEmptyFile();
        assertThat(dir.resolve("chart.txt")).isNotEmptyFile();
        for (String stem : List.of("chart", "kent", "essex", "surrey")) {
            assertThat(dir.resolve(stem + ".png")).isNotEmptyFile();
            assertThat(Files.readString(dir.resolve(stem + ".svg"))).as(stem).doesNotContain("NaN").doesNotContain("Infinity");
        }
    }

    @Test
    void oneForceWithAValueIsOneBarAtItsMeanWithoutABand() throws Exception {
        new ChartRenderer(1).renderAll(chart(12.5, NONE, NONE, 12.5, NONE), slugs(), dir);
        assertEveryFigureWritten();
        Document national = ChartRendererTest.parse(dir.resolve("chart.svg"));
        List<ChartRendererTest.SvgBar> bars = ChartRendererTest.bars(national);
        assertThat(bars).singleElement().satisfies(b -> assertThat(b.fill()).isEqualTo(ChartStyle.WITHIN));
        // its value is the mean: the dashed line runs along the bar's top; no band, so no red lines
        assertThat(lines(national, ChartStyle.MEAN_LINE)).singleElement()
                .satisfies(y -> assertThat(y).isCloseTo(bars.get(0).top(), within(1.0)));
        assertThat(lines(national, ChartStyle.SD_LINE)).isEmpty();
        assertThat(ChartRendererTest.texts(national)).contains("Mean 12.5%").noneMatch(t -> t.contains("SD"));
        assertThat(ChartRendererTest.texts(ChartRendererTest.parse(dir.resolve("kent.svg")))).contains("Kent 12.5%");
        assertThat(ChartRendererTest.texts(ChartRendererTest.parse(dir.resolve("essex.svg"))))
                .contains("Essex has no value for this indicator: see the notes");
        // the key and the text alternative speak of no band they cannot have
        assertThat(ChartRendererTest.texts(national)).contains("Force's value (no band)").doesNotContain("Within the band");
        assertThat(Files.readString(dir.resolve("chart.txt"))).contains("The one bar: Kent 12.5%.")
                .contains("The unweighted mean of the 1 force is 12.5%").contains("With no band, every bar is grey.")
                .doesNotContain("Within the band (grey bars)");
    }

    @Test
    void oneForceLeftOutOfTheMeanByConfigurationHasItsBarAndNoMean() throws Exception {
        ComparisonChart c = chart(12.5, NONE, NONE, NONE, NONE);
        ComparisonChart excluded = new ComparisonChart(c.title(), c.valueAxisLabel(), c.decimals(), c.unitSuffix(), c.bars(),
                NONE, NONE, NONE, NONE, OptionalDouble.empty(), "", c.notes(), Optional.empty(), 0);
        new ChartRenderer(1).renderAll(excluded, slugs(), dir);
        assertEveryFigureWritten();
        Document national = ChartRendererTest.parse(dir.resolve("chart.svg"));
        assertThat(ChartRendererTest.bars(national)).hasSize(1);
        assertThat(lines(national, ChartStyle.MEAN_LINE)).isEmpty();
        assertThat(ChartRendererTest.texts(national)).doesNotContain("Unweighted mean of forces");
        assertThat(Files.readString(dir.resolve("chart.txt")))
                .contains("No force counts towards the mean: every force with a value is left out of it by configuration, "
                        + "so there is no mean and no band.")
                .doesNotContain("NaN");
    }

    @Test
    void oneForceWithValueZeroStillGetsItsFigures() throws Exception {
        new ChartRenderer(1).renderAll(chart(NONE, 0, NONE, 0, NONE), slugs(), dir);
        assertEveryFigureWritten();
        assertThat(ChartRendererTest.texts(ChartRendererTest.parse(dir.resolve("essex.svg")))).contains("Essex 0.0%");
        assertThat(lines(ChartRendererTest.parse(dir.resolve("chart.svg")), ChartStyle.SD_LINE)).isEmpty();
    }

    @Test
    void forcesThatAllHaveTheSameValueHaveTheBandsEdgesOnTheirMean() throws Exception {
        // standard deviation 0: the band is the mean itself, and every force is within it
        new ChartRenderer(1).renderAll(chart(4, 4, 4, 4, 0), slugs(), dir);
        assertEveryFigureWritten();
        Document national = ChartRendererTest.parse(dir.resolve("chart.svg"));
        List<ChartRendererTest.SvgBar> bars = ChartRendererTest.bars(national);
        assertThat(bars).hasSize(3).allSatisfy(b -> {
            assertThat(b.fill()).isEqualTo(ChartStyle.WITHIN);
            assertThat(b.top()).isCloseTo(bars.get(0).top(), within(0.01));
        });
        assertThat(lines(national, ChartStyle.SD_LINE)).hasSize(2)
                .allSatisfy(y -> assertThat(y).isCloseTo(bars.get(0).top(), within(1.0)));
    }

    @Test
    void twoForcesAreTwoBars() throws Exception {
        // 6 and 2: mean 4, sample SD √8 = 2.83
        new ChartRenderer(1).renderAll(chart(6, NONE, 2, 4, Math.sqrt(8)), slugs(), dir);
        assertEveryFigureWritten();
        List<ChartRendererTest.SvgBar> bars = ChartRendererTest.bars(ChartRendererTest.parse(dir.resolve("chart.svg")));
        assertThat(bars).hasSize(2);
        double perUnit = (bars.get(0).bottom() - bars.get(0).top()) / 6;
        assertThat((bars.get(1).bottom() - bars.get(1).top()) / perUnit).isCloseTo(2, within(0.01));
    }
}
