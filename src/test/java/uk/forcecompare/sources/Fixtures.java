package uk.forcecompare.sources;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import com.github.miachm.sods.Sheet;
import com.github.miachm.sods.SpreadSheet;

import uk.forcecompare.collection.SourceFile;
import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Rule;
import uk.forcecompare.validation.Severity;

/** Builders for test files in every format, and an output that keeps what a reader hands on. */
final class Fixtures {

    static final ForceDirectory FORCES = ForceDirectory.load(Path.of("data/reference"));
    static final Path RESOURCES = Path.of("src/test/resources/sources");

    private Fixtures() {
    }

    /** A blank cell in a workbook row. */
    static final Object BLANK = new Object();

    /** A formula cell written without a cached result. */
    record Formula(String text) {
    }

    /** An Excel error cell. */
    record ExcelError(org.apache.poi.ss.usermodel.FormulaError error) {
    }

    static final class Output implements SourceOutput {
        final List<Observation> observations = new ArrayList<>();
        final List<Finding> findings = new ArrayList<>();
        final List<String> quarantined = new ArrayList<>();

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

        List<Finding> errors() {
            return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        }

        List<Observation> observations(String measure) {
            return observations.stream().filter(o -> o.measure().equals(measure)).toList();
        }

        Observation only(Predicate<Observation> test) {
            List<Observation> found = observations.stream().filter(test).toList();
            if (found.size() != 1) throw new AssertionError("expected one observation, found " + found + " in " + observations);
            return found.get(0);
        }

        BigDecimal value(String force, String measure) {
            return only(o -> o.forceCode().equals(force) && o.measure().equals(measure)).value().orElseThrow();
        }
    }

    static SourceFile source(Path path, SourceKind kind) {
        return source(path, path.getFileName().toString(), kind);
    }

    static SourceFile source(Path path, String relative, SourceKind kind) {
        try {
            return new SourceFile(path, relative, Optional.ofNullable(kind), "", Files.size(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Output read(Path path, SourceKind kind) {
        Output out = new Output();
        new Sources(FORCES).read(source(path, kind), out);
        return out;
    }

    static Path csv(Path dir, String name, String content) {
        return write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of cells: String, Number, LocalDate, BLANK/null, Formula or ExcelError. */
    @SafeVarargs
    static Path xlsx(Path file, String sheet, List<Object>... rows) {
        return xlsx(file, List.of(new SheetData(sheet, List.of(rows))));
    }

    record SheetData(String name, List<List<Object>> rows) {
    }

    static Path xlsx(Path file, List<SheetData> sheets) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            for (SheetData sd : sheets) {
                var s = wb.createSheet(sd.name());
                for (int r = 0; r < sd.rows().size(); r++) {
                    Row row = s.createRow(r);
                    List<Object> cells = sd.rows().get(r);
                    for (int c = 0; c < cells.size(); c++) {
                        Object v = cells.get(c);
                        if (v == null || v == BLANK) continue;
                        var cell = row.createCell(c);
                        if (v instanceof String t) cell.setCellValue(t);
                        else if (v instanceof Number n) cell.setCellValue(n.doubleValue());
                        else if (v instanceof LocalDate d) {
                            cell.setCellValue(d);
                            cell.setCellStyle(date);
                        } else if (v instanceof Formula f) cell.setCellFormula(f.text());
                        else if (v instanceof ExcelError e) cell.setCellErrorValue(e.error().getCode());
                        else throw new IllegalArgumentException(v.toString());
                    }
                }
            }
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path ods(Path file, List<SheetData> sheets) {
        try {
            SpreadSheet book = new SpreadSheet();
            for (SheetData sd : sheets) {
                int width = sd.rows().stream().mapToInt(List::size).max().orElse(1);
                Sheet s = new Sheet(sd.name(), sd.rows().size(), width);
                for (int r = 0; r < sd.rows().size(); r++) {
                    List<Object> cells = sd.rows().get(r);
                    for (int c = 0; c < cells.size(); c++) {
                        Object v = cells.get(c);
                        if (v == null || v == BLANK) continue;
                        if (v instanceof Formula f) s.getRange(r, c).setFormula("=" + f.text());
                        else if (v instanceof Number n) s.getRange(r, c).setValue(n.doubleValue());
                        else s.getRange(r, c).setValue(v);
                    }
                }
                book.appendSheet(s);
            }
            Files.createDirectories(file.getParent());
            book.save(file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same rows as CSV text, for comparing formats. */
    static String csvText(List<List<Object>> rows) {
        StringBuilder b = new StringBuilder();
        for (List<Object> row : rows) {
            List<String> cells = new ArrayList<>();
            for (Object v : row) {
                String t = v == null || v == BLANK ? "" : v instanceof Number n ? new BigDecimal(n.toString()).toPlainString() : v.toString();
                cells.add(Text.csvQuote(t));
            }
            b.append(String.join(",", cells)).append("\r\n");
        }
        return b.toString();
    }
}
