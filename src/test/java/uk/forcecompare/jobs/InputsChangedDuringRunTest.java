package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run is named by its inputs' sha256, taken as it starts. An input written to after that (appended to while the
 * run reads it) would be published under the old sha256 with counts from the new bytes: the run fails instead,
 * publishing nothing, and the same command, once the file is settled, starts a new run on what it now holds.
 */
class InputsChangedDuringRunTest {

    @TempDir
    Path collections;

    @TempDir
    Path out;

    @Test
    void aFileAppendedToWhileTheRunReadsItFailsTheRunAndTheSameCommandStartsANewOne() throws Exception {
        Path collection = collections.resolve("2024-spring");
        RestartAfterCrashTest.copyTree(Path.of("data/sample/2024-spring"), collection);
        Path calls = collection.resolve("bt/999-calls-2023.csv");
        long hashedSize = Files.size(calls);

        // held after the ingest has read its first file; the file is appended to meanwhile, as `tail -1 F >> F` does
        Process p = ChildProcess.start(List.of("-D" + CrashPoints.PAUSE_PROPERTY + "=ingest.after-first-file",
                "-Dforce-compare.pause-ms=3000"), "run", collection.toString(), "--out", out.toString());
        StringBuilder output = new StringBuilder();
        String lastLine = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("pause point ")) {
                    List<String> rows = Files.readAllLines(calls);
                    Files.writeString(calls, rows.get(rows.size() - 1) + "\n", StandardOpenOption.APPEND);
                }
                lastLine = line;
            }
        }
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        System.out.println("[child run]\n" + output + "(exit " + p.exitValue() + ")");
        assertThat(output).contains("pause point ingest.after-first-file reached");
        long appendedSize = Files.size(calls);
        assertThat(appendedSize).isGreaterThan(hashedSize);

        assertThat(p.exitValue()).as(output.toString()).isEqualTo(CollectionRunner.FAILED);
        assertThat(lastLine).isEqualTo("The run failed: 1 input changed while the run read it: bt/999-calls-2023.csv (was "
                + hashedSize + " bytes, now " + appendedSize + "). Nothing was published; the previous publication stands. "
                + "Run again once the files are settled: the same command will then start a new run, as the inputs differ.");
        assertThat(output).doesNotContain("resume").doesNotContain("Published");
        assertThat(out.resolve("2024-spring")).doesNotExist();

        CommandLineRuns.Outcome again = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(again.exitStatus()).as(again.output()).isZero();
        assertThat(again.output()).doesNotContain("Resuming").contains("Published collection 2024-spring");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(calls)));
        assertThat(Files.readString(out.resolve("2024-spring/run.json"))).as("published with the file as it was read")
                .contains(sha256);
    }
}
