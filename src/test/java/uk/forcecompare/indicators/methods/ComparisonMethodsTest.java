package uk.forcecompare.indicators.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static uk.forcecompare.indicators.Band.ABOVE;
import static uk.forcecompare.indicators.Band.BELOW;
import static uk.forcecompare.indicators.Band.MISSING;
import static uk.forcecompare.indicators.Band.WITHIN;
import static uk.forcecompare.indicators.methods.ComparisonMethods.BYAR_95;
import static uk.forcecompare.indicators.methods.ComparisonMethods.FUNNEL_95;
import static uk.forcecompare.indicators.methods.ComparisonMethods.FUNNEL_998;
import static uk.forcecompare.indicators.methods.ComparisonMethods.FUNNEL_998_OD;
import static uk.forcecompare.indicators.methods.ComparisonMethods.MEDIAN_MAD;
import static uk.forcecompare.indicators.methods.ComparisonMethods.SD1_LEAVE_ONE_OUT;
import static uk.forcecompare.indicators.methods.ComparisonMethods.WILSON_95;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import uk.forcecompare.indicators.Band;

/**
 * The expected numbers of the proportion and count-rate examples were worked independently by
 * {@code funnel_od_reference.py} (beside this file: numpy and scipy, nothing shared with the Java code) and are
 * held here as literals.
 */
class ComparisonMethodsTest {

    private static final double EPS = 1e-9;

    /** Seven forces in the pool, X excluded (a City-of-London-like small force), M without a value. */
    static final List<ForceInput> PROPORTIONS = List.of(
            ForceInput.of("A", 4800, 10000, 100),
            ForceInput.of("B", 12700, 25000, 100),
            ForceInput.of("C", 2940, 6000, 100),
            ForceInput.of("D", 700, 1000, 100),
            ForceInput.of("E", 7800, 15000, 100),
            ForceInput.of("F", 14700, 30000, 100),
            ForceInput.of("G", 4100, 8000, 100),
            ForceInput.of("X", 30, 40, 100),
            ForceInput.missing("M", 12.0, null));
    static final Set<String> EXCLUDED = Set.of("X");

    @Test
    void kindsById() {
        assertThat(IndicatorKind.byId("proportion")).isEqualTo(IndicatorKind.PROPORTION);
        assertThat(IndicatorKind.byId("count-rate")).isEqualTo(IndicatorKind.COUNT_RATE);
        assertThat(IndicatorKind.byId("amount")).isEqualTo(IndicatorKind.AMOUNT);
        assertThatThrownBy(() -> IndicatorKind.byId("rate")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IndicatorKind.byId(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowsComeInForceOrderThenMethodOrder() {
        List<MethodResult> results = ComparisonMethods.compute(IndicatorKind.PROPORTION, 100, PROPORTIONS, EXCLUDED);
        assertThat(results).hasSize(9 * 6);
        assertThat(results.subList(0, 6)).extracting(MethodResult::method).containsExactly(SD1_LEAVE_ONE_OUT,
                MEDIAN_MAD, WILSON_95, FUNNEL_95, FUNNEL_998, FUNNEL_998_OD);
        assertThat(results).extracting(MethodResult::forceCode).containsExactly(
                "A", "A", "A", "A", "A", "A", "B", "B", "B", "B", "B", "B", "C", "C", "C", "C", "C", "C",
                "D", "D", "D", "D", "D", "D", "E", "E", "E", "E", "E", "E", "F", "F", "F", "F", "F", "F",
                "G", "G", "G", "G", "G", "G", "X", "X", "X", "X", "X", "X", "M", "M", "M", "M", "M", "M");
    }

    @Test
    void benchmarkAndOverdispersionLeaveTheExcludedForceOut() {
        // p0 = 47740 / 95000 = 0.5025263157894737; Python; phi = 17.674050691972724; tau2 = 0.000395213394549507
        assertThat(ComparisonMethods.benchmarkRate(IndicatorKind.PROPORTION, 100, PROPORTIONS, EXCLUDED)
                .getAsDouble()).isCloseTo(50.25263157894737, within(EPS));
        ComparisonMethods.Overdispersion od = ComparisonMethods.overdispersion(PROPORTIONS, EXCLUDED);
        assertThat(od.k()).isEqualTo(7);
        assertThat(od.phi()).isCloseTo(17.674050691972724, within(1e-9));
        assertThat(od.tau2()).isCloseTo(0.000395213394549507, within(1e-15));
        // with X in the pool everything moves
        assertThat(ComparisonMethods.benchmarkRate(IndicatorKind.PROPORTION, 100, PROPORTIONS, Set.of())
                .getAsDouble()).isNotCloseTo(50.25263157894737, within(0.001));
    }

    @Test
    void proportionExampleMatchesTheIndependentCalculation() {
        Map<String, MethodResult> r = index(
                ComparisonMethods.compute(IndicatorKind.PROPORTION, 100, PROPORTIONS, EXCLUDED));

        // median 50.8, MAD × 1.4826 = 2.66868 for every force
        for (String code : List.of("A", "B", "C", "D", "E", "F", "G", "X", "M")) {
            expect(r, code, MEDIAN_MAD, 48.13132, 53.46867999999999, null);
        }
        expect(r, "A", SD1_LEAVE_ONE_OUT, 45.58588694602431, 61.7641130539757, WITHIN);
        expect(r, "A", MEDIAN_MAD, 48.13132, 53.46868, BELOW);
        expect(r, "A", WILSON_95, 47.02175801818205, 48.97977797532489, BELOW);
        expect(r, "A", FUNNEL_95, 49.27266208804952, 51.23260106984522, BELOW);
        expect(r, "A", FUNNEL_998, 48.70753530177277, 51.797727856121966, BELOW);
        expect(r, "A", FUNNEL_998_OD, 43.917936696397334, 56.58732646149741, WITHIN);

        expect(r, "B", SD1_LEAVE_ONE_OUT, 44.84409895912629, 61.57256770754038, WITHIN);
        expect(r, "B", MEDIAN_MAD, 48.13132, 53.46868, WITHIN);
        expect(r, "B", WILSON_95, 50.18020898842306, 51.419545195980156, WITHIN);
        expect(r, "B", FUNNEL_95, 49.632844453204804, 50.872418704689935, WITHIN);
        expect(r, "B", FUNNEL_998, 49.275426890923654, 51.229836266971084, WITHIN);
        expect(r, "B", FUNNEL_998_OD, 44.03202342929172, 56.47323972860303, WITHIN);

        expect(r, "C", SD1_LEAVE_ONE_OUT, 45.29429555239595, 61.722371114270715, WITHIN);
        expect(r, "C", WILSON_95, 47.736146132222416, 50.265133534773334, WITHIN);
        expect(r, "C", FUNNEL_95, 48.987496406267795, 51.51776675162695, WITHIN);
        expect(r, "C", FUNNEL_998, 48.257920862352606, 52.24734229554214, WITHIN);
        expect(r, "C", FUNNEL_998_OD, 43.793536627472754, 56.71172653042198, WITHIN);

        expect(r, "D", SD1_LEAVE_ONE_OUT, 48.446150032095396, 51.57051663457127, ABOVE);
        expect(r, "D", MEDIAN_MAD, 48.13132, 53.46868, ABOVE);
        expect(r, "D", WILSON_95, 67.08761388477603, 72.7593157733962, ABOVE);
        expect(r, "D", FUNNEL_95, 47.15369595023453, 53.35156720766021, ABOVE);
        expect(r, "D", FUNNEL_998, 45.36660813882881, 55.13865501906594, ABOVE);
        expect(r, "D", FUNNEL_998_OD, 42.403156322176706, 58.10210683571804, ABOVE);

        expect(r, "E", SD1_LEAVE_ONE_OUT, 44.59522352383562, 61.421443142831045, WITHIN);
        expect(r, "E", WILSON_95, 51.20007855476547, 52.79889731847558, ABOVE);
        expect(r, "E", FUNNEL_95, 49.4524898402158, 51.05277331767895, ABOVE);
        expect(r, "E", FUNNEL_998, 48.99106575143015, 51.51419740646459, ABOVE);
        expect(r, "E", FUNNEL_998_OD, 43.981061991800466, 56.52420116609428, WITHIN);

        expect(r, "F", SD1_LEAVE_ONE_OUT, 45.29429555239595, 61.722371114270715, WITHIN);
        expect(r, "F", WILSON_95, 48.434484529913966, 49.56577153455609, BELOW);
        expect(r, "F", FUNNEL_95, 49.686845929579874, 50.81841722831486, BELOW);
        expect(r, "F", FUNNEL_998, 49.36056982739673, 51.144693330498015, BELOW);
        expect(r, "F", FUNNEL_998_OD, 44.04482915636284, 56.46043400153191, WITHIN);

        expect(r, "G", SD1_LEAVE_ONE_OUT, 44.74604135876451, 61.52062530790216, WITHIN);
        expect(r, "G", WILSON_95, 50.15435203633839, 52.34444808392228, WITHIN);
        expect(r, "G", FUNNEL_95, 49.15699238018565, 51.34827077770909, WITHIN);
        expect(r, "G", FUNNEL_998, 48.52516142517524, 51.9801017327195, WITHIN);
        expect(r, "G", FUNNEL_998_OD, 43.871002485883416, 56.63426067201133, WITHIN);
    }

    /** The excluded force keeps its rows, compared with limits built without it. */
    @Test
    void excludedForceIsComparedWithLimitsBuiltWithoutIt() {
        Map<String, MethodResult> r = index(
                ComparisonMethods.compute(IndicatorKind.PROPORTION, 100, PROPORTIONS, EXCLUDED));
        assertThat(r.get("X|" + WILSON_95).value()).isEqualTo(75.0);
        // mean ± SD of the seven others: the same as the default band
        expect(r, "X", SD1_LEAVE_ONE_OUT, 45.174752011165054, 60.55381941740637, ABOVE);
        expect(r, "X", MEDIAN_MAD, 48.13132, 53.46868, ABOVE);
        expect(r, "X", WILSON_95, 59.806038451464794, 85.81288142561202, ABOVE);
        expect(r, "X", FUNNEL_95, 34.75795343538316, 65.74730972251159, ABOVE);
        expect(r, "X", FUNNEL_998, 25.822514378354544, 74.68274877954019, ABOVE);
        expect(r, "X", FUNNEL_998_OD, 25.06192568998967, 75.44333746790507, WITHIN);
    }

    @Test
    void forceWithoutValueGetsBandLimitsOnlyWhereTheyNeedNoneOfItsData() {
        Map<String, MethodResult> r = index(
                ComparisonMethods.compute(IndicatorKind.PROPORTION, 100, PROPORTIONS, EXCLUDED));
        expect(r, "M", SD1_LEAVE_ONE_OUT, 45.174752011165054, 60.55381941740637, MISSING);
        expect(r, "M", MEDIAN_MAD, 48.13132, 53.46868, MISSING);
        for (String method : List.of(WILSON_95, FUNNEL_95, FUNNEL_998, FUNNEL_998_OD)) {
            MethodResult row = r.get("M|" + method);
            assertThat(row.value()).isNull();
            assertThat(row.low()).as(method).isNull();
            assertThat(row.high()).as(method).isNull();
            assertThat(row.band()).isEqualTo(MISSING);
        }
    }

    /** Four forces per 1,000; Byar limits from funnel_od_reference.py. Benchmark 870/123000 × 1000 = 7.0732. */
    @Test
    void countRateUsesByar() {
        List<ForceInput> forces = List.of(
                ForceInput.of("P", 10, 2000, 1000),
                ForceInput.of("Q", 150, 20000, 1000),
                ForceInput.of("R", 300, 50000, 1000),
                ForceInput.of("S", 120, 10000, 1000),
                ForceInput.missing("T", null, 30000.0));
        List<MethodResult> results = ComparisonMethods.compute(IndicatorKind.COUNT_RATE, 1000, forces, Set.of());
        assertThat(results).hasSize(5 * 3);
        assertThat(results.subList(0, 3)).extracting(MethodResult::method)
                .containsExactly(SD1_LEAVE_ONE_OUT, MEDIAN_MAD, BYAR_95);
        Map<String, MethodResult> r = index(results);
        expect(r, "P", BYAR_95, 2.393724942024383, 9.195729338993434, WITHIN);
        expect(r, "Q", BYAR_95, 6.347733667335328, 8.800907924615904, WITHIN);
        expect(r, "R", BYAR_95, 5.340165435453888, 6.718837618428957, BELOW);
        expect(r, "S", BYAR_95, 9.949023145615598, 14.349166064458839, ABOVE);
        assertThat(r.get("T|" + BYAR_95).low()).isNull();
        assertThat(r.get("T|" + BYAR_95).band()).isEqualTo(MISSING);
        assertThat(ComparisonMethods.benchmarkRate(IndicatorKind.COUNT_RATE, 1000, forces, Set.of()).getAsDouble())
                .isCloseTo(7.073170731707317, within(EPS));
    }

    @Test
    void amountHasOnlyTheBandMethods() {
        List<ForceInput> forces = List.of(
                new ForceInput("A", null, null, 0.0),
                new ForceInput("B", null, null, 2.0),
                new ForceInput("C", null, null, 3.0));
        List<MethodResult> results = ComparisonMethods.compute(IndicatorKind.AMOUNT, 1000, forces, Set.of());
        assertThat(results).extracting(MethodResult::method).containsExactly(
                SD1_LEAVE_ONE_OUT, MEDIAN_MAD, SD1_LEAVE_ONE_OUT, MEDIAN_MAD, SD1_LEAVE_ONE_OUT, MEDIAN_MAD);
    }

    /**
     * Worked by hand. Values 0, 2, 3: all three give mean 5/3, SD √(7/3) = 1.5275, band 0.1391 to 3.1942, so C (3) is
     * within. Left out, C meets 0 and 2: mean 1, SD √2, band 1 − √2 to 1 + √2, and C is above. A (0) against 2, 3:
     * mean 2.5, SD √0.5. Median 2, |deviations| 2 0 1 → MAD 1 × 1.4826.
     */
    @Test
    void leaveOneOutTakesTheForceOutOfItsOwnMeanAndSd() {
        List<ForceInput> forces = List.of(
                new ForceInput("A", null, null, 0.0),
                new ForceInput("B", null, null, 2.0),
                new ForceInput("C", null, null, 3.0));
        Map<String, MethodResult> r = index(ComparisonMethods.compute(IndicatorKind.AMOUNT, 1, forces, Set.of()));
        expect(r, "C", SD1_LEAVE_ONE_OUT, 1 - Math.sqrt(2), 1 + Math.sqrt(2), ABOVE);
        expect(r, "A", SD1_LEAVE_ONE_OUT, 2.5 - Math.sqrt(0.5), 2.5 + Math.sqrt(0.5), BELOW);
        expect(r, "C", MEDIAN_MAD, 0.5174, 3.4826, WITHIN);
        expect(r, "A", MEDIAN_MAD, 0.5174, 3.4826, BELOW);
        assertThat(ComparisonMethods.defaultBands(forces, Set.of(), false))
                .containsExactly(Map.entry("A", BELOW), Map.entry("B", WITHIN), Map.entry("C", WITHIN));
    }

    /** The SD method of comparison.sd reaches the leave-one-out band: population SD of 0, 2 is 1, not √2. */
    @Test
    void populationSdIsHonoured() {
        List<ForceInput> forces = List.of(
                new ForceInput("A", null, null, 0.0),
                new ForceInput("B", null, null, 2.0),
                new ForceInput("C", null, null, 3.0));
        Map<String, MethodResult> r = index(
                ComparisonMethods.compute(IndicatorKind.AMOUNT, 1, forces, Set.of(), true));
        expect(r, "C", SD1_LEAVE_ONE_OUT, 0.0, 2.0, ABOVE);
    }

    /**
     * Edges are within. Leave-one-out: T (5) against 1, 3, 5 → mean 3, SD 2, band exactly 1 to 5. Median ± MAD over
     * 8.5174, 9, 10, 11, 11.4826: median 10, |deviations| sorted 0 1 1 1.4826 1.4826 → MAD 1, band 10 ± 1.4826,
     * which is 8.5174 to 11.4826 exactly in binary floating point.
     */
    @Test
    void valueOnALimitIsWithin() {
        List<ForceInput> sd = List.of(
                new ForceInput("P", null, null, 1.0),
                new ForceInput("Q", null, null, 3.0),
                new ForceInput("R", null, null, 5.0),
                new ForceInput("T", null, null, 5.0));
        Map<String, MethodResult> r = index(ComparisonMethods.compute(IndicatorKind.AMOUNT, 1, sd, Set.of()));
        expect(r, "T", SD1_LEAVE_ONE_OUT, 1.0, 5.0, WITHIN);
        assertThat(r.get("T|" + SD1_LEAVE_ONE_OUT).high()).isEqualTo(5.0);

        List<ForceInput> mad = List.of(
                new ForceInput("A", null, null, 8.5174),
                new ForceInput("B", null, null, 9.0),
                new ForceInput("C", null, null, 10.0),
                new ForceInput("D", null, null, 11.0),
                new ForceInput("E", null, null, 11.4826),
                new ForceInput("U", null, null, 11.4827),
                new ForceInput("L", null, null, 8.5173));
        Map<String, MethodResult> m = index(
                ComparisonMethods.compute(IndicatorKind.AMOUNT, 1, mad, Set.of("U", "L")));
        assertThat(m.get("E|" + MEDIAN_MAD).high()).isEqualTo(11.4826);
        assertThat(m.get("A|" + MEDIAN_MAD).low()).isEqualTo(8.5174);
        assertThat(m.get("E|" + MEDIAN_MAD).band()).isEqualTo(WITHIN);
        assertThat(m.get("A|" + MEDIAN_MAD).band()).isEqualTo(WITHIN);
        assertThat(m.get("U|" + MEDIAN_MAD).band()).isEqualTo(ABOVE);
        assertThat(m.get("L|" + MEDIAN_MAD).band()).isEqualTo(BELOW);
    }

    /** Too few forces for an SD: no limits, nothing flagged. */
    @Test
    void limitsThatCannotBeDrawnFlagNothing() {
        List<ForceInput> forces = List.of(
                new ForceInput("A", null, null, 1.0),
                new ForceInput("B", null, null, 9.0),
                new ForceInput("C", null, null, null));
        Map<String, MethodResult> r = index(ComparisonMethods.compute(IndicatorKind.AMOUNT, 1, forces, Set.of()));
        assertThat(r.get("A|" + SD1_LEAVE_ONE_OUT).low()).isNull();
        assertThat(r.get("A|" + SD1_LEAVE_ONE_OUT).band()).isEqualTo(WITHIN);
        // 1 and 9: mean 5, SD √32
        expect(r, "C", SD1_LEAVE_ONE_OUT, 5 - Math.sqrt(32), 5 + Math.sqrt(32), MISSING);
    }

    @Test
    void inconsistentInputIsRefused() {
        assertThatThrownBy(() -> ComparisonMethods.compute(IndicatorKind.PROPORTION, 100,
                List.of(new ForceInput("A", null, 10.0, 50.0)), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A");
        assertThatThrownBy(() -> ComparisonMethods.compute(IndicatorKind.PROPORTION, 100,
                List.of(ForceInput.of("A", 11, 10, 100)), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("greater");
        assertThatThrownBy(() -> ComparisonMethods.compute(IndicatorKind.AMOUNT, 1,
                List.of(new ForceInput("A", null, null, 1.0), new ForceInput("A", null, null, 2.0)), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> ComparisonMethods.compute(IndicatorKind.AMOUNT, 0, List.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Map<String, MethodResult> index(List<MethodResult> results) {
        Map<String, MethodResult> map = new java.util.HashMap<>();
        for (MethodResult result : results) {
            assertThat(map.put(result.forceCode() + "|" + result.method(), result)).isNull();
        }
        return map;
    }

    private static void expect(Map<String, MethodResult> r, String code, String method, double low, double high,
            Band band) {
        MethodResult row = r.get(code + "|" + method);
        assertThat(row).as(code + " " + method).isNotNull();
        assertThat(row.low()).as(code + " " + method + " low").isCloseTo(low, within(EPS));
        assertThat(row.high()).as(code + " " + method + " high").isCloseTo(high, within(EPS));
        if (band != null) {
            assertThat(row.band()).as(code + " " + method + " band").isEqualTo(band);
        }
    }

    @Test
    void funnelLimitsOfAProportionStopAt0And100Percent() {
        // 999 calls answered within 10 seconds: a pooled rate near 90%, and a force of 10 calls whose 99.8% limits,
        // 90% ± 3.09 × √(0.09 / 10) = 90% ± 29.3 points, would run to 119%
        List<ForceInput> high = List.of(ForceInput.of("A", 9000, 10000, 100), ForceInput.of("B", 18000, 20000, 100),
                ForceInput.of("C", 27000, 30000, 100), ForceInput.of("S", 9, 10, 100));
        List<MethodResult> r = ComparisonMethods.compute(IndicatorKind.PROPORTION, 100, high, Set.of());
        MethodResult s = r.stream().filter(x -> x.forceCode().equals("S") && x.method().equals(FUNNEL_998)).findFirst().orElseThrow();
        assertThat(s.high()).isEqualTo(100.0);
        // p0 = 54,009 / 60,010; the low limit is left as it is
        double p0 = 54009.0 / 60010, half = 3.090232306167813 * Math.sqrt(p0 * (1 - p0) / 10);
        assertThat(s.low()).isCloseTo((p0 - half) * 100, within(1e-4));
        assertThat(s.band()).isEqualTo(Band.WITHIN);
        // and a rate near 0 stops at 0
        List<ForceInput> low = List.of(ForceInput.of("A", 100, 10000, 100), ForceInput.of("B", 200, 20000, 100),
                ForceInput.of("S", 0, 10, 100));
        assertThat(ComparisonMethods.compute(IndicatorKind.PROPORTION, 100, low, Set.of())).filteredOn(x -> x.forceCode().equals("S")
                && x.method().startsWith("funnel")).allSatisfy(x -> assertThat(x.low()).isEqualTo(0.0));
    }
}
