package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collection in which only Norfolk sent a return: the indicators worked from the returns have one force with a
 * value. The run publishes one bar for it, with the other 42 forces named as having no data, and every figure of the
 * chart step is written.
 */
class OneReturnRunTest {

    private static final String NORFOLK = "E23000024";

    @TempDir
    Path tmp;

    @Test
    void aCollectionWithOneReturnPublishesOneBarAndNamesTheOtherForces() throws IOException {
        Path collection = tmp.resolve("2024-spring");
        RestartAfterCrashTest.copyTree(Path.of("data/sample/2024-spring"), collection);
        try (var returns = Files.list(collection.resolve("returns"))) {
            for (Path p : returns.toList()) {
                if (!p.getFileName().toString().equals("norfolk.xlsx")) {
                    Files.delete(p);
                }
            }
        }
        Path out = tmp.resolve("out");

        CommandLineRuns.Outcome o = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(o.exitStatus()).as(o.output()).isZero();
        assertThat(o.output()).contains("Published collection 2024-spring");
        Path published = out.resolve("2024-spring");

        // Norfolk's return: civil orders 9 + 241 + 14 + 21 = 285 of 9,950 incidents (2.864%); 31,023 of 165,473 101
        // calls abandoned (18.748%). Alone, each is the mean, with no standard deviation and so no band's edges.
        for (String[] indicator : new String[][] {{"asb-civil-order-ratio", "2.9"}, {"calls-101-abandonment-rate", "18.7"}}) {
            Path folder = published.resolve(indicator[0]);
            List<Map<String, String>> table = CsvTables.read(folder.resolve("data.csv"));
            assertThat(table).hasSize(43);
            assertThat(table).filteredOn(r -> !r.get("value").isEmpty()).singleElement().satisfies(r -> {
                assertThat(r.get("force_code")).isEqualTo(NORFOLK);
                assertThat(r.get("rank")).isEqualTo("1");
                assertThat(r.get("value")).isEqualTo(indicator[1]);
                assertThat(r.get("band")).isEqualTo("within");
                assertThat(r.get("mean")).isEqualTo(indicator[1]);
                assertThat(r.get("lower")).isEmpty();
                assertThat(r.get("upper")).isEmpty();
            });
            assertThat(table).filteredOn(r -> r.get("value").isEmpty()).hasSize(42)
                    .allSatisfy(r -> assertThat(r.get("note")).isEqualTo("no data: no return from the force"));

            assertThat(Files.readString(folder.resolve("chart.txt"))).contains("Bar chart of 1 police force")
                    .contains("The one bar: Norfolk " + indicator[1] + "%.").doesNotContain("Lowest:")
                    .contains("No data for 42 forces");
            for (String stem : List.of("chart", "norfolk", "kent")) {
                assertThat(folder.resolve(stem + ".png")).isNotEmptyFile();
                assertThat(Files.readString(folder.resolve(stem + ".svg"))).as(stem).doesNotContain("NaN");
            }
        }
        assertThat(Files.readString(published.resolve("calls-101-abandonment-rate/funnel.txt")))
                .contains("Funnel plot of 1 police force");
        assertThat(published.resolve("calls-101-abandonment-rate/funnel.png")).isNotEmptyFile();
        assertThat(published.resolve("forces/norfolk.html")).isNotEmptyFile();
        // one force is "1 force", and has no standard deviation to describe, wherever the pages speak of the mean
        assertThat(Files.readString(published.resolve("forces/norfolk.html"))).contains("Unweighted mean of 1 force<")
                .contains("with one force with a value there is no standard deviation, so no band");
        assertThat(Files.readString(published.resolve("indicators/asb-civil-order-ratio.html")))
                .contains("The one bar: Norfolk 2.9%.");
        try (var pages = Files.walk(published)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".html") || p.toString().endsWith(".txt")).toList()) {
                assertThat(Files.readString(page)).as(page.toString()).doesNotContain(" 1 forces").doesNotContain("NaN");
            }
        }
    }
}
