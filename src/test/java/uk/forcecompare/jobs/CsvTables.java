package uk.forcecompare.jobs;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Reads an output CSV as a list of rows keyed by header, for assertions. */
public final class CsvTables {

    private CsvTables() {
    }

    public static List<Map<String, String>> read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                rows.add(rec.toMap());
            }
            return rows;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static List<String> header(Path file) {
        try {
            String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
            return List.of(first.split(","));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
