package uk.forcecompare.sources;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** UTF-8 CSV, with or without a byte-order mark, CRLF or LF, quoted cells that may hold line breaks. */
final class CsvTableFile implements TableFile {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            // blank lines must stay records, or the physical line numbers in the log drift
            .setIgnoreEmptyLines(false)
            .get();

    private final Path path;

    CsvTableFile(Path path) {
        this.path = path;
    }

    @Override
    public Format format() {
        return Format.CSV;
    }

    @Override
    public List<String> sheetNames() {
        return List.of("");
    }

    @Override
    public Rows rows(String sheet) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path));
        in.mark(3);
        byte[] bom = in.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xff) == 0xEF && (bom[1] & 0xff) == 0xBB && (bom[2] & 0xff) == 0xBF)) in.reset();
        // a wrongly encoded file is reported, never read as mojibake that then matches nothing
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        Iterator<CSVRecord> records = parser.iterator();
        return new Rows() {
            private long lineAfterPrevious = 0;
            private TableRow next;

            @Override
            public boolean hasNext() {
                try {
                    while (next == null && records.hasNext()) {
                        CSVRecord r = records.next();
                        int line = (int) lineAfterPrevious + 1;
                        lineAfterPrevious = parser.getCurrentLineNumber();
                        List<TableCell> cells = new ArrayList<>(r.size());
                        String location = "line " + line;
                        for (int i = 0; i < r.size(); i++) cells.add(TableCell.text(location, i, r.get(i)));
                        TableRow row = new TableRow(null, line, cells);
                        if (!row.isBlank()) next = row;
                    }
                    return next != null;
                } catch (UncheckedIOException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof CharacterCodingException) {
                        throw new UncheckedIOException(new UnreadableFile("not UTF-8 text (after line " + lineAfterPrevious + ")", cause));
                    }
                    throw new UncheckedIOException(new UnreadableFile("not valid CSV after line " + lineAfterPrevious
                            + " (" + (cause == null ? e.getMessage() : cause.getMessage()) + ")", e));
                }
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
                parser.close();
            }
        };
    }

    @Override
    public void close() {
    }
}
