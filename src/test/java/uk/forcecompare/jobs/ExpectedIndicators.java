package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.assertj.core.api.SoftAssertions;

/**
 * Compares a published indicators.csv with one computed independently (tools/sample/expected.py), row by row:
 * text exactly, numbers to 1e-9 relative (both sides are full precision; only the last digit of a double may
 * print differently).
 */
final class ExpectedIndicators {

    private static final Set<String> TEXT = Set.of("indicator_id", "period", "force_code", "force_name", "band", "n_forces");

    private ExpectedIndicators() {
    }

    static void assertMatches(Path actualFile, Path expectedFile) {
        List<Map<String, String>> actual = CsvTables.read(actualFile);
        List<Map<String, String>> expected = CsvTables.read(expectedFile);
        assertThat(CsvTables.header(actualFile)).isEqualTo(CsvTables.header(expectedFile));
        assertThat(actual).hasSameSizeAs(expected);
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < expected.size(); i++) {
            Map<String, String> e = expected.get(i), a = actual.get(i);
            String where = "row " + (i + 2) + " " + e.get("indicator_id") + " " + e.get("force_code") + " ";
            for (var col : e.entrySet()) {
                String want = col.getValue(), got = a.get(col.getKey());
                if (TEXT.contains(col.getKey()) || want.isEmpty()) {
                    soft.assertThat(got).as(where + col.getKey()).isEqualTo(want);
                } else {
                    double w = Double.parseDouble(want);
                    soft.assertThat(got).as(where + col.getKey()).isNotEmpty();
                    if (!got.isEmpty()) {
                        soft.assertThat(Double.parseDouble(got)).as(where + col.getKey())
                                .isCloseTo(w, within(Math.max(1e-9, Math.abs(w) * 1e-12)));
                    }
                }
            }
        }
        soft.assertAll();
    }
}
