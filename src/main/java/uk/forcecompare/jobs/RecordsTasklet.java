package uk.forcecompare.jobs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import uk.forcecompare.collection.Collection;
import uk.forcecompare.collection.SourceFile;
import uk.forcecompare.records.PoliceUkRecords;
import uk.forcecompare.sources.Observation;
import uk.forcecompare.sources.ReadSummary;
import uk.forcecompare.validation.FindingLog;

/**
 * Reads one partition's data.police.uk files. Rows are counted in the stream (a few observations per file are
 * kept, never the rows), so memory does not grow with the number of rows.
 */
class RecordsTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(RecordsTasklet.class);

    static final int FILES_PER_BATCH = 256;
    static final int OBSERVATIONS_PER_BATCH = 20_000;

    private final RunSupport support;
    private final RunRepository repository;
    private final PoliceUkRecords records;

    RecordsTasklet(RunSupport support, RunRepository repository, PoliceUkRecords records) {
        this.support = support;
        this.repository = repository;
        this.records = records;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        StepExecution step = chunk.getStepContext().getStepExecution();
        long run = RunSupport.runId(chunk);
        Collection c = support.collection(chunk);
        String listed = step.getExecutionContext().getString(RecordsPartitioner.FILES, "");
        List<String> paths = listed.isEmpty() ? List.of() : Arrays.asList(listed.split("\n"));
        String stepName = "records:" + step.getStepName();
        repository.clearFiles(run, stepName, paths);
        Map<String, SourceFile> byPath = c.sources().stream().collect(Collectors.toMap(SourceFile::relativePath, Function.identity()));
        FindingLog findings = new FindingLog();
        long rows = 0, t0 = System.nanoTime();
        Progress progress = support.recordsProgress(chunk);
        // A partition is one transaction, so files are stored a batch at a time: with a thousand small files, two
        // round trips each (a COPY and an insert) took longer than reading them. The batch keeps memory bounded.
        List<Observation> observations = new ArrayList<>();
        List<RunRepository.ReadFile> read = new ArrayList<>();
        for (String p : paths) {
            SourceFile file = byPath.get(p);
            CollectingOutput out = new CollectingOutput(findings,
                    (sourceFile, location, rule, raw) -> repository.saveQuarantine(run, sourceFile, location, rule, raw));
            ReadSummary summary = records.read(file, out);
            observations.addAll(out.observations);
            read.add(new RunRepository.ReadFile(file, summary));
            if (read.size() >= FILES_PER_BATCH || observations.size() >= OBSERVATIONS_PER_BATCH) {
                store(run, observations, read);
            }
            rows += summary.rowsRead();
            progress.advance(file.size(), summary.rowsRead());
            contribution.incrementReadCount();
            CrashPoints.reach("records.mid-partition");
        }
        store(run, observations, read);
        repository.saveFindings(run, stepName, findings.all());
        double secs = (System.nanoTime() - t0) / 1e9;
        if (!paths.isEmpty()) {
            log.info("{}: {} files, {} rows in {} s ({} rows/s)", step.getStepName(), paths.size(), rows,
                    String.format("%.1f", secs), String.format("%.0f", rows / Math.max(secs, 1e-9)));
        }
        return RepeatStatus.FINISHED;
    }

    private void store(long run, List<Observation> observations, List<RunRepository.ReadFile> read) {
        repository.saveObservations(run, observations);
        if (!read.isEmpty()) repository.saveSourceFiles(run, read);
        observations.clear();
        read.clear();
    }
}
