package uk.forcecompare.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Sanity checks on the committed sample collection, the defects test collection and their independent expected
 * values (made by tools/sample/generate.py and tools/sample/expected.py). No Spring: plain files, POI and CSV.
 */
class SampleCollectionTest {

    static final Path SAMPLE = Path.of("data/sample/2024-spring");
    static final Path COLLECTIONS = Path.of("src/test/resources/collections");
    static final Path DEFECTS = COLLECTIONS.resolve("defects-2023");
    static final Path SAMPLE_EXPECTED = COLLECTIONS.resolve("sample-2024-spring-expected-indicators.csv");
    static final Path NEGATIVE = COLLECTIONS.resolve("negative-misaligned-population-do-not-use.csv");
    static final Path FORCES = Path.of("data/reference/forces.csv");

    static final List<String> INDICATOR_COLUMNS = List.of("indicator_id", "period", "force_code", "force_name",
            "numerator", "denominator", "value", "band", "mean", "sd", "lower", "upper", "n_forces",
            "england_wales_rate");
    static final List<String> FINDING_COLUMNS = List.of("severity", "rule", "source_file", "location",
            "force_code", "indicator_id");

    @Test
    void committedFilesExist() throws IOException {
        for (Path p : List.of(SAMPLE.resolve("collection.yml"), SAMPLE.resolve("ons/pfa-population.csv"),
                SAMPLE.resolve("bt/999-calls-2023.csv"), SAMPLE_EXPECTED,
                COLLECTIONS.resolve("sample-2024-spring-expected-findings.csv"),
                DEFECTS.resolve("collection.yml"), DEFECTS.resolve("ons/pfa-tables-p3-mid2018.xlsx"),
                DEFECTS.resolve("bt/999-calls-2023.csv"), DEFECTS.resolve("DEFECTS.md"),
                DEFECTS.resolve("expected-findings.csv"), DEFECTS.resolve("expected-indicators.csv"), NEGATIVE)) {
            assertTrue(Files.isRegularFile(p), "missing " + p);
        }
        // 43 forces less one that sent nothing: Gwent in the sample, Surrey in the defects collection
        assertEquals(42, countXlsx(SAMPLE.resolve("returns")));
        assertFalse(Files.exists(SAMPLE.resolve("returns/gwent.xlsx")));
        assertEquals(42, countXlsx(DEFECTS.resolve("returns")));
        assertFalse(Files.exists(DEFECTS.resolve("returns/surrey.xlsx")));
        // the defects 999 file is as published: UTF-8 with a BOM, CRLF line ends
        byte[] head = Files.readAllBytes(DEFECTS.resolve("bt/999-calls-2023.csv"));
        assertEquals((byte) 0xEF, head[0]);
        assertTrue(new String(head, StandardCharsets.UTF_8).contains("\r\n"));
    }

    @Test
    void expectedFilesHaveTheContractColumnsAndEveryForce() throws IOException {
        for (Path p : List.of(SAMPLE_EXPECTED, DEFECTS.resolve("expected-indicators.csv"))) {
            List<CSVRecord> rows = read(p);
            assertEquals(INDICATOR_COLUMNS, header(p), p.toString());
            assertEquals(4 * 43, rows.size(), p.toString());
        }
        assertEquals(FINDING_COLUMNS, header(DEFECTS.resolve("expected-findings.csv")));
        // the sample has warnings and info only: a newcomer's run exits 0
        assertTrue(read(COLLECTIONS.resolve("sample-2024-spring-expected-findings.csv")).stream()
                .noneMatch(r -> r.get("severity").equals("error")));
    }

    @Test
    void norfolkCivilOrderRatioIsThePublishedFigure() throws IOException {
        CSVRecord r = expected("asb-civil-order-ratio", "E23000024");
        assertEquals("FY2022/23", r.get("period"));
        assertEquals("285", r.get("numerator"));
        assertEquals("9950", r.get("denominator"));
        assertTrue(r.get("value").startsWith("2.864"), r.get("value"));
        assertEquals("2.9", new BigDecimal(r.get("value")).setScale(1, RoundingMode.HALF_UP).toPlainString());
        assertEquals("above", r.get("band"));
        // the unweighted mean is about the report's 1.3 percent
        assertEquals("1.3", new BigDecimal(r.get("mean")).setScale(1, RoundingMode.HALF_UP).toPlainString());

        // and the workbook itself says so: real date cells on the cover, 9 + 241 + 14 + 21 in 9,950
        try (Workbook wb = new XSSFWorkbook(Files.newInputStream(SAMPLE.resolve("returns/norfolk.xlsx")))) {
            Sheet cover = wb.getSheet("Cover");
            assertEquals("Norfolk", cover.getRow(2).getCell(1).getStringCellValue());
            assertEquals("E23000024", cover.getRow(3).getCell(1).getStringCellValue());
            Cell start = cover.getRow(5).getCell(1);
            assertEquals(CellType.NUMERIC, start.getCellType());
            assertTrue(DateUtil.isCellDateFormatted(start));
            assertEquals(LocalDate.of(2022, 4, 1), start.getLocalDateTimeCellValue().toLocalDate());
            assertEquals(LocalDate.of(2023, 3, 31),
                    cover.getRow(6).getCell(1).getLocalDateTimeCellValue().toLocalDate());
            Map<String, Double> v = new LinkedHashMap<>();
            Sheet ret = wb.getSheet("Return");
            for (int i = 3; i <= ret.getLastRowNum(); i++) {
                Row row = ret.getRow(i);
                v.put(row.getCell(0).getStringCellValue(), row.getCell(2).getNumericCellValue());
            }
            assertEquals(12, v.size());
            assertEquals(9950.0, v.get("ASB_INCIDENTS"));
            assertEquals(285.0, v.get("ASB_CRIMINAL_BEHAVIOUR_ORDERS") + v.get("ASB_COMMUNITY_PROTECTION_NOTICES")
                    + v.get("ASB_CIVIL_INJUNCTIONS") + v.get("ASB_S34_DISPERSALS"));
        }
    }

    @Test
    void norfolk999CallsAnsweredWithin10sRoundTo871() throws IOException {
        CSVRecord r = expected("calls-999-answered-within-10s", "E23000024");
        assertEquals("2023-01..2023-12", r.get("period"));
        assertEquals("87.1", new BigDecimal(r.get("value")).setScale(1, RoundingMode.HALF_UP).toPlainString());

        long total = 0, answered = 0;
        int months = 0;
        for (CSVRecord row : read(SAMPLE.resolve("bt/999-calls-2023.csv"))) {
            if (row.get("Force").equals("Norfolk Constabulary")) {
                total += Long.parseLong(row.get("Total calls"));
                answered += Long.parseLong(row.get("Calls answered in under 10 seconds"));
                months++;
            }
        }
        assertEquals(12, months);
        assertEquals(r.get("numerator"), Long.toString(answered));
        assertEquals(r.get("denominator"), Long.toString(total));
        assertEquals("87.1", BigDecimal.valueOf(answered * 100.0 / total).setScale(1, RoundingMode.HALF_UP)
                .toPlainString());
    }

    @Test
    void populationSanityCheckPassesRealTablesAndRejectsTheMisalignedFixture() throws IOException {
        Map<String, Long> long2018 = longPopulation(2018);
        Map<String, Long> long2010 = longPopulation(2010);
        assertEquals(43, long2018.size());

        // two real ONS-based tables agree: the long file's mid-2018 and Table P3's MYE2018 (rounded to 100)
        Map<String, Long> p3 = tableP3();
        assertEquals(43, p3.size());
        assertTrue(disagreements(long2018, p3, 0.01).isEmpty(), () -> disagreements(long2018, p3, 0.01).toString());

        // the public file with misaligned populations does not: the check must catch it
        Map<String, String> codeBySlug = new LinkedHashMap<>();
        for (CSVRecord f : read(FORCES)) {
            codeBySlug.put(f.get("police_uk_slug"), f.get("code"));
        }
        Map<String, Long> misaligned = new LinkedHashMap<>();
        for (CSVRecord r : read(NEGATIVE)) {
            String code = codeBySlug.get(r.get("id"));
            if (code != null && !r.get("Population 2010").isBlank()) {
                misaligned.put(code, Long.parseLong(r.get("Population 2010")));
            }
        }
        assertEquals(43, misaligned.size());
        List<String> bad = disagreements(long2010, misaligned, 0.10);
        assertTrue(bad.size() >= 10, bad.toString());
        assertTrue(bad.contains("E23000020"), "Lincolnshire 11,700 must be caught");
        assertTrue(bad.contains("E23000034"), "City of London 563,500 must be caught");
    }

    // ------------------------------------------------------------------ helpers

    /** Codes whose populations differ by more than {@code tolerance} (a fraction), or are missing from one side. */
    static List<String> disagreements(Map<String, Long> reference, Map<String, Long> candidate, double tolerance) {
        List<String> out = new ArrayList<>();
        reference.forEach((code, ref) -> {
            Long c = candidate.get(code);
            if (c == null || Math.abs(c - ref) > tolerance * ref) {
                out.add(code);
            }
        });
        return out;
    }

    static Map<String, Long> longPopulation(int year) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (CSVRecord r : read(SAMPLE.resolve("ons/pfa-population.csv"))) {
            if (Integer.parseInt(r.get("mid_year")) == year) {
                out.put(r.get("pfa_code"), Long.parseLong(r.get("population")));
            }
        }
        return out;
    }

    static Map<String, Long> tableP3() throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Workbook wb = new XSSFWorkbook(Files.newInputStream(DEFECTS.resolve("ons/pfa-tables-p3-mid2018.xlsx")))) {
            Sheet s = wb.getSheet("Table P3");
            int codeCol = -1, popCol = -1;
            for (Row row : s) {
                if (codeCol < 0) {
                    for (Cell c : row) {
                        if (c.getCellType() == CellType.STRING && c.getStringCellValue().equals("Area Code")) {
                            codeCol = c.getColumnIndex();
                        }
                        if (c.getCellType() == CellType.STRING && c.getStringCellValue().equals("MYE2018")) {
                            popCol = c.getColumnIndex();
                        }
                    }
                    continue;
                }
                String code = row.getCell(codeCol).getStringCellValue();
                if (code.matches("(E23|W15)\\d{6}")) {
                    out.put(code, (long) row.getCell(popCol).getNumericCellValue());
                }
            }
        }
        return out;
    }

    static CSVRecord expected(String indicator, String code) throws IOException {
        return read(SAMPLE_EXPECTED).stream()
                .filter(r -> r.get("indicator_id").equals(indicator) && r.get("force_code").equals(code))
                .findFirst().orElseThrow();
    }

    static List<CSVRecord> read(Path p) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setCommentMarker('#').get();
        try (Reader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            return format.parse(in).getRecords();
        }
    }

    static List<String> header(Path p) throws IOException {
        try (Stream<String> lines = Files.lines(p, StandardCharsets.UTF_8)) {
            return List.of(lines.findFirst().orElseThrow().split(",", -1));
        }
    }

    static long countXlsx(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".xlsx")).count();
        }
    }
}
