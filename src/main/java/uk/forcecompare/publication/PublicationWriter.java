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
import uk.forcecompare.indicators.Band;
import uk.forcecompare.indicators.Comparison;
import uk.forcecompare.indicators.ForceValue;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.indicators.methods.ComparisonMethods;
import uk.forcecompare.indicators.methods.ForceInput;
import uk.forcecompare.indicators.methods.IndicatorKind;
import uk.forcecompare.indicators.methods.MethodResult;
import uk.forcecompare.indicators.methods.MethodSensitivity;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.validation.Finding;

/**
 * Writes a collection's publication into its own folder and then switches {@code <root>/<collection id>} to it in
 * one step. Readers see either the previous publication or the new one, never a mix, and a failed run leaves the
 * previous one untouched.
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

    /**
     * @param databaseTag names the job database (RunRepository#publicationTag): two databases publishing into one
     *                    output root each count runs from 1, and without it the second's run 3 would be written into
     *                    the first's live run-3 folder
     */
    public PublicationWriter(Path outputRoot, String collectionId, long runId, String databaseTag) {
        this.root = outputRoot.toAbsolutePath().normalize();
        this.collectionId = collectionId;
        this.staging = root.resolve(".publications").resolve(collectionId + "-run" + runId
                + (databaseTag.isEmpty() ? "" : "-" + databaseTag));
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
        List<List<String>> rows = new ArrayList<>();
        int position = 0, rank = 0;
        double previous = Double.NaN;
        for (ForceValue v : Figures.chartOrder(r, forces)) {
            Force f = forces.byCode(v.forceCode()).orElseThrow();
            if (v.hasValue()) {
                // forces with exactly the same value share a rank ("1, 1, 3"): the order between them is only alphabetical
                position++;
                if (v.value().getAsDouble() != previous) rank = position;
                previous = v.value().getAsDouble();
                rows.add(List.of(Integer.toString(rank), f.code(), f.name(), Numbers.displayed(v.value().getAsDouble(), dp),
                        v.band().label(), Numbers.displayed(c.mean(), dp), Numbers.displayed(c.lower(), dp),
                        Numbers.displayed(c.upper(), dp), String.join("; ", java.util.stream.Stream.of(
                                c.excluded().contains(f.code()) ? "left out of the mean and SD by configuration" : "",
                                edgeNote(v.value().getAsDouble(), v.band(), c, dp)).filter(n -> !n.isEmpty()).toList()),
                        c.sdMethod()));
            } else {
                rows.add(List.of("", f.code(), f.name(), "", v.band().label(), Numbers.displayed(c.mean(), dp),
                        Numbers.displayed(c.lower(), dp), Numbers.displayed(c.upper(), dp), "no data: " + v.missingReason(),
                        c.sdMethod()));
            }
        }
        CsvFiles.write(staging.resolve(r.definition().id()).resolve("data.csv"),
                List.of("rank", "force_code", "force_name", "value", "band", "mean", "lower", "upper", "note", "sd_method"), rows);
    }

    /**
     * "1.9 above 1.9" reads as a mistake: where a force above or below the band shows the same figure as the edge it
     * crossed, the note gives both to the places that tell them apart.
     */
    static String edgeNote(double value, Band band, Comparison c, int dp) {
        return c.decimalsToTellFromEdge(value, band, dp).stream().mapToObj(k -> band.label() + " the band: "
                + Numbers.displayed(value, k) + " against its " + (band == Band.ABOVE ? "upper" : "lower")
                + " edge of " + Numbers.displayed(c.edgeCrossed(band), k)
                + ", which both show as " + Numbers.displayed(value, dp)).findFirst().orElse("");
    }

    /**
     * comparison-methods.csv (contract section 5): every method beyond ±1 SD that the indicator's kind allows, per
     * force; and method-sensitivity.csv: every force whose band depends on the method, with one sentence each.
     */
    public void writeComparisonMethods(List<IndicatorResult> results, ForceDirectory forces, boolean populationSd) {
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> sensitivity = new ArrayList<>();
        Map<String, String> names = new java.util.LinkedHashMap<>();
        forces.all().forEach(f -> names.put(f.code(), f.name()));
        for (IndicatorResult r : results) {
            IndicatorKind kind = IndicatorKind.byId(r.definition().kind());
            double mult = r.definition().unit().multiplier();
            List<ForceInput> inputs = ForceInput.allOf(r);
            java.util.Set<String> excluded = new java.util.HashSet<>(r.comparison().excluded());
            for (MethodResult m : ComparisonMethods.compute(kind, mult, inputs, excluded, populationSd)) {
                rows.add(List.of(r.definition().id(), m.forceCode(), m.method(), num(m.value()), num(m.low()), num(m.high()),
                        m.band().label()));
            }
            for (MethodSensitivity.Entry e : MethodSensitivity.analyse(kind, mult, inputs, excluded, names, populationSd)) {
                sensitivity.add(List.of(r.definition().id(), e.forceCode(), e.forceName(), e.defaultBand().label(), e.sentence()));
            }
        }
        CsvFiles.write(staging.resolve("comparison-methods.csv"),
                List.of("indicator_id", "force_code", "method", "value", "low", "high", "band"), rows);
        CsvFiles.write(staging.resolve("method-sensitivity.csv"),
                List.of("indicator_id", "force_code", "force_name", "band_sd1", "sentence"), sensitivity);
    }

    private static String num(Double d) {
        return d == null ? "" : Numbers.full(d);
    }

    public void writeValidationLog(List<Finding> findings) {
        writeValidationLog(staging, findings);
    }

    /** validation-log.csv and validation-report.html in any folder: what the {@code validate} command leaves a reviewer. */
    public static void writeValidationFiles(Path folder, String title, List<Finding> findings, ForceDirectory forces) {
        writeValidationLog(folder, findings);
        write(folder.resolve("validation-report.html"), ValidationReport.html(title, findings, forces));
    }

    private static void writeValidationLog(Path folder, List<Finding> findings) {
        List<List<String>> rows = findings.stream().map(f -> List.of(f.severity().label(), f.rule().id(), f.sourceFile(),
                f.location(), f.forceCode(), f.indicatorId(), f.message(), f.observed(), f.expected())).toList();
        CsvFiles.write(folder.resolve("validation-log.csv"), VALIDATION_LOG_HEADER, rows);
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
        CsvFiles.writeText(file, text);
    }

    /**
     * Puts the staged publication in place in one step: {@code <root>/<collection id>} is a symbolic link to the
     * run's folder under {@code .publications/}, and a new link is renamed over the old one, which readers see
     * atomically. The folders of older publications are then removed.
     */
    public Path publish() {
        Path target = target();
        try {
            if (Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                // a real folder (put there by hand, or by an older version) cannot be swapped atomically: move it aside first
                Path aside = root.resolve(".publications").resolve(collectionId + "-replaced-" + System.currentTimeMillis());
                move(target, aside);
            }
            Path link = root.resolve("." + collectionId + ".link");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, root.relativize(staging));
            if ("publish.between-renames".equals(System.getProperty("force-compare.crash-at"))) Runtime.getRuntime().halt(137);
            Files.move(link, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            removeOlderPublications();
            log.info("Published {} -> {}", target, staging);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + target, e);
        }
    }

    private void removeOlderPublications() throws IOException {
        Path dir = staging.getParent();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(collectionId + "-") && !p.equals(staging) && n.substring(collectionId.length() + 1).matches("(run\\d+(-[0-9a-f]{8})?|replaced-\\d+)")) {
                    deleteRecursively(p);
                }
            }
        }
    }

    /** The publication stands as it was: a crash before the link was renamed left only an unused temporary link. */
    public void recover() {
        try {
            Files.deleteIfExists(root.resolve("." + collectionId + ".link"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
