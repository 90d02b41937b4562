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
        RestartAfterCrashTest.copyTree(CollectionRunJobTest.SAMPLE, collection);
        Path manifest = collection.resolve("collection.yml");
        String yml = Files.readString(manifest);
        assertThat(yml).contains("calls-999-per-1000:            { period: \"2023-01..2023-12\" }");
        Files.writeString(manifest, yml.replace("calls-999-per-1000:            { period: \"2023-01..2023-12\" }",
                "calls-999-per-1000:            { period: \"2023-01..2023-12\", exclude: [City of London Police] }"));

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
        String runJson = Files.readString(pub.resolve("run.json")).replaceAll("\\s+", "");
        assertThat(runJson).contains("\"excluded_forces\":[]")
                .contains("\"excluded_forces_by_indicator\":{\"calls-999-per-1000\":[\"" + CITY_OF_LONDON + "\"]}");
    }

    @Test
    void aMisspeltForceOrSettingIsRefusedBeforeAnythingRuns() throws Exception {
        RestartAfterCrashTest.copyTree(CollectionRunJobTest.SAMPLE, collection);
        Path manifest = collection.resolve("collection.yml");
        String yml = Files.readString(manifest);
        Files.writeString(manifest, yml.replace("calls-999-per-1000:            { period: \"2023-01..2023-12\" }",
                "calls-999-per-1000:            { period: \"2023-01..2023-12\", exclude: [City of Londn] }"));
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

    private static Map<String, String> row(List<Map<String, String>> rows, String indicator, String force) {
        return rows.stream().filter(r -> r.get("indicator_id").equals(indicator) && r.get("force_code").equals(force))
                .findFirst().orElseThrow();
    }
}
