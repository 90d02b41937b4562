package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.collection.CollectionLoader;
import uk.forcecompare.publication.PublicationWriter;

/** The whole collection run, through the command line, on the embedded PostgreSQL. */
class CollectionRunJobTest {

    static final Path SAMPLE = Path.of("data/sample/2024-spring");
    static final Path DEFECTS = Path.of("src/test/resources/collections/defects-2023");
    static final Path EXPECTED = Path.of("src/test/resources/collections");

    @TempDir
    Path out;

    @Test
    void theBundledSampleGivesTheIndependentlyComputedValues() throws IOException {
        CommandLineRuns.Outcome first = CommandLineRuns.run("run", SAMPLE.toString(), "--out", out.toString());
        assertThat(first.exitStatus()).as(first.output()).isZero();
        Path pub = out.resolve("2024-spring");
        assertThat(CsvTables.header(pub.resolve("indicators.csv"))).isEqualTo(PublicationWriter.INDICATORS_HEADER);
        ExpectedIndicators.assertMatches(pub.resolve("indicators.csv"), EXPECTED.resolve("sample-2024-spring-expected-indicators.csv"));

        // the published figure: 285 civil orders in 9,950 incidents is 2.864...%, displayed as 2.9
        Map<String, String> norfolk = CsvTables.read(pub.resolve("indicators.csv")).stream()
                .filter(r -> r.get("indicator_id").equals("asb-civil-order-ratio") && r.get("force_code").equals("E23000024"))
                .findFirst().orElseThrow();
        assertThat(norfolk.get("numerator")).isEqualTo("285");
        assertThat(norfolk.get("denominator")).isEqualTo("9950");
        assertThat(Double.parseDouble(norfolk.get("value"))).isEqualTo(285.0 / 9950.0 * 100);
        Map<String, String> norfolkDisplayed = CsvTables.read(pub.resolve("asb-civil-order-ratio/data.csv")).stream()
                .filter(r -> r.get("force_code").equals("E23000024")).findFirst().orElseThrow();
        assertThat(norfolkDisplayed.get("value")).isEqualTo("2.9");
        Map<String, String> norfolk999 = CsvTables.read(pub.resolve("calls-999-answered-within-10s/data.csv")).stream()
                .filter(r -> r.get("force_code").equals("E23000024")).findFirst().orElseThrow();
        assertThat(norfolk999.get("value")).isEqualTo("87.1");
        // Cleveland: 189 orders in 9,736 incidents, 1.9412..., above an upper edge of 1.93896... (the expected
        // indicators): both show as 1.9, so its row says which is which, to the three places that part them
        Map<String, String> cleveland = CsvTables.read(pub.resolve("asb-civil-order-ratio/data.csv")).stream()
                .filter(r -> r.get("force_code").equals("E23000013")).findFirst().orElseThrow();
        assertThat(cleveland).containsEntry("value", "1.9").containsEntry("upper", "1.9").containsEntry("band", "above")
                .containsEntry("note", "above the band: 1.941 against its upper edge of 1.939, which both show as 1.9");
        assertThat(pub.resolve("forces/cleveland.html")).content()
                .contains("above (1.941 against an upper edge of 1.939: the two show the same to 1 decimal place)");

        for (String id : List.of("calls-999-answered-within-10s", "asb-civil-order-ratio", "calls-101-abandonment-rate", "calls-999-per-1000")) {
            assertThat(pub.resolve(id).resolve("data.csv")).isNotEmptyFile();
        }
        // warnings only: Gwent sent no return, Cumbria left a value blank; Police Scotland and PSNI rows excluded
        List<Map<String, String>> log = CsvTables.read(pub.resolve("validation-log.csv"));
        assertThat(log).noneMatch(r -> r.get("severity").equals("error"));
        assertContainsExpectedFindings(log, EXPECTED.resolve("sample-2024-spring-expected-findings.csv"));
        // a cell's finding names the indicator its measure feeds where it feeds one of the run's four: Cumbria's blank
        // CALLS_101_ABANDONED only the 101 abandonment rate, Cheshire's ASB_INCIDENTS only the civil order ratio;
        // Cambridgeshire's FUNDING_TOTAL_GBP feeds none of the four, so its note names none
        assertThat(indicatorAt(log, "E23000002", "Return!C10")).isEqualTo("calls-101-abandonment-rate");
        assertThat(indicatorAt(log, "E23000006", "Return!D4")).isEqualTo("asb-civil-order-ratio");
        assertThat(indicatorAt(log, "E23000023", "Return!D14")).isEmpty();
        assertThat(pub.resolve("validation-report.html")).content().contains("Gwent");
        // the forces' notes beside their 101 figures (read from the returns' Notes column by hand) are under the chart
        assertThat(Files.readString(pub.resolve("calls-101-abandonment-rate/chart.txt"))).contains("Forces' notes on their "
                + "figures: 'Abandoned after the IVR message' (101 calls abandoned: Dyfed-Powys, Merseyside, Northamptonshire, "
                + "South Yorkshire, Wiltshire); 'Switchboard figure, calls presented to the contact centre' (101 calls "
                + "received: Dorset, Leicestershire, Metropolitan Police).");

        String runJson = Files.readString(pub.resolve("run.json"));
        String populationSha = CollectionLoader.sha256(SAMPLE.resolve("ons/pfa-population.csv"));
        assertThat(runJson).contains("\"collection_id\" : \"2024-spring\"").contains(populationSha)
                .contains("\"sd_method\" : \"sample (n-1)\"").contains("\"job_execution_id\"");

        // the same inputs again: nothing new is published, and the first run's status is repeated
        FileTime before = Files.getLastModifiedTime(pub.resolve("indicators.csv"));
        CommandLineRuns.Outcome again = CommandLineRuns.run("run", SAMPLE.toString(), "--out", out.toString());
        assertThat(again.exitStatus()).isZero();
        assertThat(again.output()).contains("already published by run");
        assertThat(Files.getLastModifiedTime(pub.resolve("indicators.csv"))).isEqualTo(before);
    }

    @Test
    void aCollectionWithDefectsIsPublishedWithErrorsAndEachDefectLogged() {
        CommandLineRuns.Outcome outcome = CommandLineRuns.run("run", DEFECTS.toString(), "--out", out.toString());
        assertThat(outcome.exitStatus()).as(outcome.output()).isEqualTo(3);
        Path pub = out.resolve("defects-2023");
        ExpectedIndicators.assertMatches(pub.resolve("indicators.csv"), DEFECTS.resolve("expected-indicators.csv"));
        assertContainsExpectedFindings(CsvTables.read(pub.resolve("validation-log.csv")), DEFECTS.resolve("expected-findings.csv"));
        // each force with an error or warning gets a workbook of queries, ready to send
        assertThat(pub.resolve("queries/lancashire.xlsx")).exists();
        assertThat(pub.resolve("queries/surrey.xlsx")).exists();
        CommandLineRuns.Outcome again = CommandLineRuns.run("run", DEFECTS.toString(), "--out", out.toString());
        assertThat(again.exitStatus()).isEqualTo(3);
        assertThat(again.output()).contains("already published by run");
    }

    @Test
    void inputsPublishedBeforeArePublishedAgainWhenTheirPublicationWasReplacedOrDeleted(@TempDir Path collections) throws IOException {
        Path copy = collections.resolve("2024-spring");
        RestartAfterCrashTest.copyTree(SAMPLE, copy);
        String manifest = Files.readString(copy.resolve("collection.yml"));
        assertThat(CommandLineRuns.run("run", copy.toString(), "--out", out.toString()).exitStatus()).isZero();
        byte[] a = Files.readAllBytes(out.resolve("2024-spring/indicators.csv"));

        // a resubmission (B) replaces the publication; going back to the first inputs (A) must publish A again
        Files.writeString(copy.resolve("collection.yml"), manifest.replace("\"FY2022/23\" }\n  calls-101", "\"FY2022/23\" }\n  calls-101")
                .replace("calls-999-per-1000:            { period: \"2023-01..2023-12\" }\n", ""));
        assertThat(CommandLineRuns.run("run", copy.toString(), "--out", out.toString()).exitStatus()).isZero();
        assertThat(Files.readAllBytes(out.resolve("2024-spring/indicators.csv"))).isNotEqualTo(a);
        Files.writeString(copy.resolve("collection.yml"), manifest);
        CommandLineRuns.Outcome back = CommandLineRuns.run("run", copy.toString(), "--out", out.toString());
        assertThat(back.exitStatus()).isZero();
        assertThat(back.output()).doesNotContain("already published");
        assertThat(Files.readAllBytes(out.resolve("2024-spring/indicators.csv"))).isEqualTo(a);

        // a deleted publication is published again too
        PublicationWriterAccess.delete(out);
        CommandLineRuns.Outcome again = CommandLineRuns.run("run", copy.toString(), "--out", out.toString());
        assertThat(again.exitStatus()).isZero();
        assertThat(Files.readAllBytes(out.resolve("2024-spring/indicators.csv"))).isEqualTo(a);
        assertThat(CommandLineRuns.run("run", copy.toString(), "--out", out.toString()).output()).contains("already published by run");
    }

    @Test
    void withoutAManifestAFileThatCannotBeOpenedIsAnErrorAndOneOfNoKnownKindAWarning(@TempDir Path collections) throws IOException {
        // no collection.yml: every file's kind is found from its name, sheets or header, as validate finds it
        Path copy = collections.resolve("spring-undeclared");
        RestartAfterCrashTest.copyTree(SAMPLE, copy);
        Files.delete(copy.resolve("collection.yml"));
        Files.copy(Path.of("src/test/resources/sources/malformed/truncated.xlsx"), copy.resolve("extra-truncated.xlsx"));
        Files.copy(Path.of("src/test/resources/malformed/pub-unknown-kind.csv"), copy.resolve("extra-notes.csv"));

        CommandLineRuns.Outcome outcome = CommandLineRuns.run("run", copy.toString(), "--out", out.toString());
        assertThat(outcome.exitStatus()).as(outcome.output()).isEqualTo(3);
        List<Map<String, String>> log = CsvTables.read(out.resolve("spring-undeclared/validation-log.csv"));
        assertThat(log).filteredOn(r -> r.get("source_file").equals("extra-truncated.xlsx")).singleElement().satisfies(r -> {
            assertThat(r.get("rule")).isEqualTo("file.unreadable");
            assertThat(r.get("severity")).isEqualTo("error");
        });
        assertThat(log).filteredOn(r -> r.get("source_file").equals("extra-notes.csv")).singleElement().satisfies(r -> {
            assertThat(r.get("rule")).isEqualTo("file.kind-unknown");
            assertThat(r.get("severity")).isEqualTo("warning");
            assertThat(r.get("message")).contains("Declare its kind in collection.yml");
        });
        // nothing declares returns, but 42 were found: Gwent, the one force without, is told so as with a manifest
        assertThat(log).filteredOn(r -> r.get("rule").equals("coverage.no-return")).singleElement().satisfies(r -> {
            assertThat(r.get("severity")).isEqualTo("warning");
            assertThat(r.get("force_code")).isEqualTo("W15000002");
            assertThat(r.get("source_file")).isEqualTo("returns/");
            assertThat(r.get("message")).isEqualTo("Gwent sent no return for this collection; its values from returns are missing");
        });
        // every indicator the data supports is published; the six the sample has no source for are named, not dropped
        assertThat(log).filteredOn(r -> r.get("rule").equals("indicator.not-computed")).extracting(r -> r.get("indicator_id"))
                .containsExactlyInAnyOrder("officers-per-1000", "stop-search-per-1000", "stop-search-arrest-rate",
                        "stop-search-find-rate", "asb-incidents-per-1000", "crimes-per-1000");
        assertThat(log).filteredOn(r -> r.get("indicator_id").equals("officers-per-1000")).singleElement().satisfies(r -> {
            assertThat(r.get("severity")).isEqualTo("info");
            assertThat(r.get("message")).isEqualTo("officers-per-1000 is not published: no source in the collection gives OFFICER_FTE");
        });
        // no manifest names a mid-year: the latest in the population table (2020) is used, and said so
        assertThat(Files.readString(out.resolve("spring-undeclared/run.json"))).contains("\"population_mid_year\" : 2020");
        assertThat(Files.readString(out.resolve("spring-undeclared/calls-999-per-1000/chart.txt")))
                .contains("Population: ONS mid-2020 population estimates for police force areas.");
        assertThat(Files.readString(out.resolve("spring-undeclared/calls-999-answered-within-10s/chart.txt")))
                .doesNotContain("Population:");
    }

    /** Every expected finding appears in the log; an empty expected field matches anything. */
    /** The 999-per-1,000 entry of the sample's manifest, as it stands. */
    static final String CALLS_999_PER_1000_ENTRY = "calls-999-per-1000:            { period: \"2023-01..2023-12\" }";

    /** The bundled sample copied into {@code to}, its manifest's 999-per-1,000 entry given as {@code entry}. */
    static Path sampleWith999PerThousandEntry(Path to, String entry) throws IOException {
        RestartAfterCrashTest.copyTree(SAMPLE, to);
        Path manifest = to.resolve("collection.yml");
        String yml = Files.readString(manifest);
        assertThat(yml).contains(CALLS_999_PER_1000_ENTRY);
        Files.writeString(manifest, yml.replace(CALLS_999_PER_1000_ENTRY, entry));
        return to;
    }

    private static String indicatorAt(List<Map<String, String>> log, String forceCode, String location) {
        return log.stream().filter(r -> r.get("force_code").equals(forceCode) && r.get("location").equals(location))
                .map(r -> r.get("indicator_id")).reduce((a, b) -> {
                    throw new AssertionError("two findings at " + forceCode + " " + location);
                }).orElseThrow(() -> new AssertionError("no finding at " + forceCode + " " + location));
    }

    static void assertContainsExpectedFindings(List<Map<String, String>> log, Path expectedFile) {
        for (Map<String, String> want : CsvTables.read(expectedFile)) {
            assertThat(log).as("the log should hold " + want).anyMatch(got -> want.entrySet().stream()
                    .allMatch(e -> e.getValue().isEmpty() || e.getValue().equals(got.get(e.getKey()))));
        }
    }

    static final class PublicationWriterAccess {
        static void delete(Path root) throws IOException {
            try (var s = Files.walk(root)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    if (!p.equals(root)) Files.delete(p);
                }
            }
        }
    }
}
