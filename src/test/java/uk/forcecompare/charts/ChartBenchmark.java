package uk.forcecompare.charts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

import uk.forcecompare.indicators.Band;

/**
 * Renders 9 indicators x (1 national + 43 focus) charts, PNG and SVG, and prints the time taken.
 * Not a unit test: run it by hand (see bench/charts/README.md).
 *
 * <pre>ChartBenchmark [output folder] [threads] [rounds]</pre>
 */
public final class ChartBenchmark {

    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("fc-chart-bench");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Math.min(2, Runtime.getRuntime().availableProcessors());
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<ComparisonChart> indicators = indicators();
        Map<String, String> slugs = TestCharts.slugs();
        ChartRenderer renderer = new ChartRenderer(threads);
        System.out.printf("cores=%d threads=%d indicators=%d charts per indicator=%d java=%s%n",
                Runtime.getRuntime().availableProcessors(), threads, indicators.size(), 1 + slugs.size(),
                System.getProperty("java.version"));
        // warm-up: one indicator, not timed
        renderer.renderAll(indicators.get(0), slugs, out.resolve("warmup"));
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            for (int i = 0; i < indicators.size(); i++) {
                renderer.renderAll(indicators.get(i), slugs, out.resolve("indicator-" + (i + 1)));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int charts = indicators.size() * (1 + slugs.size());
            double cpu = (processCpuNanos() - cpuStart) / 1e9;
            System.out.printf("round %d: %d charts (PNG+SVG) in %.2f s wall, %.2f s CPU (all threads), %.1f ms wall per chart%n",
                    round, charts, seconds, cpu, seconds * 1000 / charts);
        }
        long bytes;
        try (Stream<Path> files = Files.walk(out.resolve("indicator-1"))) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf("output: %s (%.1f MB per indicator)%n", out, bytes / 1e6);
    }

    /** CPU time of the whole JVM: unlike wall time, not inflated when other processes share the cores */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    /** nine charts of different shapes, scales and units, built from the fixture's 43 forces */
    static List<ComparisonChart> indicators() {
        List<TestCharts.Row> rows = TestCharts.rows();
        List<ComparisonChart> out = new ArrayList<>();
        String[][] specs = {
            {"Proportion of 999 calls answered within 10 seconds", "Percentage of 999 calls", "1", "%", "1", "90"},
            {"999 calls per 1,000 population", "Rate per 1,000 population", "1", "", "1.9", ""},
            {"Ratio of civil orders to antisocial behaviour incidents", "Orders per 100 incidents", "1", "%", "0.03", ""},
            {"101 call abandonment rate", "Percentage of 101 calls abandoned", "1", "%", "0.4", ""},
            {"Stop and search per 1,000 population", "Rate per 1,000 population", "1", "", "0.2", ""},
            {"Stop and search arrest rate", "Percentage of searches", "1", "%", "0.17", ""},
            {"Police officers per 1,000 population", "Officers per 1,000 population", "2", "", "0.028", ""},
            {"Funding per 1,000 population", "Pounds per 1,000 population", "0", "", "2300", ""},
            {"Precept as a share of total funding", "Percentage of funding", "1", "%", "0.45", ""},
        };
        for (int k = 0; k < specs.length; k++) {
            String[] s = specs[k];
            double scale = Double.parseDouble(s[4]);
            List<double[]> values = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                // shuffle the fixture's spread differently per indicator
                double v = rows.get((i * (k + 5)) % rows.size()).value() * scale * (1 + 0.004 * ((i * 7 + k) % 11));
                values.add(new double[] {i, v});
            }
            double mean = values.stream().mapToDouble(v -> v[1]).average().orElseThrow();
            double ss = values.stream().mapToDouble(v -> (v[1] - mean) * (v[1] - mean)).sum();
            double sd = Math.sqrt(ss / (values.size() - 1));
            List<ComparisonChart.Bar> bars = new ArrayList<>();
            for (double[] v : values) {
                TestCharts.Row r = rows.get((int) v[0]);
                Band band = v[1] > mean + sd ? Band.ABOVE : v[1] < mean - sd ? Band.BELOW : Band.WITHIN;
                bars.add(new ComparisonChart.Bar(r.code(), r.name(), v[1], band));
            }
            bars.sort(Comparator.comparing(ComparisonChart.Bar::forceCode));
            OptionalDouble target = s[5].isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(s[5]));
            out.add(new ComparisonChart(s[0] + " by forces in England and Wales in the year ending 31 March 2024",
                    s[1], Integer.parseInt(s[2]), s[3], bars, mean, sd, mean - sd, mean + sd, target,
                    target.isPresent() ? "Target " + s[5] + s[3] : "",
                    List.of("Source: benchmark data derived from the test fixture",
                            "Dotted lines show one standard deviation above and below the unweighted mean of 43 forces."),
                    Optional.empty()));
        }
        return out;
    }
}
