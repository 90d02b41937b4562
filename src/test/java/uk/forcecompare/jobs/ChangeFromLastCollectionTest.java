package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import uk.forcecompare.collection.Period;
import uk.forcecompare.indicators.Band;
import uk.forcecompare.indicators.Comparison;
import uk.forcecompare.indicators.ForceValue;
import uk.forcecompare.indicators.IndicatorCatalogue;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.validation.FindingLog;
import uk.forcecompare.validation.Rule;

class ChangeFromLastCollectionTest {

    @Test
    void aLargeMoveIsQueriedASmallOneIsNotAndNothingIsRemoved() {
        ForceDirectory forces = ForceDirectory.load(Path.of("data/reference"));
        var def = IndicatorCatalogue.load(Path.of("jobs/indicators")).get("calls-101-abandonment-rate").orElseThrow();
        List<ForceValue> values = new ArrayList<>();
        for (Force f : forces.all()) {
            double v = switch (f.name()) {
                case "Norfolk" -> 30.0;   // was 15: +100%, and 15 points is more than half the SD of 4
                case "Suffolk" -> 11.0;   // was 10: +10%, not queried
                case "Essex" -> 2.5;      // was 2.0: +25% exactly, not more than a quarter
                default -> 15.0;
            };
            values.add(new ForceValue(f.code(), Optional.of(BigDecimal.ONE), Optional.of(BigDecimal.TEN), OptionalDouble.of(v), Band.WITHIN, ""));
        }
        IndicatorResult r = new IndicatorResult(def, Period.parse("FY2022/23"), values,
                new Comparison(15, 4, 11, 19, 43, 15, "sample (n-1)", List.of()));
        FindingLog log = new FindingLog();
        ComputeTasklet.queryChanges(def, r, Map.of("E23000024", 15.0, "E23000025", 10.0, "E23000028", 2.0), forces, log);
        assertThat(log.all()).hasSize(1);
        assertThat(log.all().get(0).rule()).isEqualTo(Rule.PLAUSIBLE_CHANGE);
        assertThat(log.all().get(0).forceCode()).isEqualTo("E23000024");
        assertThat(log.all().get(0).severity().label()).isEqualTo("warning");
        assertThat(log.all().get(0).message()).contains("Norfolk").contains("+100%");
    }
}
