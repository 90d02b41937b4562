package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.records.bench.GenerateRecords;

/**
 * Remote partitioning with real processes: worker JVMs take the partitions of the record-level ingest through the
 * PostgreSQL channel, the manager (this JVM, through the command line) waits on the job repository, and the result
 * is byte for byte the single-process one. A worker killed mid-partition fails that partition only, the manager
 * names it, and the rerun does just the missing partition.
 */
class RemotePartitioningTest {

    @TempDir
    static Path collection;

    @TempDir
    static Path referenceOut;

    static byte[] singleProcess;

    @TempDir
    Path out;

    private final List<Worker> workers = new ArrayList<>();

    @BeforeAll
    static void collectionAndSingleProcessRun() throws Exception {
        GenerateRecords.generate(collection.resolve("records"), 200_000, YearMonth.of(2023, 1), YearMonth.of(2023, 3),
                new GenerateRecords.Options(11, 0.05, 0.1, 0.2, 0.05));
        Files.createDirectories(collection.resolve("ons"));
        Files.copy(Path.of("data/sample/2024-spring/ons/pfa-population.csv"), collection.resolve("ons/pfa-population.csv"));
        Files.writeString(collection.resolve("collection.yml"), """
                id: remote-2023-q1
                title: data.police.uk records, January to March 2023, for remote partitioning
                population: { mid-year: 2020 }
                sources:
                  - { file: ons/pfa-population.csv, kind: ons-population }
                  - { file: records/, kind: police-uk-records }
                indicators:
                  asb-incidents-per-1000: { period: "2023-01..2023-03" }
                  crimes-per-1000:        { period: "2023-01..2023-03" }
                  stop-search-find-rate:  { period: "2023-01..2023-03" }
                """);
        CommandLineRuns.Outcome o = CommandLineRuns.run("run", collection.toString(), "--out", referenceOut.toString(),
                "--force-compare.records.partitions=8");
        assertThat(o.exitStatus()).as(o.output()).isZero();
        singleProcess = Files.readAllBytes(referenceOut.resolve("remote-2023-q1/indicators.csv"));
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(Worker::destroy);
    }

    @Test
    void twoWorkerProcessesGiveTheSingleProcessResult() throws Exception {
        Worker a = startWorker(List.of(), "w-alpha", "--force-compare.worker.threads=1");
        Worker b = startWorker(List.of(), "w-beta", "--force-compare.worker.threads=1");
        a.awaitReady();
        b.awaitReady();

        CommandLineRuns.Outcome o = manager(out);
        assertThat(o.exitStatus()).as(o.output()).isZero();
        assertThat(Files.readAllBytes(out.resolve("remote-2023-q1/indicators.csv"))).isEqualTo(singleProcess);

        Map<String, String> byPartition = partitions(out, null);
        assertThat(byPartition).hasSize(8).allSatisfy((p, s) -> assertThat(s).startsWith("COMPLETED worker "));
        assertThat(byPartition.values()).anyMatch(s -> s.endsWith("worker w-alpha")).anyMatch(s -> s.endsWith("worker w-beta"));
        RestartAfterCrashTest.assertNoDuplicateRows();
    }

    @Test
    void aWorkerKilledMidPartitionFailsThatPartitionAndTheRerunDoesOnlyIt() throws Exception {
        Worker doomed = startWorker(List.of("-D" + CrashPoints.PROPERTY + "=records.mid-partition"), "w-doomed",
                "--force-compare.worker.threads=1");
        Worker steady = startWorker(List.of(), "w-steady", "--force-compare.worker.threads=1");
        doomed.awaitReady();
        steady.awaitReady();

        CommandLineRuns.Outcome failed = manager(out);
        assertThat(failed.exitStatus()).as(failed.output()).isEqualTo(CollectionRunner.FAILED);
        assertThat(failed.output()).contains("1 of 8 partitions did not complete").contains("worker w-doomed stopped mid-partition");
        assertThat(doomed.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(doomed.process.exitValue()).as(doomed.output()).isEqualTo(137);
        assertThat(out.resolve("remote-2023-q1")).as("nothing is published by a failed run").doesNotExist();
        Map<String, String> first = partitions(out, null);
        assertThat(first.values()).filteredOn(s -> s.startsWith("COMPLETED")).hasSize(7);

        CommandLineRuns.Outcome rerun = manager(out);
        assertThat(rerun.exitStatus()).as(rerun.output()).isZero();
        assertThat(rerun.output()).contains("Resuming run");
        assertThat(Files.readAllBytes(out.resolve("remote-2023-q1/indicators.csv"))).isEqualTo(singleProcess);
        Map<String, String> second = partitions(out, "last");
        assertThat(second).as("the rerun runs only the partition that failed").hasSize(1);
        assertThat(second.values()).containsExactly("COMPLETED worker w-steady");
        RestartAfterCrashTest.assertNoDuplicateRows();
    }

    @Test
    void theOnlyWorkerDiesThenAHealthyOneCompletesTheRerun() throws Exception {
        Worker doomed = startWorker(List.of("-D" + CrashPoints.PROPERTY + "=records.mid-partition"), "w-alone",
                "--force-compare.worker.threads=1");
        doomed.awaitReady();

        CommandLineRuns.Outcome failed = manager(out);
        assertThat(failed.exitStatus()).as(failed.output()).isEqualTo(CollectionRunner.FAILED);
        assertThat(failed.output()).contains("worker w-alone stopped mid-partition")
                .contains("not run: no worker was left to take it after");
        Map<String, String> first = partitions(out, null);
        long completedBefore = first.values().stream().filter(s -> s.startsWith("COMPLETED")).count();

        Worker healthy = startWorker(List.of(), "w-healthy");
        healthy.awaitReady();
        CommandLineRuns.Outcome rerun = manager(out);
        assertThat(rerun.exitStatus()).as(rerun.output()).isZero();
        assertThat(Files.readAllBytes(out.resolve("remote-2023-q1/indicators.csv"))).isEqualTo(singleProcess);
        Map<String, String> second = partitions(out, "last");
        assertThat(second).hasSize(8 - (int) completedBefore).allSatisfy((p, s) -> assertThat(s).isEqualTo("COMPLETED worker w-healthy"));
        RestartAfterCrashTest.assertNoDuplicateRows();
    }

    @Test
    void aResumeAfterEveryPartitionCompletedSaysSoAndNeedsNoWorker() throws Exception {
        Worker w = startWorker(List.of(), "w-only");
        w.awaitReady();
        // the manager dies once the workers have done every partition, before its own step ends
        List<String> args = List.of("run", collection.toString(), "--out", out.toString(),
                "--force-compare.workers.enabled=true", "--force-compare.records.partitions=8");
        ChildProcess.Result killed = ChildProcess.run(List.of("-D" + CrashPoints.PROPERTY + "=records.after-partitions"),
                args.toArray(String[]::new));
        assertThat(killed.exitStatus()).as(killed.output()).isEqualTo(137);
        assertThat(partitions(out, null)).hasSize(8).allSatisfy((p, s) -> assertThat(s).startsWith("COMPLETED"));
        w.destroy();

        ChildProcess.Result resumed = ChildProcess.run(List.of(), args.toArray(String[]::new));
        assertThat(resumed.exitStatus()).as(resumed.output()).isZero();
        assertThat(resumed.output()).contains("was interrupted")
                .contains("ingestRecords: all 8 partitions already completed").doesNotContain("no data.police.uk files");
        assertThat(Files.readAllBytes(out.resolve("remote-2023-q1/indicators.csv"))).isEqualTo(singleProcess);
    }

    @Test
    void aRecordFileAppendedToAfterTheManagerHashedItSaysTheSameCommandStartsANewRun(@TempDir Path copies) throws Exception {
        Path copy = copies.resolve("remote-2023-q1");
        RestartAfterCrashTest.copyTree(collection, copy);
        Path appended;
        try (var files = Files.walk(copy.resolve("records"))) {
            appended = files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        }
        long hashedSize = Files.size(appended);
        Worker w = startWorker(List.of(), "w-later");
        w.awaitReady();

        // the manager is held after it has read its first file, and the record file appended to meanwhile: the
        // worker, hashing the collection as it takes a partition, sees other inputs than the manager did
        Process manager = ChildProcess.start(List.of("-D" + CrashPoints.PAUSE_PROPERTY + "=ingest.after-first-file",
                        "-Dforce-compare.pause-ms=3000"), "run", copy.toString(), "--out", out.toString(),
                "--force-compare.workers.enabled=true", "--force-compare.records.partitions=8");
        StringBuilder output = new StringBuilder();
        String lastLine = null;
        try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(manager.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; lastLine = line) {
                output.append(line).append('\n');
                if (line.startsWith("pause point ")) {
                    List<String> rows = Files.readAllLines(appended);
                    Files.writeString(appended, rows.get(rows.size() - 1) + "\n", java.nio.file.StandardOpenOption.APPEND);
                }
            }
        }
        assertThat(manager.waitFor(2, TimeUnit.MINUTES)).isTrue();
        System.out.println("[manager]\n" + output + "(exit " + manager.exitValue() + ")");
        assertThat(manager.exitValue()).as(output.toString()).isEqualTo(CollectionRunner.FAILED);
        assertThat(output).contains("sees other files")
                .contains("Every worker must see the collection folder at the same path, unchanged since the run started")
                .doesNotContain("to do only the missing ones");
        assertThat(lastLine).isEqualTo("The previous publication stands. 1 input changed while the run read it: "
                + copy.relativize(appended).toString().replace('\\', '/') + " (was " + hashedSize + " bytes, now "
                + Files.size(appended) + "). Run again once the files are settled: the same command will then start a new run, "
                + "as the inputs differ.");
    }

    @Test
    void withNoWorkerTheManagerGivesUpAfterTheIdleTimeout() {
        CommandLineRuns.Outcome o = manager(out, "--force-compare.workers.idle-timeout=PT3S");
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(CollectionRunner.FAILED);
        assertThat(o.output()).contains("8 of 8 partitions did not complete").contains("no worker was connected for 3s");
    }

    @Test
    void withoutRecordFilesNoPartitionWaitsForAWorker() throws Exception {
        // The sample has no data.police.uk file. No worker is running and the idle timeout is far beyond the test's
        // timeout: a run that sent a partition (even an empty one) would wait for a worker; one that sends none ends.
        CommandLineRuns.Outcome o = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(2),
                () -> CommandLineRuns.runExactly("run", "data/sample/2024-spring", "--out", out.toString(),
                        "--force-compare.workers.enabled=true", "--force-compare.records.partitions=8",
                        "--force-compare.workers.idle-timeout=PT30M",
                        "--spring.datasource.url=" + ChildProcess.databaseUrl(), "--spring.datasource.username=postgres"),
                "the run waited for a worker although it had no record files");
        assertThat(o.exitStatus()).as(o.output()).isZero();
        ExpectedIndicators.assertMatches(out.resolve("2024-spring/indicators.csv"),
                Path.of("src/test/resources/collections/sample-2024-spring-expected-indicators.csv"));
        assertThat(partitions(out, null)).as("no partition was ever made").isEmpty();
        String sql = """
                select se.status, se.exit_message from batch_step_execution se
                join batch_job_execution je on je.job_execution_id = se.job_execution_id
                join batch_job_execution_params p on p.job_execution_id = je.job_execution_id
                where se.step_name = 'ingestRecords' and p.parameter_name = 'output.root' and p.parameter_value = ?
                """;
        try (Connection c = DriverManager.getConnection(ChildProcess.databaseUrl(), "postgres", null);
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, out.toAbsolutePath().normalize().toString());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("the ingestRecords step ran").isTrue();
                assertThat(rs.getString(1)).isEqualTo("COMPLETED");
                assertThat(rs.getString(2)).isEqualTo("no partitions");
                assertThat(rs.next()).as("once").isFalse();
            }
        }
    }

    private static CommandLineRuns.Outcome manager(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("run", collection.toString(), "--out", out.toString(),
                "--force-compare.workers.enabled=true", "--force-compare.records.partitions=8",
                "--spring.datasource.url=" + ChildProcess.databaseUrl(), "--spring.datasource.username=postgres"));
        args.addAll(List.of(more));
        return CommandLineRuns.runExactly(args.toArray(String[]::new));
    }

    private Worker startWorker(List<String> jvmOptions, String name, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("worker", "--force-compare.worker.name=" + name, "--stop-after=PT5M"));
        args.addAll(List.of(more));
        Worker w = new Worker(name, ChildProcess.start(jvmOptions, args.toArray(String[]::new)));
        workers.add(w);
        return w;
    }

    /**
     * The partitions of the run published to {@code out}: partition name to "STATUS exit message", from the job
     * repository, for all its job executions (the last one wins) or, with {@code which = "last"}, its last only.
     */
    private static Map<String, String> partitions(Path out, String which) throws SQLException {
        String sql = """
                select se.step_name, se.status, se.exit_message from batch_step_execution se
                join batch_job_execution je on je.job_execution_id = se.job_execution_id
                where se.step_name like 'recordsWorker:%' and je.job_instance_id = (
                    select je2.job_instance_id from batch_job_execution je2
                    join batch_job_execution_params p on p.job_execution_id = je2.job_execution_id
                    where p.parameter_name = 'output.root' and p.parameter_value = ? limit 1)
                """ + ("last".equals(which) ? " and je.job_execution_id = (select max(job_execution_id) from batch_job_execution"
                + " where job_instance_id = je.job_instance_id)" : "") + " order by se.step_execution_id";
        Map<String, String> m = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(ChildProcess.databaseUrl(), "postgres", null);
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, out.toAbsolutePath().normalize().toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) m.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3));
            }
        }
        System.out.println("partitions of " + out + (which == null ? "" : " (" + which + " job execution)") + ": " + m);
        return m;
    }

    /** A worker child process whose output is read as it comes, so that it never blocks on a full pipe. */
    static final class Worker {
        final String name;
        final Process process;
        private final StringBuffer output = new StringBuffer();

        Worker(String name, Process process) {
            this.name = name;
            this.process = process;
            Thread reader = new Thread(() -> {
                try (InputStream in = process.getInputStream()) {
                    byte[] buf = new byte[8192];
                    for (int n; (n = in.read(buf)) > 0; ) output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the process is gone
                }
            }, "worker-output-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        String output() {
            return output.toString();
        }

        void awaitReady() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!output().contains("is waiting for partitions")) {
                if (!process.isAlive()) throw new AssertionError("worker " + name + " exited " + process.exitValue() + ":\n" + output());
                if (System.nanoTime() > deadline) throw new AssertionError("worker " + name + " did not start:\n" + output());
                Thread.sleep(200);
            }
        }

        void destroy() {
            if (process.isAlive()) {
                process.destroy(); // SIGTERM: it finishes what it has in hand and leaves
                try {
                    if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
            System.out.println("[worker " + name + "]\n" + output() + "(exit " + (process.isAlive() ? "still running" : process.exitValue()) + ")");
        }
    }
}
