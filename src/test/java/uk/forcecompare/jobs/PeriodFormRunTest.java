package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A day given as the period of an indicator counted over months (999 calls "as at 2023-12-31") leaves every force
 * without a value for the same reason: it is said once, in the analyst's terms, as well as per force.
 */
class PeriodFormRunTest {

    @TempDir
    Path collection;

    @TempDir
    Path out;

    @Test
    void aDayForAMonthlyCountIsOneWarningNamingTheFormToGive() throws Exception {
        CollectionRunJobTest.sampleWith999PerThousandEntry(collection, "calls-999-per-1000:            { period: 2023-12-31 }");
        CommandLineRuns.Outcome run = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(run.exitStatus()).as(run.output()).isZero();
        Path pub = out.resolve("2024-spring");
        // one warning, not one per force as well
        List<Map<String, String>> mismatch = CsvTables.read(pub.resolve("validation-log.csv")).stream()
                .filter(r -> r.get("rule").equals("coverage.period-mismatch")).toList();
        assertThat(mismatch).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("severity", "warning").containsEntry("indicator_id", "calls-999-per-1000")
                    .containsEntry("source_file", "collection.yml").containsEntry("observed", "2023-12-31");
            assertThat(r.get("message")).startsWith("calls-999-per-1000's period 2023-12-31 is a day, but its sources count over "
                    + "periods (2023-01, for example): give a range such as 2023-01..2023-12");
        });
        assertThat(Files.readString(pub.resolve("calls-999-per-1000/chart.txt"))).contains("as at 31 December 2023");
    }
}
