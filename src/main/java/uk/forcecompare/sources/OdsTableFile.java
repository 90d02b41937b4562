package uk.forcecompare.sources;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.poi.openxml4j.util.ZipSecureFile;

import com.github.miachm.sods.Range;
import com.github.miachm.sods.Sheet;
import com.github.miachm.sods.SpreadSheet;

/**
 * ODS, the format government tables are published in, read whole with SODS. SODS has no zip-bomb guard of its
 * own, so the archive is inflated once under POI's limits before SODS sees it.
 */
final class OdsTableFile implements TableFile {

    /** What LibreOffice writes as the result of a formula that failed. */
    private static final Pattern ERROR_RESULT = Pattern.compile("#(DIV/0!|N/A|REF!|VALUE!|NAME\\?|NUM!|NULL!)|Err:\\d+");
    private static final long MAX_TOTAL_INFLATED = 2L << 30;

    private final SpreadSheet book;

    OdsTableFile(Path path) throws IOException {
        guardAgainstZipBomb(path);
        try {
            this.book = new SpreadSheet(path.toFile());
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFile("not a readable ODS workbook (" + XlsxTableFile.rootMessage(e) + ")", e);
        }
    }

    private static void guardAgainstZipBomb(Path path) throws IOException {
        double minRatio = ZipSecureFile.getMinInflateRatio();
        long maxEntry = ZipSecureFile.getMaxEntrySize();
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                long compressed = Math.max(e.getCompressedSize(), 1);
                long inflated = 0;
                try (InputStream in = zip.getInputStream(e)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        inflated += n;
                        total += n;
                        // POI's own rule: past the grace size, a part may not inflate beyond 1/minRatio times its size
                        if (inflated > 1_000_000 && (double) compressed / inflated < minRatio) {
                            throw new UnreadableFile("a zip bomb: part '" + e.getName() + "' inflates more than "
                                    + Math.round(1 / minRatio) + " times");
                        }
                        if (inflated > maxEntry || total > MAX_TOTAL_INFLATED) {
                            throw new UnreadableFile("a zip bomb: part '" + e.getName() + "' is too large when inflated");
                        }
                    }
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new UnreadableFile("a damaged or truncated workbook (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public Format format() {
        return Format.ODS;
    }

    @Override
    public List<String> sheetNames() {
        List<String> names = new ArrayList<>();
        for (Sheet s : book.getSheets()) names.add(s.getName());
        return names;
    }

    @Override
    public Rows rows(String sheetName) throws IOException {
        Sheet sheet = book.getSheet(sheetName);
        if (sheet == null) throw new IOException("no sheet named '" + sheetName + "'");
        Range range = sheet.getDataRange();
        Object[][] values = range.getValues();
        String[][] formulas = range.getFormulas();
        int top = range.getRow(), left = range.getColumn();
        return new Rows() {
            private int i = 0;
            private TableRow next;

            @Override
            public boolean hasNext() {
                while (next == null && i < values.length) {
                    TableRow row = convert(sheetName, top + i, left, values[i], formulas[i]);
                    i++;
                    if (!row.isBlank()) next = row;
                }
                return next != null;
            }

            @Override
            public TableRow next() {
                if (!hasNext()) throw new NoSuchElementException();
                TableRow r = next;
                next = null;
                return r;
            }

            @Override
            public void close() {
            }
        };
    }

    private static TableRow convert(String sheet, int r, int left, Object[] values, String[] formulas) {
        List<TableCell> cells = new ArrayList<>(left + values.length);
        for (int k = 0; k < left; k++) cells.add(null);
        for (int j = 0; j < values.length; j++) {
            int col = left + j;
            String loc = TableRow.location(sheet, r, col);
            Object v = values[j];
            String f = formulas == null || j >= formulas.length ? null : formulas[j];
            cells.add(convert(loc, col, v, f));
        }
        return new TableRow(sheet, r, cells);
    }

    private static TableCell convert(String loc, int col, Object v, String formula) {
        boolean isFormula = formula != null && !formula.isBlank();
        if (v == null) {
            return isFormula ? new TableCell(loc, col, formula, null, null, null, true) : TableCell.blank(loc, col);
        }
        if (v instanceof Double d) {
            BigDecimal n = Numbers.exact(d);
            return new TableCell(loc, col, n.toPlainString(), n, null, null, false);
        }
        if (v instanceof Number n) {
            BigDecimal b = new BigDecimal(n.toString());
            return new TableCell(loc, col, b.toPlainString(), b, null, null, false);
        }
        if (v instanceof LocalDate d) return new TableCell(loc, col, d.toString(), null, d, null, false);
        if (v instanceof LocalDateTime d) {
            return new TableCell(loc, col, d.toLocalDate().toString(), null, d.toLocalDate(), null, false);
        }
        if (v instanceof Boolean b) return TableCell.text(loc, col, b ? "TRUE" : "FALSE");
        String s = v.toString();
        if (isFormula && ERROR_RESULT.matcher(s.strip()).matches()) {
            return new TableCell(loc, col, s.strip(), null, null, s.strip(), false);
        }
        return TableCell.text(loc, col, s);
    }

    @Override
    public void close() {
    }
}
