package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kent's twelve rows left off the 999 table: a whole year lost is a warning at the file, as plainly as one missing
 * month would be, not only the information that Kent has no value.
 */
class ForceMissingFromTableRunTest {

    @TempDir
    Path collection;

    @TempDir
    Path out;

    @Test
    void aForceWithNoRowInAPublishedTableIsOneWarningAtTheFile() throws Exception {
        RestartAfterCrashTest.copyTree(CollectionRunJobTest.SAMPLE, collection);
        Path calls = collection.resolve("bt/999-calls-2023.csv");
        List<String> lines = Files.readAllLines(calls);
        List<String> withoutKent = lines.stream().filter(l -> !l.contains(",Kent Police,")).collect(Collectors.toList());
        assertThat(lines.size() - withoutKent.size()).isEqualTo(12);
        Files.write(calls, withoutKent);

        CommandLineRuns.Outcome run = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());

        assertThat(run.exitStatus()).as(run.output()).isZero();
        List<Map<String, String>> log = CsvTables.read(out.resolve("2024-spring/validation-log.csv"));
        assertThat(log.stream().filter(r -> r.get("rule").equals("coverage.force-missing")).toList()).singleElement()
                .satisfies(r -> {
                    assertThat(r).containsEntry("severity", "warning").containsEntry("force_code", "E23000032")
                            .containsEntry("source_file", "bt/999-calls-2023.csv").containsEntry("location", "");
                    assertThat(r.get("message")).isEqualTo("Kent has no figures in bt/999-calls-2023.csv, which gives 42 other "
                            + "forces' CALLS_999_ANSWERED_UNDER_10S, CALLS_999_TOTAL; its figures from it are missing");
                });
    }
}
