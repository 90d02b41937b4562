package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs of the same collection at once: the database lock lets exactly one write. */
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
}
