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
        assertThat(o.output()).contains("0 errors, 0 warnings");
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
}
