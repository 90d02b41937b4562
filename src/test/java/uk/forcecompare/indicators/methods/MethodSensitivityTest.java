package uk.forcecompare.indicators.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.forcecompare.indicators.Band.ABOVE;
import static uk.forcecompare.indicators.Band.BELOW;
import static uk.forcecompare.indicators.Band.WITHIN;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import uk.forcecompare.indicators.methods.MethodSensitivity.Entry;

/** Bands per method are those of ComparisonMethodsTest (worked in funnel_od_reference.py). */
class MethodSensitivityTest {

    private static final Map<String, String> NAMES = Map.of("A", "Avon", "B", "Bedford", "C", "Cleveland",
            "D", "Dyfed", "E", "Essex", "F", "Furness", "G", "Gwent", "X", "City of London", "M", "Merseyside");

    @Test
    void listsExactlyTheForcesWhoseBandDependsOnTheMethod() {
        List<Entry> entries = MethodSensitivity.analyse(IndicatorKind.PROPORTION, 100,
                ComparisonMethodsTest.PROPORTIONS, ComparisonMethodsTest.EXCLUDED, NAMES);
        // B, C, G within everywhere, D above everywhere, M missing: not listed
        assertThat(entries).extracting(Entry::forceCode).containsExactly("A", "E", "F", "X");
        Entry avon = entries.get(0);
        assertThat(avon.forceName()).isEqualTo("Avon");
        assertThat(avon.defaultBand()).isEqualTo(WITHIN);
        assertThat(avon.bands()).containsExactly(
                Map.entry(MethodSensitivity.SD1, WITHIN),
                Map.entry(ComparisonMethods.SD1_LEAVE_ONE_OUT, WITHIN),
                Map.entry(ComparisonMethods.MEDIAN_MAD, BELOW),
                Map.entry(ComparisonMethods.WILSON_95, BELOW),
                Map.entry(ComparisonMethods.FUNNEL_95, BELOW),
                Map.entry(ComparisonMethods.FUNNEL_998, BELOW),
                Map.entry(ComparisonMethods.FUNNEL_998_OD, WITHIN));
    }

    /**
     * Avon (48) is within mean ± SD (45.17–60.55) but below median ± MAD (48.13–53.47) because Dyfed's 70 widens the
     * SD: without Dyfed the six others give mean 50.01, SD 1.52, and 48 is below.
     */
    @Test
    void namesTheOutlierThatWidensTheSd() {
        List<String> sentences = MethodSensitivity.sentences(IndicatorKind.PROPORTION, 100,
                ComparisonMethodsTest.PROPORTIONS, ComparisonMethodsTest.EXCLUDED, NAMES);
        assertThat(sentences.get(0)).isEqualTo("Avon is within the band under ±1 SD, ±1 SD without its own value and "
                + "the 99.8% funnel allowing for overdispersion, but below it under median ± MAD, its 95% Wilson "
                + "interval, the 95% funnel and the 99.8% funnel: Dyfed's outlying value (70.00) widens the SD, and "
                + "without Dyfed it would be below the band under ±1 SD too; overdispersion between forces widens "
                + "the 99.8% funnel from 48.71–51.80 to 43.92–56.59; its 95% Wilson interval (47.02–48.98) lies "
                + "wholly below the England and Wales rate (50.25).");
    }

    @Test
    void saysWhenAForceIsExcluded() {
        List<String> sentences = MethodSensitivity.sentences(IndicatorKind.PROPORTION, 100,
                ComparisonMethodsTest.PROPORTIONS, ComparisonMethodsTest.EXCLUDED, NAMES);
        assertThat(sentences.get(3)).isEqualTo("City of London (left out of the mean, SD and limits) is above the "
                + "band under ±1 SD, ±1 SD without its own value, median ± MAD, its 95% Wilson interval, the 95% "
                + "funnel and the 99.8% funnel, but within it under the 99.8% funnel allowing for overdispersion: "
                + "overdispersion between forces widens the 99.8% funnel from 25.82–74.68 to 25.06–75.44.");
    }

    /** Values 0, 2, 3 (worked in ComparisonMethodsTest): C is within ±1 SD only because its own value is in it. */
    @Test
    void explainsLeaveOneOut() {
        List<ForceInput> forces = List.of(
                new ForceInput("A", null, null, 0.0),
                new ForceInput("B", null, null, 2.0),
                new ForceInput("C", null, null, 3.0));
        List<Entry> entries = MethodSensitivity.analyse(IndicatorKind.AMOUNT, 1, forces, Set.of(), NAMES);
        assertThat(entries).extracting(Entry::forceCode).containsExactly("C");
        assertThat(entries.get(0).sentence()).isEqualTo("Cleveland is within the band under ±1 SD and median ± MAD, "
                + "but above it under ±1 SD without its own value: its own value widens the SD it is measured "
                + "against.");
    }

    /**
     * Values 0, 1, 2, 3, 5, 6: mean 17/6, SD 2.3166, so 0 is below 0.52–5.15; median 2.5, MAD 2 × 1.4826, so 0 is
     * within −0.47–5.47. Leaving out the farthest other force (6) does not make 0 within: no outlier is named.
     */
    @Test
    void comparesTheBandsWhereNoSingleOutlierExplainsIt() {
        List<ForceInput> forces = List.of(
                new ForceInput("A", null, null, 0.0),
                new ForceInput("B", null, null, 1.0),
                new ForceInput("C", null, null, 2.0),
                new ForceInput("D", null, null, 3.0),
                new ForceInput("E", null, null, 5.0),
                new ForceInput("F", null, null, 6.0));
        List<Entry> entries = MethodSensitivity.analyse(IndicatorKind.AMOUNT, 1, forces, Set.of(), NAMES);
        // E (5) is listed too: within 0.52–5.15, but above 0.10–4.70 of the five others
        assertThat(entries).extracting(Entry::forceCode).containsExactly("A", "E");
        assertThat(entries.get(1).bands().get(ComparisonMethods.SD1_LEAVE_ONE_OUT)).isEqualTo(ABOVE);
        assertThat(entries.get(0).defaultBand()).isEqualTo(BELOW);
        assertThat(entries.get(0).sentence()).isEqualTo("Avon is below the band under ±1 SD and ±1 SD without its "
                + "own value, but within it under median ± MAD: median ± MAD runs -0.465–5.47, mean ± SD 0.517–5.15.");
    }

    /**
     * Byar example of ComparisonMethodsTest: R's interval lies below the rate though R is within every band; S is
     * above under every method, Q within under every method, so neither is listed.
     */
    @Test
    void explainsTheOwnIntervalForCountRates() {
        List<ForceInput> forces = List.of(
                ForceInput.of("P", 10, 2000, 1000),
                ForceInput.of("Q", 150, 20000, 1000),
                ForceInput.of("R", 300, 50000, 1000),
                ForceInput.of("S", 120, 10000, 1000));
        List<Entry> entries = MethodSensitivity.analyse(IndicatorKind.COUNT_RATE, 1000, forces, Set.of(), Map.of());
        assertThat(entries).extracting(Entry::forceCode).contains("R").doesNotContain("Q", "S");
        Entry r = entries.stream().filter(e -> e.forceCode().equals("R")).findFirst().orElseThrow();
        assertThat(r.forceName()).isEqualTo("R");
        assertThat(r.bands().get(ComparisonMethods.BYAR_95)).isEqualTo(BELOW);
        assertThat(r.sentence()).endsWith("its 95% Byar interval (5.34–6.72) lies wholly below the England and Wales "
                + "rate (7.07).");
    }

    @Test
    void numbersAreRoundedForReadingOnly() {
        assertThat(MethodSensitivity.number(51.8)).isEqualTo("51.80");
        assertThat(MethodSensitivity.number(0.004567)).isEqualTo("0.00457");
        assertThat(MethodSensitivity.number(-0.4652)).isEqualTo("-0.465");
        assertThat(MethodSensitivity.number(0)).isEqualTo("0");
    }
}
