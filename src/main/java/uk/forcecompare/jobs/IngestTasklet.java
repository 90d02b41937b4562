package uk.forcecompare.jobs;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import uk.forcecompare.collection.Collection;
import uk.forcecompare.collection.SourceFile;
import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.sources.ReadSummary;
import uk.forcecompare.sources.Sources;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.FindingLog;
import uk.forcecompare.validation.Rule;

/** Reads every source file of the collection into observations, with the findings each file raises. */
class IngestTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(IngestTasklet.class);

    private final RunSupport support;
    private final RunRepository repository;
    private final Sources sources;

    IngestTasklet(RunSupport support, RunRepository repository, Sources sources) {
        this.support = support;
        this.repository = repository;
        this.sources = sources;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        long run = RunSupport.runId(chunk);
        Collection c = support.collection(chunk);
        List<SourceFile> tables = RecordFiles.notRecords(c);
        repository.clearFiles(run, "ingest", tables.stream().map(SourceFile::relativePath).toList());
        FindingLog findings = new FindingLog();
        for (SourceFile file : tables) {
            Optional<SourceKind> kind = file.kind().isPresent() ? file.kind() : sources.detectKind(file.path());
            if (kind.isEmpty()) {
                findings.report(Finding.of(Rule.FILE_KIND_UNKNOWN).file(file.relativePath())
                        .message("The kind of " + file.relativePath() + " cannot be told from its header row; it was not read. "
                                + "Declare it in collection.yml, or remove it from the collection.")
                        .expected("one of " + SourceKind.ids()));
                repository.saveSourceFile(run, file, null);
                continue;
            }
            CollectingOutput out = new CollectingOutput(findings,
                    (sourceFile, location, rule, raw) -> repository.saveQuarantine(run, sourceFile, location, rule, raw));
            ReadSummary summary = sources.read(file.withKind(kind.get()), out);
            repository.saveObservations(run, out.observations);
            repository.saveSourceFile(run, file, summary);
            contribution.incrementReadCount();
            CrashPoints.reach("ingest.after-first-file");
            contribution.incrementWriteCount(out.observations.size());
            log.debug("Read {} ({}): {} rows, {} values", file.relativePath(), kind.get().id(), summary.rowsRead(),
                    out.observations.size());
        }
        for (String stray : c.strayFiles()) {
            findings.report(Finding.of(Rule.FILE_STRAY).file(stray)
                    .message(stray + " is in the collection folder but no source in collection.yml covers it; it was not read"));
        }
        repository.saveFindings(run, "ingest", findings.all());
        log.info("Read {} source files", tables.size());
        return RepeatStatus.FINISHED;
    }
}
