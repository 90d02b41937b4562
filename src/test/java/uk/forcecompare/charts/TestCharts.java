package uk.forcecompare.charts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import uk.forcecompare.indicators.Band;

/**
 * Test charts built from {@code charts/calls-999-answered-within-10s-2023.csv} (Norfolk's 87.1% is the published
 * figure; the other forces' values are illustrative). Mean, sample SD and bands are worked out here, independently of
 * the renderer, as contract section 4 defines them.
 */
final class TestCharts {

    record Row(String code, String name, String slug, double value) {
    }

    static final String NORFOLK = "E23000024";
    static final String TITLE = "Proportion of 999 calls answered within 10 seconds by forces in England and Wales in "
            + "the year ending 31 December 2023";

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                TestCharts.class.getResourceAsStream("/charts/calls-999-answered-within-10s-2023.csv"),
                StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",");
                rows.add(new Row(f[0], f[1], f[2], Double.parseDouble(f[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static Map<String, String> slugs() {
        Map<String, String> m = new LinkedHashMap<>();
        rows().forEach(r -> m.put(r.code(), r.slug()));
        return m;
    }

    static ComparisonChart calls999() {
        return calls999(Set.of());
    }

    /** @param withoutData force codes treated as having no value (they leave the mean and SD) */
    static ComparisonChart calls999(Set<String> withoutData) {
        List<Row> rows = rows();
        double[] v = rows.stream().filter(r -> !withoutData.contains(r.code())).mapToDouble(Row::value).toArray();
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / (v.length - 1));
        double upper = mean + sd;
        double lower = mean - sd;
        List<ComparisonChart.Bar> bars = new ArrayList<>();
        List<String> missingNames = new ArrayList<>();
        for (Row r : rows) {
            if (withoutData.contains(r.code())) {
                // as the publication gives them: a bar without a value, which is named, never drawn
                missingNames.add(r.name());
                bars.add(new ComparisonChart.Bar(r.code(), r.name(), Double.NaN, Band.MISSING));
                continue;
            }
            Band band = r.value() > upper ? Band.ABOVE : r.value() < lower ? Band.BELOW : Band.WITHIN;
            bars.add(new ComparisonChart.Bar(r.code(), r.name(), r.value(), band));
        }
        List<String> notes = new ArrayList<>();
        notes.add("Source: 999 call answering times from BT");
        notes.add("Dotted lines show one standard deviation above and below the unweighted mean of " + v.length
                + " forces.");
        if (!missingNames.isEmpty()) {
            notes.add("No data: " + String.join(", ", missingNames) + " (a month of the year is missing from the BT data).");
        }
        return new ComparisonChart(TITLE, "Percentage of 999 calls", 1, "%", bars, mean, sd, lower, upper,
                OptionalDouble.of(90), "Target 90%", notes, Optional.empty());
    }
}
