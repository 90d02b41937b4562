package uk.forcecompare.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import uk.forcecompare.collection.Collection;
import uk.forcecompare.collection.ComparisonSettings;
import uk.forcecompare.collection.CollectionLoader;
import uk.forcecompare.collection.Period;
import uk.forcecompare.collection.SourceFile;
import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.indicators.IndicatorCalculator;
import uk.forcecompare.indicators.IndicatorCatalogue;
import uk.forcecompare.indicators.IndicatorDefinition;
import uk.forcecompare.records.PoliceUkRecords;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.sources.Observation;
import uk.forcecompare.sources.ReadSummary;
import uk.forcecompare.sources.SourceOutput;
import uk.forcecompare.sources.Sources;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.FindingLog;
import uk.forcecompare.validation.Rule;

/**
 * "Validate before you submit": checks one return, or a whole collection, against the same rules as a run,
 * without a database and without running the comparison.
 */
public final class Validator {

    /** @param unusable nothing in the target could be read at all */
    public record Report(String title, List<Finding> findings, int files, boolean unusable) {
        public boolean hasErrorsOrWarnings() {
            return findings.stream().anyMatch(f -> f.severity() != uk.forcecompare.validation.Severity.INFO);
        }
    }

    private final ForceDirectory forces;
    private final IndicatorCatalogue catalogue;
    private final Sources sources;
    private final PoliceUkRecords records;

    public Validator(ForceDirectory forces, IndicatorCatalogue catalogue) {
        this.forces = forces;
        this.catalogue = catalogue;
        this.sources = new Sources(forces);
        this.records = new PoliceUkRecords(forces);
    }

    /** @throws uk.forcecompare.collection.ManifestException where a collection's manifest is broken */
    public Report validate(Path target) {
        FindingLog findings = new FindingLog();
        // a validation pass keeps nothing: the finding names each rejected row, and a missing month may point to it
        List<CollectionChecks.Quarantined> rejectedRows = new java.util.ArrayList<>();
        Map<String, String> kinds = new java.util.HashMap<>();
        CollectingOutput out = new CollectingOutput(findings,
                (file, location, rule, raw) -> rejectedRows.add(new CollectionChecks.Quarantined(file, location, rule.id(), raw)));
        List<Observation> observations = out.observations;
        if (Files.isRegularFile(target)) {
            SourceFile file = single(target);
            ReadSummary s = read(file, out);
            kinds.put(s.sourceFile(), s.kind());
            // a force checking its return alone gets the checks the run would make on it (part above whole,
            // plausible range), not only the reading: the README's "validate returns/norfolk.xlsx" is that path
            Path folder = target.toAbsolutePath().getParent();
            checkIndicators(new Collection(file.relativePath(), file.relativePath(), folder, Optional.empty(), Optional.empty(),
                    List.of(file), Map.of(), ComparisonSettings.DEFAULT, List.of(), List.of()), observations, findings,
                    rejectedRows, kinds);
            return new Report(target.getFileName().toString(), findings.all(), 1, !s.readable());
        }
        CollectionLoader.Listing listing = new CollectionLoader().list(target);
        catalogue.requireRunnable(listing.indicatorIds(), listing.sourceKinds());
        listing.settings().requireForces(forces::isForce);
        Collection c = listing.hash();
        int readable = 0;
        for (SourceFile f : c.sources()) {
            ReadSummary s = read(f, out);
            kinds.put(s.sourceFile(), s.kind());
            if (s.readable()) readable++;
        }
        for (var empty : c.emptyFolders()) {
            findings.report(emptyFolder(empty));
        }
        for (Collection.Stray stray : c.strayFiles()) {
            findings.report(Finding.of(Rule.FILE_STRAY).file(stray.file()).message(stray.message()));
        }
        CollectionChecks.Invalidation inMemory = new CollectionChecks.Invalidation() {
            @Override
            public void invalidate(String force, String file, String reason) {
                observations.replaceAll(o -> o.forceCode().equals(force) && o.sourceFile().equals(file)
                        ? Observation.missing(o.forceCode(), o.measure(), o.period(), o.dimensions(), reason, o.sourceFile(), o.location())
                        : o);
            }

            @Override
            public void drop(String force, String file) {
                observations.removeIf(o -> o.forceCode().equals(force) && o.sourceFile().equals(file));
            }

            @Override
            public void dropOne(Observation o) {
                observations.remove(o);
            }

            @Override
            public void invalidateOne(Observation o, String reason) {
                observations.replaceAll(x -> x.equals(o)
                        ? Observation.missing(o.forceCode(), o.measure(), o.period(), o.dimensions(), reason, o.sourceFile(), o.location())
                        : x);
            }
        };
        if (c.manifestSha256().isPresent()) {
            new CollectionChecks(forces, catalogue).check(c, observations, findings, inMemory);
        } else {
            // no collection checks without a manifest, but a file counted twice would be a wrong count
            new CollectionChecks(forces, catalogue).checkRecordFilesCountedOnce(c, observations, findings, inMemory);
            new CollectionChecks(forces, catalogue).checkPublishedRowsCountedOnce(observations, findings, inMemory);
        }
        checkIndicators(c, observations, findings, rejectedRows, kinds);
        return new Report(c.title(), findings.all(), c.sources().size(), readable == 0);
    }

    /** The checks the comparison would make (months missing, parts above wholes, periods), keeping only the findings. */
    private void checkIndicators(Collection c, List<Observation> observations, FindingLog findings,
                                 List<CollectionChecks.Quarantined> rejectedRows, Map<String, String> kinds) {
        FindingLog all = new FindingLog();
        IndicatorCalculator calc = new IndicatorCalculator(forces, observations, c.populationMidYear(), all,
                CollectionChecks.unusableReturns(c, observations, forces))
                .rejected(CollectionChecks.rejected(findings.all(), rejectedRows, kinds, forces));
        List<IndicatorDefinition> defs = c.indicators().isEmpty()
                ? catalogue.all().stream().filter(calc::hasDataFor).toList()
                : c.indicators().keySet().stream().map(id -> catalogue.get(id)).flatMap(Optional::stream).toList();
        for (IndicatorDefinition d : defs) {
            Optional<Period> p = c.indicators().getOrDefault(d.id(), Optional.empty()).or(() -> calc.defaultPeriod(d));
            p.ifPresent(period -> calc.compute(d, period, Set.of(), c.settings().populationSd()));
        }
        calc.reportMonthsMissing();
        all.all().stream().filter(f -> f.rule() != Rule.FORCE_NO_VALUE).forEach(findings::report);
    }

    private ReadSummary read(SourceFile f, SourceOutput out) {
        return RecordFiles.isRecordFile(f) ? records.read(f, out) : sources.read(f, out);
    }

    private static SourceFile single(Path file) {
        try {
            return new SourceFile(file, file.getFileName().toString(), Optional.empty(), CollectionLoader.sha256(file), Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same finding from a run and from validate, for a declared folder with nothing of its kind in it. */
    static Finding.Builder emptyFolder(Collection.Declaration folder) {
        return Finding.of(Rule.FILE_SOURCE_EMPTY).file(folder.file()).message("The source folder " + folder.file() + " ("
                + folder.kind().id() + ") in collection.yml holds no "
                + (folder.kind() == SourceKind.FORCE_RETURN ? "workbook (.xlsx, .xlsm or .ods)" : "file")
                + "; nothing was read for it");
    }
}
