package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.records.bench.GenerateRecords;

/** data.police.uk files through the whole job: counted in parallel partitions, exact per force. */
class RecordCollectionRunTest {

    @TempDir
    Path collection;

    @TempDir
    Path out;

    @Test
    void recordLevelIndicatorsAreExactCountsOverPopulation() throws Exception {
        List<GenerateRecords.FileCounts> files = GenerateRecords.generate(collection.resolve("records"), 60_000,
                YearMonth.of(2023, 1), YearMonth.of(2023, 3), new GenerateRecords.Options(7, 0.05, 0.1, 0.2, 0.05));
        // Norfolk's February street file is missing: no partial sum for Norfolk
        GenerateRecords.FileCounts gone = files.stream()
                .filter(f -> f.slug().equals("norfolk") && f.month().equals(YearMonth.of(2023, 2)) && f.relativePath().endsWith("-street.csv"))
                .findFirst().orElseThrow();
        Files.delete(collection.resolve("records").resolve(gone.relativePath()));
        // a British Transport Police file: excluded, and logged
        Path btp = collection.resolve("records/2023-01/2023-01-btp-street.csv");
        Files.createDirectories(btp.getParent());
        Files.writeString(btp, GenerateRecords.STREET_HEADER + "\n,2023-01,British Transport Police,British Transport Police,,,On or near X,,,Theft from the person,,\n");
        // a broken row in Kent's January street file: a warning, the row not counted, the rest counted exactly
        Path kent = collection.resolve("records").resolve(street(files, "kent", 1).relativePath());
        List<String> kentLines = new java.util.ArrayList<>(Files.readAllLines(kent));
        kentLines.add(2, ",2023-01,Kent Police,Kent Police,0.5,51.2,On or near X,E01000001,Maidstone 001A");
        Files.write(kent, kentLines);
        // Essex's March street file cut short part-way through a row: nothing counted from it, Essex has no value
        Path essex = collection.resolve("records").resolve(street(files, "essex", 3).relativePath());
        String text = Files.readString(essex).stripTrailing();
        int lastRow = text.lastIndexOf('\n') + 1, cut = lastRow;
        for (int commas = 0; commas < 6; cut++) if (text.charAt(cut) == ',') commas++;
        Files.writeString(essex, text.substring(0, cut + 4)); // six fields and a few bytes of the seventh
        // Suffolk's January street file copied into another folder: counted once, with a warning
        Path suffolk = collection.resolve("records").resolve(street(files, "suffolk", 1).relativePath());
        Files.createDirectories(collection.resolve("records/copies"));
        Files.copy(suffolk, collection.resolve("records/copies").resolve(suffolk.getFileName()));
        // a second Wiltshire February street file with one row fewer: which is right cannot be told, so its month is missing
        Path wiltshire = collection.resolve("records").resolve(street(files, "wiltshire", 2).relativePath());
        List<String> shorter = new java.util.ArrayList<>(Files.readAllLines(wiltshire));
        shorter.remove(shorter.size() - 1);
        Files.write(collection.resolve("records/copies").resolve(wiltshire.getFileName()), shorter);
        Files.createDirectories(collection.resolve("ons"));
        Files.copy(Path.of("data/sample/2024-spring/ons/pfa-population.csv"), collection.resolve("ons/pfa-population.csv"));
        Files.writeString(collection.resolve("collection.yml"), """
                id: records-2023-q1
                title: data.police.uk records, January to March 2023
                population: { mid-year: 2020 }
                sources:
                  - { file: ons/pfa-population.csv, kind: ons-population }
                  - { file: records/, kind: police-uk-records }
                indicators:
                  asb-incidents-per-1000: { period: "2023-01..2023-03" }
                  crimes-per-1000:        { period: "2023-01..2023-03" }
                  stop-search-find-rate:  { period: "2023-01..2023-03" }
                """);

        CommandLineRuns.Outcome o = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(3);

        Map<String, Long> population = new HashMap<>();
        for (var r : CsvTables.read(Path.of("data/sample/2024-spring/ons/pfa-population.csv"))) {
            if (r.get("mid_year").equals("2020")) population.put(r.get("pfa_code"), Long.parseLong(r.get("population")));
        }
        Map<String, String> codeBySlug = new HashMap<>();
        for (var r : CsvTables.read(stripComments(Path.of("data/reference/forces.csv")))) {
            codeBySlug.put(r.get("police_uk_slug"), r.get("code"));
        }
        Map<String, long[]> expected = new HashMap<>(); // asb, crimes, searches, finds
        for (GenerateRecords.FileCounts f : files) {
            if (f == gone) continue;
            long[] e = expected.computeIfAbsent(codeBySlug.get(f.slug()), k -> new long[4]);
            e[0] += f.asb();
            e[1] += f.crimes();
            e[2] += f.searches();
            e[3] += f.finds();
        }
        List<Map<String, String>> rows = CsvTables.read(out.resolve("records-2023-q1/indicators.csv"));
        assertThat(rows).hasSize(3 * 43);
        for (Map<String, String> r : rows) {
            String code = r.get("force_code");
            long[] e = expected.get(code);
            switch (r.get("indicator_id")) {
                case "asb-incidents-per-1000" -> {
                    if (code.equals("E23000024") || code.equals(ESSEX) || code.equals(WILTSHIRE)) {
                        assertThat(r.get("band")).isEqualTo("missing");
                    } else {
                        assertThat(Long.parseLong(r.get("numerator"))).isEqualTo(e[0]);
                        assertThat(Double.parseDouble(r.get("value"))).isCloseTo(e[0] * 1000.0 / population.get(code), within(1e-9));
                    }
                }
                case "crimes-per-1000" -> {
                    if (code.equals(ESSEX) || code.equals(WILTSHIRE)) {
                        assertThat(r.get("band")).isEqualTo("missing");
                        assertThat(r.get("numerator")).isEmpty();
                    } else if (!code.equals("E23000024")) {
                        assertThat(Long.parseLong(r.get("numerator"))).isEqualTo(e[1]);
                    }
                }
                case "stop-search-find-rate" -> {
                    assertThat(Long.parseLong(r.get("numerator"))).isEqualTo(e[3]);
                    assertThat(Long.parseLong(r.get("denominator"))).isEqualTo(e[2]);
                }
                default -> throw new AssertionError(r);
            }
        }
        List<Map<String, String>> log = CsvTables.read(out.resolve("records-2023-q1/validation-log.csv"));
        assertThat(log).anyMatch(f -> f.get("rule").equals("coverage.month-missing") && f.get("force_code").equals("E23000024"));
        assertThat(log).anyMatch(f -> f.get("rule").equals("force.not-territorial") && f.get("source_file").endsWith("btp-street.csv"));
        assertThat(log).filteredOn(f -> f.get("rule").equals("records.row-not-counted") && f.get("force_code").equals(KENT))
                .singleElement().satisfies(f -> {
                    assertThat(f.get("severity")).isEqualTo("warning");
                    assertThat(f.get("location")).isEqualTo("line 3");
                });
        assertThat(log).filteredOn(f -> f.get("rule").equals("row.duplicate-exact")).singleElement().satisfies(f -> {
            assertThat(f.get("severity")).isEqualTo("warning");
            assertThat(f.get("force_code")).isEqualTo(SUFFOLK);
            assertThat(f.get("source_file")).startsWith("records/copies/");
        });
        assertThat(log).filteredOn(f -> f.get("rule").equals("row.duplicate-conflict")).hasSize(2)
                .allSatisfy(f -> assertThat(f.get("force_code")).isEqualTo(WILTSHIRE));
        assertThat(log).filteredOn(f -> f.get("rule").equals("file.unreadable")).singleElement().satisfies(f -> {
            assertThat(f.get("force_code")).isEqualTo(ESSEX);
            assertThat(f.get("source_file")).endsWith("2023-03-essex-street.csv");
        });
        assertThat(Files.readString(out.resolve("records-2023-q1/crimes-per-1000/chart.txt")))
                .contains("Essex").contains("the file is cut short part-way through a row");
        String runJson = Files.readString(out.resolve("records-2023-q1/run.json"));
        assertThat(runJson).contains("2023-01-btp-street.csv").contains("\"rows_read\"");
    }

    /**
     * Norfolk's February street file arrived empty, Suffolk's is absent, Essex's holds only its header, and 40 forces sent
     * no file: the empty file is its error alone and the reason given, Suffolk's month one warning under no other file,
     * Essex's header-only file one warning and the reason given, each of the 40 one warning.
     */
    @Test
    void anEmptyRecordFileIsItsErrorAndAForceWithoutFilesIsOneWarning() throws Exception {
        List<String[]> three = java.util.Arrays.stream(GenerateRecords.FORCES)
                .filter(f -> List.of("norfolk", "suffolk", "essex").contains(f[0])).toList();
        assertThat(three).hasSize(3);
        List<GenerateRecords.FileCounts> files = GenerateRecords.generate(collection.resolve("police"), 3_000,
                List.of(YearMonth.of(2023, 1), YearMonth.of(2023, 2), YearMonth.of(2023, 3)), three,
                new GenerateRecords.Options(7, 0.05, 0, 0, 0));
        String empty = "police/" + street(files, "norfolk", 2).relativePath();
        Files.write(collection.resolve(empty), new byte[0]);
        Files.delete(collection.resolve("police").resolve(street(files, "suffolk", 2).relativePath()));
        // Essex's February street file holds its header and no row: no evidence of the month, not a month of 0
        String headerOnly = "police/" + street(files, "essex", 2).relativePath();
        Files.writeString(collection.resolve(headerOnly), GenerateRecords.STREET_HEADER + "\n");
        Files.createDirectories(collection.resolve("ons"));
        Files.copy(Path.of("data/sample/2024-spring/ons/pfa-population.csv"), collection.resolve("ons/pfa-population.csv"));
        Files.writeString(collection.resolve("collection.yml"), """
                id: records-empty-2023-q1
                title: data.police.uk records with an empty file
                population: { mid-year: 2020 }
                sources:
                  - { file: ons/pfa-population.csv, kind: ons-population }
                  - { file: police/, kind: police-uk-records }
                indicators:
                  asb-incidents-per-1000: { period: "2023-01..2023-03" }
                  crimes-per-1000:        { period: "2023-01..2023-03" }
                """);

        CommandLineRuns.Outcome o = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(3);
        List<Map<String, String>> log = CsvTables.read(out.resolve("records-empty-2023-q1/validation-log.csv"));
        assertThat(empty).isEqualTo("police/2023-02/2023-02-norfolk-street.csv");

        assertThat(log).filteredOn(f -> f.get("force_code").equals(NORFOLK) && !f.get("severity").equals("info")
                        && !f.get("rule").startsWith("plausibility."))
                .singleElement().satisfies(f -> {
                    assertThat(f.get("rule")).isEqualTo("file.unreadable");
                    assertThat(f.get("source_file")).isEqualTo(empty);
                    assertThat(f.get("message")).isEqualTo("The data.police.uk file of Norfolk (2023-02) was not read: "
                            + "the file is empty (0 bytes)");
                });
        assertThat(log).filteredOn(f -> f.get("rule").equals("coverage.month-missing") && f.get("force_code").equals(SUFFOLK))
                .singleElement().satisfies(f -> {
                    assertThat(f.get("source_file")).isEmpty();
                    assertThat(f.get("observed")).isEqualTo("no figure for 2023-02");
                });
        assertThat(log).filteredOn(f -> f.get("force_code").equals(ESSEX) && !f.get("severity").equals("info")
                        && !f.get("rule").startsWith("plausibility."))
                .singleElement().satisfies(f -> {
                    assertThat(f.get("severity")).isEqualTo("warning");
                    assertThat(f.get("rule")).isEqualTo("structure.no-data-rows");
                    assertThat(f.get("source_file")).isEqualTo("police/2023-02/2023-02-essex-street.csv");
                    assertThat(f.get("location")).isEqualTo("line 1");
                });
        List<Map<String, String>> noFile = log.stream().filter(f -> f.get("rule").equals("coverage.month-missing")
                && f.get("observed").equals("no file")).toList();
        assertThat(noFile).hasSize(40).extracting(f -> f.get("force_code")).doesNotHaveDuplicates()
                .doesNotContain(NORFOLK, SUFFOLK, ESSEX);
        assertThat(noFile).filteredOn(f -> f.get("force_code").equals(KENT)).singleElement().satisfies(f -> {
            assertThat(f.get("indicator_id")).isEmpty();
            assertThat(f.get("message")).isEqualTo("Kent: no data.police.uk file for any month of 2023-01..2023-03; "
                    + "asb-incidents-per-1000 and crimes-per-1000 are missing for this force");
        });

        String why = "its file " + empty + " could not be used: the file is empty (0 bytes)";
        for (String indicator : List.of("asb-incidents-per-1000", "crimes-per-1000")) {
            Map<String, Map<String, String>> table = new HashMap<>();
            for (var r : CsvTables.read(out.resolve("records-empty-2023-q1/" + indicator + "/data.csv"))) table.put(r.get("force_code"), r);
            assertThat(table.get(NORFOLK).get("note")).isEqualTo("no data: " + why);
            assertThat(table.get(SUFFOLK).get("note")).isEqualTo("no data: no data.police.uk file for 2023-02");
            // no partial sum of January and March
            assertThat(table.get(ESSEX).get("value")).isEmpty();
            assertThat(table.get(ESSEX).get("note")).isEqualTo("no data: its file " + headerOnly + " could not be used: it has no data rows");
            assertThat(Files.readString(out.resolve("records-empty-2023-q1/" + indicator + "/chart.txt"))).contains(why);
        }
    }

    private static final String NORFOLK = "E23000024";
    private static final String KENT = "E23000032";
    private static final String ESSEX = "E23000028";
    private static final String SUFFOLK = "E23000025";
    private static final String WILTSHIRE = "E23000038";

    private static GenerateRecords.FileCounts street(List<GenerateRecords.FileCounts> files, String slug, int month) {
        return files.stream().filter(f -> f.slug().equals(slug) && f.month().equals(YearMonth.of(2023, month))
                && f.relativePath().endsWith("-street.csv")).findFirst().orElseThrow();
    }

    private static Path stripComments(Path csv) throws java.io.IOException {
        Path tmp = Files.createTempFile("forces", ".csv");
        Files.write(tmp, Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#")).toList());
        return tmp;
    }
}
