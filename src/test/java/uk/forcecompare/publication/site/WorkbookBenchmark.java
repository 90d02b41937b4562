package uk.forcecompare.publication.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.publication.queries.QueryWorkbooks;
import uk.forcecompare.reference.Force;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Rule;

/**
 * Writes the 43 forces' query workbooks and the site workbook, and prints the time each took. Not a unit test: run
 * it by hand (see bench/workbooks/README.md), in a fresh JVM per measurement, since a run pays the first round's
 * cost (class loading, an unwarmed JIT) every time.
 *
 * <pre>WorkbookBenchmark [output folder] [rounds, default 3] [threads for the query workbooks, default 2]</pre>
 */
public final class WorkbookBenchmark {

    public static void main(String[] args) throws Exception {
        Path out = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("fc-workbook-bench");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        List<Finding> findings = findings();
        List<IndicatorResult> results = SiteFixture.allResults();
        System.out.printf("findings=%d threads=%d indicators=%d java=%s%n", findings.size(), threads, results.size(),
                System.getProperty("java.version"));
        for (int round = 1; round <= rounds; round++) {
            delete(out);
            long start = System.nanoTime(), cpu = processCpuNanos();
            QueryWorkbooks.Batch batch = QueryWorkbooks.batch(out.resolve("queries"), "PEEL data collection, spring 2024",
                    findings, SiteFixture.FORCES, LocalDate.of(2024, 5, 2));
            List<CompletableFuture<Void>> helpers = new ArrayList<>();
            for (int t = 1; t < threads; t++) helpers.add(CompletableFuture.runAsync(batch::writeRemaining));
            batch.writeRemaining();
            helpers.forEach(CompletableFuture::join);
            long qWall = System.nanoTime() - start, qCpu = processCpuNanos() - cpu;
            start = System.nanoTime();
            cpu = processCpuNanos();
            Workbook.write(out.resolve("force-compare.xlsx"), "PEEL data collection, spring 2024", results, SiteFixture.FORCES,
                    List.of());
            long sWall = System.nanoTime() - start, sCpu = processCpuNanos() - cpu;
            System.out.printf("round %d: %d query workbooks %.0f ms wall %.0f ms CPU (%d KB); site workbook %.0f ms wall %.0f ms CPU (%d KB)%n",
                    round, batch.files().size(), qWall / 1e6, qCpu / 1e6, size(out.resolve("queries")) / 1024, sWall / 1e6,
                    sCpu / 1e6, Files.size(out.resolve("force-compare.xlsx")) / 1024);
        }
    }

    /** About a dozen errors and warnings per force, of the kinds a collection's returns and tables produce. */
    static List<Finding> findings() {
        List<Finding> all = new ArrayList<>();
        int k = 0;
        for (Force f : SiteFixture.FORCES.all()) {
            String file = "returns/" + f.slug() + ".xlsx";
            for (int i = 0; i < 4; i++) {
                all.add(Finding.of(Rule.VALUE_NOT_SUPPLIED).force(f.code()).file(file).at("Return!C" + (8 + i))
                        .message(f.name() + " CALLS_101_ABANDONED: left blank (not supplied)").expected("a whole number, 0 or more").build());
            }
            for (int i = 0; i < 3; i++) {
                all.add(Finding.of(Rule.VALUE_NOT_NUMBER).force(f.code()).file(file).at("Return!C" + (20 + i))
                        .message(f.name() + " CALLS_999_RECEIVED: 'approx " + i + "k' is not a number").observed("approx " + i + "k")
                        .expected("a whole number, 0 or more").build());
            }
            all.add(Finding.of(Rule.ROW_DUPLICATE_EXACT).force(f.code()).file(file).at("Return!A" + (30 + k % 5))
                    .message(f.name() + " DVDS_RTA_APPLICATIONS: the row repeats an earlier row").build());
            all.add(Finding.of(Rule.MEASURE_UNKNOWN).force(f.code()).file(file).at("Return!A40")
                    .message(f.name() + " return: measure code 'INC-" + k + "' is not in the catalogue; its value is not used")
                    .observed("INC-" + k).build());
            all.add(Finding.of(Rule.PLAUSIBLE_OUTLIER).force(f.code()).indicator("calls-101-abandonment-rate")
                    .message(f.name() + " calls-101-abandonment-rate 41.2 is more than 3 SD from the mean of the other forces")
                    .observed("41.2").expected("within 3 SD of 8.1").build());
            all.add(Finding.of(Rule.PERIOD_MONTH_MISSING).force(f.code()).indicator("stop-search-per-1000")
                    .message(f.name() + " stop-search-per-1000: no records for 2023-11, 2023-12").build());
            all.add(Finding.of(Rule.RECORDS_FALLS_WITHIN_MISMATCH).force(f.code()).file("records/2023-11/2023-11-" + f.slug() + "-street.csv")
                    .message(f.name() + ": 12 rows name another force").observed("12 rows").build());
            k++;
        }
        return all;
    }

    private static long size(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) return;
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** CPU time of the whole JVM: unlike wall time, not inflated when other processes share the cores */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }
}
