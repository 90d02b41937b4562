package uk.forcecompare.jobs;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.ListableStepLocator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

import uk.forcecompare.collection.Collection;
import uk.forcecompare.publication.PublicationWriter;

/**
 * Starts, resumes or declines a collection run, and turns its outcome into the contract's exit status:
 * 0 published clean, 3 published with errors in the log, 1 failed (the previous publication stands and the same
 * command resumes the run).
 */
@Component
public class CollectionRunner {

    public static final int PUBLISHED = 0;
    public static final int FAILED = 1;
    public static final int PUBLISHED_WITH_ERRORS = 3;

    private static final Logger log = LoggerFactory.getLogger(CollectionRunner.class);
    /** Starts of one run, the first included, when the database gives it up for a conflict with another transaction. */
    static final int ATTEMPTS = 4;

    private final JobOperator operator;
    private final JobRepository jobRepository;
    private final Job job;
    private final RunRepository runs;
    private final RunLock lock;
    private final RunSupport support;

    CollectionRunner(JobOperator operator, JobRepository jobRepository, Job collectionRunJob, RunRepository runs,
                     RunLock lock, RunSupport support) {
        this.operator = operator;
        this.jobRepository = jobRepository;
        this.job = collectionRunJob;
        this.runs = runs;
        this.lock = lock;
        this.support = support;
    }

    public int run(Collection collection, Path outputRoot, PrintStream out) {
        try (Interruption.Held ignored = Interruption.runInHand()) {
            return runInHand(collection, outputRoot, out);
        }
    }

    private int runInHand(Collection collection, Path outputRoot, PrintStream out) {
        Path root = canonical(outputRoot);
        JobParameters params = RunParameters.of(collection, root, 1, support.definitionsSha256());
        support.remember(collection);
        Optional<RunLock.Held> held;
        try {
            held = lock.tryAcquire(collection.id(), root.toString());
        } catch (SQLException e) {
            if (!Interruption.stopping()) {
                out.println("The run failed: the database cannot be reached (" + e.getMessage() + ").");
            }
            return FAILED;
        }
        if (held.isEmpty()) {
            out.println("Another run of collection " + collection.id() + " into " + root + " is in progress. "
                    + "Only one may write at a time: wait for it to finish, then run this command again.");
            return FAILED;
        }
        try (RunLock.Held ignored = held.get()) {
            new PublicationWriter(root, collection.id(), 0, "").recover();
            JobInstance instance = jobRepository.getJobInstance(CollectionRunJobConfiguration.JOB_NAME, params);
            for (long attempt = 2; instance != null && completed(instance) && !stillPublished(instance, root, collection.id(), runs.publicationTag()); attempt++) {
                // published once, but that publication has been replaced or deleted since: publish these inputs again
                params = RunParameters.of(collection, root, attempt, support.definitionsSha256());
                instance = jobRepository.getJobInstance(CollectionRunJobConfiguration.JOB_NAME, params);
            }
            if (instance != null) {
                JobExecution last = jobRepository.getLastJobExecution(instance);
                if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
                    return alreadyPublished(instance, out);
                }
                if (last != null && last.getStatus().isRunning()) {
                    // we hold the lock, so the process that started this execution is gone (killed, or the machine died)
                    // recover() stamps the execution it is given with the time of recovery: keep when it last wrote
                    java.time.LocalDateTime lastWrite = lastWrite(last);
                    operator.recover(last);
                    markInterrupted(last.getId(), lastWrite);
                    out.println("Run " + instance.getInstanceId() + " was interrupted (job execution " + last.getId()
                            + "); resuming it.");
                } else if (last != null) {
                    out.println("Resuming run " + instance.getInstanceId() + " of collection " + collection.id()
                            + " after its failed job execution " + last.getId() + ".");
                } else {
                    out.println("Starting run " + instance.getInstanceId() + " of collection " + collection.id()
                            + ", whose first start failed before it began.");
                }
            }
            return outcome(collection, launch(params), out);
        } catch (JobExecutionAlreadyRunningException e) {
            out.println("Another run of collection " + collection.id() + " is in progress: " + oneLine(e.getMessage()) + ".");
            return FAILED;
        } catch (Exception e) {
            // stopped on a signal: the pool closed under the run, which Interruption has already said
            if (!Interruption.stopping()) {
                out.println("The run failed: " + rootMessage(e) + ". The previous publication stands; run the same command again to resume.");
            }
            return FAILED;
        }
    }

    /** The exit code history shows for an execution that was stopped or killed, and later resumed by another. */
    static final String INTERRUPTED = "INTERRUPTED";

    /**
     * recover() leaves a killed execution FAILED, ended now: history would show a failure that never happened and a
     * duration that runs on to the resume. It ended when its process last wrote to the job repository.
     */
    private void markInterrupted(long killed, java.time.LocalDateTime lastWrite) {
        JobExecution recovered = jobRepository.getJobExecution(killed);
        if (recovered == null) return;
        if (lastWrite != null) recovered.setEndTime(lastWrite);
        recovered.setExitStatus(new org.springframework.batch.core.ExitStatus(INTERRUPTED,
                "stopped or killed; resumed by a later job execution"));
        jobRepository.update(recovered);
    }

    /**
     * When a killed execution last wrote to the job repository: the job execution's own row is written only as it
     * starts and ends, while its steps' rows are written as each step commits and ends, so the latest of them all.
     */
    static java.time.LocalDateTime lastWrite(JobExecution killed) {
        java.time.LocalDateTime latest = killed.getLastUpdated();
        for (StepExecution step : killed.getStepExecutions()) {
            for (java.time.LocalDateTime t : new java.time.LocalDateTime[] {step.getLastUpdated(), step.getEndTime()}) {
                if (t != null && (latest == null || t.isAfter(latest))) latest = t;
            }
        }
        return latest;
    }

    /**
     * Starts or resumes the run, and resumes it again, up to {@link #ATTEMPTS} times in all, when the database gave
     * it up for a conflict with another transaction (a serialization failure or a deadlock), which the same work
     * done again does not meet: these are the database's word that the transaction "might succeed if retried", not a
     * fault of the run. Any other failure ends the run at once.
     */
    private JobExecution launch(JobParameters params) throws Exception {
        for (int attempt = 1; ; attempt++) {
            JobExecution execution;
            try {
                execution = startOrResume(params);
            } catch (Exception e) {
                if (attempt == ATTEMPTS || !transientConflict(e)) throw e;
                log.info("Starting the run met a conflict with another transaction ({}); trying again.", rootMessage(e));
                pause(attempt);
                continue;
            }
            if (execution.getStatus() == BatchStatus.COMPLETED || attempt == ATTEMPTS
                    || execution.getAllFailureExceptions().stream().noneMatch(CollectionRunner::transientConflict)) {
                return execution;
            }
            log.info("Run {} met a conflict with another transaction in step '{}' ({}); resuming it.",
                    execution.getJobInstance().getInstanceId(), failedStep(execution), failureMessage(execution));
            pause(attempt);
        }
    }

    /**
     * Spring Batch creates a job instance and its first job execution in two transactions: a start that failed
     * between them left a run with a number and no execution, which history cannot show and which Spring Batch will
     * neither start again ("no job execution for this instance") nor start anew. This gives it its first execution.
     */
    private JobExecution startOrResume(JobParameters params) throws Exception {
        JobInstance instance = jobRepository.getJobInstance(CollectionRunJobConfiguration.JOB_NAME, params);
        if (instance == null || jobRepository.getLastJobExecution(instance) != null) {
            return operator.start(job, params);
        }
        JobExecution first = jobRepository.createJobExecution(instance, params, new ExecutionContext());
        job.execute(first);
        return first;
    }

    private static void pause(int attempt) throws InterruptedException {
        // apart, so that runs that met each other meet again less often
        Thread.sleep(ThreadLocalRandom.current().nextLong(100, 400) * attempt);
    }

    /** Whether the database gave the work up for a conflict with a concurrent transaction (SQL state class 40). */
    static boolean transientConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether these inputs are published, as they stand, in that output root. */
    public boolean isPublished(Collection collection, Path outputRoot) {
        Path root = canonical(outputRoot);
        for (long attempt = 1; ; attempt++) {
            JobInstance instance = jobRepository.getJobInstance(CollectionRunJobConfiguration.JOB_NAME, RunParameters.of(collection, root, attempt, support.definitionsSha256()));
            if (instance == null || !completed(instance)) return false;
            if (stillPublished(instance, root, collection.id(), runs.publicationTag())) return true;
        }
    }

    private boolean completed(JobInstance instance) {
        JobExecution last = jobRepository.getLastJobExecution(instance);
        return last != null && last.getStatus() == BatchStatus.COMPLETED;
    }

    /** Whether {@code <root>/<id>} still shows this run's publication. */
    private static boolean stillPublished(JobInstance instance, Path root, String collectionId, String tag) {
        PublicationWriter w = new PublicationWriter(root, collectionId, instance.getInstanceId(), tag);
        try {
            return java.nio.file.Files.exists(w.target().resolve("indicators.csv"))
                    && w.target().toRealPath().equals(w.staging().toRealPath());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private int alreadyPublished(JobInstance instance, PrintStream out) {
        var pub = runs.publication(instance.getInstanceId());
        if (pub.isEmpty()) {
            out.println("Run " + instance.getInstanceId() + " completed, but its publication record is missing.");
            return FAILED;
        }
        out.println("Nothing new to publish: these inputs are already published by run " + pub.get().runId()
                + " (job execution " + pub.get().jobExecutionId() + ", " + ShownTime.of(pub.get().publishedAt()) + ") in "
                + pub.get().folder() + ", with exit status " + pub.get().exitStatus() + ".");
        return pub.get().exitStatus();
    }

    private int outcome(Collection c, JobExecution execution, PrintStream out) {
        long run = execution.getJobInstance().getInstanceId();
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            var pub = runs.publication(run).orElseThrow();
            var counts = runs.findings(run).stream().collect(java.util.stream.Collectors.groupingBy(
                    f -> f.severity().label(), java.util.stream.Collectors.counting()));
            out.println("Published collection " + c.id() + " (run " + run + ", job execution " + execution.getId() + ") to "
                    + pub.folder());
            long errors = counts.getOrDefault("error", 0L), warnings = counts.getOrDefault("warning", 0L);
            out.println("Findings: " + errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning, " : " warnings, ")
                    + counts.getOrDefault("info", 0L) + " information; see validation-log.csv and validation-report.html.");
            if (pub.exitStatus() == PUBLISHED_WITH_ERRORS) {
                out.println("The log holds errors: the values they touch are left out of the comparison and footnoted on the charts.");
            }
            return pub.exitStatus();
        }
        if (Interruption.stopping()) return FAILED;
        Optional<Throwable> changedWhileRead = execution.getAllFailureExceptions().stream()
                .filter(e -> e instanceof UnsettledInputs.InputsChangedException).findFirst();
        if (changedWhileRead.isPresent()) {
            out.println("The run failed: " + changedWhileRead.get().getMessage() + ".");
            return FAILED;
        }
        out.println("The run failed in step '" + failedStep(execution) + "': " + failureMessage(execution) + ".");
        List<String> changed = UnsettledInputs.of(c);
        if (!changed.isEmpty()) {
            // as a worker that saw other files may have: this run cannot be resumed, its inputs are not what it began with
            out.println("The previous publication stands. " + UnsettledInputs.which(changed) + ". " + UnsettledInputs.RUN_AGAIN + ".");
            return FAILED;
        }
        out.println("The previous publication stands. Run the same command again to resume run " + run + " from that step.");
        return FAILED;
    }

    /**
     * The first of the job's steps that this run has not completed, in this execution or an earlier one. A step whose
     * own step execution could not even be stored has none to look at, but it is still the step that failed.
     */
    private String failedStep(JobExecution execution) {
        if (job instanceof ListableStepLocator steps) {
            JobInstance instance = execution.getJobInstance();
            for (String step : steps.getStepNames()) {
                StepExecution last = execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(step))
                        .reduce((a, b) -> b).orElseGet(() -> jobRepository.getLastStepExecution(instance, step));
                if (last == null || last.getStatus() != BatchStatus.COMPLETED) return step;
            }
        }
        return execution.getStepExecutions().stream().filter(s -> s.getStatus() != BatchStatus.COMPLETED)
                .map(StepExecution::getStepName).findFirst().orElse("?");
    }

    private static String failureMessage(JobExecution execution) {
        return execution.getAllFailureExceptions().stream().findFirst().map(CollectionRunner::rootMessage).orElse("unknown cause");
    }

    /**
     * The output root as the file system resolves it: {@code charts} reached through a symbolic link is the same
     * root as the folder itself, for the run's identity and its lock alike. A root not made yet resolves as far as it
     * exists.
     */
    static Path canonical(Path outputRoot) {
        Path abs = outputRoot.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !java.nio.file.Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return abs;
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (java.io.IOException e) {
            return abs;
        }
    }

    /**
     * The innermost cause, in one line: PostgreSQL's messages go on with Detail, Hint and Where lines that say more
     * about its internals than about the run.
     */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getClass().getSimpleName() + ": " + oneLine(t.getMessage());
    }

    /**
     * The first line of a message, without its closing full stop (the sentence it goes into has one): what the
     * command line prints of any failure's message, a run's included.
     */
    public static String oneLine(String message) {
        if (message == null) return "";
        String line = message.strip().lines().findFirst().orElse("").strip();
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }
}
