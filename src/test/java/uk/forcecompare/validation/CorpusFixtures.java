package uk.forcecompare.validation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import com.github.miachm.sods.SpreadSheet;

import uk.forcecompare.collection.Period;
import uk.forcecompare.collection.SourceFile;
import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.sources.ForceReturnTemplate;
import uk.forcecompare.sources.Measures;
import uk.forcecompare.sources.Observation;
import uk.forcecompare.sources.SourceOutput;

/**
 * Builders for the malformed-input corpus and the fuzz seeds: force returns (from the product's own template),
 * published tables in CSV, XLSX and ODS, and raw zip surgery for damaged workbooks. Everything is deterministic
 * apart from the timestamps POI writes into workbook properties.
 */
final class CorpusFixtures {

    static final ForceDirectory FORCES = ForceDirectory.load(Path.of("data/reference"));
    static final Path CORPUS = Path.of("src/test/resources/malformed");
    static final Period FY2023 = Period.financialYear(2023);

    static final String CALLS_999_HEADER = "Month,Force,Total calls,Calls answered in under 10 seconds";
    static final String STREET_HEADER = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,"
            + "LSOA code,LSOA name,Crime type,Last outcome category,Context";

    /** Return sheet rows of the template (0-based) start here, in {@link Measures#FORCE_RETURN} order. */
    static final int FIRST_MEASURE_ROW = 3;

    private CorpusFixtures() {
    }

    static Force force(String slug) {
        return FORCES.bySlug(slug).orElseThrow(() -> new IllegalArgumentException(slug));
    }

    static int measureRow(String measure) {
        int r = FIRST_MEASURE_ROW;
        for (String m : Measures.FORCE_RETURN.keySet()) {
            if (m.equals(measure)) return r;
            r++;
        }
        throw new IllegalArgumentException(measure);
    }

    /** Plausible values for every measure of a return. */
    static Map<String, Object> validValues() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("ASB_INCIDENTS", 12_000);
        v.put("ASB_CRIMINAL_BEHAVIOUR_ORDERS", 40);
        v.put("ASB_COMMUNITY_PROTECTION_NOTICES", 300);
        v.put("ASB_CIVIL_INJUNCTIONS", 25);
        v.put("ASB_S34_DISPERSALS", 150);
        v.put("CALLS_101_RECEIVED", 250_000);
        v.put("CALLS_101_ABANDONED", 20_000);
        v.put("DVDS_RTA_APPLICATIONS", 900);
        v.put("DVDS_RTA_DISCLOSURES", 400);
        v.put("DVDS_RTK_DISCLOSURES", 350);
        v.put("FUNDING_TOTAL_GBP", 345_678_901.25);
        v.put("FUNDING_PRECEPT_GBP", 123_456_789.5);
        return v;
    }

    /** A formula cell written without a cached result. */
    record Formula(String text) {
    }

    /** A force return as a force fills in the product's template: values by measure code, then any edit. */
    static final class Return {
        private final Force force;
        private final Map<String, Object> values = validValues();
        private final List<Consumer<XSSFWorkbook>> edits = new ArrayList<>();
        private Period period = FY2023;

        Return(Force force) {
            this.force = force;
        }

        static Return of(String slug) {
            return new Return(force(slug));
        }

        /** A value: Number, String, LocalDate, Boolean, FormulaError, Formula, or null for blank. */
        Return value(String measure, Object v) {
            if (!values.containsKey(measure)) throw new IllegalArgumentException(measure);
            values.put(measure, v);
            return this;
        }

        Return period(Period p) {
            this.period = p;
            return this;
        }

        Return edit(Consumer<XSSFWorkbook> e) {
            edits.add(e);
            return this;
        }

        byte[] bytes() {
            try {
                Path tmp = Files.createTempFile("fc-template", ".xlsx");
                try {
                    ForceReturnTemplate.write(tmp, "2024-spring", force, period);
                    try (InputStream in = Files.newInputStream(tmp); XSSFWorkbook wb = new XSSFWorkbook(in)) {
                        Sheet ret = wb.getSheet("Return");
                        CellStyle date = wb.createCellStyle();
                        date.setDataFormat(wb.createDataFormat().getFormat("dd/mm/yyyy"));
                        for (Row row : ret) {
                            if (row.getRowNum() < FIRST_MEASURE_ROW) continue;
                            String code = row.getCell(0).getStringCellValue();
                            if (!values.containsKey(code)) continue;
                            set(row.getCell(2), values.get(code), date);
                        }
                        wb.getSheet("Cover").getRow(7).getCell(1).setCellValue("A. Analyst, Performance Team");
                        wb.getSheet("Cover").getRow(8).getCell(1).setCellValue(LocalDate.of(2024, 4, 20));
                        edits.forEach(e -> e.accept(wb));
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        wb.write(out);
                        return out.toByteArray();
                    }
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Path write(Path file) {
            return CorpusFixtures.write(file, bytes());
        }
    }

    static void set(Cell c, Object v, CellStyle dateStyle) {
        if (v == null) {
            c.setBlank();
        } else if (v instanceof Number n) {
            c.setCellValue(n.doubleValue());
        } else if (v instanceof String s) {
            c.setCellValue(s);
        } else if (v instanceof Boolean b) {
            c.setCellValue(b);
        } else if (v instanceof LocalDate d) {
            c.setCellValue(d);
            c.setCellStyle(dateStyle);
        } else if (v instanceof FormulaError e) {
            c.setCellErrorValue(e.getCode());
        } else if (v instanceof Formula f) {
            c.setCellFormula(f.text());
        } else {
            throw new IllegalArgumentException(String.valueOf(v));
        }
    }

    // ---------------------------------------------------------------- published tables

    /** A workbook of sheets of rows; cells as {@link #set}. */
    static byte[] xlsx(Map<String, List<List<Object>>> sheets, Consumer<XSSFWorkbook> edit) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            for (Map.Entry<String, List<List<Object>>> s : sheets.entrySet()) {
                Sheet sheet = wb.createSheet(s.getKey());
                for (int r = 0; r < s.getValue().size(); r++) {
                    Row row = sheet.createRow(r);
                    List<Object> cells = s.getValue().get(r);
                    for (int c = 0; c < cells.size(); c++) {
                        if (cells.get(c) != null) set(row.createCell(c), cells.get(c), date);
                    }
                }
            }
            edit.accept(wb);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] xlsx(String sheet, List<List<Object>> rows) {
        return xlsx(Map.of(sheet, rows), wb -> { });
    }

    static byte[] ods(String sheetName, List<List<Object>> rows) {
        try {
            SpreadSheet book = new SpreadSheet();
            int width = rows.stream().mapToInt(List::size).max().orElse(1);
            com.github.miachm.sods.Sheet s = new com.github.miachm.sods.Sheet(sheetName, Math.max(rows.size(), 1), width);
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object v = rows.get(r).get(c);
                    if (v == null) continue;
                    s.getRange(r, c).setValue(v instanceof Number n ? (Object) n.doubleValue() : v);
                }
            }
            book.appendSheet(s);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A legacy Excel 97-2003 (BIFF8) workbook, as HSSF writes it. */
    static byte[] biff(String sheet, List<List<Object>> rows) {
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            Sheet s = wb.createSheet(sheet);
            for (int r = 0; r < rows.size(); r++) {
                Row row = s.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) set(row.createCell(c), rows.get(r).get(c), null);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of a 999 table for some forces and months, as numbers. */
    static List<List<Object>> calls999Rows(List<String> forceNames, List<String> months) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("Month", "Force", "Total calls", "Calls answered in under 10 seconds"));
        int i = 0;
        for (String m : months) {
            for (String f : forceNames) {
                int total = 5_000 + (i * 7919) % 20_000;
                rows.add(List.of(m, f, total, total * 9 / 10));
                i++;
            }
        }
        return rows;
    }

    static String csv(List<List<Object>> rows, String eol) {
        StringBuilder b = new StringBuilder();
        for (List<Object> row : rows) {
            List<String> cells = new ArrayList<>();
            for (Object v : row) {
                String t = v == null ? "" : v.toString();
                cells.add(t.contains(",") || t.contains("\"") || t.contains("\n") ? '"' + t.replace("\"", "\"\"") + '"' : t);
            }
            b.append(String.join(",", cells)).append(eol);
        }
        return b.toString();
    }

    static byte[] text(String s, Charset cs) {
        return s.getBytes(cs);
    }

    static byte[] utf8(String s) {
        return text(s, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- zip surgery

    /** Every entry of a zip archive, in order. */
    static LinkedHashMap<String, byte[]> unzip(byte[] zip) {
        LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) entries.put(e.getName(), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** A zip of the entries, in order; {@code mimetype} is stored uncompressed as ODS requires. */
    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry z = new ZipEntry(e.getKey());
                z.setTime(0L);
                if (e.getKey().equals("mimetype")) {
                    z.setMethod(ZipEntry.STORED);
                    z.setSize(e.getValue().length);
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    z.setCrc(crc.getValue());
                }
                out.putNextEntry(z);
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The archive with one entry's bytes replaced by what {@code change} makes of them. */
    static byte[] rewriteEntry(byte[] zip, String entry, BiFunction<String, byte[], byte[]> change) {
        LinkedHashMap<String, byte[]> entries = unzip(zip);
        if (!entries.containsKey(entry)) throw new IllegalArgumentException(entry + " not in " + entries.keySet());
        entries.put(entry, change.apply(entry, entries.get(entry)));
        return zip(entries);
    }

    static byte[] cut(byte[] b, double fraction) {
        byte[] out = new byte[(int) (b.length * fraction)];
        System.arraycopy(b, 0, out, 0, out.length);
        return out;
    }

    // ---------------------------------------------------------------- files and reading

    static Path write(Path file, byte[] bytes) {
        try {
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SourceFile source(Path path, String relative, SourceKind kind) {
        try {
            return new SourceFile(path, relative, Optional.ofNullable(kind), "", Files.size(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps what a reader hands on. Thread-safe. */
    static final class Output implements SourceOutput {
        final List<Observation> observations = Collections.synchronizedList(new ArrayList<>());
        final List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
        final List<String> quarantined = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void observation(Observation o) {
            observations.add(o);
        }

        @Override
        public void quarantine(String sourceFile, String location, Rule rule, String rawText) {
            quarantined.add(location + " " + rule + " " + rawText);
        }

        @Override
        public void report(Finding f) {
            findings.add(f);
        }

        List<Finding> findings(Rule rule) {
            return findings.stream().filter(f -> f.rule() == rule).toList();
        }
    }
}
