package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One finding per fault in a monthly source, and a missing value that says why: a month absent from the 999 file is
 * one warning however many measures and indicators need it; a month whose row an error rejected is that error, and the
 * force's footnote names the rejected row; a file or return nothing was read from is named as the reason, not "no figure
 * in the collection".
 */
class RejectedRowsAndFilesRunTest {

    private static final String DURHAM = "E23000008", NORFOLK = "E23000024", DORSET = "E23000039", KENT = "E23000032";
    private static final String CALLS = "bt/999-calls-2023.csv";

    @TempDir
    Path tmp;

    /** The sample with Durham's 2023-09 row deleted, Norfolk's 2023-05 month misprinted and Dorset's 2023-08 force misspelt. */
    private Path brokenCalls() throws IOException {
        Path collection = tmp.resolve("2024-spring");
        RestartAfterCrashTest.copyTree(Path.of("data/sample/2024-spring"), collection);
        Path csv = collection.resolve(CALLS);
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        // lines are numbered from 1, the header being line 1; edits in place keep the others' numbers
        assertThat(lines.get(206)).startsWith("2023-05,Norfolk Constabulary,");
        lines.set(206, lines.get(206).replaceFirst("^2023-05,", "2023-5,"));
        assertThat(lines.get(325)).startsWith("2023-08,Dorset Police,");
        lines.set(325, lines.get(325).replace("Dorset Police", "Dorsett Police"));
        int durham = lines.indexOf(lines.stream().filter(l -> l.startsWith("2023-09,Durham Constabulary,")).findFirst().orElseThrow());
        assertThat(durham).isGreaterThan(325);
        lines.remove(durham);
        Files.write(csv, lines);
        return collection;
    }

    @Test
    void eachFaultInTheCallsFileIsOneFindingAndTheFootnoteSaysWhichRow() throws IOException {
        Path collection = brokenCalls();
        Path out = tmp.resolve("out");
        CommandLineRuns.Outcome o = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(3);
        List<Map<String, String>> log = CsvTables.read(out.resolve("2024-spring/validation-log.csv"));

        // Durham's absent row: one warning for both measures and both indicators, for no one indicator
        assertThat(log).filteredOn(r -> r.get("rule").equals("coverage.month-missing") && r.get("force_code").equals(DURHAM))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("source_file")).isEqualTo(CALLS);
                    assertThat(r.get("indicator_id")).isEmpty();
                    assertThat(r.get("message")).isEqualTo("Durham: its 2023-09 row is missing from " + CALLS
                            + " (CALLS_999_ANSWERED_UNDER_10S, CALLS_999_TOTAL); calls-999-answered-within-10s and "
                            + "calls-999-per-1000 are missing for this force, as no partial sum is used");
                });
        // Norfolk's rejected row: its error is the one finding, not a month "missing" as well
        // (plausibility queries against an earlier publication depend on what other tests published before this one)
        assertThat(log).filteredOn(r -> r.get("force_code").equals(NORFOLK) && !r.get("severity").equals("info")
                        && !r.get("rule").startsWith("plausibility."))
                .extracting(r -> r.get("rule") + " " + r.get("location")).containsExactly("value.unparseable line 207");
        // Dorset's row, whose force could not be told: the error, and one warning pointing to that row
        assertThat(log).filteredOn(r -> r.get("rule").equals("force.unknown")).singleElement()
                .satisfies(r -> assertThat(r.get("location")).isEqualTo("line 326"));
        assertThat(log).filteredOn(r -> r.get("rule").equals("coverage.month-missing") && r.get("force_code").equals(DORSET))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("location")).isEqualTo("line 326");
                    assertThat(r.get("message")).contains("line 326").contains("Dorsett Police");
                });

        String norfolkRejected = "its 2023-05 row, line 207 of " + CALLS + ", was rejected";
        for (String indicator : List.of("calls-999-per-1000", "calls-999-answered-within-10s")) {
            Map<String, Map<String, String>> table = byForce(out.resolve("2024-spring/" + indicator + "/data.csv"));
            assertThat(table.get(NORFOLK).get("note")).isEqualTo("no data: " + norfolkRejected);
            assertThat(table.get(DURHAM).get("note")).isEqualTo("no data: its 2023-09 row is missing from " + CALLS);
            assertThat(table.get(DORSET).get("note")).isEqualTo("no data: its 2023-08 row is missing from " + CALLS
                    + "; line 326, rejected as its force could not be told, may be it ('Dorsett Police')");
            assertThat(Files.readString(out.resolve("2024-spring/" + indicator + "/chart.txt"))).contains(norfolkRejected)
                    .doesNotContain("missing month");
        }
        assertThat(CsvTables.read(out.resolve("2024-spring/sentences.csv")))
                .filteredOn(r -> r.get("indicator_id").equals("calls-999-per-1000") && r.get("force_code").equals(NORFOLK))
                .singleElement().satisfies(r -> assertThat(r.get("sentence")).contains("(" + norfolkRejected + ")"));
    }

    @Test
    void aRejectedRowBesideAMissingMonthOfTheSameForceIsNotCalledMissing() throws IOException {
        Path collection = tmp.resolve("2024-spring");
        RestartAfterCrashTest.copyTree(Path.of("data/sample/2024-spring"), collection);
        Path csv = collection.resolve(CALLS);
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        assertThat(lines.get(206)).startsWith("2023-05,Norfolk Constabulary,");
        lines.set(206, lines.get(206).replaceFirst("^2023-05,", "2023-13,"));
        assertThat(lines.remove(lines.stream().filter(l -> l.startsWith("2023-07,Norfolk Constabulary,")).findFirst().orElseThrow())).isTrue();
        Files.write(csv, lines);
        Path out = tmp.resolve("out");
        CommandLineRuns.Outcome o = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(3);

        List<Map<String, String>> log = CsvTables.read(out.resolve("2024-spring/validation-log.csv"));
        String reason = "its 2023-05 row, line 207 of " + CALLS + ", was rejected, and its 2023-07 row is missing from " + CALLS;
        assertThat(log).filteredOn(r -> r.get("rule").equals("coverage.month-missing") && r.get("force_code").equals(NORFOLK))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("location")).isEmpty();
                    assertThat(r.get("observed")).isEqualTo("no figure for 2023-07");
                    assertThat(r.get("message")).startsWith("Norfolk: " + reason + " (");
                });
        assertThat(log).filteredOn(r -> r.get("rule").equals("value.unparseable") && r.get("force_code").equals(NORFOLK))
                .singleElement().satisfies(r -> assertThat(r.get("location")).isEqualTo("line 207"));
        for (String indicator : List.of("calls-999-per-1000", "calls-999-answered-within-10s")) {
            assertThat(byForce(out.resolve("2024-spring/" + indicator + "/data.csv")).get(NORFOLK).get("note"))
                    .isEqualTo("no data: " + reason);
            assertThat(Files.readString(out.resolve("2024-spring/" + indicator + "/chart.txt"))).contains(reason);
        }
    }

    @Test
    void validateSaysEachFaultOnce() throws IOException {
        Path collection = brokenCalls();
        CommandLineRuns.Outcome o = CommandLineRuns.runExactly("validate", collection.toString());
        List<String> monthMissing = o.output().lines().filter(l -> l.contains("coverage.month-missing")).toList();
        assertThat(monthMissing).hasSize(2);
        assertThat(monthMissing).anySatisfy(l -> assertThat(l).contains("Durham: its 2023-09 row is missing"));
        assertThat(monthMissing).anySatisfy(l -> assertThat(l).contains("line 326").contains("Dorset: its 2023-08 row"));
    }

    @Test
    void aCallsFileWithoutItsTotalColumnIsTheReasonGiven() throws IOException {
        Path collection = tmp.resolve("2024-spring");
        RestartAfterCrashTest.copyTree(Path.of("data/sample/2024-spring"), collection);
        Path csv = collection.resolve(CALLS);
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        lines.set(0, lines.get(0).replace("Total calls,", "Total,"));
        Files.write(csv, lines);
        Path out = tmp.resolve("out");
        CommandLineRuns.Outcome o = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(3);

        String why = CALLS + " could not be used: it has no Total calls column";
        Map<String, Map<String, String>> table = byForce(out.resolve("2024-spring/calls-999-per-1000/data.csv"));
        assertThat(table.values()).hasSize(43).allSatisfy(r -> assertThat(r.get("note")).isEqualTo("no data: " + why));
        assertThat(Files.readString(out.resolve("2024-spring/calls-999-answered-within-10s/chart.txt"))).contains(why);
        List<Map<String, String>> log = CsvTables.read(out.resolve("2024-spring/validation-log.csv"));
        assertThat(log).filteredOn(r -> r.get("rule").equals("indicator.force-without-value") && r.get("force_code").equals(KENT))
                .hasSize(2).allSatisfy(r -> assertThat(r.get("message")).contains(why));
    }

    @Test
    void aReturnWhoseReturnSheetHasNoValueColumnIsTheReasonGiven() throws IOException {
        Path collection = tmp.resolve("2024-spring");
        RestartAfterCrashTest.copyTree(Path.of("data/sample/2024-spring"), collection);
        Path kent = collection.resolve("returns/kent.xlsx");
        try (var in = Files.newInputStream(kent); var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(in)) {
            boolean renamed = false;
            for (var row : wb.getSheet("Return")) {
                for (var cell : row) {
                    if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING && cell.getStringCellValue().equals("Value")) {
                        cell.setCellValue("Amount");
                        renamed = true;
                    }
                }
            }
            assertThat(renamed).isTrue();
            try (var os = Files.newOutputStream(kent)) {
                wb.write(os);
            }
        }
        Path out = tmp.resolve("out");
        CommandLineRuns.Outcome o = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(3);

        List<Map<String, String>> log = CsvTables.read(out.resolve("2024-spring/validation-log.csv"));
        assertThat(log).filteredOn(r -> r.get("source_file").equals("returns/kent.xlsx") && r.get("severity").equals("error"))
                .extracting(r -> r.get("rule")).containsExactly("structure.column-missing");
        String why = "its return returns/kent.xlsx could not be used: the Return sheet has no header row with Value";
        for (String indicator : List.of("asb-civil-order-ratio", "calls-101-abandonment-rate")) {
            assertThat(byForce(out.resolve("2024-spring/" + indicator + "/data.csv")).get(KENT).get("note")).isEqualTo("no data: " + why);
            assertThat(Files.readString(out.resolve("2024-spring/" + indicator + "/chart.txt"))).contains("Kent (" + why + ")");
        }
        assertThat(log).filteredOn(r -> r.get("rule").equals("indicator.force-without-value") && r.get("force_code").equals(KENT))
                .hasSize(2).allSatisfy(r -> assertThat(r.get("message")).contains(why));
    }

    /** Kent's return unreadable three ways: the footnote gives the error's reason, as for the 999 file. */
    @Test
    void anUnreadableReturnIsNamedWithWhy() throws IOException {
        // the reason as a regular expression: a cut-short workbook's detail is the zip library's
        Map<String, String> whyByBreak = new java.util.LinkedHashMap<>();
        whyByBreak.put("empty", "the file is empty \\(0 bytes\\)");
        whyByBreak.put("truncated", "(a damaged or truncated workbook|not a readable XLSX workbook) \\(.+\\)");
        whyByBreak.put("sheet", "the force return has no Return sheet");
        for (var e : whyByBreak.entrySet()) {
            Path collection = tmp.resolve(e.getKey()).resolve("2024-spring");
            RestartAfterCrashTest.copyTree(Path.of("data/sample/2024-spring"), collection);
            Path kent = collection.resolve("returns/kent.xlsx");
            switch (e.getKey()) {
                case "empty" -> Files.write(kent, new byte[0]);
                case "truncated" -> {
                    byte[] all = Files.readAllBytes(kent);
                    Files.write(kent, java.util.Arrays.copyOf(all, all.length / 2));
                }
                default -> {
                    try (var in = Files.newInputStream(kent); var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(in)) {
                        wb.setSheetName(wb.getSheetIndex("Return"), "Returns");
                        try (var os = Files.newOutputStream(kent)) {
                            wb.write(os);
                        }
                    }
                }
            }
            Path out = tmp.resolve(e.getKey()).resolve("out");
            CommandLineRuns.Outcome o = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
            assertThat(o.exitStatus()).as(o.output()).isEqualTo(3);
            List<Map<String, String>> log = CsvTables.read(out.resolve("2024-spring/validation-log.csv"));
            assertThat(log).filteredOn(r -> r.get("source_file").equals("returns/kent.xlsx") && r.get("severity").equals("error"))
                    .hasSize(1);
            String note = "its return returns/kent\\.xlsx could not be used: " + e.getValue();
            for (String indicator : List.of("asb-civil-order-ratio", "calls-101-abandonment-rate")) {
                assertThat(byForce(out.resolve("2024-spring/" + indicator + "/data.csv")).get(KENT).get("note"))
                        .as(e.getKey()).matches("no data: " + note);
                assertThat(Files.readString(out.resolve("2024-spring/" + indicator + "/chart.txt"))).as(e.getKey())
                        .containsPattern("Kent \\(" + note + "\\)");
            }
        }
    }

    private static Map<String, Map<String, String>> byForce(Path dataCsv) throws IOException {
        Map<String, Map<String, String>> out = new java.util.HashMap<>();
        for (Map<String, String> r : CsvTables.read(dataCsv)) out.put(r.get("force_code"), r);
        return out;
    }
}
