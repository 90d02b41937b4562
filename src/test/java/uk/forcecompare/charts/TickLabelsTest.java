package uk.forcecompare.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import uk.forcecompare.indicators.Band;
import uk.forcecompare.indicators.methods.ForceInput;

/**
 * Axis tick labels tell their ticks apart whatever the scale: a rate of a few hundredths per 1,000 once showed its
 * axis as "0.02, 0.02, 0.01, 0.01, 0.01, 0, 0".
 */
class TickLabelsTest {

    @Test
    void aStepGetsTheDecimalsItNeedsAndNoTrailingZeros() {
        assertThat(ChartStyle.tickFormat(0.0025).format(0.0075)).isEqualTo("0.0075");
        assertThat(ChartStyle.tickFormat(0.0025).format(0.01)).isEqualTo("0.01");
        assertThat(ChartStyle.tickFormat(0.001).format(0.006000000000000001)).isEqualTo("0.006");
        assertThat(ChartStyle.tickFormat(0.00005).format(0.00015)).isEqualTo("0.00015");
        // at ordinary scales, as before: at most two decimals, thousands grouped
        assertThat(ChartStyle.tickFormat(10).format(80)).isEqualTo("80");
        assertThat(ChartStyle.tickFormat(0.5).format(2.5)).isEqualTo("2.5");
        assertThat(ChartStyle.tickFormat(250).format(1250)).isEqualTo("1,250");
        assertThat(ChartStyle.tickFormat(0.25).format(0.75)).isEqualTo("0.75");
    }

    /** Crimes per 1,000 from 0.004 to 0.019, as a collection of a few records gives them. */
    static ComparisonChart smallRates() {
        List<ComparisonChart.Bar> bars = new ArrayList<>();
        int i = 0;
        for (TestCharts.Row r : TestCharts.rows()) {
            double v = 0.004 + 0.015 * (i++ % 11) / 10;
            bars.add(new ComparisonChart.Bar(r.code(), r.name(), v, Band.WITHIN));
        }
        return new ComparisonChart("Crimes per 1,000 population", "Crimes per 1,000 population", 1, "", bars, 0.0115,
                0.004, 0.0075, 0.0155, OptionalDouble.empty(), "", List.of("Source: data.police.uk"), Optional.empty());
    }

    @Test
    void barChartTicksAFewHundredthsApartAreAllDifferent() {
        FigureLayout layout = new FigureLayout(smallRates());
        Function<Double, String> label = FigurePainter.yTickLabel(layout);
        // XChart picks its step; every nice step down to a twentieth of the axis must read back as its ticks
        for (double step : new double[] {0.001, 0.002, 0.0025, 0.005}) {
            Set<String> seen = new HashSet<>();
            for (int k = 0; k * step <= layout.yMax + 1e-12; k++) {
                String shown = label.apply(k * step);
                assertThat(Double.parseDouble(shown)).as("step %s tick %d", step, k).isEqualTo(k * step,
                        org.assertj.core.api.Assertions.within(step / 1000));
                assertThat(seen.add(shown)).as("step %s: %s twice", step, shown).isTrue();
            }
        }
    }

    @Test
    void funnelTicksOfSmallPercentagesAreAllDifferent() {
        // ten forces with about 0.05% of their calls abandoned: the axis runs over a few hundredths of a percent
        List<ForceInput> forces = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            forces.add(ForceInput.of("F" + i, 5 + i, 10_000 + 2_000 * i, 100));
        }
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        forces.forEach(f -> names.put(f.forceCode(), "Force " + f.forceCode()));
        FunnelPlot plot = FunnelPlot.of("Funnel", "Percentage abandoned", "Calls", 2, "%", 100, forces, Set.of(), names,
                List.of("Source: returns"));
        FunnelLayout layout = new FunnelLayout(plot);
        List<String> labels = layout.yTicks.stream().map(FunnelLayout.Tick::label).filter(s -> !s.isEmpty()).toList();
        assertThat(labels).hasSizeGreaterThan(2).doesNotHaveDuplicates();
        for (FunnelLayout.Tick t : layout.yTicks) {
            if (!t.label().isEmpty()) {
                assertThat(Double.parseDouble(t.label().replace("%", "")))
                        .isEqualTo(t.value(), org.assertj.core.api.Assertions.within(1e-9));
            }
        }
    }
}
