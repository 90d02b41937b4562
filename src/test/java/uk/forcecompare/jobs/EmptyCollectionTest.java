package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collection with nothing to read is refused before anything runs (exit 2, one line naming what is empty), never
 * published as an empty comparison: a folder with no manifest and no files, and a manifest source that is a folder
 * with no file of its kind in it (as wrong as a declared file that does not exist).
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
        assertThat(o.output()).startsWith("Nothing was run: ").contains(empty.toString())
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
        assertThat(o.output().strip()).isEqualTo("Nothing was run: collection.yml: source 1: the folder 'records/' holds no file;"
                + " put the police-uk-records files in it, or remove the source from the manifest");
        assertThat(out).as("nothing is published").doesNotExist();

        CommandLineRuns.Outcome v = CommandLineRuns.runExactly("validate", collection.toString());
        assertThat(v.exitStatus()).as(v.output()).isEqualTo(2);
        assertThat(v.output()).contains("'records/' holds no file");
    }

    @Test
    void aReturnsFolderWithoutAWorkbookExitsTwoEvenBesideOtherSources() throws IOException {
        Path collection = Files.createDirectories(tmp.resolve("c"));
        Files.createDirectories(collection.resolve("ons"));
        Files.copy(Path.of("data/sample/2024-spring/ons/pfa-population.csv"), collection.resolve("ons/pfa-population.csv"));
        Path returns = Files.createDirectories(collection.resolve("returns"));
        Files.writeString(returns.resolve("notes.txt"), "returns due 31 May\n");      // not a workbook
        Files.writeString(returns.resolve("~$norfolk.xlsx"), "owner");                // Excel's lock file, not a return
        Files.writeString(collection.resolve("collection.yml"), """
                id: 2024-autumn
                sources:
                  - { file: ons/pfa-population.csv, kind: ons-population }
                  - { file: returns, kind: force-return }
                """);
        Path out = tmp.resolve("out");
        CommandLineRuns.Outcome o = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(2);
        assertThat(lines(o.output())).hasSize(1);
        assertThat(o.output()).contains("source 2").contains("'returns' holds no workbook (.xlsx, .xlsm or .ods)");
        assertThat(out).as("nothing is published").doesNotExist();
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
