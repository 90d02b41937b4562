package uk.forcecompare.publication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** How every publication file is written: UTF-8, and for CSV RFC 4180 quoting and LF line ends, so the bytes are the same on every machine. */
public final class CsvFiles {

    private CsvFiles() {
    }

    public static void write(Path file, List<String> header, List<List<String>> rows) {
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
                p.printRecord(header);
                for (List<String> r : rows) p.printRecord(bareFirstField(r));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Commons CSV quotes an empty first field ({@code "",W15000002,Gwent,...}) so that a record of one empty field is not
     * a blank line; with more fields after it, the line is not blank, and the field is left bare like every other empty
     * one. A null is printed as it stands, unquoted.
     */
    private static List<String> bareFirstField(List<String> r) {
        if (r.size() < 2 || r.get(0) == null || !r.get(0).isEmpty()) return r;
        List<String> out = new java.util.ArrayList<>(r);
        out.set(0, null);
        return out;
    }

    /** A text file (HTML, JSON, alt text), its folder made if need be. */
    public static void writeText(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
