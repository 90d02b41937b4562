package uk.forcecompare.jobs;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * The manager's side of remote partitioning: Spring Batch's {@link MessageChannelPartitionHandler} in polling mode
 * (no reply channel: the job repository says when each partition is done), sending one request per partition into
 * the PostgreSQL-backed request channel, plus a watcher that turns a dead worker into a failed partition.
 * <p>
 * A worker killed mid-partition leaves its step execution STARTED for ever; polling alone would wait for it for
 * ever. While the partitions run, the watcher looks every second at those that are still running and whose request
 * has been taken from the channel: if no session holds the partition's advisory lock (see {@link RemoteLocks}) for
 * longer than the grace period, the worker is gone, and the partition is marked FAILED with "worker &lt;name&gt;
 * stopped mid-partition". Requests still queued are withdrawn (deleted from the channel, their partitions marked
 * FAILED) only when they can no longer run: a partition has failed and no worker is connected, or no worker has been
 * connected for the idle timeout. A rerun then sends only the partitions that did not complete.
 */
class RemotePartitionHandler extends MessageChannelPartitionHandler {

    private static final Logger log = LoggerFactory.getLogger(RemotePartitionHandler.class);
    static final String WORKER = "worker";
    /** the step each partition runs; a partition's step execution is named "recordsWorker:records-&lt;n&gt;" */
    static final String PARTITION_STEP = "recordsWorker";
    /** the manager step's exit description when the collection has no record files to partition */
    static final String NO_PARTITIONS = "no partitions";

    private final JobRepository jobRepository;
    private final JdbcTemplate jdbc;
    private final String region;
    private final Duration grace;
    private final Duration idleTimeout;
    /** step execution id to the id of the message that carries its request */
    private final Map<Long, String> sent = new ConcurrentHashMap<>();

    RemotePartitionHandler(QueueChannel requests, JobRepository jobRepository, JdbcTemplate jdbc, String region,
                           Duration grace, Duration idleTimeout, Duration pollInterval) {
        this.jobRepository = jobRepository;
        this.jdbc = jdbc;
        this.region = region;
        this.grace = grace;
        this.idleTimeout = idleTimeout;
        setStepName(PARTITION_STEP);
        setJobRepository(jobRepository);
        setPollInterval(pollInterval.toMillis());
        setMessagingOperations(new MessagingTemplate(requests));
        requests.addInterceptor(new ChannelInterceptor() {
            @Override
            public void postSend(Message<?> message, MessageChannel channel, boolean ok) {
                if (ok && message.getPayload() instanceof StepExecutionRequest r) {
                    sent.put(r.getStepExecutionId(), String.valueOf(message.getHeaders().getId()));
                }
            }
        });
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
        if (partitions.isEmpty()) {
            // nothing to send: waiting for a worker here would wait for nothing (until the idle timeout). On a resume
            // the partitions that completed before are not sent again, so all of them may be done already.
            long completed = completedPartitions(manager.getJobExecution().getJobInstance().getInstanceId());
            log.info("{}: {}; no worker needed", manager.getStepName(), completed == 0
                    ? "no partitions (the collection has no data.police.uk files)"
                    : "all " + completed + " partition" + (completed == 1 ? "" : "s") + " already completed in an earlier job execution of run "
                    + manager.getJobExecution().getJobInstance().getInstanceId());
            return partitions;
        }
        List<String> workers = RemoteLocks.workers(jdbc);
        log.info("{}: {} partition(s) sent to the workers through PostgreSQL; {} worker(s) connected{}", manager.getStepName(),
                partitions.size(), workers.size(), workers.isEmpty() ? " (start one with: force-compare worker)" : ": " + String.join(", ", workers));
        Watcher watcher = new Watcher(manager.getJobExecution().getJobInstance().getInstanceId(), partitions);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "remote-partition-watcher");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(watcher::tick, 1, 1, TimeUnit.SECONDS);
        Set<StepExecution> results;
        try {
            results = super.doHandle(manager, partitions);
        } finally {
            timer.shutdownNow();
            timer.awaitTermination(10, TimeUnit.SECONDS);
            // nothing of this run stays queued: a request left behind would run a partition nobody waits for
            for (StepExecution p : partitions) withdraw(p.getId(), "the manager stopped waiting for it");
            partitions.forEach(p -> sent.remove(p.getId()));
        }
        Map<String, Integer> byWorker = new TreeMap<>();
        // why, to the partitions; the causes first, the partitions withdrawn because of them last
        Map<String, List<String>> failures = new TreeMap<>(java.util.Comparator
                .comparing((String why) -> why.contains(": not run: ")).thenComparing(why -> why));
        int failed = 0;
        for (StepExecution p : results.stream().sorted(java.util.Comparator.comparing(StepExecution::getId)).toList()) {
            String worker = p.getExecutionContext().getString(WORKER, "?");
            if (p.getStatus() == BatchStatus.COMPLETED) {
                byWorker.merge(worker, 1, Integer::sum);
            } else {
                failed++;
                failures.computeIfAbsent(p.getStatus() + ": " + firstLine(p.getExitStatus().getExitDescription()), k -> new ArrayList<>())
                        .add(p.getStepName());
            }
        }
        log.info("{}: partitions completed by worker: {}", manager.getStepName(), byWorker.isEmpty() ? "none" : byWorker);
        if (failed == 0) CrashPoints.reach("records.after-partitions");
        if (failed > 0) {
            String why = failures.entrySet().stream().map(e -> String.join(", ", e.getValue()) + " " + e.getKey())
                    .collect(Collectors.joining("; "));
            // a worker that saw other files than the manager hashed cannot be helped by resuming: the inputs differ
            boolean otherFiles = failures.keySet().stream().anyMatch(k -> k.contains(RemoteWorker.SEES_OTHER_FILES));
            throw new RemotePartitionException(failed + " of " + results.size() + " partitions did not complete (" + why
                    + (otherFiles
                    ? "). Every worker must see the collection folder at the same path, unchanged since the run started"
                    : "). The completed partitions stand: run the same command again, with a worker running, to do only the missing ones"));
        }
        return results;
    }

    /** The run's partitions that completed in any of its job executions. */
    private long completedPartitions(long run) {
        Long n = jdbc.queryForObject("""
                select count(distinct se.step_name) from batch_step_execution se
                join batch_job_execution je on je.job_execution_id = se.job_execution_id
                where je.job_instance_id = ? and se.step_name like ? and se.status = 'COMPLETED'
                """, Long.class, run, PARTITION_STEP + ":%");
        return n == null ? 0 : n;
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) return "no description";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Deletes a partition's request if it is still queued and marks the partition FAILED; false if a worker took it. */
    private boolean withdraw(long stepExecutionId, String why) {
        String messageId = sent.get(stepExecutionId);
        if (messageId == null) return false;
        int deleted = jdbc.update("delete from int_channel_message where region = ? and message_id = ?", region, messageId);
        if (deleted == 0) return false;
        sent.remove(stepExecutionId);
        fail(stepExecutionId, "not run: " + why);
        return true;
    }

    /** Marks a running partition FAILED; false if it is no longer running or a worker updated it meanwhile. */
    private boolean fail(long stepExecutionId, String description) {
        StepExecution p = jobRepository.getStepExecution(stepExecutionId);
        if (p == null || !p.getStatus().isRunning()) return false;
        p.setStatus(BatchStatus.FAILED);
        p.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), description));
        p.setEndTime(LocalDateTime.now());
        try {
            jobRepository.update(p);
        } catch (OptimisticLockingFailureException e) {
            return false; // the worker wrote first: look again at the next tick
        }
        log.warn("{}: {}", p.getStepName(), description);
        return true;
    }

    /** Looks after the partitions of one manager step execution while they run. */
    private final class Watcher {
        private final long runId;
        private final Set<Long> ids;
        private final Map<Long, Long> lockFreeSince = new HashMap<>();
        private long noWorkerSince = System.nanoTime();
        private long lastReport = System.nanoTime();
        private String firstFailure;

        Watcher(long runId, Set<StepExecution> partitions) {
            this.runId = runId;
            this.ids = partitions.stream().map(StepExecution::getId).collect(Collectors.toSet());
        }

        void tick() {
            try {
                look();
            } catch (RuntimeException e) {
                log.warn("remote partition watcher: {}", e.toString());
            }
        }

        private void look() {
            long now = System.nanoTime();
            String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
            List<Map<String, Object>> rows = jdbc.queryForList("select step_execution_id, step_name, status, exit_message"
                    + " from batch_step_execution where step_execution_id in (" + in + ")");
            Set<String> queuedMessages = new HashSet<>(jdbc.queryForList(
                    "select trim(message_id) from int_channel_message where region = ?", String.class, region));
            List<Long> queued = new ArrayList<>();
            int running = 0;
            for (Map<String, Object> r : rows) {
                long id = ((Number) r.get("step_execution_id")).longValue();
                String name = (String) r.get("step_name");
                BatchStatus status = BatchStatus.valueOf((String) r.get("status"));
                if (!status.isRunning()) {
                    if (status != BatchStatus.COMPLETED && firstFailure == null) firstFailure = name;
                    lockFreeSince.remove(id);
                    continue;
                }
                running++;
                String messageId = sent.get(id);
                if (messageId != null && queuedMessages.contains(messageId)) {
                    queued.add(id);
                    continue;
                }
                if (RemoteLocks.partitionLocked(jdbc, RemoteLocks.partitionKey(runId, name))) {
                    lockFreeSince.remove(id);
                    continue;
                }
                long since = lockFreeSince.computeIfAbsent(id, k -> now);
                if (now - since > grace.toNanos()) {
                    StepExecution p = jobRepository.getStepExecution(id);
                    String worker = p == null ? null : p.getExecutionContext().getString(WORKER, null);
                    String description = worker != null ? "worker " + worker + " stopped mid-partition"
                            : "the worker that took its request stopped before starting it";
                    if (fail(id, description)) {
                        lockFreeSince.remove(id);
                        if (firstFailure == null) firstFailure = name;
                    }
                }
            }
            if (queued.isEmpty()) {
                noWorkerSince = now;
                return;
            }
            List<String> workers = RemoteLocks.workers(jdbc);
            if (!workers.isEmpty()) {
                noWorkerSince = now;
                return;
            }
            long idle = now - noWorkerSince;
            if (firstFailure != null && idle > grace.toNanos()) {
                for (long id : queued) withdraw(id, "no worker was left to take it after " + firstFailure + " failed");
            } else if (idle > idleTimeout.toNanos()) {
                for (long id : queued) withdraw(id, "no worker was connected for " + idleTimeout.toString().substring(2).toLowerCase()
                        + " (force-compare.workers.idle-timeout)");
            } else if (now - lastReport > 30_000_000_000L) {
                lastReport = now;
                log.warn("{} of {} partitions are waiting for a worker, and none is connected: start one with 'force-compare "
                        + "worker' against this database (giving up after {} without a worker)", queued.size(), running,
                        idleTimeout.toString().substring(2).toLowerCase());
            }
        }
    }

    /**
     * Batch's default aggregation (counts, status), but with one short exit description for the manager's step,
     * "partitions by worker: a 9, b 7" (or "no partitions"), instead of every partition's description joined.
     */
    static StepExecutionAggregator aggregator() {
        DefaultStepExecutionAggregator sums = new DefaultStepExecutionAggregator();
        return (result, executions) -> {
            sums.aggregate(result, executions);
            Map<String, Integer> byWorker = new TreeMap<>();
            for (StepExecution p : executions) {
                if (p.getStatus() == BatchStatus.COMPLETED) byWorker.merge(p.getExecutionContext().getString(WORKER, "?"), 1, Integer::sum);
            }
            result.setExitStatus(new ExitStatus(result.getExitStatus().getExitCode(), executions.isEmpty() ? NO_PARTITIONS
                    : "partitions by worker: " + byWorker.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "))));
        };
    }

    /** A partition failed or could not run; the message says which and why. */
    static final class RemotePartitionException extends RuntimeException {
        RemotePartitionException(String message) {
            super(message);
        }
    }
}
