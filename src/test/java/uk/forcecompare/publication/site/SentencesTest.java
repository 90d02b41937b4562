package uk.forcecompare.publication.site;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.forcecompare.publication.site.SiteFixture.NORFOLK;
import static uk.forcecompare.publication.site.SiteFixture.def;
import static uk.forcecompare.publication.site.SiteFixture.force;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import uk.forcecompare.collection.Period;
import uk.forcecompare.indicators.Band;
import uk.forcecompare.indicators.Comparison;
import uk.forcecompare.indicators.ForceValue;
import uk.forcecompare.indicators.IndicatorResult;

class SentencesTest {

    private static final Comparison ASB_BAND = new Comparison(1.3, 0.7, 0.6, 2.0, 43, 1.25, "sample (n-1)", List.of());

    private static IndicatorResult one(String id, String period, BigDecimal n, BigDecimal d, Comparison c) {
        return SiteFixture.withComparison(def(id), Period.parse(period), Map.of(NORFOLK, new BigDecimal[] {n, d}), Map.of(), c);
    }

    private static String norfolk(IndicatorResult r) {
        ForceValue v = r.forces().stream().filter(x -> x.forceCode().equals(NORFOLK)).findFirst().orElseThrow();
        return Sentences.of(r, v, force(NORFOLK));
    }

    @Test
    void norfolkCivilOrdersWordForWord() {
        IndicatorResult r = one("asb-civil-order-ratio", "FY2022/23", BigDecimal.valueOf(285), BigDecimal.valueOf(9950), ASB_BAND);
        // the report: "... giving a ratio of 2.9 percent. This is higher than the average of 1.3 percent for forces in
        // England and Wales."
        assertThat(norfolk(r)).isEqualTo("In the year ending 31 March 2023, Norfolk Constabulary issued 285 civil orders in "
                + "9,950 antisocial behaviour incidents, a ratio of 2.9 percent. This is more than one standard deviation "
                + "higher than the average of 1.3 percent for forces in England and Wales.");
    }

    @Test
    void answeredWithin10SecondsWithinTheBand() {
        Comparison c = new Comparison(71.04, 10.0, 61.04, 81.04, 43, 70.0, "sample (n-1)", List.of());
        Comparison wide = new Comparison(80.0, 10.0, 70.0, 90.0, 43, 79.0, "sample (n-1)", List.of());
        IndicatorResult r = one("calls-999-answered-within-10s", "2023-01..2023-12", BigDecimal.valueOf(871), BigDecimal.valueOf(1000), wide);
        // the report: "... slightly below the expected standard of 90 percent within 10 seconds, but still higher than
        // the percentage of 999 calls answered within 10 seconds in most other forces"
        assertThat(norfolk(r)).isEqualTo("In the year ending 31 December 2023, Norfolk Constabulary answered 87.1 percent of "
                + "999 calls within 10 seconds. This is within the normal range for forces in England and Wales: higher than "
                + "their average of 80.0 percent by less than one standard deviation. It is below the target of 90 percent.");
        IndicatorResult above = one("calls-999-answered-within-10s", "2023-01..2023-12", BigDecimal.valueOf(871), BigDecimal.valueOf(1000), c);
        assertThat(norfolk(above)).endsWith("This is more than one standard deviation higher than the average of "
                + "71.0 percent for forces in England and Wales. It is below the target of 90 percent.");
        Comparison higher = new Comparison(92.0, 10.0, 82.0, 102.0, 43, 91.0, "sample (n-1)", List.of());
        IndicatorResult lower = one("calls-999-answered-within-10s", "2023-01..2023-12", BigDecimal.valueOf(914), BigDecimal.valueOf(1000), higher);
        assertThat(norfolk(lower)).endsWith("within the normal range for forces in England and Wales: lower than their "
                + "average of 92.0 percent by less than one standard deviation. It is at or above the target of 90 percent.");
        // 87.14 against an average of 87.06: both 87.1 as printed, so neither higher nor lower
        Comparison same = new Comparison(87.06, 5.0, 82.06, 92.06, 43, 87.0, "sample (n-1)", List.of());
        IndicatorResult inLine = one("calls-999-answered-within-10s", "2023-01..2023-12", new BigDecimal("8714"), BigDecimal.valueOf(10000), same);
        assertThat(norfolk(inLine)).contains("This is in line with the average of 87.1 percent for forces in England and Wales");
    }

    @Test
    void aValueExactlyOnTheBandsEdgeIsWithinItByExactlyOneStandardDeviation() {
        // 3,000 of 10,000 calls abandoned, 30 percent, against a mean of 20 and an sd of 10: on the upper edge, within
        Comparison c = new Comparison(20.0, 10.0, 10.0, 30.0, 43, 20.0, "sample (n-1)", List.of());
        IndicatorResult r = one("calls-101-abandonment-rate", "FY2022/23", BigDecimal.valueOf(3000), BigDecimal.valueOf(10_000), c);
        assertThat(norfolk(r)).contains("This is within the normal range for forces in England and Wales: higher than their "
                + "average of 20.0 percent by exactly one standard deviation, on the edge of the range.")
                .doesNotContain("less than");
    }

    @Test
    void belowTheBandAndRatesPerThousand() {
        Comparison c = new Comparison(140.04, 20.0, 120.04, 160.04, 43, 139.0, "sample (n-1)", List.of());
        // 99,800 calls in a population of 1,000,000: 99.8 per 1,000
        IndicatorResult r = one("calls-999-per-1000", "2023-01..2023-12", BigDecimal.valueOf(99_800), BigDecimal.valueOf(1_000_000), c);
        assertThat(norfolk(r)).isEqualTo("In the year ending 31 December 2023, Norfolk Constabulary received 99.8 emergency "
                + "(999) calls per 1,000 population (99,800 calls in all). This is more than one standard deviation lower "
                + "than the average of 140.0 per 1,000 population for forces in England and Wales.");
    }

    @Test
    void roundsHalfUpAsTheReportDoes() {
        // 2.85 exactly: a binary double sits just below it, but the report shows 2.9
        Comparison c = new Comparison(2.85, 1.0, 1.85, 3.85, 43, 2.0, "sample (n-1)", List.of());
        IndicatorResult r = one("asb-civil-order-ratio", "FY2022/23", BigDecimal.valueOf(285), BigDecimal.valueOf(10_000), c);
        assertThat(norfolk(r)).contains("a ratio of 2.9 percent").contains("average of 2.9 percent");
        assertThat(Display.number(0.05, 1)).isEqualTo("0.1");
        assertThat(Display.number(1234567.5, 0)).isEqualTo("1,234,568");
        assertThat(Display.count(new BigDecimal("1845.25"))).isEqualTo("1,845.3");
        assertThat(Display.count(new BigDecimal("9950.000"))).isEqualTo("9,950");
        // a standard deviation of a percentage is in percentage points
        assertThat(Display.difference(7.2356, def("calls-101-abandonment-rate"))).isEqualTo("7.2 percentage points");
        assertThat(Display.difference(65.40, def("calls-999-per-1000"))).isEqualTo("65.4 per 1,000 population");
    }

    @Test
    void moneyStocksAndShares() {
        Comparison funding = new Comparison(190_000, 20_000, 170_000, 210_000, 43, 189_000, "sample (n-1)", List.of());
        IndicatorResult f = one("funding-per-1000", "FY2022/23", new BigDecimal("185432000"), BigDecimal.valueOf(1_000_000), funding);
        assertThat(norfolk(f)).isEqualTo("In the year ending 31 March 2023, Norfolk Constabulary had total funding "
                + "(government funding and precept) of £185,432,000, £185,432 per 1,000 population. This is within the "
                + "normal range for forces in England and Wales: lower than their average of £190,000 per 1,000 population "
                + "by less than one standard deviation.");

        Comparison officers = new Comparison(2.2, 0.3, 1.9, 2.5, 43, 2.1, "sample (n-1)", List.of());
        IndicatorResult o = one("officers-per-1000", "2023-03-31", new BigDecimal("1845.3"), BigDecimal.valueOf(920_000), officers);
        assertThat(norfolk(o)).startsWith("On 31 March 2023, Norfolk Constabulary had 1,845.3 police officers (full-time equivalent), "
                + "2.01 officers per 1,000 population.");

        Comparison share = new Comparison(40, 8, 32, 48, 43, 41, "sample (n-1)", List.of());
        IndicatorResult p = one("precept-share", "FY2022/23", BigDecimal.valueOf(95_000_000), BigDecimal.valueOf(190_000_000), share);
        assertThat(norfolk(p)).startsWith("In the year ending 31 March 2023, Norfolk Constabulary raised £95,000,000 through the council "
                + "tax precept, 50.0 percent of its total funding of £190,000,000.");
    }

    @Test
    void aForceWithoutAValueSaysWhy() {
        IndicatorResult r = SiteFixture.withComparison(def("calls-101-abandonment-rate"), Period.parse("FY2022/23"),
                Map.of(NORFOLK, new BigDecimal[] {null, BigDecimal.valueOf(5000)}), Map.of(NORFOLK, "no return was received."),
                new Comparison(12.0, 4.0, 8.0, 16.0, 42, 11.5, "sample (n-1)", List.of()));
        assertThat(r.forces().stream().filter(v -> v.forceCode().equals(NORFOLK)).findFirst().orElseThrow().band())
                .isEqualTo(Band.MISSING);
        assertThat(norfolk(r)).isEqualTo("There is no value for Norfolk Constabulary for the proportion of 101 calls "
                + "abandoned in the year ending 31 March 2023 (no return was received). Norfolk Constabulary is not included "
                + "in the average of 12.0 percent for forces in England and Wales.");
    }

    @Test
    void fewerThanTwoForcesHasNoStandardDeviation() {
        Comparison c = Comparison.of(new double[] {2.864}, false, 2.864, List.of());
        IndicatorResult r = one("asb-civil-order-ratio", "FY2022/23", BigDecimal.valueOf(285), BigDecimal.valueOf(9950), c);
        assertThat(norfolk(r)).doesNotContain("NaN").contains("no standard deviation");
    }

    @Test
    void everyForceAndIndicatorHasOneSentenceAndNoneSaysSignificant() {
        List<IndicatorResult> results = SiteFixture.allResults();
        List<Sentences.Sentence> all = Sentences.all(results, SiteFixture.FORCES);
        assertThat(all).hasSize(43 * results.size());
        assertThat(results).hasSize(12);
        for (Sentences.Sentence s : all) {
            assertThat(s.text()).as(s.indicatorId() + " " + s.forceName())
                    .doesNotContainIgnoringCase("significant")
                    .doesNotContain("NaN").doesNotContain("{").doesNotContain("  ").doesNotContain("..")
                    .endsWith(".").matches("^(In|On|There) .*")
                    .contains(s.forceName());
            if (!s.band().equals("missing")) assertThat(s.text()).contains("standard deviation");
        }
        assertThat(all).extracting(Sentences.Sentence::band).contains("above", "below", "within", "missing");
        // every indicator has its own wording, none the generic fallback
        assertThat(all).noneMatch(s -> s.text().contains(" recorded " ) && s.text().contains(" for the "));
    }

    @Test
    void unknownIndicatorsFallBackToTheirTitle() {
        var d = def("crimes-per-1000");
        var other = new uk.forcecompare.indicators.IndicatorDefinition("new-thing", "Widgets per 1,000 population",
                "Number of widgets per 1,000 population", d.kind(), d.unit(), List.of("WIDGETS"), d.denominator(),
                false, 1, OptionalDouble.empty(), "", "Widgets", "Source: nowhere", java.util.Optional.empty());
        IndicatorResult r = SiteFixture.withComparison(other, Period.parse("FY2022/23"),
                Map.of(NORFOLK, new BigDecimal[] {BigDecimal.valueOf(50), BigDecimal.valueOf(10_000)}), Map.of(),
                new Comparison(4.0, 1.0, 3.0, 5.0, 43, 4.1, "sample (n-1)", List.of()));
        // the title names the unit already: not "recorded 5.0 per 1,000 population for the widgets per 1,000 population"
        assertThat(norfolk(r)).isEqualTo("In the year ending 31 March 2023, Norfolk Constabulary recorded 5.0 widgets per "
                + "1,000 population. This is within the normal range for forces in England "
                + "and Wales: higher than their average of 4.0 per 1,000 population by exactly one standard deviation, on "
                + "the edge of the range.");

        var share = def("calls-101-abandonment-rate");
        var gadgets = new uk.forcecompare.indicators.IndicatorDefinition("gadget-share", "Share of gadgets repaired",
                "Proportion of gadgets repaired", share.kind(), share.unit(), List.of("GADGETS_REPAIRED"), List.of("GADGETS"),
                true, 1, OptionalDouble.empty(), "", "Gadgets", "Source: nowhere", java.util.Optional.empty());
        IndicatorResult g = SiteFixture.withComparison(gadgets, Period.parse("FY2022/23"),
                Map.of(NORFOLK, new BigDecimal[] {BigDecimal.valueOf(25), BigDecimal.valueOf(100)}), Map.of(),
                new Comparison(20.0, 10.0, 10.0, 30.0, 43, 20.1, "sample (n-1)", List.of()));
        assertThat(norfolk(g)).startsWith("In the year ending 31 March 2023, Norfolk Constabulary recorded 25.0 percent for "
                + "the share of gadgets repaired. ");
    }

    @Test
    void aValueAboveTheBandNeverShowsAsTheAverageItIsHigherThan() {
        // 90.24 above a band of 90.20 ± 0.01: to one place value, average and edge all show as 90.2, to two they differ
        Comparison c = new Comparison(90.2, 0.01, 90.19, 90.21, 43, 90.2, "sample (n-1)", List.of());
        IndicatorResult r = one("calls-999-answered-within-10s", "2023-01..2023-12", BigDecimal.valueOf(9024), BigDecimal.valueOf(10_000), c);
        assertThat(norfolk(r)).isEqualTo("In the year ending 31 December 2023, Norfolk Constabulary answered 90.24 percent of "
                + "999 calls within 10 seconds. This is more than one standard deviation higher than the average of 90.20 "
                + "percent for forces in England and Wales. It is at or above the target of 90 percent.");
    }

    @Test
    void aValueBelowTheBandNeverShowsAsTheEdgeItCrossed() {
        // 45.01 below an edge of 45.04: both 45.0 to one place, though the average of 50.0 shows apart
        Comparison c = new Comparison(50.0, 4.96, 45.04, 54.96, 43, 50.0, "sample (n-1)", List.of());
        IndicatorResult r = one("calls-101-abandonment-rate", "FY2022/23", BigDecimal.valueOf(4501), BigDecimal.valueOf(10_000), c);
        assertThat(norfolk(r)).isEqualTo("In the year ending 31 March 2023, Norfolk Constabulary had 45.01 percent of its 101 "
                + "calls abandoned (4,501 of 10,000 calls). This is more than one standard deviation lower than the average of "
                + "50.00 percent for forces in England and Wales.");
    }

    @Test
    void aValueBelowTheTargetNeverShowsAsTheTarget() {
        // 89.96 percent rounds to 90.0, the target: "90.0 percent ... below the target of 90 percent" would contradict itself
        Comparison c = new Comparison(85.0, 10.0, 75.0, 95.0, 43, 85.0, "sample (n-1)", List.of());
        IndicatorResult r = one("calls-999-answered-within-10s", "2023-01..2023-12", BigDecimal.valueOf(8996), BigDecimal.valueOf(10_000), c);
        assertThat(norfolk(r)).isEqualTo("In the year ending 31 December 2023, Norfolk Constabulary answered 89.96 percent of "
                + "999 calls within 10 seconds. This is within the normal range for forces in England and Wales: higher than "
                + "their average of 85.00 percent by less than one standard deviation. It is below the target of 90 percent.");
    }

    @Test
    void aStandardDeviationOfOnePointIsSingular() {
        var d = def("calls-101-abandonment-rate");
        var whole = new uk.forcecompare.indicators.IndicatorDefinition("whole-percent", "Whole percent", "Whole percent",
                d.kind(), d.unit(), d.numerator(), d.denominator(), true, 0, OptionalDouble.empty(), "", "Whole",
                "Source: nowhere", java.util.Optional.empty());
        assertThat(Display.difference(1.04, whole)).isEqualTo("1 percentage point");
        assertThat(Display.difference(1.0, d)).isEqualTo("1.0 percentage points");
        assertThat(Display.difference(2.0, whole)).isEqualTo("2 percentage points");
    }

    @Test
    void aForceWithoutAValueOnAStockDateSaysOnThatDate() {
        IndicatorResult r = SiteFixture.withComparison(def("officers-per-1000"), Period.parse("2023-03-31"),
                Map.of(NORFOLK, new BigDecimal[] {null, BigDecimal.valueOf(920_000)}), Map.of(NORFOLK, "suppressed"),
                new Comparison(2.2, 0.3, 1.9, 2.5, 42, 2.1, "sample (n-1)", List.of()));
        assertThat(norfolk(r)).isEqualTo("There is no value for Norfolk Constabulary for the number of police officers "
                + "(full-time equivalent) per 1,000 population on 31 March 2023 (suppressed). Norfolk Constabulary is not "
                + "included in the average of 2.20 per 1,000 population for forces in England and Wales.");
    }
}
