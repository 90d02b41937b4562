package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule runs a ready collection once when its cron fires, and not again while its inputs are unchanged. */
class CollectionScheduleTest {

    @TempDir
    Path root;

    @TempDir
    Path out;

    @Test
    void aCronAFewSecondsAwayRunsTheCollectionOnce() throws Exception {
        RestartAfterCrashTest.copyTree(Path.of("data/sample/2024-spring"), root.resolve("2024-spring"));
        Files.createDirectories(root.resolve("2024-autumn-in-progress"));
        Files.writeString(root.resolve("2024-autumn-in-progress/collection.yml"), "id: 2024-autumn\n");
        Files.writeString(root.resolve("2024-autumn-in-progress/NOT-READY"), "forces are still submitting\n");
        LocalDateTime at = LocalDateTime.now().plusSeconds(4);
        // fires at that second of every minute: once within the 12 s the schedule is given
        String cron = at.getSecond() + " * * * * *";
        CommandLineRuns.Outcome o = CommandLineRuns.run("schedule", root.toString(), "--cron", cron, "--out", out.toString(),
                "--stop-after", "PT12S");
        assertThat(o.exitStatus()).as(o.output()).isZero();
        assertThat(o.output()).containsOnlyOnce("Published collection 2024-spring");
        assertThat(o.output()).doesNotContain("2024-autumn");
        assertThat(out.resolve("2024-spring/indicators.csv")).exists();

        CommandLineRuns.Outcome history = CommandLineRuns.run("history", "--collection", "2024-spring");
        assertThat(history.output().lines().filter(l -> l.contains(out.toAbsolutePath().toString()))).hasSize(1);
    }
}
