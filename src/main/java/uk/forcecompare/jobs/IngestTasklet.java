package uk.forcecompare.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import uk.forcecompare.collection.Collection;
import uk.forcecompare.collection.SourceFile;
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
        // Files are read side by side; what each gives is written here, on the step's thread and in the files'
        // order, so the step's transaction covers it and the log's order does not depend on which file was quicker.
        // At most two files a thread are read ahead of the one being written, so memory holds a few files' values
        // and rejected rows, not the collection's.
        int threads = Math.max(1, Math.min(tables.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Concurrently.pool("ingest-read", threads);
        try {
            List<CompletableFuture<FileRead>> reads = new ArrayList<>();
            for (int i = 0; i < tables.size(); i++) {
                while (reads.size() < Math.min(tables.size(), i + 2 * threads)) {
                    SourceFile ahead = tables.get(reads.size());
                    reads.add(CompletableFuture.supplyAsync(() -> read(ahead), pool));
                }
                SourceFile file = tables.get(i);
                FileRead read = Concurrently.join(reads.get(i));
                reads.set(i, null); // written below: let it go
                read.findings.all().forEach(findings::report);
                if (read.summary.kind().isEmpty()) {
                    // its kind could not be told: recorded without a kind or counts, as before
                    repository.saveSourceFile(run, file, null);
                    continue;
                }
                for (Rejected q : read.quarantined) {
                    repository.saveQuarantine(run, q.sourceFile(), q.location(), q.rule(), q.rawText());
                }
                repository.saveObservations(run, read.output.observations);
                repository.saveSourceFile(run, file, read.summary);
                contribution.incrementReadCount();
                CrashPoints.reach("ingest.after-first-file");
                contribution.incrementWriteCount(read.output.observations.size());
                log.debug("Read {} ({}): {} rows, {} values", file.relativePath(), read.summary.kind(),
                        read.summary.rowsRead(), read.output.observations.size());
            }
        } finally {
            pool.shutdownNow();
        }
        for (var empty : c.emptyFolders()) {
            findings.report(Validator.emptyFolder(empty));
        }
        for (Collection.Stray stray : c.strayFiles()) {
            findings.report(Finding.of(Rule.FILE_STRAY).file(stray.file()).message(stray.message()));
        }
        repository.saveFindings(run, "ingest", findings.all());
        log.info("Read {} source files", tables.size());
        return RepeatStatus.FINISHED;
    }

    private record Rejected(String sourceFile, String location, Rule rule, String rawText) {
    }

    /** What one file gave: its findings, values and rejected rows, held until the step's thread writes them. */
    private static final class FileRead {
        final FindingLog findings = new FindingLog();
        final List<Rejected> quarantined = new ArrayList<>();
        final CollectingOutput output = new CollectingOutput(findings,
                (sourceFile, location, rule, raw) -> quarantined.add(new Rejected(sourceFile, location, rule, raw)));
        ReadSummary summary;
    }

    /**
     * Sources.read finds an undeclared file's kind, and tells a file that cannot be opened at all (an error: nothing
     * is taken from it) from one that opens but whose kind cannot be told (a warning), as validate does.
     */
    private FileRead read(SourceFile file) {
        FileRead read = new FileRead();
        read.summary = sources.read(file, read.output);
        return read;
    }
}
