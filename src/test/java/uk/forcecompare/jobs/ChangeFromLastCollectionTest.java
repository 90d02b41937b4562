package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.collection.Period;
import uk.forcecompare.indicators.Band;
import uk.forcecompare.indicators.Comparison;
import uk.forcecompare.indicators.ForceValue;
import uk.forcecompare.indicators.IndicatorCatalogue;
import uk.forcecompare.indicators.IndicatorDefinition;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.publication.queries.QueryWorkbooks;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.FindingLog;
import uk.forcecompare.validation.Rule;

class ChangeFromLastCollectionTest {

    private static final ForceDirectory FORCES = ForceDirectory.load(Path.of("data/reference"));
    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.load(Path.of("jobs/indicators"));
    private static final String NORFOLK = "E23000024", SUFFOLK = "E23000025", ESSEX = "E23000028", KENT = "E23000032";

    /** Every force at 15.0 in the period but those given, with a mean of 15 and an SD of 4. */
    private static IndicatorResult result(IndicatorDefinition def, Period period, Map<String, Double> values) {
        List<ForceValue> forces = new ArrayList<>();
        for (Force f : FORCES.all()) {
            forces.add(new ForceValue(f.code(), Optional.of(BigDecimal.ONE), Optional.of(BigDecimal.TEN),
                    OptionalDouble.of(values.getOrDefault(f.code(), 15.0)), Band.WITHIN, ""));
        }
        return new IndicatorResult(def, period, forces, new Comparison(15, 4, 11, 19, 43, 15, "sample (n-1)", List.of()));
    }

    private static List<Finding> changes(IndicatorDefinition def, IndicatorResult now, Period before, Map<String, Double> was) {
        FindingLog log = new FindingLog();
        ComputeTasklet.queryChanges(def, now, new RunRepository.PublishedValues("2023-autumn", before, was), FORCES, log);
        return log.all();
    }

    @Test
    void aLargeMoveIsQueriedASmallOneIsNotAndNothingIsRemoved() {
        var def = CATALOGUE.get("calls-101-abandonment-rate").orElseThrow();
        // Norfolk 15 -> 30: +100%, and 15 points is more than half the SD of 4; Suffolk 10 -> 11: +10%;
        // Essex 2.0 -> 2.5: +25% exactly, not more than a quarter
        IndicatorResult r = result(def, Period.parse("FY2022/23"), Map.of(NORFOLK, 30.0, SUFFOLK, 11.0, ESSEX, 2.5));
        List<Finding> found = changes(def, r, Period.parse("FY2021/22"), Map.of(NORFOLK, 15.0, SUFFOLK, 10.0, ESSEX, 2.0));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.PLAUSIBLE_CHANGE);
            assertThat(f.forceCode()).isEqualTo(NORFOLK);
            assertThat(f.severity().label()).isEqualTo("warning");
            assertThat(f.message()).isEqualTo("Norfolk's calls-101-abandonment-rate moved from 15.0 in 2023-autumn (FY2021/22) "
                    + "to 30.0 in FY2022/23 (+100%); please confirm it");
        });
    }

    @Test
    void theMessageAndTheQuestionNameTheCollectionAndBothPeriodsAtTheIndicatorsDecimals() {
        var def = CATALOGUE.get("calls-101-abandonment-rate").orElseThrow();
        // 0.15 shows as 0.2 at the indicator's 1 decimal; (23.4 - 0.15) / 0.15 = 155, so +15,500%
        IndicatorResult r = result(def, Period.parse("FY2022/23"), Map.of(KENT, 23.4));
        Finding f = changes(def, r, Period.parse("FY2021/22"), Map.of(KENT, 0.15)).get(0);
        assertThat(f.message()).isEqualTo("Kent's calls-101-abandonment-rate moved from 0.2 in 2023-autumn (FY2021/22) to 23.4 "
                + "in FY2022/23 (+15,500%); please confirm it");
        assertThat(f.observed()).isEqualTo("23.4 in FY2022/23");
        assertThat(f.expected()).isEqualTo("near 0.2 in 2023-autumn (FY2021/22)");
        assertThat(QueryWorkbooks.question(f)).isEqualTo("The value we worked out for calls-101-abandonment-rate moved from 0.2 "
                + "in 2023-autumn (FY2021/22) to 23.4 in FY2022/23 (+15,500%), a long way from one collection to the next. "
                + "Please confirm that the figures behind it are right, or tell us which are not.");
    }

    @Test
    void aPeriodOfAnotherLengthOrKindIsNotCompared() {
        var perThousand = CATALOGUE.get("calls-999-per-1000").orElseThrow();
        // four months' calls against a year's: 40 per 1,000 against 125 would read as -68%
        IndicatorResult fourMonths = result(perThousand, Period.parse("2023-02..2023-05"), Map.of(KENT, 40.0));
        assertThat(changes(perThousand, fourMonths, Period.parse("2022-01..2022-12"), Map.of(KENT, 125.0))).isEmpty();
        // four months against four months are compared
        assertThat(changes(perThousand, fourMonths, Period.parse("2022-02..2022-05"), Map.of(KENT, 125.0)))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("(-68%)"));
        // a financial year and a 12-month span are the same length
        IndicatorResult year = result(perThousand, Period.parse("2023-01..2023-12"), Map.of(KENT, 40.0));
        assertThat(changes(perThousand, year, Period.parse("FY2021/22"), Map.of(KENT, 125.0))).hasSize(1);

        var officers = CATALOGUE.get("officers-per-1000").orElseThrow();
        IndicatorResult asAt = result(officers, Period.parse("2023-03-31"), Map.of(KENT, 40.0));
        assertThat(changes(officers, asAt, Period.parse("2022-03-31"), Map.of(KENT, 125.0))).hasSize(1);
        assertThat(changes(officers, asAt, Period.parse("FY2021/22"), Map.of(KENT, 125.0))).isEmpty();
    }

    @TempDir
    Path work;

    /**
     * A collection of the sample's population and 999 calls in which Kent answered {@code answered} of 1,000 calls within
     * 10 seconds each month of 2023.
     */
    private Path collection(String id, int answered, String title) throws Exception {
        Path c = work.resolve(id);
        Files.createDirectories(c.resolve("bt"));
        Files.createDirectories(c.resolve("ons"));
        Path sample = Path.of("data/sample/2024-spring");
        Files.copy(sample.resolve("ons/pfa-population.csv"), c.resolve("ons/pfa-population.csv"));
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(sample.resolve("bt/999-calls-2023.csv"))) {
            if (!line.contains(",Kent Police,")) {
                rows.add(line);
                continue;
            }
            String month = line.substring(0, line.indexOf(','));
            rows.add(month + ",Kent Police,1000," + answered + "," + (answered / 10.0) + ",2.0");
        }
        Files.write(c.resolve("bt/999-calls-2023.csv"), rows);
        Files.writeString(c.resolve("collection.yml"), """
                id: %s
                title: %s
                population:
                  mid-year: 2020
                sources:
                  - file: ons/pfa-population.csv
                    kind: ons-population
                  - file: bt/999-calls-2023.csv
                    kind: police-uk-999
                indicators:
                  calls-999-answered-within-10s: { period: "2023-01..2023-12" }
                """.formatted(id, title));
        return c;
    }

    private List<Map<String, String>> changesLogged(Path collection, Path out, String id) {
        CommandLineRuns.Outcome run = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(run.exitStatus()).as(run.output()).isZero();
        return CsvTables.read(out.resolve(id).resolve("validation-log.csv")).stream()
                .filter(r -> r.get("rule").equals(Rule.PLAUSIBLE_CHANGE.id()) && r.get("force_code").equals(KENT)).toList();
    }

    @Test
    void aCollectionRunAgainIsComparedWithTheCollectionBeforeItNotOnePublishedSince() throws Exception {
        String tag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String autumn = "autumn-" + tag, spring = "spring-" + tag, later = "later-" + tag;
        Path out = work.resolve("out");
        // Kent answers 99.0% in autumn, 50.0% in spring and 25.0% in the later collection
        changesLogged(collection(autumn, 990, "autumn"), out, autumn);
        Path springFolder = collection(spring, 500, "spring");
        // (50.0 - 99.0) / 99.0 = -49.49%, shown as -49%
        String fromAutumn = "Kent's calls-999-answered-within-10s moved from 99.0 in " + autumn + " (2023-01..2023-12) to 50.0 "
                + "in 2023-01..2023-12 (-49%); please confirm it";
        assertThat(changesLogged(springFolder, out, spring)).singleElement()
                .satisfies(r -> assertThat(r.get("message")).isEqualTo(fromAutumn));
        changesLogged(collection(later, 250, "later"), out, later);

        // spring run again (its manifest edited, so a new run) after the later collection was published: still autumn
        Path manifest = springFolder.resolve("collection.yml");
        Files.writeString(manifest, Files.readString(manifest).replace("title: spring", "title: spring, corrected"));
        assertThat(changesLogged(springFolder, out, spring)).singleElement().satisfies(r -> {
            assertThat(r.get("message")).isEqualTo(fromAutumn);
            assertThat(r.get("expected")).isEqualTo("near 99.0 in " + autumn + " (2023-01..2023-12)");
        });
    }
}
