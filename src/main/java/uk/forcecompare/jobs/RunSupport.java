package uk.forcecompare.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.stereotype.Component;

import uk.forcecompare.collection.Collection;
import uk.forcecompare.collection.CollectionLoader;
import uk.forcecompare.indicators.IndicatorCatalogue;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.reference.ForceMatch;

/** What every step of a collection run needs: its run id, its collection, the reference lists. */
@Component
class RunSupport {

    final ForceDirectory forces;
    final IndicatorCatalogue catalogue;
    private final Map<String, Collection> loaded = new ConcurrentHashMap<>();

    RunSupport(ForceDirectory forces, IndicatorCatalogue catalogue) {
        this.forces = forces;
        this.catalogue = catalogue;
    }

    static JobExecution job(ChunkContext chunk) {
        return chunk.getStepContext().getStepExecution().getJobExecution();
    }

    private static final String POPULATION_MID_YEAR = "population_mid_year";

    /** Kept in the job's context, which a resumed run gets back: charts and run.json say which year was used. */
    static void rememberPopulationMidYear(ChunkContext chunk, Optional<Integer> year) {
        year.ifPresent(y -> job(chunk).getExecutionContext().putInt(POPULATION_MID_YEAR, y));
    }

    /** The manifest's mid-year, else the one compute found (the latest in the population source), if any. */
    static Optional<Integer> populationMidYear(ChunkContext chunk, Collection c) {
        if (c.populationMidYear().isPresent()) return c.populationMidYear();
        var context = job(chunk).getExecutionContext();
        return context.containsKey(POPULATION_MID_YEAR) ? Optional.of(context.getInt(POPULATION_MID_YEAR)) : Optional.empty();
    }

    /** The run is the job instance: a resumed run keeps its id. */
    static long runId(ChunkContext chunk) {
        return job(chunk).getJobInstance().getInstanceId();
    }

    Collection collection(ChunkContext chunk) {
        return collection(Path.of(job(chunk).getJobParameters().getString(RunParameters.COLLECTION_FOLDER)));
    }

    Collection collection(Path folder) {
        return loaded.computeIfAbsent(folder.toString(), f -> new CollectionLoader().load(Path.of(f)));
    }

    /** Lets a process that already loaded the collection (the command line) hand it over without reading every file twice. */
    void remember(Collection c) {
        loaded.put(c.folder().toString(), c);
    }

    private final Map<Long, Progress> progress = new ConcurrentHashMap<>();

    /** The progress of the record-level ingest of one job execution, shared by its partitions. */
    Progress recordsProgress(ChunkContext chunk) {
        JobExecution job = job(chunk);
        return progress.computeIfAbsent(job.getId(), id -> new Progress("data.police.uk records",
                RecordFiles.records(collection(chunk)).stream().mapToLong(f -> f.size()).sum()));
    }

    Path outputRoot(ChunkContext chunk) {
        return Path.of(job(chunk).getJobParameters().getString(RunParameters.OUTPUT_ROOT));
    }

    /** The indicator definitions' and the force reference list's sha256, together: see {@link RunParameters#DEFINITIONS_SHA256}. */
    String definitionsSha256() {
        return catalogue.sha256() + "+" + forces.sha256();
    }

    /** Force codes from the exclusions configured for every indicator, written as names, aliases or codes. */
    Set<String> excludedForceCodes(Collection c) {
        return codes(c.settings().exclude());
    }

    /** Force codes left out of one indicator: those of every indicator and its own. */
    Set<String> excludedForceCodes(Collection c, String indicatorId) {
        return codes(c.settings().excludedFrom(indicatorId));
    }

    private Set<String> codes(List<String> names) {
        Set<String> codes = new LinkedHashSet<>();
        for (String e : names) {
            if (forces.match(e) instanceof ForceMatch.Territorial t) codes.add(t.force().code());
        }
        return codes;
    }

    /** The indicators a run computes: those the manifest names, else every defined one the collection has data for. */
    static List<String> requestedIndicators(Collection c) {
        return new ArrayList<>(c.indicators().keySet());
    }
}
