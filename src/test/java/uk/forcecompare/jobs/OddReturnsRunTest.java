package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The odd files QA found in a returns folder (collections/odd-returns), laid over the sample collection and run once:
 * each is one finding that names its force where the file's name does, at the cell to correct, and removes only what
 * contract 4a says.
 */
class OddReturnsRunTest {

    private static final String NORFOLK = "E23000024", SUFFOLK = "E23000025", GWENT = "W15000002", DERBYSHIRE = "E23000018",
            LANCASHIRE = "E23000003";

    @TempDir
    static Path tmp;
    static CommandLineRuns.Outcome outcome;
    static List<Map<String, String>> log;
    static Path pub;

    @BeforeAll
    static void run() throws IOException {
        Path collection = tmp.resolve("2024-spring");
        RestartAfterCrashTest.copyTree(Path.of("data/sample/2024-spring"), collection);
        try (var odd = Files.list(Path.of("src/test/resources/collections/odd-returns"))) {
            for (Path f : odd.filter(f -> !f.getFileName().toString().equals("README.md")).toList()) {
                Files.copy(f, collection.resolve("returns").resolve(f.getFileName().toString()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.copy(collection.resolve("returns/norfolk.xlsx"), collection.resolve("returns/norfolk-copy.xlsx"));
        Files.copy(collection.resolve("returns/essex.xlsx"), collection.resolve("returns/essex copy.xlsx"));
        Files.copy(collection.resolve("returns/essex.xlsx"), collection.resolve("returns/essex copy 2.xlsx"));
        Path out = tmp.resolve("out");
        outcome = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        pub = out.resolve("2024-spring");
        log = CsvTables.read(pub.resolve("validation-log.csv"));
    }

    private static List<Map<String, String>> rule(String rule) {
        return log.stream().filter(r -> r.get("rule").equals(rule)).toList();
    }

    private static Map<String, String> indicator(String id, String force) {
        return CsvTables.read(pub.resolve("indicators.csv")).stream()
                .filter(r -> r.get("indicator_id").equals(id) && r.get("force_code").equals(force)).findFirst().orElseThrow();
    }

    @Test
    void aReturnForLastYearIsOneWarningPerIndicatorAtItsCoverPeriod() {
        assertThat(outcome.exitStatus()).as(outcome.output()).isEqualTo(3); // the unreadable returns are errors
        // Suffolk's return feeds two indicators: one warning each, at the cover's period, none at its value cells
        assertThat(rule("coverage.period-mismatch")).filteredOn(r -> r.get("force_code").equals(SUFFOLK))
                .extracting(r -> r.get("indicator_id")).containsExactlyInAnyOrder("asb-civil-order-ratio", "calls-101-abandonment-rate");
        assertThat(rule("coverage.period-mismatch")).filteredOn(r -> r.get("force_code").equals(SUFFOLK)).allSatisfy(r -> {
            assertThat(r).containsEntry("severity", "warning").containsEntry("source_file", "returns/suffolk.xlsx")
                    .containsEntry("location", "Cover!B6:B7").containsEntry("observed", "FY2021/22")
                    .containsEntry("expected", "FY2022/23");
            assertThat(r.get("message")).startsWith("Suffolk's return is for FY2021/22");
        });
        assertThat(indicator("calls-101-abandonment-rate", SUFFOLK)).containsEntry("band", "missing").containsEntry("value", "");
    }

    @Test
    void twoCopiesOfAReturnAreOneWarningEachSayingItCameThreeTimes() {
        assertThat(rule("row.duplicate-exact")).filteredOn(r -> r.get("force_code").equals("E23000028"))
                .extracting(r -> r.get("source_file")).containsExactlyInAnyOrder("returns/essex copy.xlsx", "returns/essex copy 2.xlsx");
        assertThat(rule("row.duplicate-exact")).filteredOn(r -> r.get("force_code").equals("E23000028"))
                .allSatisfy(r -> assertThat(r.get("message")).endsWith("the same return 3 times; counted once, from returns/essex.xlsx"));
    }

    @Test
    void aByteIdenticalCopyOfAReturnIsAWarningAndTheForceKeepsItsValues() {
        assertThat(rule("return.duplicate-submission")).isEmpty();
        assertThat(rule("row.duplicate-exact")).filteredOn(r -> r.get("force_code").equals(NORFOLK)).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("severity", "warning").containsEntry("source_file", "returns/norfolk-copy.xlsx");
            assertThat(r.get("message")).contains("Norfolk").endsWith("counted once, from returns/norfolk.xlsx");
        });
        // counted once: the clean sample's figures (285 orders of 9,950 incidents; 31,023 of 165,473 calls abandoned)
        assertThat(indicator("asb-civil-order-ratio", NORFOLK)).containsEntry("numerator", "285").containsEntry("denominator", "9950");
        assertThat(indicator("calls-101-abandonment-rate", NORFOLK)).containsEntry("numerator", "31023")
                .containsEntry("denominator", "165473");
    }

    @Test
    void aReturnThatCannotBeReadNamesTheForceItsFileNameNames() {
        assertThat(rule("file.unreadable")).filteredOn(r -> r.get("source_file").startsWith("returns/"))
                .extracting(r -> r.get("source_file") + " " + r.get("force_code"))
                .containsExactlyInAnyOrder("returns/gwent.xlsx " + GWENT, "returns/derbyshire.xlsx " + DERBYSHIRE);
        assertThat(rule("file.unreadable")).filteredOn(r -> r.get("source_file").equals("returns/gwent.xlsx")).singleElement()
                .satisfies(r -> assertThat(r.get("message")).isEqualTo("Gwent return: the force-return file cannot be read, so "
                        + "nothing is taken from it: the file is empty (0 bytes)"));
        assertThat(rule("file.unreadable")).filteredOn(r -> r.get("source_file").equals("returns/derbyshire.xlsx")).singleElement()
                .satisfies(r -> assertThat(r.get("message")).startsWith("Derbyshire return: ").contains("truncated"));
        assertThat(rule("structure.sheet-missing")).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("source_file", "returns/lancashire.xlsx").containsEntry("force_code", LANCASHIRE);
            assertThat(r.get("message")).isEqualTo("Lancashire return: the force return has no Return sheet; nothing was read from it");
        });
    }

    @Test
    void aLockFileAndANoteInTheReturnsFolderAreStraysThatSayWhatTheyAre() {
        assertThat(rule("file.stray")).extracting(r -> r.get("source_file"))
                .containsExactlyInAnyOrder("returns/notes.txt", "returns/~$kent.xlsx");
        assertThat(rule("file.stray")).allSatisfy(r -> assertThat(r).containsEntry("severity", "warning"));
        assertThat(rule("file.stray")).filteredOn(r -> r.get("source_file").equals("returns/~$kent.xlsx")).singleElement()
                .satisfies(r -> assertThat(r.get("message")).contains("is an Excel lock file").contains("kent.xlsx while it is open")
                        .contains("not read"));
        assertThat(rule("file.stray")).filteredOn(r -> r.get("source_file").equals("returns/notes.txt")).singleElement()
                .satisfies(r -> assertThat(r.get("message")).contains("not a workbook (XLSX or ODS)")
                        .doesNotContain("no source in collection.yml covers it"));
        // Kent's own return is read as ever
        assertThat(indicator("calls-101-abandonment-rate", "E23000032").get("value")).isNotEmpty();
    }
}
