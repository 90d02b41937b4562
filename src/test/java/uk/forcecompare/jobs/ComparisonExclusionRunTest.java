package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * City of London's small resident population stretches the band of a per-1,000 indicator but not of a percentage: an
 * analyst leaves it out of one indicator's mean and SD in the manifest, and the other indicators keep all 43 forces.
 */
class ComparisonExclusionRunTest {

    private static final String CITY_OF_LONDON = "E23000034";

    @TempDir
    Path collection;

    @TempDir
    Path out;

    @Test
    void aForceLeftOutOfOneIndicatorStaysInTheOthers() throws Exception {
        CollectionRunJobTest.sampleWith999PerThousandEntry(collection,
                "calls-999-per-1000:            { period: \"2023-01..2023-12\", exclude: [City of London Police] }");

        CommandLineRuns.Outcome run = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(run.exitStatus()).as(run.output()).isZero();
        Path pub = out.resolve("2024-spring");
        List<Map<String, String>> rows = CsvTables.read(pub.resolve("indicators.csv"));

        // the mean of the other 42 forces' values, from the independently computed expected indicators
        List<Map<String, String>> expected = CsvTables.read(CollectionRunJobTest.EXPECTED.resolve("sample-2024-spring-expected-indicators.csv"));
        double[] others = expected.stream().filter(r -> r.get("indicator_id").equals("calls-999-per-1000")
                && !r.get("force_code").equals(CITY_OF_LONDON)).mapToDouble(r -> Double.parseDouble(r.get("value"))).toArray();
        assertThat(others).hasSize(42);
        double mean = java.util.Arrays.stream(others).average().orElseThrow();
        double ss = java.util.Arrays.stream(others).map(v -> (v - mean) * (v - mean)).sum();
        double sd = Math.sqrt(ss / 41);

        Map<String, String> city = row(rows, "calls-999-per-1000", CITY_OF_LONDON);
        assertThat(city.get("n_forces")).isEqualTo("42");
        assertThat(Double.parseDouble(city.get("mean"))).isCloseTo(mean, within(1e-9));
        assertThat(Double.parseDouble(city.get("sd"))).isCloseTo(sd, within(1e-9));
        // still a value and a band: left out of the average, not out of the chart
        assertThat(city.get("value")).isNotEmpty();
        assertThat(city.get("band")).isNotEqualTo("missing");
        // the 999 answer rate keeps all 43
        assertThat(row(rows, "calls-999-answered-within-10s", CITY_OF_LONDON).get("n_forces")).isEqualTo("43");

        assertThat(Files.readString(pub.resolve("calls-999-per-1000/chart.txt")))
                .contains("Left out of the mean and standard deviation by configuration: City of London.");
        assertThat(Files.readString(pub.resolve("calls-999-answered-within-10s/chart.txt"))).doesNotContain("by configuration");
        assertThat(CsvTables.read(pub.resolve("calls-999-per-1000/data.csv"))).filteredOn(r -> r.get("force_code").equals(CITY_OF_LONDON))
                .singleElement().satisfies(r -> assertThat(r).containsEntry("note", "left out of the mean and SD by configuration")
                        .containsEntry("sd_method", "sample (n-1)"));
        String runJson = Files.readString(pub.resolve("run.json")).replaceAll("\\s+", "");
        assertThat(runJson).contains("\"excluded_forces\":[]")
                .contains("\"excluded_forces_by_indicator\":{\"calls-999-per-1000\":[\"" + CITY_OF_LONDON + "\"]}");
    }

    @Test
    void aMisspeltForceOrSettingIsRefusedBeforeAnythingRuns() throws Exception {
        CollectionRunJobTest.sampleWith999PerThousandEntry(collection,
                "calls-999-per-1000:            { period: \"2023-01..2023-12\", exclude: [City of Londn] }");
        Path manifest = collection.resolve("collection.yml");
        String yml = Files.readString(manifest).replace(", exclude: [City of Londn]", "");
        CommandLineRuns.Outcome misspelt = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(misspelt.exitStatus()).as(misspelt.output()).isEqualTo(2);
        assertThat(misspelt.output()).contains("'City of Londn' in indicators.calls-999-per-1000.exclude is not one of the 43 forces");

        Files.writeString(manifest, yml.replace("calls-999-per-1000:            { period: \"2023-01..2023-12\" }",
                "calls-999-per-1000:            { perod: \"2023-01..2023-12\" }"));
        CommandLineRuns.Outcome typo = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(typo.exitStatus()).as(typo.output()).isEqualTo(2);
        assertThat(typo.output()).contains("indicator calls-999-per-1000: unknown setting 'perod'");

        Files.writeString(manifest, yml + "comparison: { sd: sample, exclude: [Gotham] }\n");
        CommandLineRuns.Outcome global = CommandLineRuns.run("validate", collection.toString(), "--out", out.resolve("v").toString());
        assertThat(global.exitStatus()).as(global.output()).isEqualTo(2);
        assertThat(global.output()).contains("'Gotham' in comparison.exclude is not one of the 43 forces");
        assertThat(out.resolve("2024-spring")).doesNotExist();
    }

    @Test
    void thePopulationSdIsComputedAndNamedBesideTheValues() throws Exception {
        RestartAfterCrashTest.copyTree(CollectionRunJobTest.SAMPLE, collection);
        Path manifest = collection.resolve("collection.yml");
        Files.writeString(manifest, Files.readString(manifest) + "comparison: { sd: population }\n");
        CommandLineRuns.Outcome run = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(run.exitStatus()).as(run.output()).isZero();
        Path pub = out.resolve("2024-spring");

        // the population SD (divided by n = 43) of the independently computed 999 answer rates
        double[] values = CsvTables.read(CollectionRunJobTest.EXPECTED.resolve("sample-2024-spring-expected-indicators.csv")).stream()
                .filter(r -> r.get("indicator_id").equals("calls-999-answered-within-10s"))
                .mapToDouble(r -> Double.parseDouble(r.get("value"))).toArray();
        assertThat(values).hasSize(43);
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / 43);
        assertThat(Double.parseDouble(row(CsvTables.read(pub.resolve("indicators.csv")), "calls-999-answered-within-10s", "E23000024")
                .get("sd"))).isCloseTo(sd, within(1e-9));

        assertThat(CsvTables.read(pub.resolve("calls-999-answered-within-10s/data.csv")))
                .hasSize(43).allSatisfy(r -> assertThat(r).containsEntry("sd_method", "population (n)"));
        assertThat(CsvTables.read(pub.resolve("sentences.csv"))).isNotEmpty()
                .allSatisfy(r -> assertThat(r).containsEntry("sd_method", "population (n)"));
        assertThat(Files.readString(pub.resolve("run.json"))).contains("\"sd_method\" : \"population (n)\"");
    }

    private static Map<String, String> row(List<Map<String, String>> rows, String indicator, String force) {
        return rows.stream().filter(r -> r.get("indicator_id").equals(indicator) && r.get("force_code").equals(force))
                .findFirst().orElseThrow();
    }
}
