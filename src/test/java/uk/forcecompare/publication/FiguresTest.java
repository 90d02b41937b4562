package uk.forcecompare.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import uk.forcecompare.charts.ComparisonChart;
import uk.forcecompare.collection.Period;
import uk.forcecompare.indicators.Band;
import uk.forcecompare.indicators.Comparison;
import uk.forcecompare.indicators.ForceValue;
import uk.forcecompare.indicators.IndicatorCatalogue;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Rule;

class FiguresTest {

    private static final ForceDirectory FORCES = ForceDirectory.load(Path.of("data/reference"));
    private static final String CUMBRIA = "E23000002", DYFED_POWYS = "W15000004", MERSEYSIDE = "E23000004",
            DORSET = "E23000039";

    /** 101 calls abandoned: every force 10 of 100, Cumbria without a value. */
    private static IndicatorResult abandoned() {
        List<ForceValue> values = new ArrayList<>();
        for (Force f : FORCES.all()) {
            if (f.code().equals(CUMBRIA)) {
                values.add(new ForceValue(f.code(), Optional.empty(), Optional.of(BigDecimal.valueOf(100)), OptionalDouble.empty(),
                        Band.MISSING, "101 calls abandoned: left blank"));
            } else {
                values.add(new ForceValue(f.code(), Optional.of(BigDecimal.TEN), Optional.of(BigDecimal.valueOf(100)),
                        OptionalDouble.of(10.0), Band.WITHIN, ""));
            }
        }
        return new IndicatorResult(IndicatorCatalogue.load(Path.of("jobs/indicators")).get("calls-101-abandonment-rate").orElseThrow(),
                Period.parse("FY2022/23"), values, new Comparison(10, 0, 10, 10, 42, 10, "sample (n-1)", List.of()));
    }

    private static Finding note(String force, String name, String code, String text) {
        return Finding.of(Rule.VALUE_FORCE_NOTE).force(force).file("returns/x.xlsx").at("Return!D10")
                .message(name + " " + code + ": the force's note beside its figure: '" + text + "'").observed(text).build();
    }

    @Test
    void theForcesNotesOnTheFiguresBehindAChartAreQuotedUnderIt() {
        List<Finding> findings = List.of(
                note(MERSEYSIDE, "Merseyside", "CALLS_101_ABANDONED", "Abandoned after the IVR message"),
                note(DYFED_POWYS, "Dyfed-Powys", "CALLS_101_ABANDONED", "Abandoned after the IVR message"),
                note(DORSET, "Dorset", "CALLS_101_RECEIVED", "Switchboard figure"),
                // not behind this chart: another measure, and a force without a value (its footnote says why)
                note(MERSEYSIDE, "Merseyside", "ASB_INCIDENTS", "Personal and nuisance ASB"),
                note(CUMBRIA, "Cumbria", "CALLS_101_RECEIVED", "Telephony platform changed"),
                Finding.of(Rule.VALUE_NOT_SUPPLIED).force(DORSET).message("Dorset CALLS_101_ABANDONED: left blank").build());

        ComparisonChart chart = Figures.chartOf(abandoned(), FORCES, 3, Optional.empty(), findings);

        assertThat(chart.notes()).contains("Forces' notes on their figures: 'Abandoned after the IVR message' (101 calls "
                + "abandoned: Dyfed-Powys, Merseyside); 'Switchboard figure' (101 calls received: Dorset).");
        assertThat(Figures.chartOf(abandoned(), FORCES, 3, Optional.empty(), List.of()).notes())
                .noneMatch(n -> n.startsWith("Forces' notes"));
    }

    /** Every force without a value, each for the same reason: an empty return folder. */
    private static IndicatorResult noneSupplied(int withValue) {
        List<ForceValue> values = new ArrayList<>();
        for (Force f : FORCES.all()) {
            if (values.size() < withValue) {
                values.add(new ForceValue(f.code(), Optional.of(BigDecimal.TEN), Optional.of(BigDecimal.valueOf(100)),
                        OptionalDouble.of(10.0), Band.WITHIN, ""));
            } else {
                values.add(new ForceValue(f.code(), Optional.empty(), Optional.empty(), OptionalDouble.empty(), Band.MISSING,
                        "no return from the force"));
            }
        }
        Comparison c = withValue == 0 ? new Comparison(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, "sample (n-1)", List.of())
                : new Comparison(10, Double.NaN, Double.NaN, Double.NaN, 1, 10, "sample (n-1)", List.of());
        return new IndicatorResult(IndicatorCatalogue.load(Path.of("jobs/indicators")).get("calls-101-abandonment-rate").orElseThrow(),
                Period.parse("FY2022/23"), values, c);
    }

    @Test
    void aChartWithoutValuesSaysSoOnceInsteadOfDescribingAMeanOfNoForces() {
        List<String> none = Figures.chartOf(noneSupplied(0), FORCES).notes();
        assertThat(none).contains("No force has a value, so there is no mean and no band.",
                "No data for any of the 43 forces: no return from the force.");
        assertThat(none).noneMatch(n -> n.contains("mean of 0 forces"));

        // one force with a value: its value is the mean, and a sample SD of one value does not exist
        List<String> one = Figures.chartOf(noneSupplied(1), FORCES).notes();
        assertThat(one).anyMatch(n -> n.startsWith("Only one force has a value"));
        // the 42 share one parenthesis: their names, then the reason once
        assertThat(one).anyMatch(n -> n.startsWith("No data for 42 forces: ") && n.endsWith(" (no return from the force).")
                && n.indexOf("(no return from the force)") == n.lastIndexOf("(no return from the force)"));
    }

    @Test
    void aStockIsTitledAsAtItsDay() {
        IndicatorResult officers = new IndicatorResult(IndicatorCatalogue.load(Path.of("jobs/indicators")).get("officers-per-1000")
                .orElseThrow(), Period.parse("2023-03-31"), List.of(), new Comparison(Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, 0, Double.NaN, "sample (n-1)", List.of()));
        assertThat(Figures.title(officers)).endsWith(" by forces in England and Wales as at 31 March 2023");
        assertThat(Figures.title(abandoned())).endsWith(" by forces in England and Wales in the year ending 31 March 2023");
    }
}
