package uk.forcecompare.sources;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * ODS, the format government tables are published in, read as a stream of {@code content.xml} (StAX): one row in
 * memory at a time. Reading the whole spreadsheet into a model (SODS) materialises every cell LibreOffice pads
 * rows with, up to 1,024 columns a row: minutes for a 30,000-row table. Repeated cells and rows are expanded only
 * where they hold something. The archive is inflated once under POI's zip-bomb limits before it is parsed.
 */
final class OdsTableFile implements TableFile {

    /** What LibreOffice writes as the result of a formula that failed. */
    private static final Pattern ERROR_RESULT = Pattern.compile("#(DIV/0!|N/A|REF!|VALUE!|NAME\\?|NUM!|NULL!)|Err:\\d+");
    private static final long MAX_TOTAL_INFLATED = 2L << 30;
    private static final String CONTENT = "content.xml";

    private final Path path;
    private final List<String> sheetNames;

    OdsTableFile(Path path) throws IOException {
        guardAgainstZipBomb(path);
        this.path = path;
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(path.toFile()); InputStream in = content(zip)) {
            XMLStreamReader x = xml(in);
            while (x.hasNext()) {
                if (x.next() == XMLStreamConstants.START_ELEMENT && isTable(x)) {
                    names.add(attr(x, "name"));
                }
            }
            x.close();
        } catch (XMLStreamException | RuntimeException e) {
            throw new UnreadableFile("not a readable ODS workbook (" + XlsxTableFile.rootMessage(e) + ")", e);
        }
        this.sheetNames = List.copyOf(names);
    }

    private static InputStream content(ZipFile zip) throws IOException {
        ZipEntry e = zip.getEntry(CONTENT);
        if (e == null) throw new UnreadableFile("not a readable ODS workbook (it has no content.xml)");
        return zip.getInputStream(e);
    }

    private static XMLStreamReader xml(InputStream in) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f.createXMLStreamReader(in, "UTF-8");
    }

    private static final String TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";

    private static boolean isTable(XMLStreamReader x) {
        return x.getLocalName().equals("table") && TABLE_NS.equals(x.getNamespaceURI());
    }

    /** An attribute by local name, whatever its namespace prefix. */
    private static String attr(XMLStreamReader x, String localName) {
        for (int i = 0; i < x.getAttributeCount(); i++) {
            if (x.getAttributeLocalName(i).equals(localName)) return x.getAttributeValue(i);
        }
        return null;
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
        return sheetNames;
    }

    @Override
    public Rows rows(String sheetName) throws IOException {
        if (!sheetNames.contains(sheetName)) throw new IOException("no sheet named '" + sheetName + "'");
        ZipFile zip = new ZipFile(path.toFile());
        InputStream in = content(zip);
        XMLStreamReader x;
        try {
            x = xml(in);
            // to the sheet's table element
            while (true) {
                if (!x.hasNext()) throw new IOException("no sheet named '" + sheetName + "'");
                if (x.next() == XMLStreamConstants.START_ELEMENT && isTable(x) && sheetName.equals(attr(x, "name"))) {
                    break;
                }
            }
        } catch (XMLStreamException e) {
            in.close();
            zip.close();
            throw new UnreadableFile("not a readable ODS workbook (" + e.getMessage() + ")", e);
        }
        return new SheetRows(sheetName, zip, in, x);
    }

    @Override
    public void close() {
    }

    /** The rows of one sheet, parsed as they are asked for. */
    private static final class SheetRows implements Rows {
        private final String sheet;
        private final ZipFile zip;
        private final InputStream in;
        private final XMLStreamReader x;
        private int rowIndex = 0;
        private List<TableCell> pendingCells;
        private int pendingRepeats = 0;
        private TableRow next;
        private boolean ended;

        SheetRows(String sheet, ZipFile zip, InputStream in, XMLStreamReader x) {
            this.sheet = sheet;
            this.zip = zip;
            this.in = in;
            this.x = x;
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null) {
                    if (pendingRepeats > 0) {
                        pendingRepeats--;
                        TableRow r = at(rowIndex++, pendingCells);
                        if (!r.isBlank()) next = r;
                        continue;
                    }
                    if (ended || !advanceToRow()) return false;
                    int repeats = repeat(attr(x, "number-rows-repeated"));
                    List<TableCell> cells = readRow();
                    if (cells.isEmpty()) {
                        rowIndex += repeats; // blank rows, however many: nothing to expand
                    } else {
                        pendingCells = cells;
                        pendingRepeats = repeats;
                    }
                }
                return true;
            } catch (XMLStreamException e) {
                throw new java.io.UncheckedIOException(new UnreadableFile("a damaged ODS sheet '" + sheet + "' (" + e.getMessage() + ")"));
            }
        }

        @Override
        public TableRow next() {
            if (!hasNext()) throw new NoSuchElementException();
            TableRow r = next;
            next = null;
            return r;
        }

        private TableRow at(int index, List<TableCell> template) {
            List<TableCell> cells = new ArrayList<>(template.size());
            for (TableCell c : template) {
                cells.add(c == null ? null : new TableCell(TableRow.location(sheet, index, c.column()), c.column(), c.text(),
                        c.number(), c.date(), c.excelError(), c.formulaWithoutResult()));
            }
            return new TableRow(sheet, index, cells);
        }

        /** Moves to the next table-row of this sheet; false at the sheet's end. */
        private boolean advanceToRow() throws XMLStreamException {
            int depth = 0;
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    if (x.getLocalName().equals("table-row")) return true;
                    if (x.getLocalName().equals("table")) depth++; // a table nested in a cell (rare): skip it whole
                } else if (ev == XMLStreamConstants.END_ELEMENT && x.getLocalName().equals("table")) {
                    if (depth == 0) {
                        ended = true;
                        return false;
                    }
                    depth--;
                }
            }
            ended = true;
            return false;
        }

        /**
         * The cells of the current row up to its last non-blank one, with their values; row index 0-based placeholder
         * locations are fixed by {@link #at}. Empty when the row is blank.
         */
        private List<TableCell> readRow() throws XMLStreamException {
            List<TableCell> cells = new ArrayList<>();
            int col = 0;
            int lastNonBlank = -1;
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.END_ELEMENT && x.getLocalName().equals("table-row")) break;
                if (ev != XMLStreamConstants.START_ELEMENT) continue;
                String name = x.getLocalName();
                if (!name.equals("table-cell") && !name.equals("covered-table-cell")) continue;
                int repeats = repeat(attr(x, "number-columns-repeated"));
                TableCell cell = readCell(col, name.equals("covered-table-cell"));
                if (cell.isBlank()) {
                    col += repeats;
                    continue;
                }
                // a value repeated across columns is that value in each of them (bounded: rows are at most 16,384 wide)
                for (int k = 0; k < Math.min(repeats, 16_384); k++) {
                    while (cells.size() < col) cells.add(null);
                    cells.add(new TableCell("", col, cell.text(), cell.number(), cell.date(), cell.excelError(), cell.formulaWithoutResult()));
                    lastNonBlank = col;
                    col++;
                }
                col += Math.max(0, repeats - 16_384);
            }
            return lastNonBlank < 0 ? List.of() : cells;
        }

        /** Reads a cell element to its end; the reader is left on the cell's end tag. */
        private TableCell readCell(int col, boolean covered) throws XMLStreamException {
            String type = attr(x, "value-type");
            String value = attr(x, "value");
            String dateValue = attr(x, "date-value");
            String booleanValue = attr(x, "boolean-value");
            String formula = attr(x, "formula");
            StringBuilder text = new StringBuilder();
            int paragraphs = 0;
            int depth = 1;
            while (depth > 0 && x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    switch (x.getLocalName()) {
                        case "p" -> {
                            if (paragraphs++ > 0) text.append('\n');
                        }
                        case "s" -> text.append(" ".repeat(Math.min(repeat(attr(x, "c")), 1000)));
                        case "tab" -> text.append('\t');
                        case "line-break" -> text.append('\n');
                        case "annotation" -> skipElement();
                        default -> {
                        }
                    }
                    if (x.getEventType() == XMLStreamConstants.END_ELEMENT) depth--; // skipped annotation
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                    text.append(x.getText());
                }
            }
            String shown = text.toString();
            if (covered && shown.isEmpty() && value == null) return TableCell.blank("", col);
            boolean isFormula = formula != null && !formula.isBlank();
            if (type == null) {
                if (isFormula && ERROR_RESULT.matcher(shown.strip()).matches()) {
                    return new TableCell("", col, shown.strip(), null, null, shown.strip(), false);
                }
                if (isFormula && shown.isEmpty()) return new TableCell("", col, formula, null, null, null, true);
                return TableCell.text("", col, shown);
            }
            switch (type) {
                case "float", "percentage", "currency" -> {
                    if (value == null) return TableCell.text("", col, shown);
                    try {
                        BigDecimal n = new BigDecimal(value.strip()).stripTrailingZeros();
                        if (n.scale() < 0) n = n.setScale(0);
                        return new TableCell("", col, n.toPlainString(), n, null, null, false);
                    } catch (NumberFormatException e) {
                        return TableCell.text("", col, shown);
                    }
                }
                case "date" -> {
                    if (dateValue != null && dateValue.length() >= 10) {
                        try {
                            LocalDate d = LocalDate.parse(dateValue.substring(0, 10));
                            return new TableCell("", col, d.toString(), null, d, null, false);
                        } catch (java.time.format.DateTimeParseException e) {
                            return TableCell.text("", col, shown);
                        }
                    }
                    return TableCell.text("", col, shown);
                }
                case "boolean" -> {
                    return TableCell.text("", col, "true".equalsIgnoreCase(booleanValue) ? "TRUE" : "FALSE");
                }
                default -> {
                    if (isFormula && ERROR_RESULT.matcher(shown.strip()).matches()) {
                        return new TableCell("", col, shown.strip(), null, null, shown.strip(), false);
                    }
                    return TableCell.text("", col, shown);
                }
            }
        }

        private void skipElement() throws XMLStreamException {
            int depth = 1;
            while (depth > 0 && x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.START_ELEMENT) depth++;
                else if (ev == XMLStreamConstants.END_ELEMENT) depth--;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                x.close();
            } catch (XMLStreamException e) {
                // closing after a parse error: nothing left to release in the parser
            }
            in.close();
            zip.close();
        }
    }

    private static int repeat(String attr) {
        if (attr == null) return 1;
        try {
            return Math.max(1, Integer.parseInt(attr.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
