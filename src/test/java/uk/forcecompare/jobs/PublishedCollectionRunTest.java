package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.publication.PublicationWriter;

/**
 * Issue 3, "Read every source the way it is published": a collection built from every published layout (ONS Table
 * P3 as ODS, Home Office workforce ODS, stop and search XLSX of the 2020/21-on era under title rows, Home Office
 * funding Table_4a ODS, police.uk 999 CSV, force returns without funding rows) gives the values computed
 * independently by {@code tools/published/expected.py}, logs each planted defect with its force and cell, and
 * exits 3. The same stop and search table in the to-2019/20 layout ({@code S&S_OD}, ODS, with '-', '..' and '*'),
 * with the population as XLSX instead of ODS, gives the same stop and search values. See
 * {@code src/test/resources/collections/published-2022/DEFECTS.md}.
 */
class PublishedCollectionRunTest {

    static final Path PUBLISHED = Path.of("src/test/resources/collections/published-2022");
    static final Path OLD_ERA = Path.of("src/test/resources/collections/published-2022-old-era");
    static final List<String> STOP_SEARCH = List.of("stop-search-per-1000", "stop-search-arrest-rate");

    @TempDir
    Path out;

    @Test
    void everyPublishedLayoutGivesTheIndependentlyComputedValuesAndEachDefectIsLogged() {
        CommandLineRuns.Outcome outcome = CommandLineRuns.run("run", PUBLISHED.toString(), "--out", out.toString());
        assertThat(outcome.exitStatus()).as(outcome.output()).isEqualTo(3);
        Path pub = out.resolve("published-2022");
        assertThat(CsvTables.header(pub.resolve("indicators.csv"))).isEqualTo(PublicationWriter.INDICATORS_HEADER);
        // value, band, mean, SD, band limits, count and England and Wales rate of every indicator and force
        ExpectedIndicators.assertMatches(pub.resolve("indicators.csv"), PUBLISHED.resolve("expected-indicators.csv"));

        List<Map<String, String>> log = CsvTables.read(pub.resolve("validation-log.csv"));
        CollectionRunJobTest.assertContainsExpectedFindings(log, PUBLISHED.resolve("expected-findings.csv"));
        // the one error is the planted one: Warwickshire's arrests exceed its searches, at the cell that carries them
        assertThat(log.stream().filter(r -> r.get("severity").equals("error")).toList()).singleElement().satisfies(r -> {
            assertThat(r.get("rule")).isEqualTo("value.part-exceeds-whole");
            assertThat(r.get("force_code")).isEqualTo("E23000017");
            assertThat(r.get("indicator_id")).isEqualTo("stop-search-arrest-rate");
            assertThat(r.get("source_file")).isEqualTo("home-office/stop-search.xlsx");
            assertThat(r.get("location")).isEqualTo("Data!J3051");
        });
        // nothing in a published layout is left unread or unrecognised (the returns leave out their FUNDING_* rows on
        // purpose, so a product may log those rows as not supplied: that is not checked here)
        assertThat(log).noneMatch(r -> List.of("file.unreadable", "structure.column-missing", "structure.sheet-missing",
                "force.unknown", "value.unparseable", "file.kind-unknown", "coverage.population-missing",
                "coverage.no-return", "coverage.period-mismatch", "coverage.month-missing", "row.duplicate-exact",
                "row.duplicate-conflict").contains(r.get("rule")));

        Map<String, Map<String, String>> rows = byIndicatorAndForce(pub.resolve("indicators.csv"));
        // the suppressed '..' officer FTE removes Lincolnshire's officers per 1,000 (its population stays)
        Map<String, String> lincs = rows.get("officers-per-1000|E23000020");
        assertThat(lincs.get("band")).isEqualTo("missing");
        assertThat(lincs.get("numerator")).isEmpty();
        assertThat(lincs.get("denominator")).isEqualTo("766333");
        // Avon & Somerset's officers are the real published rows for 31 March 2022: 3,057.46 FTE
        assertThat(Double.parseDouble(rows.get("officers-per-1000|E23000036").get("numerator"))).isEqualTo(3057.46);
        // '[c]' arrests remove Dorset's arrest rate, not its searches per 1,000
        assertThat(rows.get("stop-search-arrest-rate|E23000039").get("band")).isEqualTo("missing");
        assertThat(rows.get("stop-search-arrest-rate|E23000039").get("numerator")).isEmpty();
        assertThat(rows.get("stop-search-per-1000|E23000039").get("value")).isNotEmpty();
        // City of London's blank precept: its precept share is missing, its funding per 1,000 comes from the table
        assertThat(rows.get("precept-share|E23000034").get("band")).isEqualTo("missing");
        assertThat(rows.get("funding-per-1000|E23000034").get("value")).isNotEmpty();
        assertThat(log).anyMatch(r -> r.get("rule").equals("value.suppressed") && r.get("force_code").equals("E23000034")
                && r.get("location").equals("Table_4a!V42"));
        // British Transport Police, Police Scotland and PSNI rows are excluded and logged, never in a total
        assertThat(log.stream().filter(r -> r.get("rule").equals("force.not-territorial")).count()).isGreaterThanOrEqualTo(136);
    }

    @Test
    void theOldEraStopAndSearchLayoutGivesTheSameValuesAsTheNewEra() {
        CommandLineRuns.Outcome old = CommandLineRuns.run("run", OLD_ERA.toString(), "--out", out.toString());
        assertThat(old.exitStatus()).as(old.output()).isEqualTo(3);
        Path oldPub = out.resolve("published-2022-old-era");
        ExpectedIndicators.assertMatches(oldPub.resolve("indicators.csv"), OLD_ERA.resolve("expected-indicators.csv"));
        List<Map<String, String>> log = CsvTables.read(oldPub.resolve("validation-log.csv"));
        CollectionRunJobTest.assertContainsExpectedFindings(log, OLD_ERA.resolve("expected-findings.csv"));
        assertThat(log).anyMatch(r -> r.get("rule").equals("value.suppressed") && r.get("force_code").equals("E23000039")
                && r.get("location").equals("'S&S_OD'!J711"));

        CommandLineRuns.Outcome now = CommandLineRuns.run("run", PUBLISHED.toString(), "--out", out.toString());
        assertThat(now.exitStatus()).as(now.output()).isEqualTo(3);
        Map<String, Map<String, String>> newEra = byIndicatorAndForce(out.resolve("published-2022").resolve("indicators.csv"));
        Map<String, Map<String, String>> oldEra = byIndicatorAndForce(oldPub.resolve("indicators.csv"));
        // the same table in both eras' layouts (XLSX with snake_case headers under title rows; ODS S&S_OD with
        // '-', '..' and '*'), and the population as XLSX instead of ODS: every stop and search number is the same
        assertThat(oldEra.keySet()).hasSize(2 * 43);
        for (String key : oldEra.keySet()) {
            assertThat(STOP_SEARCH).contains(key.substring(0, key.indexOf('|')));
            assertThat(oldEra.get(key)).as(key).isEqualTo(newEra.get(key));
        }
    }

    private static Map<String, Map<String, String>> byIndicatorAndForce(Path indicators) {
        return CsvTables.read(indicators).stream()
                .collect(Collectors.toMap(r -> r.get("indicator_id") + "|" + r.get("force_code"), r -> r));
    }
}
