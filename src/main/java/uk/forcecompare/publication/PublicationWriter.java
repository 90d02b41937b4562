package uk.forcecompare.publication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import uk.forcecompare.indicators.ForceValue;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.validation.Finding;

/**
 * Writes a collection's publication into a staging folder and moves it into place whole. Readers of
 * {@code <root>/<collection id>} see either the previous publication or the new one, never a mix.
 */
public final class PublicationWriter {

    private static final Logger log = LoggerFactory.getLogger(PublicationWriter.class);

    public static final List<String> INDICATORS_HEADER = List.of("indicator_id", "period", "force_code", "force_name",
            "numerator", "denominator", "value", "band", "mean", "sd", "lower", "upper", "n_forces", "england_wales_rate");
    public static final List<String> VALIDATION_LOG_HEADER = List.of("severity", "rule", "source_file", "location",
            "force_code", "indicator_id", "message", "observed", "expected");

    private final Path root;
    private final String collectionId;
    private final Path staging;

    public PublicationWriter(Path outputRoot, String collectionId, long runId) {
        this.root = outputRoot.toAbsolutePath().normalize();
        this.collectionId = collectionId;
        this.staging = root.resolve(".staging").resolve(collectionId + "-run" + runId);
    }

    public Path staging() {
        return staging;
    }

    public Path target() {
        return root.resolve(collectionId);
    }

    /** Empties the staging folder (what a crashed attempt left there is never published). */
    public void startStaging() {
        deleteRecursively(staging);
        try {
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + staging, e);
        }
    }

    public void ensureStaging() {
        try {
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + staging, e);
        }
    }

    public void writeIndicators(List<IndicatorResult> results, ForceDirectory forces) {
        List<List<String>> rows = new ArrayList<>();
        for (IndicatorResult r : results) {
            var c = r.comparison();
            for (ForceValue v : r.forces()) {
                Force f = forces.byCode(v.forceCode()).orElseThrow();
                rows.add(List.of(r.definition().id(), r.period().text(), f.code(), f.name(),
                        Numbers.full(v.numerator()), Numbers.full(v.denominator()), Numbers.full(v.value()), v.band().label(),
                        Numbers.full(c.mean()), Numbers.full(c.sd()), Numbers.full(c.lower()), Numbers.full(c.upper()),
                        Integer.toString(c.nForces()), Numbers.full(c.englandWalesRate())));
            }
        }
        CsvFiles.write(staging.resolve("indicators.csv"), INDICATORS_HEADER, rows);
    }

    /** The table behind one chart, as displayed: sorted as the bars are, values rounded as labelled. */
    public void writeChartData(IndicatorResult r, ForceDirectory forces) {
        int dp = r.definition().decimals();
        var c = r.comparison();
        List<ForceValue> sorted = new ArrayList<>(r.forces().stream().filter(ForceValue::hasValue).toList());
        sorted.sort(Comparator.comparingDouble((ForceValue v) -> -v.value().getAsDouble())
                .thenComparing(v -> forces.byCode(v.forceCode()).orElseThrow().name()));
        List<List<String>> rows = new ArrayList<>();
        int rank = 0;
        for (ForceValue v : sorted) {
            rank++;
            Force f = forces.byCode(v.forceCode()).orElseThrow();
            rows.add(List.of(Integer.toString(rank), f.code(), f.name(), Numbers.displayed(v.value().getAsDouble(), dp),
                    v.band().label(), Numbers.displayed(c.mean(), dp), Numbers.displayed(c.lower(), dp),
                    Numbers.displayed(c.upper(), dp), ""));
        }
        for (ForceValue v : r.forces()) {
            if (v.hasValue()) continue;
            Force f = forces.byCode(v.forceCode()).orElseThrow();
            rows.add(List.of("", f.code(), f.name(), "", v.band().label(), Numbers.displayed(c.mean(), dp),
                    Numbers.displayed(c.lower(), dp), Numbers.displayed(c.upper(), dp), "no data: " + v.missingReason()));
        }
        CsvFiles.write(staging.resolve(r.definition().id()).resolve("data.csv"),
                List.of("rank", "force_code", "force_name", "value", "band", "mean", "lower", "upper", "note"), rows);
    }

    public void writeValidationLog(List<Finding> findings) {
        List<List<String>> rows = findings.stream().map(f -> List.of(f.severity().label(), f.rule().id(), f.sourceFile(),
                f.location(), f.forceCode(), f.indicatorId(), f.message(), f.observed(), f.expected())).toList();
        CsvFiles.write(staging.resolve("validation-log.csv"), VALIDATION_LOG_HEADER, rows);
    }

    public void writeValidationReport(String collectionTitle, List<Finding> findings, ForceDirectory forces) {
        write(staging.resolve("validation-report.html"), ValidationReport.html(collectionTitle, findings, forces));
    }

    public void writeRunJson(Map<String, Object> run) {
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        write(staging.resolve("run.json"), json.writeValueAsString(run) + "\n");
    }

    public void writeText(String relativePath, String text) {
        write(staging.resolve(relativePath), text);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Moves the staged publication into place. The old one is first renamed aside (one rename), the new one
     * renamed in (one rename), and only then is the old one deleted; {@link #recover()} puts the old one back if a
     * crash falls between the two renames.
     */
    public Path publish() {
        Path target = target();
        Path aside = root.resolve(".previous").resolve(collectionId);
        try {
            recover();
            deleteRecursively(aside);
            Files.createDirectories(aside.getParent());
            if (Files.exists(target)) move(target, aside);
            move(staging, target);
            deleteRecursively(aside);
            log.info("Published {}", target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + target, e);
        }
    }

    /** Restores the previous publication where a crash left it renamed aside with nothing in its place. */
    public void recover() {
        Path target = target();
        Path aside = root.resolve(".previous").resolve(collectionId);
        if (!Files.exists(target) && Files.isDirectory(aside)) {
            try {
                move(aside, target);
                log.warn("Restored the previous publication of {} that an interrupted run had moved aside", collectionId);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the output folder must be on one file system so that publication is atomic: " + to, e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
