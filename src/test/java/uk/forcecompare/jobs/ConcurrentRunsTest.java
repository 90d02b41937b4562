package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.forcecompare.ForceCompareApplication;
import uk.forcecompare.collection.Collection;
import uk.forcecompare.collection.CollectionLoader;

/**
 * Runs at the same time on one database: two of the same collection into one folder (the database lock lets exactly
 * one write), and several into folders of their own (each publishes, and history lists every one).
 */
class ConcurrentRunsTest {

    @TempDir
    Path out;

    @Test
    void theSecondRunExitsWithAClearMessageWhileTheFirstWrites() throws Exception {
        Process first = ChildProcess.start(List.of("-D" + CrashPoints.PAUSE_PROPERTY + "=compute.after-first-indicator",
                "-Dforce-compare.pause-ms=20000"), "run", "data/sample/2024-spring", "--out", out.toString());
        try (Connection c = DriverManager.getConnection(ChildProcess.databaseUrl(), "postgres", null)) {
            // wait until the first run is under way (it holds the lock from before its job starts)
            boolean started = false;
            for (int i = 0; i < 120 && !started; i++) {
                try (var rs = c.createStatement().executeQuery("""
                        select count(*) from batch_job_execution e join batch_job_execution_params p
                          on p.job_execution_id = e.job_execution_id and p.parameter_name = 'output.root'
                        where e.status = 'STARTED' and p.parameter_value = '%s'""".formatted(out.toAbsolutePath().toString()))) {
                    rs.next();
                    started = rs.getLong(1) > 0;
                }
                if (!started) Thread.sleep(500);
            }
            assertThat(started).as("the first run started").isTrue();
        }
        CommandLineRuns.Outcome second = CommandLineRuns.run("run", "data/sample/2024-spring", "--out", out.toString());
        assertThat(second.exitStatus()).isEqualTo(1);
        assertThat(second.output()).contains("is in progress");

        byte[] firstOutput = first.getInputStream().readAllBytes();
        assertThat(first.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(first.exitValue()).as(new String(firstOutput, StandardCharsets.UTF_8)).isZero();
        assertThat(out.resolve("2024-spring/indicators.csv")).exists();
        // afterwards the same command finds it published
        assertThat(CommandLineRuns.run("run", "data/sample/2024-spring", "--out", out.toString()).output())
                .contains("already published by run");
    }

    /**
     * Five runs of a small collection into five folders, started together, twice over. Before the fix Spring Batch
     * created job instances, executions and step executions in SERIALIZABLE transactions, and in each round most runs
     * failed with PostgreSQL's "could not serialize access" (in a step, or before their job execution existed, which
     * left run numbers that history never showed).
     */
    @Test
    void runsIntoFoldersOfTheirOwnStartedTogetherEachPublishAndHistoryListsThemAll() throws Exception {
        try (ConfigurableApplicationContext ctx = context()) {
            for (int round = 1; round <= 2; round++) {
                startTogether(ctx, "round" + round);
            }
        }
    }

    /**
     * The same with Spring Batch's default, SERIALIZABLE, for creating runs, as a database that runs every transaction
     * so would: the runs the database gives up for a conflict with another are started again, not failed.
     */
    @Test
    void aRunTheDatabaseGivesUpForAConflictWithAnotherIsStartedAgain() throws Exception {
        try (ConfigurableApplicationContext ctx = context("--spring.batch.jdbc.isolation-level-for-create=serializable")) {
            startTogether(ctx, "serializable");
        }
    }

    /**
     * Spring Batch creates a run (a job instance) and its first job execution in two transactions. A start that
     * failed between them left a run with a number but no execution: history did not list it, and the same command
     * failed on it for good ("no job execution for the job instance"). It is now started under its own number.
     */
    @Test
    void aRunWhoseFirstStartStoppedBeforeItsJobExecutionIsStartedUnderItsNumber() throws Exception {
        Collection c = new CollectionLoader().load(smallCollection());
        Path folder = out.resolve("cut-short");
        try (ConfigurableApplicationContext ctx = context()) {
            var params = RunParameters.of(c, CollectionRunner.canonical(folder), 1, ctx.getBean(RunSupport.class).definitionsSha256());
            long run = ctx.getBean(JobRepository.class).createJobInstance(CollectionRunJobConfiguration.JOB_NAME, params).getInstanceId();

            ByteArrayOutputStream report = new ByteArrayOutputStream();
            int exit = ctx.getBean(CollectionRunner.class).run(c, folder, new PrintStream(report, true, StandardCharsets.UTF_8));
            assertThat(exit).as(report.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(report.toString(StandardCharsets.UTF_8)).contains("Published collection parallel-runs (run " + run + ",");
            assertThat(ctx.getBean(RunHistory.class).runs(Optional.of("parallel-runs"))).filteredOn(r -> r.runId() == run)
                    .singleElement().satisfies(r -> {
                        assertThat(r.status()).isEqualTo("COMPLETED");
                        assertThat(r.outputFolder()).isEqualTo(folder.toRealPath().resolve("parallel-runs").toString());
                    });
        }
    }

    /**
     * A conflict that does not go away: the database refuses, every time, to store the step execution of this run's
     * validate step (as a serialization failure did, in the transaction that creates a step execution). The run is
     * tried four times, then says in two lines which step failed and why, without the database's Detail and Hint
     * lines; once the database lets it, the same command resumes it and publishes.
     */
    @Test
    void aStepWhoseStepExecutionCannotBeStoredIsNamedInOneLineOfCause() throws Exception {
        Collection c = new CollectionLoader().load(smallCollection());
        Path folder = out.resolve("refused");
        String root = CollectionRunner.canonical(folder).toString();
        try (ConfigurableApplicationContext ctx = context()) {
            JdbcTemplate db = ctx.getBean(JdbcTemplate.class);
            db.execute("""
                    create or replace function refuse_validate_step() returns trigger language plpgsql as $$
                    begin
                      if new.step_name = 'validate' and exists (select 1 from batch_job_execution_params
                          where job_execution_id = new.job_execution_id and parameter_name = 'output.root'
                            and parameter_value = '%s') then
                        raise exception using errcode = '40001',
                          message = 'could not serialize access due to read/write dependencies among transactions',
                          detail = 'Reason code: Canceled on identification as a pivot, during write.',
                          hint = 'The transaction might succeed if retried.';
                      end if;
                      return new;
                    end $$""".formatted(root.replace("'", "''")));
            db.execute("create trigger refuse_validate_step before insert on batch_step_execution for each row execute function refuse_validate_step()");
            ByteArrayOutputStream report = new ByteArrayOutputStream();
            int exit;
            try {
                exit = ctx.getBean(CollectionRunner.class).run(c, folder, new PrintStream(report, true, StandardCharsets.UTF_8));
            } finally {
                db.execute("drop trigger refuse_validate_step on batch_step_execution");
                db.execute("drop function refuse_validate_step()");
            }
            String text = report.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(text).isEqualTo(1);
            Matcher resume = Pattern.compile("Run the same command again to resume run (\\d+) from that step\\.").matcher(text);
            assertThat(resume.find()).as(text).isTrue();
            assertThat(text.lines()).containsExactly(
                    "The run failed in step 'validate': PSQLException: ERROR: could not serialize access due to read/write dependencies among transactions.",
                    "The previous publication stands. Run the same command again to resume run " + resume.group(1) + " from that step.");
            long run = Long.parseLong(resume.group(1));
            // four job executions, each failed in validate: the first and the three that resumed it
            assertThat(ctx.getBean(RunHistory.class).runs(Optional.of("parallel-runs"))).filteredOn(r -> r.runId() == run)
                    .extracting(RunHistory.RunSummary::status).containsExactly("FAILED", "FAILED", "FAILED", "FAILED");

            ByteArrayOutputStream again = new ByteArrayOutputStream();
            assertThat(ctx.getBean(CollectionRunner.class).run(c, folder, new PrintStream(again, true, StandardCharsets.UTF_8))).isZero();
            assertThat(again.toString(StandardCharsets.UTF_8)).contains("Resuming run " + run + " ")
                    .contains("Published collection parallel-runs (run " + run + ",");
        }
    }

    /**
     * One Spring context for runs started together (Spring's logging cannot start in five contexts of one process at
     * once), with a pool big enough for five runs, as five processes would have.
     */
    private static ConfigurableApplicationContext context(String... more) {
        List<String> args = new ArrayList<>(List.of("--force-compare.database.dir=" + CommandLineRuns.testDatabaseDir(),
                "--spring.datasource.hikari.maximum-pool-size=" + (RUNS * 6)));
        args.addAll(List.of(more));
        return new SpringApplication(ForceCompareApplication.class).run(args.toArray(String[]::new));
    }

    private static final int RUNS = 5;

    /** Starts {@link #RUNS} runs into folders of their own at once; each publishes, and history lists each. */
    private void startTogether(ConfigurableApplicationContext ctx, String name) throws Exception {
        Collection c = new CollectionLoader().load(smallCollection());
        CollectionRunner runner = ctx.getBean(CollectionRunner.class);
        ExecutorService pool = Executors.newFixedThreadPool(RUNS);
        List<String> reports = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> started = new ArrayList<>();
            for (int n = 1; n <= RUNS; n++) {
                Path folder = out.resolve(name + "-" + n);
                folders.add(folder);
                started.add(pool.submit(() -> {
                    go.await();
                    ByteArrayOutputStream report = new ByteArrayOutputStream();
                    int exit = runner.run(c, folder, new PrintStream(report, true, StandardCharsets.UTF_8));
                    return report.toString(StandardCharsets.UTF_8) + "(exit " + exit + ")";
                }));
            }
            go.countDown();
            for (Future<String> f : started) reports.add(f.get(2, TimeUnit.MINUTES));
        } finally {
            pool.shutdownNow();
        }
        System.out.println(name + ":\n" + String.join("\n", reports));

        List<Long> published = new ArrayList<>();
        for (int n = 0; n < RUNS; n++) {
            String report = reports.get(n);
            Matcher m = Pattern.compile("^Published collection parallel-runs \\(run (\\d+), job execution \\d+\\) to (.+)$",
                    Pattern.MULTILINE).matcher(report);
            assertThat(m.find()).as(String.join("\n", reports)).isTrue();
            assertThat(report).endsWith("(exit 0)");
            assertThat(Path.of(m.group(2))).isEqualTo(folders.get(n).toRealPath().resolve("parallel-runs"));
            assertThat(folders.get(n).resolve("parallel-runs/indicators.csv")).isNotEmptyFile();
            published.add(Long.parseLong(m.group(1)));
        }
        assertThat(published).doesNotHaveDuplicates();
        List<RunHistory.RunSummary> listed = ctx.getBean(RunHistory.class).runs(Optional.of("parallel-runs"));
        for (int n = 0; n < RUNS; n++) {
            long run = published.get(n);
            String folder = folders.get(n).toRealPath().resolve("parallel-runs").toString();
            // its last job execution (a run started again after a conflict also lists the one that met it, FAILED)
            assertThat(listed.stream().filter(r -> r.runId() == run).reduce((first, last) -> last)).hasValueSatisfying(r -> {
                assertThat(r.status()).isEqualTo("COMPLETED");
                assertThat(r.exitStatus()).isZero();
                assertThat(r.outputFolder()).isEqualTo(folder);
            });
        }
    }

    /** The sample's population and 999 calls, and its two indicators of them: a run of seconds. */
    private Path smallCollection() throws IOException {
        Path sample = Path.of("data/sample/2024-spring"), c = out.resolve("collection");
        if (Files.exists(c)) return c;
        for (String file : List.of("ons/pfa-population.csv", "bt/999-calls-2023.csv")) {
            Files.createDirectories(c.resolve(file).getParent());
            Files.copy(sample.resolve(file), c.resolve(file));
        }
        Files.writeString(c.resolve("collection.yml"), """
                id: parallel-runs
                population:
                  mid-year: 2020
                sources:
                  - file: ons/pfa-population.csv
                    kind: ons-population
                  - file: bt/999-calls-2023.csv
                    kind: police-uk-999
                indicators:
                  calls-999-answered-within-10s: { period: "2023-01..2023-12" }
                  calls-999-per-1000:            { period: "2023-01..2023-12" }
                """);
        return c;
    }
}
