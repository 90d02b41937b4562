package uk.forcecompare.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import uk.forcecompare.indicators.Band;

class FigureLayoutTest {

    private final ComparisonChart chart = TestCharts.calls999();
    private final FigureLayout layout = new FigureLayout(chart);

    @Test
    void barsRunFromHighestToLowest() {
        List<Double> values = layout.bars.stream().map(ComparisonChart.Bar::value).toList();
        assertThat(values).hasSize(43).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(layout.bars.get(0).forceName()).isEqualTo("Durham");
        assertThat(layout.bars.get(42).forceName()).isEqualTo("Devon and Cornwall");
        // Norfolk 87.1%: only Durham, City of London, Cumbria, Northamptonshire, Cheshire, Dyfed-Powys, Merseyside
        // and Lincolnshire (87.9) are higher
        assertThat(layout.indexOf(TestCharts.NORFOLK)).isEqualTo(8);
    }

    @Test
    void tiesAreBrokenByForceName() {
        List<ComparisonChart.Bar> bars = List.of(
                new ComparisonChart.Bar("E3", "Suffolk", 50, Band.WITHIN),
                new ComparisonChart.Bar("E1", "Essex", 50, Band.WITHIN),
                new ComparisonChart.Bar("E2", "Kent", 60, Band.WITHIN),
                new ComparisonChart.Bar("E4", "Dorset", 50, Band.WITHIN));
        ComparisonChart c = new ComparisonChart("t", "v", 0, "", bars, 52.5, 5, 47.5, 57.5,
                java.util.OptionalDouble.empty(), "", List.of(), java.util.Optional.empty());
        assertThat(new FigureLayout(c).bars).extracting(ComparisonChart.Bar::forceName)
                .containsExactly("Kent", "Dorset", "Essex", "Suffolk");
    }

    @Test
    void aMarkedForceThatShowsTheSameAsTheEdgeItCrossedIsLabelledToThePlacesThatPartThem() {
        // edges 0.678 and 1.939 (the sample's civil-order ratio); Cleveland 1.941 above, Essex 0.656 below
        List<ComparisonChart.Bar> bars = List.of(
                new ComparisonChart.Bar("E1", "Cleveland", 1.9412, Band.ABOVE),
                new ComparisonChart.Bar("E2", "Norfolk", 2.864, Band.ABOVE),
                new ComparisonChart.Bar("E3", "Kent", 1.2, Band.WITHIN),
                new ComparisonChart.Bar("E4", "Essex", 0.6563, Band.BELOW));
        ComparisonChart c = new ComparisonChart("t", "v", 1, "%", bars, 1.3083, 0.6306, 0.6777, 1.9390,
                java.util.OptionalDouble.empty(), "", List.of(), java.util.Optional.empty());
        FigureLayout l = new FigureLayout(c);
        assertThat(l.formatMarked(bars.get(0))).isEqualTo("1.941%");
        assertThat(l.formatMarked(bars.get(1))).isEqualTo("2.9%");
        assertThat(l.formatMarked(bars.get(2))).isEqualTo("1.2%");
        assertThat(l.formatMarked(bars.get(3))).isEqualTo("0.66%");
    }

    @Test
    void aChartWithoutValuesHasNoBandInItsKey() {
        List<ComparisonChart.Bar> none = List.of(new ComparisonChart.Bar("E1", "Kent", Double.NaN, Band.MISSING),
                new ComparisonChart.Bar("E2", "Essex", Double.NaN, Band.MISSING));
        ComparisonChart empty = new ComparisonChart("t", "v", 1, "%", none, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                java.util.OptionalDouble.of(90), "Target", List.of(), java.util.Optional.empty());
        assertThat(new FigureLayout(empty).legend).extracting(FigureLayout.LegendItem::kind).containsExactly(FigureLayout.LegendKind.TARGET);
        assertThat(layout.legend).hasSizeGreaterThanOrEqualTo(5);
        assertThat(AltText.national(new FigureLayout(empty))).contains("Forces without data: Kent, Essex. They have no bar.\n")
                .doesNotContain("mean");

        // one force: its value is the mean, with no standard deviation and so no band
        List<ComparisonChart.Bar> one = List.of(new ComparisonChart.Bar("E1", "Kent", 12.5, Band.WITHIN),
                new ComparisonChart.Bar("E2", "Essex", Double.NaN, Band.MISSING));
        ComparisonChart single = new ComparisonChart("t", "v", 1, "%", one, 12.5, Double.NaN, Double.NaN, Double.NaN,
                java.util.OptionalDouble.empty(), "", List.of(), java.util.Optional.empty());
        assertThat(new FigureLayout(single).legend).extracting(FigureLayout.LegendItem::kind)
                .containsExactly(FigureLayout.LegendKind.WITHIN, FigureLayout.LegendKind.MEAN);
        assertThat(AltText.national(new FigureLayout(single))).contains("The unweighted mean of the 1 force is 12.5% (a grey "
                + "dashed line). With fewer than two forces there is no standard deviation, so no band.").doesNotContain("Red dotted");
    }

    @Test
    void oneSeriesPerBandWithZerosElsewhere() {
        double[] above = layout.seriesValues(Band.ABOVE);
        double[] within = layout.seriesValues(Band.WITHIN);
        double[] below = layout.seriesValues(Band.BELOW);
        for (int i = 0; i < 43; i++) {
            ComparisonChart.Bar b = layout.bars.get(i);
            assertThat(above[i] + within[i] + below[i]).isEqualTo(b.value());
            assertThat(b.band() == Band.ABOVE ? above[i] : b.band() == Band.BELOW ? below[i] : within[i])
                    .isEqualTo(b.value());
        }
        assertThat(layout.bandsPresent()).containsExactly(Band.ABOVE, Band.WITHIN, Band.BELOW);
    }

    @Test
    void referenceLinesSitAtMeanPlusAndMinusOneSdAndTheTarget() {
        // worked out by hand from the fixture: mean 80.0, sample SD 8.3934
        assertThat(chart.mean()).isCloseTo(80.0, within(1e-9));
        assertThat(chart.sd()).isCloseTo(8.39342, within(1e-5));
        assertThat(layout.lines).extracting(FigureLayout.ReferenceLine::kind, FigureLayout.ReferenceLine::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(FigureLayout.Line.UPPER, chart.mean() + chart.sd()),
                        org.assertj.core.groups.Tuple.tuple(FigureLayout.Line.MEAN, 80.0),
                        org.assertj.core.groups.Tuple.tuple(FigureLayout.Line.LOWER, chart.mean() - chart.sd()),
                        org.assertj.core.groups.Tuple.tuple(FigureLayout.Line.TARGET, 90.0));
        assertThat(layout.lines).extracting(FigureLayout.ReferenceLine::label)
                .containsExactly("+1 SD 88.4%", "Mean 80.0%", "\u22121 SD 71.6%", "Target 90%");
        assertThat(layout.lines.get(0).colour()).isEqualTo(ChartStyle.SD_LINE);
        assertThat(layout.lines.get(0).stroke().getDashArray()).isNotNull();
        assertThat(layout.lines.get(3).stroke().getDashArray()).isNull();
        assertThat(layout.yMin).isZero();
        assertThat(layout.yMax).isEqualTo(100.0);
    }

    @Test
    void aLongTargetNameIsInTheLegendAndDoesNotNarrowTheBars() {
        String name = "National standard: 90% within 10 seconds";
        FigureLayout named = new FigureLayout(new ComparisonChart(chart.title(), chart.valueAxisLabel(), 1, "%",
                chart.bars(), chart.mean(), chart.sd(), chart.lower(), chart.upper(), chart.target(), name,
                chart.notes(), chart.focusForceCode()));
        assertThat(named.legend).extracting(FigureLayout.LegendItem::text).contains(name);
        assertThat(named.lines.get(3).label()).isEqualTo("Target 90%");
        // beside the line the long name took 200 px of 1,890 from the bars, and 43 names overlapped
        assertThat(named.chartWidth).isEqualTo(layout.chartWidth);
    }

    @Test
    void titleLegendAndNotesAreLaidOut() {
        assertThat(String.join(" ", layout.titleLines.stream().map(FigureLayout.TextLine::text).toList()))
                .isEqualTo(TestCharts.TITLE);
        assertThat(layout.legend).extracting(FigureLayout.LegendItem::text)
                .contains("Above the band", "Within the band", "Below the band", "Target 90%");
        String notes = String.join(" ", layout.noteLines.stream().map(FigureLayout.TextLine::text).toList());
        assertThat(notes).contains("Source: 999 call answering times from BT")
                .contains("Dotted lines show one standard deviation above and below the unweighted mean of 43 forces.");
        // notes lie under the chart, title above it
        assertThat(layout.noteLines.get(0).baseline()).isGreaterThan(layout.chartY + layout.chartHeight);
        assertThat(layout.titleLines.get(layout.titleLines.size() - 1).baseline()).isLessThan(layout.chartY);
        assertThat(layout.height).isGreaterThan(layout.noteLines.get(layout.noteLines.size() - 1).baseline());
        // every line of text fits the 16 cm width
        for (FigureLayout.TextLine t : layout.noteLines) {
            assertThat(t.x() + FigureLayout.textWidth(t.text(), t.font())).isLessThanOrEqualTo(layout.width);
        }
    }

    @Test
    void forcesWithoutDataAreNotBarsButStayInTheNotes() {
        FigureLayout l = new FigureLayout(TestCharts.calls999(Set.of("E23000019")));
        assertThat(l.bars).hasSize(42).noneMatch(b -> b.forceName().equals("Nottinghamshire"));
        assertThat(l.noteLines).extracting(FigureLayout.TextLine::text).anyMatch(s -> s.contains("Nottinghamshire"));
    }

    @Test
    void altTextSaysWhatTheChartShows() {
        String alt = AltText.national(layout);
        assertThat(alt).startsWith(TestCharts.TITLE)
                .contains("43 police forces", "mean of the 43 forces is 80.0%", "88.4%", "71.6%",
                        "Target 90%", "4 of 43 forces are at or above it")
                .contains("7 forces, Durham 94.1%, City of London 92.4%")
                .contains("Within the band (grey bars): 29 forces")
                .contains("Devon and Cornwall 58.9%")
                .contains("Source: 999 call answering times from BT");
        assertThat(alt.toLowerCase()).doesNotContain("significant");
        String missing = AltText.national(new FigureLayout(TestCharts.calls999(Set.of("E23000019"))));
        assertThat(missing).contains("No data: Nottinghamshire");
        ComparisonChart withMissingBar = new ComparisonChart(chart.title(), chart.valueAxisLabel(), 1, "%",
                java.util.stream.Stream.concat(chart.bars().stream(),
                        java.util.stream.Stream.of(new ComparisonChart.Bar("X", "Gwent", Double.NaN, Band.MISSING)))
                        .toList(),
                chart.mean(), chart.sd(), chart.lower(), chart.upper(), chart.target(), chart.targetLabel(),
                chart.notes(), chart.focusForceCode());
        assertThat(AltText.national(new FigureLayout(withMissingBar))).contains("Forces without data: Gwent");
    }

    @Test
    void altTextNeverShowsTheMeanAsItsEdgeNorABarAsTheEdgeItCrossed() {
        // whole percentages: a mean of 98.71 and a +1 SD edge of 99.32 both show as 99%, and so does Durham's 99.41
        List<ComparisonChart.Bar> bars = List.of(new ComparisonChart.Bar("E1", "Lancashire", 99.69, Band.ABOVE),
                new ComparisonChart.Bar("E2", "Durham", 99.41, Band.ABOVE),
                new ComparisonChart.Bar("E3", "Kent", 98.8, Band.WITHIN),
                new ComparisonChart.Bar("E4", "Norfolk", 97.4, Band.BELOW));
        ComparisonChart whole = new ComparisonChart("t", "v", 0, "%", bars, 98.71, 0.61, 98.10, 99.32,
                java.util.OptionalDouble.empty(), "", List.of(), java.util.Optional.empty());
        assertThat(AltText.national(new FigureLayout(whole)))
                .contains("The unweighted mean of the 4 forces is 98.7% (a grey dashed line). Red dotted lines mark one "
                        + "standard deviation (0.6 percentage points) above and below the mean, at 99.3% and 98.1%.\n")
                .contains("(dark blue bars marked with an upward triangle): 2 forces, Lancashire 100%, Durham 99.4%.\n")
                .contains("(light blue bars marked with a downward triangle): 1 force, Norfolk 97%.\n");

        // a standard deviation that shows as 1 is one percentage point
        ComparisonChart wide = new ComparisonChart("t", "v", 0, "%", bars, 50.0, 1.04, 48.96, 51.04,
                java.util.OptionalDouble.empty(), "", List.of(), java.util.Optional.empty());
        assertThat(AltText.national(new FigureLayout(wide))).contains("The unweighted mean of the 4 forces is 50% (a grey "
                + "dashed line). Red dotted lines mark one standard deviation (1 percentage point) above and below the mean, "
                + "at 51% and 49%.\n");
    }

    @Test
    void altTextGivesTheHighestAndLowestTheDecimalsThatTellThemFromTheMean() {
        // at one decimal every figure here is 0.0: Suffolk 0.0249 above an upper edge of 0.011, City of London 0.0001
        // below a lower edge of 0.001, a mean of 0.006. City of London needs three places to leave its edge (0.000
        // against 0.001), and both ends are given to those three
        List<ComparisonChart.Bar> bars = List.of(new ComparisonChart.Bar("E1", "Suffolk", 0.0249, Band.ABOVE),
                new ComparisonChart.Bar("E2", "Kent", 0.006, Band.WITHIN),
                new ComparisonChart.Bar("E3", "Norfolk", 0.004, Band.WITHIN),
                new ComparisonChart.Bar("E4", "City of London", 0.0001, Band.BELOW));
        ComparisonChart tiny = new ComparisonChart("t", "Orders per 1,000 population", 1, "", bars, 0.006, 0.005, 0.001,
                0.011, java.util.OptionalDouble.empty(), "", List.of(), java.util.Optional.empty());
        assertThat(AltText.national(new FigureLayout(tiny))).contains(". Highest: Suffolk 0.025. Lowest: City of London 0.000.\n");
    }

    @Test
    void theLinesLabelsNeverShowTheMeanAsAnEdgeOrTheTarget() {
        // whole percentages: a mean of 98.71 beside a +1 SD edge of 99.32 and a target of 99 would all read "99%"
        List<ComparisonChart.Bar> bars = List.of(new ComparisonChart.Bar("E1", "Lancashire", 99.69, Band.ABOVE),
                new ComparisonChart.Bar("E3", "Kent", 98.8, Band.WITHIN),
                new ComparisonChart.Bar("E4", "Norfolk", 97.4, Band.BELOW));
        ComparisonChart targeted = new ComparisonChart("t", "v", 0, "%", bars, 98.71, 0.61, 98.10, 99.32,
                java.util.OptionalDouble.of(99), "", List.of(), java.util.Optional.empty());
        assertThat(new FigureLayout(targeted).lines).extracting(FigureLayout.ReferenceLine::label)
                .containsExactly("+1 SD 99.3%", "Mean 98.7%", "\u22121 SD 98.1%", "Target 99%");
        // far apart, whole numbers tell them apart: no decimals added
        ComparisonChart apart = new ComparisonChart("t", "v", 0, "%", bars, 80.2, 6.1, 74.1, 86.3,
                java.util.OptionalDouble.of(90), "", List.of(), java.util.Optional.empty());
        assertThat(new FigureLayout(apart).lines).extracting(FigureLayout.ReferenceLine::label)
                .containsExactly("+1 SD 86%", "Mean 80%", "\u22121 SD 74%", "Target 90%");
    }

    @Test
    void altTextCountsTheForcesInTheMeanNotTheBars() {
        // City of London left out of the mean by configuration: still a bar, not one of the forces averaged
        ComparisonChart leftOut = new ComparisonChart(chart.title(), chart.valueAxisLabel(), 1, "%", chart.bars(),
                chart.mean(), chart.sd(), chart.lower(), chart.upper(), chart.target(), chart.targetLabel(), chart.notes(),
                chart.focusForceCode(), 42);
        assertThat(AltText.national(new FigureLayout(leftOut))).contains("Bar chart of 43 police forces")
                .contains("The unweighted mean of the 42 forces is 80.0%");
        assertThat(AltText.national(layout)).contains("The unweighted mean of the 43 forces is 80.0%");
    }

    @Test
    void ownWordingNeverSaysSignificantly() {
        StringBuilder all = new StringBuilder(AltText.national(layout));
        layout.legend.forEach(i -> all.append(i.text()));
        layout.lines.forEach(l -> all.append(l.label()));
        for (int i = 0; i < layout.bars.size(); i++) {
            all.append(AltText.focus(layout, i));
        }
        assertThat(all.toString().toLowerCase()).doesNotContain("significant");
    }

    @Test
    void barsOfExactlyTheSameValueShareTheirRankInTheFocusText() {
        // 43 forces: three at exactly 30 percent, then 38 at 20, two at 10
        java.util.List<ComparisonChart.Bar> bars = new java.util.ArrayList<>();
        int i = 0;
        for (TestCharts.Row r : TestCharts.rows()) {
            double v = i < 3 ? 30.0 : i < 41 ? 20.0 : 10.0;
            bars.add(new ComparisonChart.Bar(r.code(), r.name(), v, uk.forcecompare.indicators.Band.WITHIN));
            i++;
        }
        ComparisonChart chart = new ComparisonChart("Share", "Percentage", 1, "%", bars, 20.0, 5.0, 15.0, 25.0,
                java.util.OptionalDouble.empty(), "", java.util.List.of("Source: test"), java.util.Optional.empty());
        FigureLayout tied = new FigureLayout(chart);
        assertThat(AltText.focus(tied, 1)).contains("joint highest of 43 forces, with 2 others");
        assertThat(AltText.focus(tied, 3)).contains("joint 4th highest of 43 forces, with 37 others");
        assertThat(AltText.focus(tied, 42)).contains("joint lowest of 43 forces, with 1 other");
        assertThat(AltText.national(tied)).contains(". Highest: " + tied.bars.get(0).forceName() + " and 2 other forces "
                + "(joint) 30.0%. Lowest: " + tied.bars.get(42).forceName() + " and 1 other force (joint) 10.0%.");
    }
}
