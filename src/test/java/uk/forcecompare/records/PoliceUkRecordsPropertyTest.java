package uk.forcecompare.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.records.bench.GenerateRecords;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.sources.Measures;
import uk.forcecompare.sources.Observation;

/**
 * Random data.police.uk files (fixed seeds; BOMs, CRLF and quoted fields mixed in) counted three ways: as the
 * generator wrote them, by commons-csv reading the header by name, and by {@link PoliceUkRecords}, files in parallel.
 */
class PoliceUkRecordsPropertyTest {

    @TempDir
    Path dir;

    @Test
    void countsEqualAnIndependentCommonsCsvCountAndTheGenerator() throws Exception {
        for (long seed : new long[] {1, 2, 3}) {
            Path root = dir.resolve("seed" + seed);
            List<String[]> forces = List.of(GenerateRecords.FORCES[0], GenerateRecords.FORCES[33], GenerateRecords.FORCES[34],
                    GenerateRecords.FORCES[42], GenerateRecords.FORCES[4]);
            List<YearMonth> months = List.of(YearMonth.of(2023, 11), YearMonth.of(2023, 12), YearMonth.of(2024, 1));
            List<GenerateRecords.FileCounts> generated = GenerateRecords.generate(root, 30_000 + seed * 777, months, forces,
                    new GenerateRecords.Options(seed, 0.2, 0.5, 0.5, 0.3));

            PoliceUkRecords reader = new PoliceUkRecords(ForceDirectory.load(Path.of("data/reference")));
            Capture c = new Capture();
            List<Path> files;
            try (Stream<Path> s = Files.walk(root)) {
                files = s.filter(Files::isRegularFile).toList();
            }
            Map<String, Long> rows = new ConcurrentHashMap<>();
            files.parallelStream().forEach(p -> rows.put(p.getFileName().toString(), reader.read(Capture.sourceFile(root, p), c).rowsRead()));
            assertThat(c.findings).isEmpty();

            for (GenerateRecords.FileCounts g : generated) {
                Map<String, Long> mine = new java.util.HashMap<>();
                for (Observation o : new ArrayList<>(c.observations)) {
                    if (o.sourceFile().equals(g.relativePath())) mine.put(o.measure(), o.value().orElseThrow().longValueExact());
                }
                long[] independent = commonsCsvCount(root.resolve(g.relativePath()));
                String name = Path.of(g.relativePath()).getFileName().toString();
                assertThat(rows.get(name)).isEqualTo(g.rows()).isEqualTo(independent[0]);
                if (name.endsWith("-street.csv")) {
                    assertThat(mine).containsExactlyInAnyOrderEntriesOf(Map.of(
                            Measures.RECORDS_ASB_INCIDENTS, g.asb(), Measures.RECORDS_CRIMES, g.crimes()));
                    assertThat(new long[] {g.asb(), g.crimes()}).containsExactly(independent[1], independent[2]);
                } else {
                    assertThat(mine).containsExactlyInAnyOrderEntriesOf(Map.of(
                            Measures.RECORDS_STOP_SEARCHES, g.searches(), Measures.RECORDS_STOP_SEARCH_FINDS, g.finds()));
                    assertThat(new long[] {g.searches(), g.finds()}).containsExactly(independent[1], independent[2]);
                }
            }
        }
    }

    /** rows, then ASB and other crimes (street) or searches and finds (stop and search). */
    static long[] commonsCsvCount(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        String text = new String(all, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        long rows = 0, a = 0, b = 0;
        boolean street = file.getFileName().toString().endsWith("-street.csv");
        try (Reader r = new java.io.StringReader(text)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                rows++;
                if (street) {
                    if (rec.get("Crime type").equals("Anti-social behaviour")) a++;
                    else b++;
                } else {
                    a++;
                    if (rec.get("Outcome linked to object of search").equalsIgnoreCase("true")) b++;
                }
            }
        }
        return new long[] {rows, a, b};
    }
}
