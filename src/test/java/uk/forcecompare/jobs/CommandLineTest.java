package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line answers wrong commands and broken manifests with exit 2 and publishes nothing. */
class CommandLineTest {

    @TempDir
    Path tmp;

    @Test
    void helpIsUsageWithExitZero() {
        CommandLineRuns.Outcome top = CommandLineRuns.runExactly("--help");
        assertThat(top.exitStatus()).isZero();
        assertThat(top.output()).contains("Usage: force-compare").contains("run");
        CommandLineRuns.Outcome run = CommandLineRuns.runExactly("run", "--help");
        assertThat(run.exitStatus()).isZero();
        assertThat(run.output()).contains("<collection folder>").contains("--out").contains("Exit status");
    }

    @Test
    void wrongCommandsExitTwo() {
        assertThat(CommandLineRuns.runExactly().exitStatus()).isEqualTo(2);
        assertThat(CommandLineRuns.runExactly("publish").exitStatus()).isEqualTo(2);
        assertThat(CommandLineRuns.runExactly("run").exitStatus()).isEqualTo(2);
        CommandLineRuns.Outcome missing = CommandLineRuns.runExactly("run", tmp.resolve("nowhere").toString());
        assertThat(missing.exitStatus()).isEqualTo(2);
        assertThat(missing.output()).contains("does not exist");
        assertThat(CommandLineRuns.runExactly("run", tmp.toString(), "--colour").exitStatus()).isEqualTo(2);
    }

    @Test
    void aRightCommandWhoseDatabaseIsUnreachableFailsWithExitOne() throws IOException {
        // port 1 refuses at once; the command line was right, so this is a failure to retry (1), not a usage error (2)
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            int closed = probe.getLocalPort();
            probe.close();
            CommandLineRuns.Outcome o = CommandLineRuns.runExactly("history",
                    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + closed + "/test",
                    "--spring.datasource.hikari.connection-timeout=1000");
            assertThat(o.exitStatus()).as(o.output()).isEqualTo(1);
        }
    }

    @Test
    void brokenManifestsSayWhatToFix() throws IOException {
        assertRefused("id: 2024-spring\nsources: [ { file: a.csv, kind: nonsense } ]\n", "unknown kind 'nonsense'");
        assertRefused("id: 2024-spring\nsources: [ { file: ../../etc/passwd, kind: ons-population } ]\n", "outside the collection folder");
        assertRefused("id: 2024 Spring\nsources: [ { file: a.csv, kind: ons-population } ]\n", "may contain only");
        assertRefused("id: x\nsources: [ { file: a.csv, kind: ons-population \n", "not valid YAML");
        assertRefused("id: x\nsources: [ { file: a.csv, kind: ons-population } ]\nindicators: { no-such-indicator: {} }\n",
                "no-such-indicator");
        assertRefused("id: x\nsources: [ { file: a.csv, kind: ons-population } ]\nindicators: { calls-999-per-1000: { period: 2023-13 } }\n",
                "not a valid period");
        assertRefused("id: x\nsources: [ { file: missing.csv, kind: ons-population } ]\n", "does not exist");
    }

    private void assertRefused(String manifest, String message) throws IOException {
        Path c = Files.createTempDirectory(tmp, "c");
        Files.writeString(c.resolve("collection.yml"), manifest);
        Files.writeString(c.resolve("a.csv"), "pfa_code,pfa_name,mid_year,population\n");
        Path out = tmp.resolve("out");
        CommandLineRuns.Outcome o = CommandLineRuns.run("run", c.toString(), "--out", out.toString());
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(2);
        assertThat(o.output()).contains(message);
        assertThat(out).doesNotExist();
    }
}
