package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Validate before you submit": the same rules as a run, without the comparison or a database. */
class ValidateCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aCleanReturnPasses() {
        CommandLineRuns.Outcome o = CommandLineRuns.runExactly("validate", "data/sample/2024-spring/returns/norfolk.xlsx");
        assertThat(o.exitStatus()).as(o.output()).isZero();
        assertThat(o.output()).contains("1 file checked: 0 errors, 0 warnings");
    }

    @Test
    void aReturnCheckedAloneGetsTheChecksTheRunWouldMakeOnIt() throws Exception {
        // Norfolk's return with 200,000 abandoned 101 calls of 165,473 received: the run calls it an error, so must validate
        Path copy = tmp.resolve("norfolk.xlsx");
        try (var in = Files.newInputStream(Path.of("data/sample/2024-spring/returns/norfolk.xlsx"));
             var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(in)) {
            var sheet = wb.getSheet("Return");
            for (var row : sheet) {
                if ("CALLS_101_ABANDONED".equals(row.getCell(0).getStringCellValue())) row.getCell(2).setCellValue(200_000);
            }
            try (var out = Files.newOutputStream(copy)) {
                wb.write(out);
            }
        }
        CommandLineRuns.Outcome o = CommandLineRuns.runExactly("validate", copy.toString());
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(3);
        assertThat(o.output()).contains("value.part-exceeds-whole").contains("1 error");
    }

    @Test
    void aReturnMadeForAnotherCollectionIsAWarning() throws Exception {
        Path copy = tmp.resolve("spring");
        RestartAfterCrashTest.copyTree(Path.of("data/sample/2024-spring"), copy);
        Path suffolk = copy.resolve("returns/suffolk.xlsx");
        try (var in = Files.newInputStream(suffolk); var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(in)) {
            for (var row : wb.getSheet("Cover")) {
                if ("Collection".equals(row.getCell(0).getStringCellValue())) row.getCell(1).setCellValue("2023-autumn");
            }
            try (var out = Files.newOutputStream(suffolk)) {
                wb.write(out);
            }
        }
        Path report = tmp.resolve("report");
        CommandLineRuns.Outcome o = CommandLineRuns.runExactly("validate", copy.toString(), "--out", report.toString());
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(3);
        assertThat(CsvTables.read(report.resolve("validation-log.csv"))).filteredOn(r -> r.get("rule").equals("return.other-collection"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("severity")).isEqualTo("warning");
                    assertThat(r.get("force_code")).isEqualTo("E23000025");
                    assertThat(r.get("observed")).isEqualTo("2023-autumn");
                    assertThat(r.get("expected")).isEqualTo("2024-spring");
                    // the cover's Collection cell (the template's fifth row), not its Force cell
                    assertThat(r.get("location")).isEqualTo("Cover!B5");
                });
    }

    @Test
    void aCollectionWithDefectsGetsEveryFindingOfTheRunAndExitsThree() {
        Path out = tmp.resolve("report");
        CommandLineRuns.Outcome o = CommandLineRuns.runExactly("validate", CollectionRunJobTest.DEFECTS.toString(), "--out", out.toString());
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(3);
        List<Map<String, String>> log = CsvTables.read(out.resolve("validation-log.csv"));
        CollectionRunJobTest.assertContainsExpectedFindings(log, CollectionRunJobTest.DEFECTS.resolve("expected-findings.csv"));
        assertThat(out.resolve("validation-report.html")).exists();
    }

    @Test
    void aFilledInTemplateWithBlanksIsQueriedAndAnUnreadableFileIsUnusable() throws Exception {
        Path template = tmp.resolve("norfolk.xlsx");
        CommandLineRuns.Outcome t = CommandLineRuns.runExactly("template", "--force", "Norfolk", "--collection", "2025-spring",
                "--period", "FY2024/25", "--out", template.toString());
        assertThat(t.exitStatus()).as(t.output()).isZero();
        CommandLineRuns.Outcome blank = CommandLineRuns.runExactly("validate", template.toString());
        assertThat(blank.exitStatus()).isEqualTo(3);
        assertThat(blank.output()).contains("value.not-supplied").contains("Return!C4");

        Path broken = tmp.resolve("broken.xlsx");
        Files.write(broken, java.util.Arrays.copyOf(Files.readAllBytes(template), 700));
        CommandLineRuns.Outcome o = CommandLineRuns.runExactly("validate", broken.toString());
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(2);
        assertThat(o.output()).contains("file.unreadable");
    }

    @Test
    void aBrokenManifestIsUnusable() throws Exception {
        Files.writeString(tmp.resolve("collection.yml"), "id: x\nsources: [ { file: a.csv, kind: nonsense } ]\n");
        CommandLineRuns.Outcome o = CommandLineRuns.runExactly("validate", tmp.toString());
        assertThat(o.exitStatus()).isEqualTo(2);
        assertThat(o.output()).contains("unknown kind 'nonsense'");
    }

    @Test
    void aManifestAskingForAnIndicatorNoSourceGivesIsUnusable() throws Exception {
        Path copy = tmp.resolve("spring");
        RestartAfterCrashTest.copyTree(Path.of("data/sample/2024-spring"), copy);
        Path manifest = copy.resolve("collection.yml");
        Files.writeString(manifest, Files.readString(manifest) + "  officers-per-1000:             { period: \"2023-03-31\" }\n");
        CommandLineRuns.Outcome o = CommandLineRuns.runExactly("validate", copy.toString());
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(2);
        assertThat(o.output()).contains("cannot validate: collection.yml asks for officers-per-1000, which needs OFFICER_FTE")
                .contains("none of its sources (ons-population, police-uk-999, force-return) gives that");
    }

    @Test
    void theReferenceAndIndicatorsFoldersAreTakenFromTheCommandLine() throws Exception {
        Path reference = copy(Path.of("data/reference"), tmp.resolve("reference"));
        Path indicators = copy(Path.of("jobs/indicators"), tmp.resolve("indicators"));
        String norfolk = "data/sample/2024-spring/returns/norfolk.xlsx";
        CommandLineTest.Streams ok = CommandLineTest.execute("validate", norfolk, "--force-compare.reference-dir=" + reference,
                "--force-compare.indicators-dir=" + indicators);
        assertThat(ok.exitStatus()).as(ok.err()).isZero();
        assertThat(ok.err()).isEmpty();
        assertThat(ok.out()).contains("0 errors, 0 warnings");

        // the copies, not the project's folders, are the ones read
        Files.delete(reference.resolve("not-territorial-forces.csv"));
        CommandLineTest.Streams noBodies = CommandLineTest.execute("validate", norfolk, "--force-compare.reference-dir=" + reference,
                "--force-compare.indicators-dir=" + indicators);
        assertThat(noBodies.exitStatus()).isEqualTo(2);
        assertThat(noBodies.out()).isEmpty();
        assertThat(noBodies.err()).isEqualTo("force-compare: the reference folder " + reference
                + " (--force-compare.reference-dir) has no not-territorial-forces.csv" + System.lineSeparator());

        Files.writeString(indicators.resolve("officers-per-1000.yml"), "id: officers-per-1000\nkind: amount\n");
        CommandLineTest.Streams incomplete = CommandLineTest.execute("validate", norfolk, "--force-compare.indicators-dir=" + indicators);
        assertThat(incomplete.exitStatus()).isEqualTo(2);
        assertThat(incomplete.out()).isEmpty();
        assertThat(incomplete.err()).isEqualTo("force-compare: the indicators folder " + indicators
                + " (--force-compare.indicators-dir) cannot be read: " + indicators.resolve("officers-per-1000.yml")
                + ": 'title' is required" + System.lineSeparator());
    }

    @Test
    void aMissingTargetOrAnOutThatIsAFileIsAWrongCommandLine() throws Exception {
        Path missing = tmp.resolve("norfolk.xlsx");
        CommandLineTest.Streams o = CommandLineTest.execute("validate", missing.toString());
        assertThat(o.exitStatus()).isEqualTo(2);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).isEqualTo("force-compare: " + missing + " does not exist" + System.lineSeparator());

        // checked before the return is read: nothing is validated, nothing written
        Path file = Files.writeString(tmp.resolve("report"), "not a folder\n");
        CommandLineTest.Streams out = CommandLineTest.execute("validate", CollectionRunJobTest.DEFECTS.toString(), "--out", file.toString());
        assertThat(out.exitStatus()).isEqualTo(2);
        assertThat(out.out()).isEmpty();
        assertThat(out.err()).isEqualTo("force-compare: --out " + file + " is a file, not a folder" + System.lineSeparator());
        assertThat(file).hasContent("not a folder");
    }

    private static Path copy(Path from, Path to) throws java.io.IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
