package uk.forcecompare.sources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipFile;

/**
 * A CSV file, XLSX or ODS workbook seen as sheets of rows of cells. The format is told from the file's bytes,
 * not trusted from its name: a ".xlsx" that is really CSV is unreadable, never read as something else.
 */
interface TableFile extends AutoCloseable {

    enum Format { CSV, XLSX, ODS }

    Format format();

    /** The sheet names in workbook order; a CSV file has one sheet named "". */
    List<String> sheetNames();

    /** The non-empty rows of a sheet, top to bottom, read as a stream where the format allows. */
    Rows rows(String sheet) throws IOException;

    @Override
    void close() throws IOException;

    interface Rows extends Iterator<TableRow>, AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /** A file that cannot be read as a table: damaged, truncated, of another format, or a zip bomb. */
    final class UnreadableFile extends IOException {
        UnreadableFile(String message) {
            super(message);
        }

        UnreadableFile(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static TableFile open(Path path) throws IOException {
        // nothing to sniff: an empty file would otherwise pass for text, and a ".xlsx" be called CSV
        if (Files.size(path) == 0) throw new UnreadableFile("the file is empty (0 bytes)");
        Format byContent = sniff(path);
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        Format byName = name.endsWith(".xlsx") || name.endsWith(".xlsm") ? Format.XLSX
                : name.endsWith(".ods") ? Format.ODS
                : name.endsWith(".csv") ? Format.CSV : null;
        if (byName != null && byName != byContent) {
            throw new UnreadableFile("the file is named as " + byName + " but its content is " + describe(byContent));
        }
        return switch (byContent) {
            case CSV -> new CsvTableFile(path);
            case XLSX -> new XlsxTableFile(path);
            case ODS -> new OdsTableFile(path);
        };
    }

    private static String describe(Format f) {
        return switch (f) {
            case CSV -> "text (CSV or similar), not a workbook";
            case XLSX -> "an XLSX workbook";
            case ODS -> "an ODS workbook";
        };
    }

    private static Format sniff(Path path) throws IOException {
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return zipKind(path);
        if (n >= 4 && (head[0] & 0xff) == 0xD0 && (head[1] & 0xff) == 0xCF && (head[2] & 0xff) == 0x11 && (head[3] & 0xff) == 0xE0) {
            throw new UnreadableFile("an Excel 97-2003 (.xls) or password-protected workbook; save it as .xlsx or .ods without a password");
        }
        if (n >= 2 && ((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE || (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF)) {
            throw new UnreadableFile("UTF-16 text; save it as CSV UTF-8");
        }
        if (n >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
            throw new UnreadableFile("a PNG image (binary), not a table");
        }
        if (n >= 4 && head[0] == '%' && head[1] == 'P' && head[2] == 'D' && head[3] == 'F') {
            throw new UnreadableFile("a PDF document (binary), not a table");
        }
        if (n >= 3 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8 && (head[2] & 0xff) == 0xFF) {
            throw new UnreadableFile("a JPEG image (binary), not a table");
        }
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) throw new UnreadableFile("binary content that is neither CSV, XLSX nor ODS");
        }
        return Format.CSV;
    }

    private static Format zipKind(Path path) throws IOException {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            var mimetype = zip.getEntry("mimetype");
            if (mimetype != null) {
                try (InputStream in = zip.getInputStream(mimetype)) {
                    String m = new String(in.readNBytes(200), java.nio.charset.StandardCharsets.US_ASCII);
                    if (m.startsWith("application/vnd.oasis.opendocument.spreadsheet")) return Format.ODS;
                    throw new UnreadableFile("an OpenDocument file that is not a spreadsheet (" + m.strip() + ")");
                }
            }
            if (zip.getEntry("[Content_Types].xml") != null) return Format.XLSX;
            throw new UnreadableFile("a zip archive that is neither an XLSX nor an ODS workbook");
        } catch (java.util.zip.ZipException e) {
            throw new UnreadableFile("a damaged or truncated workbook (" + e.getMessage() + ")", e);
        }
    }
}
