package uk.forcecompare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/force-compare's choice of JVM options, through its dry run, which needs no built jar. */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("bin/force-compare").toAbsolutePath();
    /** tells the application that the JIT was chosen before it started (see CompilerDirectives) */
    private static final String JIT_CHOSEN = "-Dforce-compare.jit.defaults=true";

    @TempDir
    static Path tmp;
    static Path small;
    static Path large;

    @BeforeAll
    static void collections() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
                "the launcher is a bash script: no bash here");
        small = Files.createDirectories(tmp.resolve("small"));
        Files.writeString(small.resolve("collection.yml"), "id: small\n");
        large = Files.createDirectories(tmp.resolve("large"));
        // a sparse file: 300 MiB to du's apparent size, next to nothing on disk
        try (RandomAccessFile f = new RandomAccessFile(large.resolve("records.csv").toFile(), "rw")) {
            f.setLength(300L * 1024 * 1024);
        }
    }

    @Test
    void aRunOfSmallInputsUsesC1AloneAndSerialGc() throws Exception {
        assertThat(jvmOptions(Map.of(), "run", small.toString()))
                .containsExactly("-XX:TieredStopAtLevel=1", JIT_CHOSEN, "-XX:+UseSerialGC");
        assertThat(jvmOptions(Map.of(), "validate", small.resolve("collection.yml").toString()))
                .containsExactly("-XX:TieredStopAtLevel=1", JIT_CHOSEN, "-XX:+UseSerialGC");
        // a folder that is not there counts as small; the application then says it is not there
        assertThat(jvmOptions(Map.of(), "run", tmp.resolve("nowhere").toString()))
                .containsExactly("-XX:TieredStopAtLevel=1", JIT_CHOSEN, "-XX:+UseSerialGC");
    }

    @Test
    void aRunOfLargeInputsLowersC2sThresholdsAndLeavesTheApplicationToKeepC2ToTheHotPaths() throws Exception {
        assertThat(jvmOptions(Map.of(), "run", large.toString())).containsExactly("-XX:Tier4InvocationThreshold=1000",
                "-XX:Tier4MinInvocationThreshold=300", "-XX:Tier4CompileThreshold=2000", "-XX:+UseSerialGC");
    }

    @Test
    void theCollectionIsTheFirstArgumentThatIsNeitherAnOptionNorItsValue() throws Exception {
        assertThat(jvmOptions(Map.of(), "run", "--out", large.toString(), "--spring.main.banner-mode=off", small.toString()))
                .contains("-XX:TieredStopAtLevel=1");
        assertThat(jvmOptions(Map.of(), "run", "--out=" + small, large.toString()))
                .doesNotContain("-XX:TieredStopAtLevel=1");
    }

    @Test
    void aCollectionReachedThroughASymbolicLinkIsMeasuredByWhatItLinksTo() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("link-to-large"), large);
        assertThat(jvmOptions(Map.of(), "run", link.toString())).doesNotContain("-XX:TieredStopAtLevel=1");
    }

    @Test
    void longLivedCommandsKeepC2ForHotMethods() throws Exception {
        assertThat(jvmOptions(Map.of(), "worker")).containsExactly("-XX:Tier4InvocationThreshold=40000",
                "-XX:Tier4MinInvocationThreshold=20000", "-XX:Tier4CompileThreshold=50000", "-XX:+UseSerialGC");
    }

    @Test
    void javaOptsComeLastAndAGcChosenThereReplacesSerialGc() throws Exception {
        assertThat(jvmOptions(Map.of("JAVA_OPTS", "-Xmx512m -XX:+UseParallelGC"), "run", small.toString()))
                .containsExactly("-XX:TieredStopAtLevel=1", JIT_CHOSEN, "-Xmx512m", "-XX:+UseParallelGC");
        assertThat(jvmOptions(Map.of("JAVA_OPTS", "-XX:TieredStopAtLevel=4"), "run", small.toString()))
                .endsWith("-XX:TieredStopAtLevel=4");
    }

    private static List<String> jvmOptions(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_OPTS");
        pb.environment().put("FORCE_COMPARE_DRY_RUN", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        return out.lines().toList();
    }
}
