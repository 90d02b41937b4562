package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C or SIGTERM in the middle of a run is said in one line, with the signal's exit status: not as a database
 * failure (the pool closes under the run as the process stops), with no "Next run" from a schedule that is stopping,
 * and no logging noise. The run is left as a kill leaves it: history shows it INTERRUPTED and the same command resumes it.
 */
class InterruptedRunTest {

    static final Path SAMPLE = Path.of("data/sample/2024-spring");

    @TempDir
    Path out;

    @TempDir
    Path collections;

    @Test
    void aRunStoppedBySigtermSaysSoInOneLineAndResumes() throws Exception {
        Stopped stopped = stopMidRun("TERM", "run", SAMPLE.toString(), "--out", out.toString());
        assertThat(stopped.exitStatus()).as(stopped.output()).isEqualTo(128 + 15);
        assertThat(stopped.afterSignal()).containsExactly(
                "Interrupted (SIGTERM): nothing was published; the previous publication stands; run the same command again to resume.");
        assertThat(stopped.output()).doesNotContain("failed").doesNotContain("Hikari").doesNotContain("No appenders");
        assertThat(out.resolve("2024-spring")).doesNotExist();

        CommandLineRuns.Outcome history = CommandLineRuns.run("history");
        assertThat(history.output()).contains(" INTERRUPTED ");
        CommandLineRuns.Outcome resumed = CommandLineRuns.run("run", SAMPLE.toString(), "--out", out.toString());
        assertThat(resumed.exitStatus()).as(resumed.output()).isZero();
        assertThat(resumed.output()).contains("interrupted");
        assertThat(out.resolve("2024-spring/indicators.csv")).exists();
    }

    @Test
    void aScheduleStoppedByCtrlCMidRunAnnouncesNoNextRun() throws Exception {
        // a process started in the background by a non-interactive shell ignores SIGINT, and so does its child
        assumeFalse(ignoresSigint(), "this JVM was started ignoring SIGINT");
        RestartAfterCrashTest.copyTree(SAMPLE, collections.resolve("2024-spring"));
        Stopped stopped = stopMidRun("INT", "schedule", collections.toString(), "--cron", "*/2 * * * * *", "--out", out.toString());
        assertThat(stopped.exitStatus()).as(stopped.output()).isEqualTo(128 + 2);
        assertThat(stopped.afterSignal()).containsExactly(
                "Interrupted (SIGINT): nothing was published; the previous publication stands; run the same command again to resume.");
        assertThat(stopped.output()).doesNotContain("Scheduled run of").doesNotContain("failed").doesNotContain("Hikari")
                .doesNotContain("No appenders");
    }

    @Test
    void aScheduleStoppedBySigtermWhileWaitingForItsNextFiringSaysSoInOneLine() throws Exception {
        // the default cron fires twice a year: the schedule is waiting, no run in hand
        Stopped stopped = stop("TERM", "Next run at ", "schedule", collections.toString(), "--out", out.toString());
        assertThat(stopped.exitStatus()).as(stopped.output()).isEqualTo(128 + 15);
        assertThat(stopped.afterSignal()).containsExactly("Interrupted (SIGTERM): the schedule stopped; no run was in progress.");
    }

    record Stopped(int exitStatus, String output, List<String> afterSignal) {
    }

    /** Starts the command in its own JVM, sends it the signal once it has read its sources, and waits for it to end. */
    private static Stopped stopMidRun(String signal, String... args) throws Exception {
        // the ingest step is done; computing, charts and the publication are still to come
        return stop(signal, "IngestTasklet - Read ", args);
    }

    /** Starts the command in its own JVM, sends it the signal once it has printed a line holding {@code cue}, and waits for it to end. */
    private static Stopped stop(String signal, String cue, String... args) throws Exception {
        Process p = ChildProcess.start(List.of(), args);
        StringBuilder before = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                before.append(line).append('\n');
                if (line.contains(cue)) break;
            }
            assertThat(line).as(before.toString()).isNotNull();
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor();
            List<String> after = r.lines().toList();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("force-compare did not stop on SIG" + signal);
            }
            String output = before + String.join("\n", after);
            System.out.println("[child " + String.join(" ", args) + ", SIG" + signal + "]\n" + output + "\n(exit " + p.exitValue() + ")");
            // lines the run logged before the signal reached it may come first
            return new Stopped(p.exitValue(), output, after.stream().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO .*")).toList());
        }
    }

    private static boolean ignoresSigint() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) return false;
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .anyMatch(l -> (Long.parseUnsignedLong(l.substring(7).strip(), 16) & 0b10) != 0);
    }
}
