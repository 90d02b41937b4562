package uk.forcecompare.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import uk.forcecompare.collection.SourceFile;
import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.sources.Observation;
import uk.forcecompare.sources.SourceOutput;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Rule;

/** Keeps what a reader hands on, for assertions. Thread-safe. */
final class Capture implements SourceOutput {

    record Quarantined(String sourceFile, String location, Rule rule, String raw) {
    }

    final List<Observation> observations = Collections.synchronizedList(new ArrayList<>());
    final List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
    final List<Quarantined> quarantine = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void observation(Observation o) {
        observations.add(o);
    }

    @Override
    public void quarantine(String sourceFile, String location, Rule rule, String rawText) {
        quarantine.add(new Quarantined(sourceFile, location, rule, rawText));
    }

    @Override
    public void report(Finding f) {
        findings.add(f);
    }

    long value(String measure) {
        return observations.stream().filter(o -> o.measure().equals(measure))
                .mapToLong(o -> o.value().orElseThrow().longValueExact()).sum();
    }

    long value(String forceCode, String measure) {
        return observations.stream().filter(o -> o.measure().equals(measure) && o.forceCode().equals(forceCode))
                .mapToLong(o -> o.value().orElseThrow().longValueExact()).sum();
    }

    List<Finding> findings(Rule rule) {
        return findings.stream().filter(f -> f.rule() == rule).toList();
    }

    static SourceFile sourceFile(Path root, Path file) {
        try {
            return new SourceFile(file, root.relativize(file).toString().replace('\\', '/'),
                    Optional.of(SourceKind.POLICE_UK_RECORDS), "", Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
