package uk.forcecompare.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.collection.Period;
import uk.forcecompare.indicators.Band;
import uk.forcecompare.indicators.Comparison;
import uk.forcecompare.indicators.ForceValue;
import uk.forcecompare.indicators.IndicatorCatalogue;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;

/** data.csv: the table behind a chart, as a report author quotes it. */
class ChartDataTest {

    private static final ForceDirectory FORCES = ForceDirectory.load(Path.of("data/reference"));

    @TempDir
    Path root;

    @Test
    void forcesWithExactlyTheSameValueShareTheirRank() throws Exception {
        // 101 calls abandoned: Cumbria 30 of 100, Dorset 5 of 100, Norfolk and Suffolk each 3 of 10 (30 too),
        // every other force 10 of 100
        List<ForceValue> values = new ArrayList<>();
        for (Force f : FORCES.all()) {
            long part = switch (f.name()) {
                case "Cumbria" -> 30;
                case "Dorset" -> 5;
                case "Norfolk", "Suffolk" -> 3;
                default -> 10;
            };
            long whole = f.name().equals("Norfolk") || f.name().equals("Suffolk") ? 10 : 100;
            values.add(new ForceValue(f.code(), Optional.of(BigDecimal.valueOf(part)), Optional.of(BigDecimal.valueOf(whole)),
                    OptionalDouble.of(100.0 * part / whole), Band.WITHIN, ""));
        }
        IndicatorResult r = new IndicatorResult(IndicatorCatalogue.load(Path.of("jobs/indicators"))
                .get("calls-101-abandonment-rate").orElseThrow(), Period.parse("FY2022/23"), values,
                new Comparison(11.0, 4.0, 7.0, 15.0, 43, 10.5, "sample (n-1)", List.of()));
        PublicationWriter writer = new PublicationWriter(root, "2024-spring", 1, "");
        writer.startStaging();

        writer.writeChartData(r, FORCES);

        List<String> lines = Files.readAllLines(writer.staging().resolve("calls-101-abandonment-rate/data.csv"));
        List<String> rankAndName = lines.subList(1, lines.size()).stream()
                .map(l -> l.split(",")[0] + " " + l.split(",")[2]).toList();
        // three forces at exactly 30 percent are joint first; the 39 at 10 percent joint fourth; Dorset 43rd
        assertThat(rankAndName.subList(0, 3)).containsExactly("1 Cumbria", "1 Norfolk", "1 Suffolk");
        assertThat(rankAndName.subList(3, 42)).allMatch(s -> s.startsWith("4 ")).hasSize(39);
        assertThat(rankAndName.get(42)).isEqualTo("43 Dorset");
    }
}
