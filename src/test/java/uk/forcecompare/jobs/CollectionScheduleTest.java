package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule runs a ready collection once when its cron fires, and not again while its inputs are unchanged. */
class CollectionScheduleTest {

    @TempDir
    Path root;

    @TempDir
    Path out;

    @Test
    void aCronFiringRepeatedlyRunsTheCollectionOnce() throws Exception {
        RestartAfterCrashTest.copyTree(Path.of("data/sample/2024-spring"), root.resolve("2024-spring"));
        Files.createDirectories(root.resolve("2024-autumn-in-progress"));
        Files.writeString(root.resolve("2024-autumn-in-progress/collection.yml"), "id: 2024-autumn\n");
        Files.writeString(root.resolve("2024-autumn-in-progress/NOT-READY"), "forces are still submitting\n");
        // fires every 3 s: several times within the 12 s the schedule is given, however long the start takes (a fixed
        // second a few seconds away was missed when a fresh test database made the start slower), and the collection
        // must still be published only once, as its inputs do not change
        String cron = "*/3 * * * * *";
        CommandLineRuns.Outcome o = CommandLineRuns.run("schedule", root.toString(), "--cron", cron, "--out", out.toString(),
                "--stop-after", "PT12S");
        assertThat(o.exitStatus()).as(o.output()).isZero();
        assertThat(o.output()).containsOnlyOnce("Published collection 2024-spring");
        assertThat(o.output()).doesNotContain("2024-autumn");
        // every time to the second, ":00" too: LocalDateTime.toString() printed 20:58 for 20:58:00 and a T
        assertThat(o.output().lines().filter(l -> l.startsWith("Next run at"))).isNotEmpty()
                .allMatch(l -> l.matches("Next run at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\."));
        assertThat(out.resolve("2024-spring/indicators.csv")).exists();

        CommandLineRuns.Outcome history = CommandLineRuns.run("history", "--collection", "2024-spring");
        assertThat(history.output().lines().filter(l -> l.contains(out.toAbsolutePath().toString()))).hasSize(1);

        // without --collection it lists every collection's runs; PostgreSQL once refused the untyped null it was given
        CommandLineRuns.Outcome all = CommandLineRuns.run("history");
        assertThat(all.exitStatus()).as(all.output()).isZero();
        assertThat(all.output().lines().filter(l -> l.contains(out.toAbsolutePath().toString()))).hasSize(1);
    }

    @Test
    void anIndicatorEditedWhileTheScheduleRunsIsPublishedByItsNextFiring(@TempDir Path indicators) throws Exception {
        RestartAfterCrashTest.copyTree(Path.of("data/sample/2024-spring"), root.resolve("2024-spring"));
        RestartAfterCrashTest.copyTree(Path.of("jobs/indicators"), indicators);
        var schedule = java.util.concurrent.CompletableFuture.supplyAsync(() -> CommandLineRuns.run("schedule",
                root.toString(), "--cron", "*/2 * * * * *", "--out", out.toString(), "--stop-after", "PT45S",
                "--force-compare.indicators-dir=" + indicators));
        Path runJson = out.resolve("2024-spring/run.json");
        long waited = 0;
        while (!Files.exists(runJson) && waited < 40_000) {
            Thread.sleep(200);
            waited += 200;
        }
        assertThat(runJson).as("the first firing publishes").exists();
        Path yml = indicators.resolve("calls-999-answered-within-10s.yml");
        Files.writeString(yml, Files.readString(yml).replace("\ndecimals: 1\n", "\ndecimals: 0\n"));

        CommandLineRuns.Outcome o = schedule.get();
        assertThat(o.exitStatus()).as(o.output()).isZero();
        // the same inputs published twice: once with the definitions it started with, once with the edit
        assertThat(o.output().lines().filter(l -> l.startsWith("Published collection 2024-spring"))).hasSize(2);
        assertThat(Files.readString(out.resolve("2024-spring/run.json"))).contains("\"decimals\" : \"0\"")
                .contains("calls-999-answered-within-10s: decimals 1 -> 0");
    }
}
