package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.records.bench.GenerateRecords;

/**
 * A NUL character in a bad value or row (a file saved as UTF-16, or with binary bytes in it) once failed the whole run
 * with exit 1 on every resume: the finding quoting it could not be stored, as PostgreSQL's text cannot hold NUL. Such
 * a value is a finding like any other, the NUL shown as the symbol for null (U+2400), and the run publishes.
 */
class NulCharacterRunTest {

    @TempDir
    Path collection;

    @TempDir
    Path out;

    @Test
    void aNulInABadCellOrRowIsAFindingAndTheRunPublishes() throws Exception {
        RestartAfterCrashTest.copyTree(CollectionRunJobTest.SAMPLE, collection);
        // Kent's March 999 total with a NUL inside it: text where a number belongs in a published table
        Path calls = collection.resolve("bt/999-calls-2023.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(calls));
        int kentMarch = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("2023-03,Kent Police,")) kentMarch = i;
        }
        String[] cells = lines.get(kentMarch).split(",", -1);
        cells[2] = "12\u000034";
        lines.set(kentMarch, String.join(",", cells));
        Files.write(calls, lines);
        String kentMarchLine = "line " + (kentMarch + 1);
        // Kent's January street file: one good row, then a row of 7 fields with a NUL in it
        Path street = collection.resolve("records/2023-01-kent-street.csv");
        Files.createDirectories(street.getParent());
        Files.writeString(street, GenerateRecords.STREET_HEADER + "\n"
                + "abc,2023-01,Kent Police,Kent Police,0.5,51.2,On or near X,E01024001,Maidstone 001A,Anti-social behaviour,,\n"
                + "def,2023-01,Kent Police,\u0000\u0000,0.5,51.2,On or near Y\n"
                + "ghi,2023-01,Kent Police,Kent Police,0.5,51.2,On or near Z,E01024001,Maidstone 001A,Burglary,,\n");
        String manifest = Files.readString(collection.resolve("collection.yml"))
                .replace("  - file: returns/\n", "  - file: records/\n    kind: police-uk-records\n  - file: returns/\n");
        Files.writeString(collection.resolve("collection.yml"), manifest + "  asb-incidents-per-1000:        { period: \"2023-01\" }\n");
        assertThat(Files.readString(collection.resolve("collection.yml"))).contains("kind: police-uk-records");

        CommandLineRuns.Outcome run = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());

        assertThat(run.exitStatus()).as(run.output()).isEqualTo(3);
        List<Map<String, String>> log = CsvTables.read(out.resolve("2024-spring/validation-log.csv"));
        assertThat(log).filteredOn(r -> r.get("source_file").equals("bt/999-calls-2023.csv")
                && r.get("location").equals(kentMarchLine)).singleElement().satisfies(r -> {
                    assertThat(r).containsEntry("severity", "error").containsEntry("rule", "value.unparseable")
                            .containsEntry("force_code", "E23000032").containsEntry("observed", "12\u240034");
                });
        assertThat(log).filteredOn(r -> r.get("source_file").equals("records/2023-01-kent-street.csv")
                && r.get("location").equals("line 3")).singleElement().satisfies(r -> {
                    assertThat(r).containsEntry("rule", "records.row-not-counted").containsEntry("observed", "7 fields");
                });
        // the two good rows are counted: one ASB incident for Kent in January 2023
        List<Map<String, String>> indicators = CsvTables.read(out.resolve("2024-spring/indicators.csv"));
        assertThat(indicators).filteredOn(r -> r.get("indicator_id").equals("asb-incidents-per-1000")
                && r.get("force_code").equals("E23000032")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("numerator", "1"));
        assertThat(Files.readString(out.resolve("2024-spring/validation-log.csv"), StandardCharsets.UTF_8)).doesNotContain("\u0000");
    }
}
