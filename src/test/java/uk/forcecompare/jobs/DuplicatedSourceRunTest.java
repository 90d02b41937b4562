package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 999 file listed twice, as a copy beside the original: contract 4a makes the same row repeated a warning,
 * counted once, and the same figure with different values an error that leaves that figure out. Before, the two were
 * added together without a word: Cumbria's 999 calls doubled, and the per-1,000 mean with them.
 */
class DuplicatedSourceRunTest {

    private static final String NORFOLK = "E23000024", CUMBRIA = "E23000002";

    @TempDir
    Path collection;

    @TempDir
    Path out;

    private void copySampleWithSecond999File(String copy) throws Exception {
        RestartAfterCrashTest.copyTree(CollectionRunJobTest.SAMPLE, collection);
        Files.writeString(collection.resolve("bt/999-copy.csv"), copy);
        Path manifest = collection.resolve("collection.yml");
        String yml = Files.readString(manifest);
        assertThat(yml).contains("  - file: bt/999-calls-2023.csv\n    kind: police-uk-999\n");
        Files.writeString(manifest, yml.replace("  - file: bt/999-calls-2023.csv\n    kind: police-uk-999\n",
                "  - file: bt/999-calls-2023.csv\n    kind: police-uk-999\n  - file: bt/999-copy.csv\n    kind: police-uk-999\n"));
    }

    @Test
    void anExactCopyIsCountedOnce() throws Exception {
        copySampleWithSecond999File(Files.readString(CollectionRunJobTest.SAMPLE.resolve("bt/999-calls-2023.csv")));
        CommandLineRuns.Outcome run = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(run.exitStatus()).as(run.output()).isZero();
        Path pub = out.resolve("2024-spring");
        // every value as the sample's own, independently computed
        ExpectedIndicators.assertMatches(pub.resolve("indicators.csv"),
                CollectionRunJobTest.EXPECTED.resolve("sample-2024-spring-expected-indicators.csv"));
        List<Map<String, String>> repeats = CsvTables.read(pub.resolve("validation-log.csv")).stream()
                .filter(r -> r.get("rule").equals("row.duplicate-exact")).toList();
        // one per force: 12 months of total calls and of calls answered in under 10 seconds each
        assertThat(repeats).hasSize(43).allSatisfy(r -> assertThat(r).containsEntry("severity", "warning")
                .containsEntry("source_file", "bt/999-copy.csv"));
        assertThat(repeats).anySatisfy(r -> assertThat(r).containsEntry("force_code", CUMBRIA).extractingByKey("message")
                .asString().contains("repeats 24 figures of Cumbria that bt/999-calls-2023.csv already gives"));
    }

    @Test
    void aCopyWithAnotherValueLeavesThatFigureOut() throws Exception {
        String original = Files.readString(CollectionRunJobTest.SAMPLE.resolve("bt/999-calls-2023.csv"));
        assertThat(original).contains("2023-01,Norfolk Constabulary,15062,13254,");
        // only Norfolk's January in the second file, with 100 more calls
        String header = original.lines().findFirst().orElseThrow();
        copySampleWithSecond999File(header + "\n2023-01,Norfolk Constabulary,15162,13254,87.4,5.0\n");
        CommandLineRuns.Outcome run = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(run.exitStatus()).as(run.output()).isEqualTo(3);
        Path pub = out.resolve("2024-spring");
        List<Map<String, String>> log = CsvTables.read(pub.resolve("validation-log.csv"));
        assertThat(log.stream().filter(r -> r.get("rule").equals("row.duplicate-conflict")))
                .extracting(r -> r.get("source_file")).containsExactlyInAnyOrder("bt/999-calls-2023.csv", "bt/999-copy.csv");
        // each at Norfolk's January line in its own file: the copy's second line; in the original, the line grep finds
        int originalLine = original.lines().toList().indexOf(original.lines()
                .filter(l -> l.startsWith("2023-01,Norfolk Constabulary,")).findFirst().orElseThrow()) + 1;
        assertThat(log.stream().filter(r -> r.get("rule").equals("row.duplicate-conflict")))
                .extracting(r -> r.get("source_file") + " " + r.get("location"))
                .containsExactlyInAnyOrder("bt/999-calls-2023.csv line " + originalLine, "bt/999-copy.csv line 2");
        // the calls answered agree (13,254 in both): exact, counted once; the total does not, so Norfolk's year is
        // missing for both 999 indicators, and every other force keeps its value
        assertThat(log).anySatisfy(r -> assertThat(r).containsEntry("rule", "row.duplicate-exact").containsEntry("force_code", NORFOLK));
        List<Map<String, String>> rows = CsvTables.read(pub.resolve("indicators.csv"));
        for (String id : List.of("calls-999-answered-within-10s", "calls-999-per-1000")) {
            assertThat(rows).filteredOn(r -> r.get("indicator_id").equals(id) && r.get("force_code").equals(NORFOLK))
                    .singleElement().satisfies(r -> assertThat(r).containsEntry("band", "missing").containsEntry("value", ""));
            assertThat(rows).filteredOn(r -> r.get("indicator_id").equals(id) && !r.get("force_code").equals(NORFOLK))
                    .hasSize(42).allSatisfy(r -> assertThat(r.get("value")).isNotEmpty());
        }
    }
}
