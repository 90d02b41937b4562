package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run killed dead (as by kill -9) at any point is resumed by the same command, to byte-identical results,
 * with no duplicate rows, and a publication is never left half-written.
 */
class RestartAfterCrashTest {

    static final Path SAMPLE = Path.of("data/sample/2024-spring");
    static byte[] uninterrupted;

    @TempDir
    static Path referenceOut;

    @TempDir
    Path out;

    @BeforeAll
    static void uninterruptedRun() throws IOException {
        CommandLineRuns.Outcome o = CommandLineRuns.run("run", SAMPLE.toString(), "--out", referenceOut.toString());
        assertThat(o.exitStatus()).isZero();
        uninterrupted = Files.readAllBytes(referenceOut.resolve("2024-spring/indicators.csv"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest.after-first-file", "validate.before-commit", "compute.after-first-indicator",
            "chart.after-first-indicator", "publish.before-move", "publish.between-renames", "publish.after-move"})
    void aRunKilledAtAnyPointResumesToTheSameResult(String point) throws Exception {
        ChildProcess.Result crashed = ChildProcess.run(List.of("-D" + CrashPoints.PROPERTY + "=" + point),
                "run", SAMPLE.toString(), "--out", out.toString());
        assertThat(crashed.exitStatus()).as(crashed.output()).isEqualTo(137);
        Path published = out.resolve("2024-spring");
        if (!point.equals("publish.after-move")) {
            assertThat(published).as("nothing is published before the switch").doesNotExist();
        }
        // the killed run's execution still says STARTED in the job repository; history says what it is
        CommandLineRuns.Outcome history = CommandLineRuns.run("history");
        assertThat(history.output()).contains(" INTERRUPTED ").doesNotContain(" STARTED ");
        // the longest status keeps the columns under their headings
        List<String> lines = history.output().lines().toList();
        int started = lines.stream().filter(l -> l.startsWith("run ")).findFirst().orElseThrow().indexOf("started");
        assertThat(lines.stream().filter(l -> l.contains(" INTERRUPTED ")).findFirst().orElseThrow().substring(started))
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:.*");

        // when the killed process last wrote to the job repository: its job execution's row is written as the job
        // starts, its steps' rows as they commit and end
        java.sql.Timestamp startTime = null, lastWrite = null;
        try (Connection c = DriverManager.getConnection(ChildProcess.databaseUrl(), "postgres", null);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select e.start_time, greatest(e.last_updated, (select max(greatest(s.last_updated, s.end_time)) "
                     + "from batch_step_execution s where s.job_execution_id = e.job_execution_id)) "
                     + "from batch_job_execution e where e.status = 'STARTED' order by e.job_execution_id desc limit 1")) {
            if (rs.next()) {
                startTime = rs.getTimestamp(1);
                lastWrite = rs.getTimestamp(2);
            }
        }
        CommandLineRuns.Outcome resumed = CommandLineRuns.run("run", SAMPLE.toString(), "--out", out.toString());
        assertThat(resumed.exitStatus()).as(resumed.output()).isZero();
        assertThat(resumed.output()).contains("interrupted");
        assertThat(Files.readAllBytes(published.resolve("indicators.csv"))).isEqualTo(uninterrupted);
        assertNoDuplicateRows();

        // resumed, the killed execution is still what it was, interrupted, not a failure, and its duration ends when it
        // was killed, not when it was resumed
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("was interrupted \\(job execution (\\d+)\\)")
                .matcher(resumed.output());
        assertThat(m.find()).as(resumed.output()).isTrue();
        String killed = m.group(1);
        String line = CommandLineRuns.run("history").output().lines()
                .filter(l -> l.split("\\s+").length > 1 && l.split("\\s+")[1].equals(killed)).findFirst().orElseThrow();
        assertThat(line.split("\\s+")[3]).as(line).isEqualTo("INTERRUPTED");
        assertThat(lastWrite).isNotNull();
        long ranMillis = java.time.Duration.between(startTime.toLocalDateTime(), lastWrite.toLocalDateTime()).toMillis();
        assertThat(line.split("\\s+")[6]).as(line).isEqualTo(String.format(java.util.Locale.ROOT, "%.1fs", ranMillis / 1000.0));
        try (Connection c = DriverManager.getConnection(ChildProcess.databaseUrl(), "postgres", null);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select end_time from batch_job_execution where job_execution_id = " + killed)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getTimestamp(1)).as("ends when it last wrote, not at the resume").isEqualTo(lastWrite);
        }
    }

    @Test
    void aFailedRunLeavesThePreviousPublicationUntouched(@TempDir Path collections) throws Exception {
        Path copy = collections.resolve("2024-spring");
        copyTree(SAMPLE, copy);
        assertThat(CommandLineRuns.run("run", copy.toString(), "--out", out.toString()).exitStatus()).isZero();
        Path published = out.resolve("2024-spring");
        byte[] before = Files.readAllBytes(published.resolve("indicators.csv"));

        // a resubmitted return makes a new run; kill it between writing the new publication and switching to it
        Files.copy(Path.of("data/sample/2024-spring/returns/norfolk.xlsx"), copy.resolve("returns/norfolk.xlsx"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(copy.resolve("collection.yml"), Files.readString(copy.resolve("collection.yml")) + "# resubmitted\n");
        ChildProcess.Result crashed = ChildProcess.run(List.of("-D" + CrashPoints.PROPERTY + "=publish.between-renames"),
                "run", copy.toString(), "--out", out.toString());
        assertThat(crashed.exitStatus()).isEqualTo(137);
        assertThat(Files.readAllBytes(published.resolve("indicators.csv"))).isEqualTo(before);
        assertThat(published.resolve("validation-log.csv")).exists();
    }

    static void assertNoDuplicateRows() throws SQLException {
        try (Connection c = DriverManager.getConnection(ChildProcess.databaseUrl(), "postgres", null);
             Statement st = c.createStatement()) {
            for (String q : List.of(
                    "select count(*) from (select run_id, force_code, measure, period_start, period_end, dimensions, source_file, location, count(*) from observation group by 1,2,3,4,5,6,7,8 having count(*) > 1) d",
                    "select count(*) from (select run_id, step, rule, source_file, location, force_code, indicator_id, message, count(*) from finding group by 1,2,3,4,5,6,7,8 having count(*) > 1) d",
                    "select count(*) from (select run_id, source_file, location, raw_text, count(*) from quarantine group by 1,2,3,4 having count(*) > 1) d")) {
                try (ResultSet rs = st.executeQuery(q)) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(q).isZero();
                }
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
