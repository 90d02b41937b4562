package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collection with nothing to read at all is refused before anything runs (exit 2, one line naming what is empty),
 * never published as an empty comparison: a folder with no manifest and no files, or a manifest none of whose sources
 * holds a file. One empty source folder among others is a warning, and the run goes on without it.
 */
class EmptyCollectionTest {

    @TempDir
    Path tmp;

    @Test
    void aFolderWithNoManifestAndNoFilesExitsTwo() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("2024-autumn"));
        Path out = tmp.resolve("out");
        CommandLineRuns.Outcome o = CommandLineRuns.run("run", empty.toString(), "--out", out.toString());
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(2);
        assertThat(lines(o.output())).hasSize(1);
        assertThat(o.output()).startsWith("force-compare: nothing was run: ").contains(empty.toString())
                .contains("has no collection.yml and no source files");
        assertThat(out).as("nothing is published").doesNotExist();
    }

    @Test
    void hiddenAndLockFilesAloneAreStillNoSourceFiles() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("2024-autumn"));
        Files.writeString(folder.resolve(".DS_Store"), "x");
        Files.writeString(folder.resolve("~$norfolk.xlsx"), "owner");
        CommandLineRuns.Outcome o = CommandLineRuns.run("run", folder.toString(), "--out", tmp.resolve("out").toString());
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(2);
        assertThat(o.output()).contains("has no collection.yml and no source files");
    }

    @Test
    void aManifestWhoseOnlySourceIsAnEmptyFolderExitsTwo() throws IOException {
        Path collection = Files.createDirectories(tmp.resolve("c"));
        Files.createDirectories(collection.resolve("records"));
        Files.writeString(collection.resolve("collection.yml"), """
                id: records-2023-q1
                sources:
                  - { file: records/, kind: police-uk-records }
                """);
        Path out = tmp.resolve("out");
        CommandLineRuns.Outcome o = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(2);
        assertThat(lines(o.output())).hasSize(1);
        assertThat(o.output().strip()).isEqualTo("force-compare: nothing was run: collection.yml: no source holds a file (records/): there is nothing to run");
        assertThat(out).as("nothing is published").doesNotExist();

        CommandLineRuns.Outcome v = CommandLineRuns.runExactly("validate", collection.toString());
        assertThat(v.exitStatus()).as(v.output()).isEqualTo(2);
        assertThat(v.output()).contains("no source holds a file (records/)");
    }

    @Test
    void aReturnsFolderWithoutAWorkbookBesideOtherSourcesIsAWarningAndTheRunGoesOn() throws IOException {
        // contract 4a: "a force with no return, where a force-return source is declared" is a warning, so a returns
        // folder that nothing has reached yet is one warning of its own plus one per force, never a refusal
        Path collection = Files.createDirectories(tmp.resolve("c"));
        Files.createDirectories(collection.resolve("ons"));
        Files.copy(Path.of("data/sample/2024-spring/ons/pfa-population.csv"), collection.resolve("ons/pfa-population.csv"));
        Path returns = Files.createDirectories(collection.resolve("returns"));
        Files.writeString(returns.resolve("~$norfolk.xlsx"), "owner");                // Excel's lock file, not a return
        Files.writeString(collection.resolve("collection.yml"), """
                id: 2024-autumn
                sources:
                  - { file: ons/pfa-population.csv, kind: ons-population }
                  - { file: returns, kind: force-return }
                indicators:
                  calls-101-abandonment-rate: { period: "FY2022/23" }
                """);
        Path out = tmp.resolve("out");
        CommandLineRuns.Outcome o = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(o.exitStatus()).as(o.output()).isZero();
        List<Map<String, String>> log = CsvTables.read(out.resolve("2024-autumn/validation-log.csv"));
        assertThat(log).filteredOn(r -> r.get("rule").equals("file.source-empty")).singleElement().satisfies(r -> {
            assertThat(r.get("severity")).isEqualTo("warning");
            assertThat(r.get("source_file")).isEqualTo("returns/");
            assertThat(r.get("message")).isEqualTo("The source folder returns/ (force-return) in collection.yml holds no "
                    + "workbook (.xlsx, .xlsm or .ods); nothing was read for it");
        });
        assertThat(log).filteredOn(r -> r.get("rule").equals("coverage.no-return")).hasSize(43)
                .allSatisfy(r -> assertThat(r.get("source_file")).isEqualTo("returns/"));

        CommandLineRuns.Outcome v = CommandLineRuns.runExactly("validate", collection.toString());
        assertThat(v.output()).contains("file.source-empty");
    }

    @Test
    void aSourceFolderWithItsFilesInSubFoldersIsNotEmpty() throws IOException {
        // the check counts files anywhere below the folder, as the run reads them
        Path collection = Files.createDirectories(tmp.resolve("c"));
        Path nested = Files.createDirectories(collection.resolve("ons/2022"));
        Files.copy(Path.of("data/sample/2024-spring/ons/pfa-population.csv"), nested.resolve("pfa-population.csv"));
        Files.writeString(collection.resolve("collection.yml"), """
                id: 2024-autumn
                sources:
                  - { file: ons/, kind: ons-population }
                """);
        assertThat(new uk.forcecompare.collection.CollectionLoader().list(collection).hash().sources())
                .extracting(f -> f.relativePath()).containsExactly("ons/2022/pfa-population.csv");
    }

    private static java.util.List<String> lines(String output) {
        try (Stream<String> s = output.lines()) {
            return s.filter(l -> !l.isBlank()).toList();
        }
    }
}
