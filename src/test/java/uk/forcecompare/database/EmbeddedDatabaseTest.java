package uk.forcecompare.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server shared between processes: a second process connects to the running one; when the database
 * goes away mid-run the run fails with exit 1, and the same command resumes it.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path tmp;

    private Process child(Path dbDir, Path out, String... jvm) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        cmd.addAll(List.of(jvm));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "uk.forcecompare.ForceCompare", "run",
                "data/sample/2024-spring", "--out", out.toString(), "--force-compare.database.dir=" + dbDir));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static Path waitForServer(Path dbDir) throws InterruptedException {
        Path pid = dbDir.resolve("postmaster.pid");
        for (int i = 0; i < 600 && !(Files.exists(pid) && Files.exists(dbDir.resolve(EmbeddedDatabase.OWNER_FILE))); i++) {
            Thread.sleep(100);
        }
        assertThat(pid).exists();
        return pid;
    }

    @Test
    void aSecondProcessConnectsToTheServerTheFirstStarted() throws Exception {
        Path db = tmp.resolve("db");
        Process first = child(db, tmp.resolve("out1"), "-Dforce-compare.pause-at=compute.after-first-indicator",
                "-Dforce-compare.pause-ms=4000");
        Path pid = waitForServer(db);
        int port = Integer.parseInt(Files.readAllLines(pid).get(3).strip());
        EmbeddedDatabase.Server attached = EmbeddedDatabase.shared(db);
        assertThat(attached.owned()).isFalse();
        assertThat(attached.port()).isEqualTo(port);
        String out = new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(first.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(first.exitValue()).as(out).isZero();
    }

    @Test
    void whenTheDatabaseGoesAwayTheRunFailsWithExitOneAndTheNextRunResumes() throws Exception {
        Path db = tmp.resolve("db2");
        Path out = tmp.resolve("out");
        Process first = child(db, out, "-Dforce-compare.pause-at=compute.after-first-indicator", "-Dforce-compare.pause-ms=8000");
        Path pid = waitForServer(db);
        // read the run's output as it comes, and stop the server under it once the run is held mid-compute
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.start();
        for (int i = 0; i < 1200; i++) {
            synchronized (output) {
                if (output.indexOf("pause point") >= 0) break;
            }
            Thread.sleep(100);
        }
        long postmaster = Long.parseLong(Files.readAllLines(pid).get(0).strip());
        new ProcessBuilder("kill", "-INT", Long.toString(postmaster)).inheritIO().start().waitFor();
        reader.join(TimeUnit.MINUTES.toMillis(3));
        String failed;
        synchronized (output) {
            failed = output.toString();
        }
        assertThat(first.waitFor(3, TimeUnit.MINUTES)).isTrue();
        System.out.println(failed);
        assertThat(first.exitValue()).as(failed).isEqualTo(1);
        assertThat(failed).contains("run the same command again");
        assertThat(out.resolve("2024-spring")).doesNotExist();

        Process again = child(db, out);
        String resumed = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(again.waitFor(3, TimeUnit.MINUTES)).isTrue();
        System.out.println(resumed);
        assertThat(again.exitValue()).as(resumed).isZero();
        assertThat(resumed).containsIgnoringCase("resuming");
        assertThat(out.resolve("2024-spring/indicators.csv")).exists();
    }

    private static String finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return out;
    }

    @Test
    void aRunThatEndsLeavesTheServerToAnotherStillUsingItAndTheLastOneStopsIt() throws Exception {
        Path db = tmp.resolve("db3");
        // the first run starts the server and ends while the second, started after it, is still held mid-compute
        Process first = child(db, tmp.resolve("out-a"), "-Dforce-compare.pause-at=compute.after-first-indicator",
                "-Dforce-compare.pause-ms=2000");
        Path pid = waitForServer(db);
        long postmaster = Long.parseLong(Files.readAllLines(pid).get(0).strip());
        Process second = child(db, tmp.resolve("out-b"), "-Dforce-compare.pause-at=compute.after-first-indicator",
                "-Dforce-compare.pause-ms=9000");
        String a = finish(first);
        assertThat(first.exitValue()).as(a).isZero();
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).as("server kept for the second run").isTrue();
        String b = finish(second);
        assertThat(second.exitValue()).as(b).isZero();
        assertThat(b).contains("Published collection 2024-spring");
        // the last user stopped it: no server is left running on the folder
        for (int i = 0; i < 100 && ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false); i++) Thread.sleep(100);
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).as("server stopped by the last user").isFalse();
    }

    @Test
    void aDataFolderWhoseFirstStartWasKilledIsSetAsideAndMadeAgain() throws Exception {
        // what initdb killed after writing its configuration leaves: a version and a config, no usable cluster
        Path db = tmp.resolve("db4");
        Files.createDirectories(db.resolve("global"));
        Files.writeString(db.resolve("PG_VERSION"), "17\n");
        Files.writeString(db.resolve("postgresql.conf"), "");
        Files.writeString(db.resolve("global/pg_control"), "not a control file");
        Process run = child(db, tmp.resolve("out-c"));
        String out = finish(run);
        assertThat(run.exitValue()).as(out).isZero();
        assertThat(out).contains("was set aside as");
        Path aside;
        try (var siblings = Files.list(tmp)) {
            aside = siblings.filter(p -> p.getFileName().toString().startsWith("db4.set-aside-")).findFirst().orElseThrow();
        }
        // no server left running on the folder set aside
        Path asidePid = aside.resolve("postmaster.pid");
        if (Files.exists(asidePid)) {
            long orphan = Long.parseLong(Files.readAllLines(asidePid).get(0).strip());
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
        assertThat(db.resolve(EmbeddedDatabase.INITIALISED_FILE)).exists();

        // stopped before it wrote even that: a folder of a few empty directories
        Path db5 = tmp.resolve("db5");
        Files.createDirectories(db5.resolve("base"));
        Files.createDirectories(db5.resolve("pg_wal"));
        Process again = child(db5, tmp.resolve("out-d"));
        String out5 = finish(again);
        assertThat(again.exitValue()).as(out5).isZero();
        assertThat(out5).contains("holds no complete PostgreSQL data folder");
    }

    @Test
    void commandsStartedTogetherShareOneServer() throws Exception {
        Path db = tmp.resolve("db6");
        List<Process> together = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            together.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), "uk.forcecompare.ForceCompare", "history",
                    "--force-compare.database.dir=" + db).redirectErrorStream(true).start());
        }
        for (Process p : together) {
            String out = finish(p);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).doesNotContain("cannot start").doesNotContain("which is gone");
        }
    }

    @Test
    void aServerWhoseStarterWasKilledIsKeptForTheRunStillUsingIt() throws Exception {
        Path db = tmp.resolve("db7");
        // the first run starts the server and is killed (no shutdown hook runs) while the second uses the server
        Process first = child(db, tmp.resolve("out-k1"), "-Dforce-compare.pause-at=compute.after-first-indicator",
                "-Dforce-compare.pause-ms=120000");
        Path pid = waitForServer(db);
        long postmaster = Long.parseLong(Files.readAllLines(pid).get(0).strip());
        Process second = child(db, tmp.resolve("out-k2"), "-Dforce-compare.pause-at=compute.after-first-indicator",
                "-Dforce-compare.pause-ms=20000");
        StringBuilder secondOutput = new StringBuilder();
        java.util.concurrent.CountDownLatch paused = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(second.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    secondOutput.append(line).append('\n');
                    if (line.contains("reached: pausing")) paused.countDown();
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.start();
        assertThat(paused.await(3, TimeUnit.MINUTES)).as(secondOutput.toString()).isTrue();
        first.destroyForcibly().waitFor(1, TimeUnit.MINUTES);

        // a command started now finds the server's starter gone, but the second run still on it: it must not stop it
        Process third = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "uk.forcecompare.ForceCompare", "history",
                "--force-compare.database.dir=" + db).redirectErrorStream(true).start();
        String t = finish(third);
        assertThat(third.exitValue()).as(t).isZero();
        assertThat(t).doesNotContain("which is gone");
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).as("server kept for the second run").isTrue();

        assertThat(second.waitFor(3, TimeUnit.MINUTES)).isTrue();
        reader.join();
        assertThat(second.exitValue()).as(secondOutput.toString()).isZero();
        assertThat(secondOutput.toString()).contains("Published collection 2024-spring");
        // the second run, its last user, stopped it
        for (int i = 0; i < 100 && ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false); i++) Thread.sleep(100);
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).as("server stopped by the last user").isFalse();
    }
}
