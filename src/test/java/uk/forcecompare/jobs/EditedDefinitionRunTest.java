package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An analyst who edits an indicator definition expects the next run to publish it: the definitions are part of a
 * run's identity, beside the inputs and the output root. Before, the same inputs were "already published" and the edit
 * never reached a chart.
 */
class EditedDefinitionRunTest {

    @TempDir
    Path out;

    @TempDir
    Path indicators;

    @Test
    void anEditedTargetIsPublishedByTheNextRun() throws Exception {
        CommandLineRuns.Outcome first = CommandLineRuns.run("run", CollectionRunJobTest.SAMPLE.toString(), "--out", out.toString());
        assertThat(first.exitStatus()).as(first.output()).isZero();
        Path sentences = out.resolve("2024-spring/sentences.csv");
        assertThat(Files.readString(sentences)).contains("the target of 90 percent").doesNotContain("the target of 95 percent");

        RestartAfterCrashTest.copyTree(Path.of("jobs/indicators"), indicators);
        Path def = indicators.resolve("calls-999-answered-within-10s.yml");
        String yml = Files.readString(def);
        assertThat(yml).contains("target: 90\n");
        Files.writeString(def, yml.replace("target: 90\n", "target: 95\n"));
        CommandLineRuns.Outcome edited = CommandLineRuns.run("run", CollectionRunJobTest.SAMPLE.toString(), "--out", out.toString(),
                "--force-compare.indicators-dir=" + indicators);
        assertThat(edited.exitStatus()).as(edited.output()).isZero();
        assertThat(edited.output()).doesNotContain("already published").contains("Published collection 2024-spring");
        assertThat(Files.readString(sentences)).contains("the target of 95 percent").doesNotContain("the target of 90 percent");

        // the same definitions again: nothing new
        CommandLineRuns.Outcome again = CommandLineRuns.run("run", CollectionRunJobTest.SAMPLE.toString(), "--out", out.toString(),
                "--force-compare.indicators-dir=" + indicators);
        assertThat(again.exitStatus()).as(again.output()).isZero();
        assertThat(again.output()).contains("already published");
    }
}
