package uk.forcecompare.jobs;

import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;

import jakarta.annotation.PreDestroy;
import uk.forcecompare.collection.Collection;
import uk.forcecompare.collection.CollectionLoader;

/**
 * A worker process of remote partitioning: it takes partition requests from the PostgreSQL-backed channel, one per
 * thread at a time, and runs each with Spring Batch's {@link StepExecutionRequestHandler}, which executes the
 * {@code recordsWorker} step on the step execution that the manager created in the job repository. It does nothing
 * else: it never starts a job.
 * <p>
 * Before it runs a partition it makes sure that the request is still wanted (the step execution is STARTING and its
 * manager holds the run lock), takes the partition's advisory lock for as long as it runs it (so that the manager
 * can tell it is alive, see {@link RemoteLocks}), checks that it sees the same collection files as the manager, and
 * records its name in the step execution (execution context key {@code worker}, and the exit description).
 */
public class RemoteWorker {

    static final String SEES_OTHER_FILES = "sees other files";

    private static final Logger log = LoggerFactory.getLogger(RemoteWorker.class);

    private final QueueChannel requests;
    private final JobRepository jobRepository;
    private final StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final RunSupport support;
    private final String name;
    private final int threads;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    RemoteWorker(QueueChannel requests, JobRepository jobRepository, Step recordsWorkerStep, DataSource dataSource,
                 RunSupport support, String name, int threads) {
        this.requests = requests;
        this.jobRepository = jobRepository;
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.support = support;
        this.name = name == null || name.isBlank() ? defaultName() : name;
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        handler.setJobRepository(jobRepository);
        handler.setStepLocator(stepName -> {
            if (!stepName.equals(recordsWorkerStep.getName())) {
                throw new IllegalArgumentException("this worker runs only step " + recordsWorkerStep.getName() + ", not " + stepName);
            }
            return recordsWorkerStep;
        });
    }

    static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    public String name() {
        return name;
    }

    /**
     * Takes partitions until {@code stopAfter} has passed (null: until the process is stopped), then finishes the
     * partitions in hand and returns. Returns 0, or 1 if the database cannot be reached.
     */
    public int run(Duration stopAfter, PrintStream out) {
        Connection presence;
        try {
            presence = dataSource.getConnection();
            RemoteLocks.announce(presence, name);
        } catch (SQLException e) {
            out.println("The worker cannot reach the database: " + e.getMessage());
            return 1;
        }
        out.println("Worker " + name + " is waiting for partitions (" + threads + " at a time)"
                + (stopAfter == null ? "; stop it with Ctrl-C or SIGTERM (it finishes the partitions in hand)." : "; it stops after " + stopAfter + "."));
        List<Thread> loops = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::loop, "worker-" + i);
            loops.add(t);
            t.start();
        }
        try {
            if (stopAfter == null) stopRequested.await();
            else stopRequested.await(stopAfter.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopRequested.countDown();
        for (Thread t : loops) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            presence.close();
        } catch (SQLException e) {
            // closing the session releases the presence lock anyway
        }
        out.println("Worker " + name + " stopped: " + completed.get() + " partition(s) completed, " + failed.get() + " failed.");
        stopped.countDown();
        return 0;
    }

    /** On SIGTERM (the context closes): take nothing new, finish what is in hand. */
    @PreDestroy
    void stop() throws InterruptedException {
        if (stopRequested.getCount() == 0 && stopped.getCount() == 0) return;
        stopRequested.countDown();
        stopped.await(1, TimeUnit.HOURS);
    }

    private void loop() {
        while (stopRequested.getCount() > 0) {
            Message<?> message;
            try {
                message = requests.receive(0);
            } catch (RuntimeException e) {
                log.warn("worker {}: cannot read the partition requests: {}", name, e.toString());
                message = null;
            }
            if (message == null) {
                try {
                    stopRequested.await(500, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            if (message.getPayload() instanceof StepExecutionRequest request) {
                try {
                    handle(request);
                } catch (Exception e) {
                    failed.incrementAndGet();
                    log.error("worker {}: partition request {} failed: {}", name, request, e.toString(), e);
                }
            } else {
                log.warn("worker {}: ignoring a message that is not a partition request: {}", name, message);
            }
        }
    }

    private void handle(StepExecutionRequest request) throws SQLException, InterruptedException {
        long id = request.getStepExecutionId();
        StepExecution step = jobRepository.getStepExecution(id);
        if (step == null || step.getStatus() != BatchStatus.STARTING) {
            log.info("worker {}: skipping request for step execution {}: it is {}", name, id, step == null ? "gone" : step.getStatus());
            return;
        }
        JobExecution job = step.getJobExecution();
        JobParameters params = job.getJobParameters();
        if (!RemoteLocks.managerAlive(jdbc, params.getString(RunParameters.COLLECTION_ID), params.getString(RunParameters.OUTPUT_ROOT))) {
            log.warn("worker {}: skipping {} of job execution {}: its manager has stopped (the next 'run' sends it again)",
                    name, step.getStepName(), job.getId());
            return;
        }
        long runId = job.getJobInstance().getInstanceId();
        String key = RemoteLocks.partitionKey(runId, step.getStepName());
        try (Connection lock = dataSource.getConnection()) {
            // a worker of an earlier attempt may still be writing the same files: wait for it
            for (int waited = 0; !RemoteLocks.tryLockPartition(lock, key); waited++) {
                if (waited % 30 == 0) log.info("worker {}: {} is still held by an earlier attempt; waiting", name, step.getStepName());
                Thread.sleep(1000);
            }
            try {
                run(request, id);
            } finally {
                try {
                    RemoteLocks.unlockPartition(lock, key);
                } catch (SQLException e) {
                    // never hand a connection that still holds the lock back to the pool
                    try (var st = lock.createStatement()) {
                        st.execute("select pg_advisory_unlock_all()");
                    } catch (SQLException again) {
                        lock.abort(Runnable::run);
                    }
                }
            }
        }
    }

    private void run(StepExecutionRequest request, long id) {
        StepExecution step = jobRepository.getStepExecution(id);
        if (step == null || step.getStatus() != BatchStatus.STARTING) {
            log.info("worker {}: skipping step execution {}: it is {}", name, id, step == null ? "gone" : step.getStatus());
            return;
        }
        JobParameters params = step.getJobExecution().getJobParameters();
        Path folder = Path.of(params.getString(RunParameters.COLLECTION_FOLDER));
        String expected = params.getString(RunParameters.INPUTS_SHA256);
        String seen;
        try {
            Collection c = support.collection(folder);
            seen = RunParameters.inputsDigest(c);
            if (!seen.equals(expected)) {
                c = new CollectionLoader().load(folder); // changed since this worker last read it
                support.remember(c);
                seen = RunParameters.inputsDigest(c);
            }
        } catch (RuntimeException e) {
            seen = "unreadable (" + e.getMessage() + ")";
        }
        step.getExecutionContext().putString(RemotePartitionHandler.WORKER, name);
        if (!seen.equals(expected)) {
            step.setStatus(BatchStatus.FAILED);
            step.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), "worker " + name + " " + SEES_OTHER_FILES + " in " + folder
                    + " than the manager did (inputs " + seen + ", expected " + expected + "): every worker needs the same collection folder at the same path"));
            step.setEndTime(java.time.LocalDateTime.now());
            jobRepository.updateExecutionContext(step);
            jobRepository.update(step);
            failed.incrementAndGet();
            log.error("worker {}: {}", name, step.getExitStatus().getExitDescription());
            return;
        }
        step.setExitStatus(new ExitStatus(ExitStatus.EXECUTING.getExitCode(), "worker " + name));
        jobRepository.updateExecutionContext(step);
        jobRepository.update(step);
        log.info("worker {}: running {} of run {} (job execution {})", name, step.getStepName(),
                step.getJobExecution().getJobInstance().getInstanceId(), step.getJobExecutionId());
        StepExecution done = handler.handle(request);
        if (done.getStatus() == BatchStatus.COMPLETED) {
            completed.incrementAndGet();
        } else {
            failed.incrementAndGet();
            StepExecution stored = jobRepository.getStepExecution(id);
            if (stored != null && stored.getStatus().isRunning()) {
                // the step could not record its own end (see StepExecutionRequestHandler): record it here
                stored.setStatus(done.getStatus());
                stored.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), "worker " + name + ": "
                        + done.getFailureExceptions().stream().map(Throwable::toString).findFirst().orElse("failed")));
                stored.setEndTime(java.time.LocalDateTime.now());
                jobRepository.update(stored);
            }
        }
        log.info("worker {}: {} {} ({})", name, done.getStepName(), done.getStatus(), done.getExitStatus().getExitDescription());
    }
}
