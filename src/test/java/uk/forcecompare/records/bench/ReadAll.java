package uk.forcecompare.records.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import uk.forcecompare.collection.CollectionLoader;
import uk.forcecompare.collection.SourceFile;
import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.records.PoliceUkRecords;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.sources.Observation;
import uk.forcecompare.sources.ReadSummary;
import uk.forcecompare.sources.SourceOutput;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Rule;

/**
 * The counting alone, without the run around it: reads every data.police.uk file below a folder with
 * {@link PoliceUkRecords}, files in parallel, and prints the totals per measure. Like the collection loader, it takes
 * each file's sha256 too (a separate pass), unless {@code --no-sha}. Used to measure the scanner on its own.
 *
 * <pre>java -Xmx512m -cp ... uk.forcecompare.records.bench.ReadAll DIR [--threads N] [--reference data/reference] [--no-sha]</pre>
 */
public final class ReadAll {

    private ReadAll() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Runtime.getRuntime().availableProcessors();
        Path reference = Path.of("data/reference");
        boolean sha = true;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--reference" -> reference = Path.of(args[++i]);
                case "--no-sha" -> sha = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        long t0 = System.nanoTime();
        PoliceUkRecords reader = new PoliceUkRecords(ForceDirectory.load(reference));
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(p -> PoliceUkRecords.isRecordFile(p.getFileName().toString()))
                    .sorted(Comparator.comparingLong(ReadAll::size).reversed()).toList();
        }
        Map<String, LongAdder> totals = new ConcurrentHashMap<>();
        Map<String, LongAdder> findings = new ConcurrentHashMap<>();
        AtomicLong rows = new AtomicLong(), bytes = new AtomicLong(), observations = new AtomicLong();
        SourceOutput out = new SourceOutput() {
            @Override
            public void observation(Observation o) {
                observations.incrementAndGet();
                totals.computeIfAbsent(o.measure(), k -> new LongAdder()).add(o.value().orElseThrow().longValueExact());
            }

            @Override
            public void quarantine(String sourceFile, String location, Rule rule, String rawText) {
            }

            @Override
            public void report(Finding f) {
                findings.computeIfAbsent(f.severity().label() + " " + f.rule().id(), k -> new LongAdder()).increment();
            }
        };
        final boolean withSha = sha;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = files.stream().<Future<?>>map(p -> pool.submit(() -> {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                String digest = withSha ? CollectionLoader.sha256(p) : "";
                SourceFile f = new SourceFile(p, rel, Optional.of(SourceKind.POLICE_UK_RECORDS), digest, size(p));
                ReadSummary summary = reader.read(f, out);
                rows.addAndGet(summary.rowsRead());
                bytes.addAndGet(size(p));
                return null;
            })).toList();
            for (Future<?> fu : futures) fu.get();
        } finally {
            pool.shutdown();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("ReadAll (PoliceUkRecords, %d threads, sha256 %s): %d files, %d rows, %.1f MB, %d observations in %.2f s in-process%n",
                threads, withSha ? "on" : "off", files.size(), rows.get(), bytes.get() / 1e6, observations.get(), s);
        Map<String, Long> t = new TreeMap<>();
        totals.forEach((k, v) -> t.put(k, v.sum()));
        t.forEach((k, v) -> System.out.println("total " + k + "=" + v));
        new TreeMap<>(findings).forEach((k, v) -> System.out.println("findings " + k + ": " + v.sum()));
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
