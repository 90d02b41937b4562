package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest whose {@code population.mid-year} the population table does not hold (the sample's table runs from
 * mid-2001 to mid-2020) leaves every force without a population: that is one mistake, said once as an error naming the
 * years the table holds, not 43 warnings that read as 43 forces missing from a complete table.
 */
class MidYearNotInPopulationRunTest {

    @TempDir
    Path collection;

    @TempDir
    Path out;

    @Test
    void aMidYearTheTableDoesNotHoldIsOneErrorNamingTheYearsItHolds() throws Exception {
        RestartAfterCrashTest.copyTree(CollectionRunJobTest.SAMPLE, collection);
        Path manifest = collection.resolve("collection.yml");
        String yml = Files.readString(manifest);
        assertThat(yml).contains("mid-year: 2020");
        Files.writeString(manifest, yml.replace("mid-year: 2020", "mid-year: 2021"));

        CommandLineRuns.Outcome run = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());

        assertThat(run.exitStatus()).as(run.output()).isEqualTo(CollectionRunner.PUBLISHED_WITH_ERRORS);
        Path pub = out.resolve("2024-spring");
        List<Map<String, String>> log = CsvTables.read(pub.resolve("validation-log.csv"));
        assertThat(log).noneMatch(r -> r.get("rule").equals("coverage.population-missing"));
        assertThat(log.stream().filter(r -> r.get("rule").equals("coverage.population-year-missing")).toList())
                .singleElement().satisfies(r -> {
                    assertThat(r).containsEntry("severity", "error").containsEntry("source_file", "ons/pfa-population.csv")
                            .containsEntry("force_code", "").containsEntry("observed", "mid-2001 to mid-2020")
                            .containsEntry("expected", "a mid-2021 population estimate");
                    assertThat(r.get("message")).isEqualTo("ons/pfa-population.csv has no mid-2021 estimate (POPULATION) for "
                            + "any force (it holds mid-2001 to mid-2020), so every rate per 1,000 population is missing: "
                            + "check population.mid-year in collection.yml");
                });
        // the forces are still named under the chart, with the reason
        assertThat(Files.readString(pub.resolve("calls-999-per-1000/data.csv")))
                .contains("not in the population table for mid-2021");
    }
}
