package uk.forcecompare.sources;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

import com.github.pjfanning.xlsx.StreamingReader;

/**
 * XLSX read as a stream (excel-streaming-reader): raw values and the cached results of formulas, which POI's
 * SAX event API would hand over formatted (12.6 in a "0" format arrives as "13"). POI's zip-bomb limits stay on.
 */
final class XlsxTableFile implements TableFile {

    private final Path path;
    private final List<String> sheetNames;

    XlsxTableFile(Path path) throws IOException {
        this.path = path;
        try (Workbook wb = open()) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < wb.getNumberOfSheets(); i++) names.add(wb.getSheetName(i));
            this.sheetNames = List.copyOf(names);
        }
    }

    private Workbook open() throws IOException {
        // from a stream, never from the File: opened from a File, a package that fails to load is saved back over the
        // source (excel-streaming-reader opens it read-write), changing the evidence and its sha256
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(path)) {
            return StreamingReader.builder().rowCacheSize(200).bufferSize(8192)
                    .setReadComments(false).setReadHyperlinks(false).setReadShapes(false)
                    .open(in);
        } catch (RuntimeException e) {
            throw new UnreadableFile("not a readable XLSX workbook (" + rootMessage(e) + ")", e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public Format format() {
        return Format.XLSX;
    }

    @Override
    public List<String> sheetNames() {
        return sheetNames;
    }

    @Override
    public Rows rows(String sheetName) throws IOException {
        Workbook wb = open();
        Sheet sheet = wb.getSheet(sheetName);
        if (sheet == null) {
            wb.close();
            throw new IOException("no sheet named '" + sheetName + "'");
        }
        Iterator<Row> it = sheet.rowIterator();
        return new Rows() {
            private TableRow next;

            @Override
            public boolean hasNext() {
                try {
                    while (next == null && it.hasNext()) {
                        TableRow row = convert(sheetName, it.next());
                        if (!row.isBlank()) next = row;
                    }
                } catch (RuntimeException e) {
                    throw new java.io.UncheckedIOException(new UnreadableFile(
                            "sheet '" + sheetName + "' cannot be read to the end (" + rootMessage(e) + ")", e));
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
            public void close() throws IOException {
                wb.close();
            }
        };
    }

    private static TableRow convert(String sheet, Row row) {
        List<TableCell> cells = new ArrayList<>();
        int r = row.getRowNum();
        for (Cell c : row) {
            int col = c.getColumnIndex();
            while (cells.size() < col) cells.add(null);
            cells.add(convert(TableRow.location(sheet, r, col), col, c));
        }
        return new TableRow(sheet, r, cells);
    }

    private static TableCell convert(String location, int col, Cell c) {
        CellType type = c.getCellType();
        boolean formula = type == CellType.FORMULA;
        if (formula) type = c.getCachedFormulaResultType();
        switch (type) {
            case NUMERIC:
                if (DateUtil.isCellDateFormatted(c)) {
                    var date = c.getLocalDateTimeCellValue().toLocalDate();
                    return new TableCell(location, col, date.toString(), null, date, null, false);
                }
                BigDecimal n = Numbers.exact(c.getNumericCellValue());
                return new TableCell(location, col, n.toPlainString(), n, null, null, false);
            case STRING:
                return TableCell.text(location, col, c.getStringCellValue());
            case BOOLEAN:
                return TableCell.text(location, col, c.getBooleanCellValue() ? "TRUE" : "FALSE");
            case ERROR: {
                String e = c.getStringCellValue();
                int i = e == null ? -1 : e.indexOf('#');
                String err = i >= 0 ? e.substring(i).strip() : "#ERROR";
                return new TableCell(location, col, err, null, null, err, false);
            }
            case BLANK:
            default:
                if (formula) {
                    return new TableCell(location, col, "=" + c.getCellFormula(), null, null, null, true);
                }
                return TableCell.blank(location, col);
        }
    }

    @Override
    public void close() {
    }
}
