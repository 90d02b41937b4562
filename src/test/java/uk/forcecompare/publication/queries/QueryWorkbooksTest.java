package uk.forcecompare.publication.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.collection.SourceFile;
import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.sources.Observation;
import uk.forcecompare.sources.SourceOutput;
import uk.forcecompare.sources.Sources;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Rule;
import uk.forcecompare.validation.Severity;

/** The query workbooks, re-read with POI: who gets one, what each says, and how it is laid out. */
class QueryWorkbooksTest {

    static final ForceDirectory FORCES = ForceDirectory.load(Path.of("data/reference"));
    static final Path CORPUS = Path.of("src/test/resources/malformed");
    static final String TITLE = "PEEL data collection, spring 2024";
    static final LocalDate ISSUED = LocalDate.of(2024, 5, 2);
    static final List<String> RETURNS = List.of("return-surrey-blank-value.xlsx", "return-cumbria-text-in-value.xlsx",
            "return-kent-cover-names-another-force.xlsx", "return-lincolnshire-no-cover-sheet.xlsx",
            "return-lancashire-div0.xlsx", "return-derbyshire-repeated-row.xlsx", "return-hampshire-no-period-end.xlsx",
            "return-british-transport-police.xlsx");

    static List<Finding> findings;

    @TempDir
    Path dir;

    /** The findings of reading some corpus returns (as copies: a read must not touch the corpus), plus a few more. */
    @BeforeAll
    static void read(@TempDir Path copies) throws Exception {
        List<Finding> all = new ArrayList<>();
        SourceOutput out = new SourceOutput() {
            @Override
            public void observation(Observation o) {
            }

            @Override
            public void quarantine(String sourceFile, String location, Rule rule, String rawText) {
            }

            @Override
            public void report(Finding f) {
                all.add(f);
            }
        };
        Sources sources = new Sources(FORCES);
        for (String name : RETURNS) {
            Path copy = Files.copy(CORPUS.resolve(name), copies.resolve(name));
            sources.read(new SourceFile(copy, "returns/" + name, Optional.of(SourceKind.FORCE_RETURN), "", Files.size(copy)), out);
        }
        // an indicator-stage warning for Surrey, info for Dorset only, and an error that names no force
        all.add(Finding.of(Rule.PLAUSIBLE_OUTLIER).force("E23000031").indicator("calls-101-abandonment-rate")
                .message("Surrey calls-101-abandonment-rate 41.2 is more than 3 SD from the mean of the other forces")
                .observed("41.2").expected("within 3 SD of 8.1").build());
        all.add(Finding.of(Rule.FORCE_NO_VALUE).force("E23000039").indicator("calls-101-abandonment-rate")
                .message("Dorset has no value").build());
        all.add(Finding.of(Rule.FILE_UNREADABLE).file("bt/999-calls.csv").message("not UTF-8").observed("not UTF-8").build());
        findings = List.copyOf(all);
    }

    static XSSFWorkbook open(Path p) throws Exception {
        try (InputStream in = Files.newInputStream(p)) {
            return new XSSFWorkbook(in);
        }
    }

    static String text(Cell c) {
        return c == null ? "" : new DataFormatter(java.util.Locale.UK).formatCellValue(c);
    }

    static List<List<String>> rows(XSSFSheet s) {
        List<List<String>> out = new ArrayList<>();
        for (int r = 1; r <= s.getLastRowNum(); r++) {
            Row row = s.getRow(r);
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < QueryWorkbooks.COLUMNS.size(); c++) cells.add(text(row.getCell(c)));
            out.add(cells);
        }
        return out;
    }

    static String force(String slug) {
        return FORCES.bySlug(slug).orElseThrow().code();
    }

    @Test
    void aWorkbookForEveryForceWithAnErrorOrWarningAndNoOther() throws Exception {
        List<Path> written = QueryWorkbooks.write(dir, TITLE, findings, FORCES, ISSUED);

        Set<String> names = new HashSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        // Kent: the return its file name names went in with Cumbria's cover; Lincolnshire: its return has no force
        // code (no Cover sheet) and is put to the force its file name names; Dorset has information only; BTP is
        // not a force; the unreadable 999 table names no force
        assertThat(names).containsExactlyInAnyOrder("cumbria.xlsx", "lancashire.xlsx", "derbyshire.xlsx", "lincolnshire.xlsx",
                "hampshire.xlsx", "surrey.xlsx", "kent.xlsx");
        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly("cumbria.xlsx", "lancashire.xlsx",
                "derbyshire.xlsx", "lincolnshire.xlsx", "hampshire.xlsx", "surrey.xlsx", "kent.xlsx");
    }

    @Test
    void theQuestionIsPlainEnglishAndTheRowSaysWhereAndWhy() throws Exception {
        QueryWorkbooks.write(dir, TITLE, findings, FORCES, ISSUED);
        try (XSSFWorkbook wb = open(dir.resolve("surrey.xlsx"))) {
            assertThat(wb.getSheetName(0)).isEqualTo(QueryWorkbooks.COVER);
            assertThat(wb.getSheetName(1)).isEqualTo(QueryWorkbooks.QUERIES);
            XSSFSheet q = wb.getSheet(QueryWorkbooks.QUERIES);
            List<String> header = new ArrayList<>();
            q.getRow(0).forEach(c -> header.add(text(c)));
            assertThat(header).containsExactlyElementsOf(QueryWorkbooks.COLUMNS);

            List<List<String>> rows = rows(q);
            assertThat(rows).hasSize(2);
            // warnings only, in file order: the blank value, then the indicator-stage query (no file)
            assertThat(rows.get(0)).containsExactly("E23000031-Q001", "Warning: please check",
                    "Your return's value for CALLS_101_ABANDONED (Return!C10) is blank. Please supply it, or tell us it is not available.",
                    Rule.VALUE_NOT_SUPPLIED.explanation(), "returns/return-surrey-blank-value.xlsx", "Return!C10", "",
                    "a whole number, 0 or more", "value.not-supplied", "");
            assertThat(rows.get(1).get(0)).isEqualTo("E23000031-Q002");
            // a value worked out from the force's figures, not one it gave: it is asked about what the value rests on
            assertThat(rows.get(1).get(2)).isEqualTo("The value we worked out for calls-101-abandonment-rate (41.2) is more "
                    + "than three standard deviations from the other forces' values. Please confirm that the figures behind "
                    + "it are right, and tell us anything that explains it.");
            assertThat(rows.get(1).get(3)).isEqualTo(Rule.PLAUSIBLE_OUTLIER.explanation());
        }
        try (XSSFWorkbook wb = open(dir.resolve("cumbria.xlsx"))) {
            List<List<String>> rows = rows(wb.getSheet(QueryWorkbooks.QUERIES));
            assertThat(rows).extracting(r -> r.get(8)).containsExactly("value.not-a-number", "return.force-uncertain");
            assertThat(rows.get(0).get(2)).isEqualTo("Your return's value for CALLS_101_RECEIVED (Return!C9) is 'approx 250k', "
                    + "which is not a number. Please give the figure as a number (we expect a whole number, 0 or more), or "
                    + "tell us it is not available.");
            assertThat(rows.get(1).get(2)).startsWith("We could not tell for sure which force the workbook "
                    + "returns/return-kent-cover-names-another-force.xlsx is from: the file name "
                    + "'return-kent-cover-names-another-force.xlsx' names Kent but the cover names Cumbria. None of its "
                    + "figures were used.");
        }
        try (XSSFWorkbook wb = open(dir.resolve("kent.xlsx"))) {
            assertThat(rows(wb.getSheet(QueryWorkbooks.QUERIES))).singleElement()
                    .satisfies(r -> assertThat(r.get(8)).isEqualTo("return.force-uncertain"));
        }
        try (XSSFWorkbook wb = open(dir.resolve("lancashire.xlsx"))) {
            assertThat(rows(wb.getSheet(QueryWorkbooks.QUERIES)).get(0).get(2)).isEqualTo("Your return's value for "
                    + "CALLS_101_ABANDONED (Return!C10) shows the Excel error #DIV/0!, not a figure. Please correct the "
                    + "formula or type the figure in (we expect a whole number, 0 or more).");
        }
        try (XSSFWorkbook wb = open(dir.resolve("lincolnshire.xlsx"))) {
            assertThat(rows(wb.getSheet(QueryWorkbooks.QUERIES)).get(0).get(2)).isEqualTo("The workbook "
                    + "returns/return-lincolnshire-no-cover-sheet.xlsx cannot be read as your return: the force return has "
                    + "no Cover sheet; nothing was read from it. Please send it again on the template we provided, with its "
                    + "Cover and Return sheets.");
        }
        try (XSSFWorkbook wb = open(dir.resolve("hampshire.xlsx"))) {
            assertThat(rows(wb.getSheet(QueryWorkbooks.QUERIES)).get(0).get(2)).isEqualTo("Your return's Cover sheet "
                    + "(Cover!B7) gives no Period end, so we cannot tell which period your figures cover and none of them "
                    + "were used. Please fill it in (we expect a date such as 2023-03-31) and send the return again.");
        }
        try (XSSFWorkbook wb = open(dir.resolve("derbyshire.xlsx"))) {
            assertThat(rows(wb.getSheet(QueryWorkbooks.QUERIES)).get(0).get(2)).isEqualTo("The row at Return!A16 of your "
                    + "return repeats an earlier row for DVDS_RTA_APPLICATIONS exactly. We have counted it once; please "
                    + "tell us if that is wrong.");
        }
    }

    @Test
    void theCoverIsAddressedToThePerformanceTeamAndCounts() throws Exception {
        List<Finding> mine = new ArrayList<>(findings);
        mine.add(Finding.of(Rule.VALUE_NEGATIVE).force("E23000031").file("returns/return-surrey-blank-value.xlsx")
                .at("Return!C8").message("Surrey ASB_S34_DISPERSALS: negative").observed("-3").expected("a whole number, 0 or more").build());
        QueryWorkbooks.write(dir, TITLE, mine, FORCES, ISSUED);
        try (XSSFWorkbook wb = open(dir.resolve("surrey.xlsx"))) {
            XSSFSheet c = wb.getSheet(QueryWorkbooks.COVER);
            List<String> labels = new ArrayList<>(), values = new ArrayList<>();
            for (Row r : c) {
                labels.add(text(r.getCell(0)));
                values.add(text(r.getCell(1)));
            }
            assertThat(labels.get(0)).isEqualTo("Data queries for Surrey");
            assertThat(labels).contains("To", "Collection", "Date", "Queries", "Errors", "Warnings", "How to reply");
            assertThat(values.get(labels.indexOf("To"))).isEqualTo("The performance team, Surrey (E23000031)");
            assertThat(values.get(labels.indexOf("Collection"))).isEqualTo(TITLE);
            assertThat(values.get(labels.indexOf("Date"))).isEqualTo("2 May 2024");
            assertThat(values.get(labels.indexOf("Queries"))).isEqualTo("3");
            assertThat(values.get(labels.indexOf("Errors"))).isEqualTo("1");
            assertThat(values.get(labels.indexOf("Warnings"))).isEqualTo("2");
            assertThat(values.get(labels.indexOf("How to reply"))).contains("'Force response' column").contains("E23000031-Q001");
            Cell date = null;
            for (Row r : c) if (text(r.getCell(0)).equals("Date")) date = r.getCell(1);
            assertThat(date.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(date.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(ISSUED);

            // the error comes first, with its own reference
            List<List<String>> rows = rows(wb.getSheet(QueryWorkbooks.QUERIES));
            assertThat(rows).extracting(r -> r.get(1)).containsExactly("Error: must be corrected", "Warning: please check",
                    "Warning: please check");
            assertThat(rows.get(0).get(2)).isEqualTo("Your return's value for ASB_S34_DISPERSALS (Return!C8) is -3. A count "
                    + "cannot be below zero: please correct it.");
            assertThat(rows).extracting(r -> r.get(0)).containsExactly("E23000031-Q001", "E23000031-Q002", "E23000031-Q003");
        }
    }

    /** {@code -Dfc.queries.sample=<folder>} keeps a sample set of workbooks there, to look at. */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "fc.queries.sample", matches = ".+")
    void sample() {
        QueryWorkbooks.write(Path.of(System.getProperty("fc.queries.sample")), TITLE, findings, FORCES, ISSUED);
    }

    @Test
    void laidOutForReadingWithOnlyTheResponseColumnEditable() throws Exception {
        QueryWorkbooks.write(dir, TITLE, findings, FORCES, ISSUED);
        try (XSSFWorkbook wb = open(dir.resolve("cumbria.xlsx"))) {
            XSSFSheet q = wb.getSheet(QueryWorkbooks.QUERIES);
            Row header = q.getRow(0);
            for (Cell c : header) assertThat(wb.getFontAt(c.getCellStyle().getFontIndex()).getBold()).as(text(c)).isTrue();
            assertThat(q.getPaneInformation()).isNotNull();
            assertThat(q.getPaneInformation().isFreezePane()).isTrue();
            assertThat(q.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(q.getColumnWidth(2)).isGreaterThanOrEqualTo(60 * 256);
            assertThat(q.getColumnWidth(QueryWorkbooks.RESPONSE_COLUMN)).isGreaterThanOrEqualTo(50 * 256);
            assertThat(q.isSheetLocked()).isTrue();
            assertThat(q.getCTWorksheet().getSheetProtection().isSetPassword()).isFalse();
            for (int r = 1; r <= q.getLastRowNum(); r++) {
                Row row = q.getRow(r);
                Cell response = row.getCell(QueryWorkbooks.RESPONSE_COLUMN);
                assertThat(response).isNotNull();
                assertThat(response.getCellType()).isEqualTo(CellType.BLANK);
                assertThat(response.getCellStyle().getLocked()).isFalse();
                assertThat(response.getCellStyle().getWrapText()).isTrue();
                assertThat(row.getCell(2).getCellStyle().getWrapText()).isTrue();
                assertThat(row.getCell(2).getCellStyle().getLocked()).isTrue();
                assertThat(row.getHeightInPoints()).isGreaterThan(15f);
            }
            assertThat(wb.getSheet(QueryWorkbooks.COVER).getColumnWidth(1)).isGreaterThanOrEqualTo(80 * 256);
            assertThat(wb.getProperties().getCoreProperties().getTitle()).isEqualTo("Data queries for Cumbria: " + TITLE);
        }
    }

    /**
     * The print set-up, protection, styles and properties as the workbook has always had them: a reader of the
     * file must find the same lock options, print titles, filter and formats whatever library writes it.
     */
    @Test
    void printSetUpProtectionStylesAndPropertiesAreAsSent() throws Exception {
        QueryWorkbooks.write(dir, TITLE, findings, FORCES, ISSUED);
        try (XSSFWorkbook wb = open(dir.resolve("cumbria.xlsx"))) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(2);
            assertThat(wb.getActiveSheetIndex()).isZero();
            assertThat(wb.getProperties().getCoreProperties().getCreator()).isEqualTo("force-compare");
            XSSFSheet cover = wb.getSheet(QueryWorkbooks.COVER);
            XSSFSheet q = wb.getSheet(QueryWorkbooks.QUERIES);
            int rows = q.getLastRowNum();
            assertThat(rows).isEqualTo(2);

            // only the Queries sheet is protected: no password, and exactly these lock options (schema defaults
            // where the file leaves an option out)
            assertThat(cover.isSheetLocked()).isFalse();
            var p = q.getCTWorksheet().getSheetProtection();
            assertThat(p.isSetPassword() || p.isSetHashValue() || p.isSetAlgorithmName()).isFalse();
            java.util.Map<String, Boolean> locks = new java.util.TreeMap<>();
            locks.put("sheet", p.isSetSheet() ? p.getSheet() : false);
            locks.put("objects", p.isSetObjects() ? p.getObjects() : false);
            locks.put("scenarios", p.isSetScenarios() ? p.getScenarios() : false);
            locks.put("formatCells", p.isSetFormatCells() ? p.getFormatCells() : true);
            locks.put("formatColumns", p.isSetFormatColumns() ? p.getFormatColumns() : true);
            locks.put("formatRows", p.isSetFormatRows() ? p.getFormatRows() : true);
            locks.put("insertColumns", p.isSetInsertColumns() ? p.getInsertColumns() : true);
            locks.put("insertRows", p.isSetInsertRows() ? p.getInsertRows() : true);
            locks.put("insertHyperlinks", p.isSetInsertHyperlinks() ? p.getInsertHyperlinks() : true);
            locks.put("deleteColumns", p.isSetDeleteColumns() ? p.getDeleteColumns() : true);
            locks.put("deleteRows", p.isSetDeleteRows() ? p.getDeleteRows() : true);
            locks.put("selectLockedCells", p.isSetSelectLockedCells() ? p.getSelectLockedCells() : false);
            locks.put("sort", p.isSetSort() ? p.getSort() : true);
            locks.put("autoFilter", p.isSetAutoFilter() ? p.getAutoFilter() : true);
            locks.put("pivotTables", p.isSetPivotTables() ? p.getPivotTables() : true);
            locks.put("selectUnlockedCells", p.isSetSelectUnlockedCells() ? p.getSelectUnlockedCells() : false);
            assertThat(locks).containsExactlyInAnyOrderEntriesOf(java.util.Map.ofEntries(
                    java.util.Map.entry("sheet", true), java.util.Map.entry("objects", false),
                    java.util.Map.entry("scenarios", false), java.util.Map.entry("formatCells", true),
                    java.util.Map.entry("formatColumns", false), java.util.Map.entry("formatRows", false),
                    java.util.Map.entry("insertColumns", true), java.util.Map.entry("insertRows", true),
                    java.util.Map.entry("insertHyperlinks", true), java.util.Map.entry("deleteColumns", true),
                    java.util.Map.entry("deleteRows", true), java.util.Map.entry("selectLockedCells", false),
                    java.util.Map.entry("sort", true), java.util.Map.entry("autoFilter", false),
                    java.util.Map.entry("pivotTables", true), java.util.Map.entry("selectUnlockedCells", false)));

            // the header row repeats on every printed page, is frozen, and carries the filter over every row
            assertThat(q.getRepeatingRows()).isNotNull();
            assertThat(q.getRepeatingRows().getFirstRow()).isZero();
            assertThat(q.getRepeatingRows().getLastRow()).isZero();
            assertThat(q.getRepeatingColumns()).isNull();
            assertThat(cover.getRepeatingRows()).isNull();
            assertThat(q.getPaneInformation().getVerticalSplitPosition()).isZero();
            assertThat(q.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 1);
            assertThat(cover.getPaneInformation()).isNull();
            assertThat(q.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:J" + (rows + 1));
            assertThat(wb.getAllNames()).filteredOn(n -> n.getNameName().equals("_xlnm._FilterDatabase"))
                    .singleElement().satisfies(n -> {
                        assertThat(n.getSheetIndex()).isEqualTo(1);
                        assertThat(n.getRefersToFormula().replace("'", "")).isEqualTo("Queries!$A$1:$J$" + (rows + 1));
                    });
            assertThat(cover.getCTWorksheet().isSetAutoFilter()).isFalse();

            // printed one page wide, as many pages tall as it takes: the queries across, the cover down
            assertThat(q.getFitToPage()).isTrue();
            assertThat(q.getPrintSetup().getLandscape()).isTrue();
            assertThat(q.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
            assertThat(q.getPrintSetup().getFitHeight()).isEqualTo((short) 0);
            assertThat(cover.getFitToPage()).isTrue();
            assertThat(cover.getPrintSetup().getLandscape()).isFalse();
            assertThat(cover.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
            assertThat(cover.getPrintSetup().getFitHeight()).isEqualTo((short) 0);

            // widths and heights
            int[] widths = {16, 22, 70, 48, 34, 14, 28, 28, 26, 60};
            for (int i = 0; i < widths.length; i++) assertThat(q.getColumnWidth(i)).as("column " + i).isEqualTo(widths[i] * 256);
            assertThat(cover.getColumnWidth(0)).isEqualTo(20 * 256);
            assertThat(cover.getColumnWidth(1)).isEqualTo(100 * 256);
            assertThat(q.getRow(0).getHeightInPoints()).isEqualTo(20f);
            for (int r = 1; r <= rows; r++) assertThat(q.getRow(r).getHeightInPoints() % 15f).as("row " + r).isEqualTo(3f);
            assertThat(cover.getRow(0).getCTRow().isSetCustomHeight() && cover.getRow(0).getCTRow().getCustomHeight()).isFalse();
            assertThat(cover.getRow(2).getHeightInPoints()).isEqualTo(18f); // "To": one line

            // styles: a 16pt bold title, bold labels, grey headers with a medium rule below, the response column
            // yellow, boxed and unlocked, errors bold, dates and counts left-aligned in their formats
            var title = st(cover.getRow(0).getCell(0));
            assertThat(title.getFont().getBold()).isTrue();
            assertThat(title.getFont().getFontHeightInPoints()).isEqualTo((short) 16);
            var label = st(cover.getRow(2).getCell(0));
            assertThat(label.getFont().getBold()).isTrue();
            assertThat(label.getFont().getFontHeightInPoints()).isEqualTo((short) 11);
            assertThat(label.getVerticalAlignment()).isEqualTo(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
            var fact = st(cover.getRow(2).getCell(1));
            assertThat(fact.getWrapText()).isTrue();
            assertThat(fact.getFont().getBold()).isFalse();
            Cell dateCell = null, countCell = null;
            for (Row r : cover) {
                if (text(r.getCell(0)).equals("Date")) dateCell = r.getCell(1);
                if (text(r.getCell(0)).equals("Queries")) countCell = r.getCell(1);
            }
            assertThat(st(dateCell).getDataFormatString()).isEqualTo("d mmmm yyyy");
            assertThat(st(dateCell).getAlignment()).isEqualTo(org.apache.poi.ss.usermodel.HorizontalAlignment.LEFT);
            assertThat(countCell.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(st(countCell).getDataFormatString()).isEqualTo("#,##0");
            assertThat(st(countCell).getAlignment()).isEqualTo(org.apache.poi.ss.usermodel.HorizontalAlignment.LEFT);

            for (int c = 0; c < QueryWorkbooks.COLUMNS.size(); c++) {
                var h = st(q.getRow(0).getCell(c));
                assertThat(h.getFont().getBold()).isTrue();
                assertThat(h.getWrapText()).isTrue();
                assertThat(h.getVerticalAlignment()).isEqualTo(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
                assertThat(h.getBorderBottom()).isEqualTo(org.apache.poi.ss.usermodel.BorderStyle.MEDIUM);
                assertThat(h.getFillPattern()).isEqualTo(org.apache.poi.ss.usermodel.FillPatternType.SOLID_FOREGROUND);
                assertThat(rgb(h.getFillForegroundColorColor()))
                        .isEqualTo(c == QueryWorkbooks.RESPONSE_COLUMN ? "FFF2CC" : "F3F2F1");
                assertThat(h.getLocked()).isTrue();
            }
            for (int r = 1; r <= rows; r++) {
                Row row = q.getRow(r);
                for (int c = 0; c < QueryWorkbooks.RESPONSE_COLUMN; c++) {
                    var cs = st(row.getCell(c));
                    assertThat(cs.getWrapText()).isTrue();
                    assertThat(cs.getVerticalAlignment()).isEqualTo(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
                    assertThat(cs.getFillPattern()).isEqualTo(org.apache.poi.ss.usermodel.FillPatternType.NO_FILL);
                    assertThat(cs.getBorderBottom()).isEqualTo(org.apache.poi.ss.usermodel.BorderStyle.NONE);
                    assertThat(cs.getFont().getBold()).as("row %d column %d", r, c)
                            .isEqualTo(c == 1 && text(row.getCell(1)).startsWith("Error"));
                }
                var resp = st(row.getCell(QueryWorkbooks.RESPONSE_COLUMN));
                assertThat(resp.getFillPattern()).isEqualTo(org.apache.poi.ss.usermodel.FillPatternType.SOLID_FOREGROUND);
                assertThat(rgb(resp.getFillForegroundColorColor())).isEqualTo("FFFBE6");
                assertThat(List.of(resp.getBorderTop(), resp.getBorderBottom(), resp.getBorderLeft(), resp.getBorderRight()))
                        .containsOnly(org.apache.poi.ss.usermodel.BorderStyle.THIN);
                assertThat(resp.getVerticalAlignment()).isEqualTo(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
            }
        }
        // an error's priority is bold (Surrey's negative value)
        List<Finding> mine = new ArrayList<>(findings);
        mine.add(Finding.of(Rule.VALUE_NEGATIVE).force("E23000031").file("returns/return-surrey-blank-value.xlsx")
                .at("Return!C8").message("Surrey ASB_S34_DISPERSALS: negative").observed("-3").build());
        QueryWorkbooks.write(dir, TITLE, mine, FORCES, ISSUED);
        try (XSSFWorkbook wb = open(dir.resolve("surrey.xlsx"))) {
            XSSFSheet q = wb.getSheet(QueryWorkbooks.QUERIES);
            assertThat(text(q.getRow(1).getCell(1))).isEqualTo("Error: must be corrected");
            assertThat(st(q.getRow(1).getCell(1)).getFont().getBold()).isTrue();
            assertThat(st(q.getRow(1).getCell(1)).getWrapText()).isTrue();
            assertThat(st(q.getRow(2).getCell(1)).getFont().getBold()).isFalse();
            assertThat(q.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:J4");
        }
    }

    static org.apache.poi.xssf.usermodel.XSSFCellStyle st(Cell c) {
        return (org.apache.poi.xssf.usermodel.XSSFCellStyle) c.getCellStyle();
    }

    /** An RGB colour as six hex digits, whether the file gives it with an alpha byte or without. */
    static String rgb(org.apache.poi.xssf.usermodel.XSSFColor c) {
        byte[] b = c == null ? null : c.getRGB();
        return b == null ? "" : String.format("%02X%02X%02X", b[0], b[1], b[2]);
    }

    @Test
    void everySheetIsValidAgainstTheSpreadsheetSchemaAndEveryoneMayReadTheFile() throws Exception {
        // the protection is added to fastexcel's XML by hand: the schema fixes where it may go (after sheetData, before
        // autoFilter), and POI's reading of the workbook does not check it
        List<Path> written = QueryWorkbooks.write(dir, TITLE, findings, FORCES, ISSUED);
        assertThat(written).isNotEmpty();
        for (Path file : written) {
            try (var zip = new java.util.zip.ZipFile(file.toFile())) {
                for (String part : List.of("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml")) {
                    try (InputStream in = zip.getInputStream(zip.getEntry(part))) {
                        var sheet = org.openxmlformats.schemas.spreadsheetml.x2006.main.WorksheetDocument.Factory.parse(in);
                        List<org.apache.xmlbeans.XmlError> errors = new ArrayList<>();
                        boolean valid = sheet.validate(new org.apache.xmlbeans.XmlOptions().setErrorListener(errors));
                        assertThat(valid).as(file.getFileName() + " " + part + ": " + errors).isTrue();
                    }
                }
            }
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertThat(Files.getPosixFilePermissions(file)).as("published for others to read, as the other outputs are")
                        .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
            }
        }
    }

    @Test
    void manyFindingsOfOneKindInOneFileAreListedUpToACapThenSummed() throws Exception {
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            many.add(Finding.of(Rule.MEASURE_UNKNOWN).force("E23000010").file("returns/west-yorkshire.xlsx").at("Return!A" + (16 + i))
                    .message("West Yorkshire return: measure code 'INC-" + i + "' is not in the catalogue; its value is not used")
                    .observed("INC-" + i).build());
        }
        many.add(Finding.of(Rule.VALUE_NOT_SUPPLIED).force("E23000010").file("returns/west-yorkshire.xlsx").at("Return!C10")
                .message("West Yorkshire CALLS_101_ABANDONED: left blank (not supplied)").build());
        QueryWorkbooks.write(dir, TITLE, many, FORCES, ISSUED);
        try (XSSFWorkbook wb = open(dir.resolve("west-yorkshire.xlsx"))) {
            List<List<String>> rows = rows(wb.getSheet(QueryWorkbooks.QUERIES));
            assertThat(rows).hasSize(QueryWorkbooks.MAX_QUERIES_PER_FILE_AND_RULE + 2);
            // in sheet order, rows first: C10 (row 10) before A16 (row 16)
            assertThat(rows.get(0).get(5)).isEqualTo("Return!C10");
            assertThat(rows.get(1).get(5)).isEqualTo("Return!A16");
            assertThat(rows.get(1).get(2)).isEqualTo("Your return has a row (Return!A16) with the measure code 'INC-0', which "
                    + "is not one of the codes we ask for, so its value was not used. Please tell us which measure it is meant "
                    + "to be, or remove the row.");
            List<String> last = rows.get(rows.size() - 1);
            assertThat(last.get(2)).startsWith("There are 150 more findings like the 100 above in returns/west-yorkshire.xlsx "
                    + "(the first at Return!A116)");
            assertThat(last.get(6)).isEqualTo("150 more");
        }
    }

    @Test
    void everyRuleHasAQuestionAndNothingBreaksOnEmptyFields() {
        for (Rule r : Rule.values()) {
            String q = QueryWorkbooks.question(Finding.of(r).build());
            assertThat(q).as(r.id()).isNotBlank().doesNotContain("null").endsWith(".");
            Finding full = Finding.of(r).force("E23000001").file("returns/metropolitan.xlsx").at("Return!C9")
                    .indicator("calls-101-abandonment-rate").message("Metropolitan Police CALLS_101_RECEIVED: something")
                    .observed("x").expected("y").build();
            assertThat(QueryWorkbooks.question(full)).as(r.id()).isNotBlank().doesNotContain("null");
        }
    }

    @Test
    void onlyForcesWithErrorsOrWarningsAndInformationIsNeverQueried() {
        var byForce = QueryWorkbooks.queriesByForce(findings, FORCES);
        assertThat(byForce.keySet()).extracting(Force::slug).doesNotContain("dorset");
        assertThat(byForce.values()).allSatisfy(qs -> assertThat(qs).allSatisfy(q -> assertThat(q.severity()).isNotEqualTo(Severity.INFO)));
        assertThat(byForce.values().stream().flatMap(List::stream).map(QueryWorkbooks.Query::reference)).doesNotHaveDuplicates();
    }

    @Test
    void writingAgainReplacesTheWorkbookAndLeavesOtherFilesAlone() throws Exception {
        Files.writeString(dir.resolve("README.txt"), "not ours");
        QueryWorkbooks.write(dir, TITLE, findings, FORCES);
        QueryWorkbooks.write(dir, TITLE, findings, FORCES);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).contains("README.txt").noneMatch(n -> n.endsWith(".tmp"));
        }
        try (XSSFWorkbook wb = open(dir.resolve("surrey.xlsx"))) {
            assertThat(rows(wb.getSheet(QueryWorkbooks.QUERIES))).hasSize(2);
        }
    }

    @Test
    void aLetterQuotesAWorkedOutValueAsPeopleReadIt() {
        // City of London's 999 calls per 1,000: 6,232 calls in a resident population of 10,938
        assertThat(QueryWorkbooks.figure(String.valueOf(6232 * 1000.0 / 10938))).isEqualTo("569.8");
        assertThat(QueryWorkbooks.figure("3.7600000000000002")).isEqualTo("3.76");
        assertThat(QueryWorkbooks.figure("41.2")).isEqualTo("41.2");
        assertThat(QueryWorkbooks.figure("12345")).isEqualTo("12345");
        assertThat(QueryWorkbooks.figure("#DIV/0!")).isEqualTo("#DIV/0!");
        // a figure as displayed is quoted as it is; E-notation never reaches a letter
        assertThat(QueryWorkbooks.figure("9,533,645")).isEqualTo("9,533,645");
        assertThat(QueryWorkbooks.figure("2.3456")).isEqualTo("2.3456");
        assertThat(QueryWorkbooks.figure("1.2E7")).isEqualTo("12000000");
        Finding f = Finding.of(Rule.PLAUSIBLE_RANGE).force("E23000034").indicator("calls-999-per-1000")
                .observed(String.valueOf(6232 * 1000.0 / 10938)).expected("20.0 to 400.0").build();
        assertThat(QueryWorkbooks.question(f)).isEqualTo("The value we worked out for calls-999-per-1000 (569.8) is outside "
                + "the range we would expect (20.0 to 400.0). Please confirm that the figures behind it are right, or tell us "
                + "which are not.");
    }

    @Test
    void aBlankValueWithTheForcesNoteIsNotAskedForAgainAsIfNothingWasSaid() {
        Finding noted = Finding.of(Rule.VALUE_NOT_SUPPLIED).force("E23000002").file("returns/cumbria.xlsx").at("Return!C10")
                .message("Cumbria CALLS_101_ABANDONED: left blank (not supplied) with the note 'Not available: telephony "
                        + "platform changed in November 2022'").build();
        assertThat(QueryWorkbooks.question(noted)).endsWith("is blank, with your note 'Not available: telephony platform "
                + "changed in November 2022'. If the figure can be had, please supply it; otherwise there is nothing more to do.");
        Finding bare = Finding.of(Rule.VALUE_NOT_SUPPLIED).force("E23000002").file("returns/cumbria.xlsx").at("Return!C10")
                .message("Cumbria CALLS_101_ABANDONED: left blank (not supplied)").build();
        assertThat(QueryWorkbooks.question(bare)).endsWith("is blank. Please supply it, or tell us it is not available.");
    }

    @Test
    void aRejectedValueWithTheForcesNoteShowsTheForceItsNote() {
        Finding text = Finding.of(Rule.VALUE_NOT_NUMBER).force("E23000024").file("returns/norfolk.xlsx").at("Return!C9")
                .observed("n/a").expected("a whole number, 0 or more")
                .message("Norfolk CALLS_101_RECEIVED: text where a number belongs; the force's note beside it: "
                        + "'A date where a number belongs is not ours: figure pending'").build();
        // the question is the plain one for text in a value cell, not the one for a date its note mentions
        assertThat(QueryWorkbooks.question(text)).isEqualTo("Your return's value for CALLS_101_RECEIVED (Return!C9) is "
                + "'n/a', which is not a number. Please give the figure as a number (we expect a whole number, 0 or more), "
                + "or tell us it is not available. Your note beside it: 'A date where a number belongs is not ours: figure "
                + "pending'.");
        Finding negative = Finding.of(Rule.VALUE_NEGATIVE).force("E23000024").file("returns/norfolk.xlsx").at("Return!C10")
                .observed("-4").message("Norfolk CALLS_101_ABANDONED: negative; the force's note beside it: 'Correction'")
                .build();
        assertThat(QueryWorkbooks.question(negative)).isEqualTo("Your return's value for CALLS_101_ABANDONED (Return!C10) "
                + "is -4. A count cannot be below zero: please correct it. Your note beside it: 'Correction'.");
    }

    @Test
    void aPartAboveItsWholeKeepsTheCodeAsWrittenAndTheSameQuestionIsAskedOnce() {
        Finding f = Finding.of(Rule.VALUE_PART_EXCEEDS_WHOLE).force("E23000024").file("returns/norfolk.xlsx").at("Return!C10")
                .indicator("calls-101-abandonment-rate").message("Norfolk, FY2022/23: CALLS_101_ABANDONED 200,000 is greater "
                        + "than CALLS_101_RECEIVED 165,473; calls-101-abandonment-rate is left out for this force").build();
        assertThat(QueryWorkbooks.question(f)).startsWith("CALLS_101_ABANDONED 200,000 is greater than CALLS_101_RECEIVED")
                .doesNotContain("cALLS");
        assertThat(QueryWorkbooks.lowerFirst("Abandoned after")).isEqualTo("abandoned after");
        Finding period = Finding.of(Rule.PERIOD_MISMATCH).force("E23000028").file("returns/essex.xlsx").at("Return!C4")
                .observed("FY2021/22").expected("FY2022/23").message("Essex's ASB_INCIDENTS covers FY2021/22").build();
        Finding again = Finding.of(Rule.PERIOD_MISMATCH).force("E23000028").file("returns/essex.xlsx").at("Return!C4")
                .indicator("asb-civil-order-ratio").observed("FY2021/22").expected("FY2022/23")
                .message("Essex's ASB_INCIDENTS covers FY2021/22").build();
        var essex = QueryWorkbooks.queriesByForce(List.of(period, again), FORCES).values().iterator().next();
        assertThat(essex).hasSize(1);
    }

    @Test
    void aNumberStoredAsTextIsAskedForAsANumber() {
        Finding f = Finding.of(Rule.VALUE_NOT_NUMBER).force("E23000002").file("returns/cumbria.xlsx").at("Return!C10")
                .message("Cumbria CALLS_101_ABANDONED: a number stored as text ('1,234'); enter it as a number")
                .observed("1,234").expected("a whole number, 0 or more").build();
        assertThat(QueryWorkbooks.question(f)).isEqualTo("Your return's value for CALLS_101_ABANDONED (Return!C10) is "
                + "'1,234', stored as text, so it cannot be used as a figure. Please enter it as a number (not text) and "
                + "send the return again.");
    }

    @Test
    void whyWeAskADateOrAFractionSaysSoRatherThanTextOrAnExcelError() {
        // the row's "Why we ask" sits beside the question: a force sent a date must not read "Text or an Excel error"
        String why = Rule.VALUE_NOT_NUMBER.explanation();
        assertThat(why).contains("a date").contains("a fraction where a count belongs").contains("text")
                .contains("an Excel error value").doesNotStartWith("Text or an Excel error value");
    }
}
