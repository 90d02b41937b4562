package uk.forcecompare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** In child JVMs, so that the suite's own JVM keeps its JIT: the directives are added once, and only where asked for. */
class CompilerDirectivesTest {

    @Test
    void aJvmWithItsDefaultsGetsC2KeptToTheHashingAndTheScanner() throws Exception {
        String out = probe();
        assertThat(out).contains("answer: 2 compiler directives added");
        // the stack HotSpot prints, first match first: the hot paths with C2, then every other method without it
        String[] directives = out.split("Directive:");
        assertThat(directives).hasSizeGreaterThanOrEqualTo(4);
        assertThat(directives[1]).contains("sun/security/provider/*.*").contains("uk/forcecompare/records/*.*");
        assertThat(c2(directives[1])).contains("Exclude:false");
        assertThat(directives[2]).contains("matching: *.*");
        assertThat(c2(directives[2])).contains("Exclude:true");
    }

    @Test
    void aJvmStartedWithItsOwnJitSettingsOrToldToKeepItsDefaultsIsLeftAlone() throws Exception {
        assertThat(probe("-XX:TieredStopAtLevel=1")).contains("answer: left alone").doesNotContain("sun/security/provider");
        String keep = probe("-Dforce-compare.jit.defaults=true");
        assertThat(keep).contains("answer: left alone").doesNotContain("sun/security/provider");
    }

    @Test
    void theDirectivesAlsoWorkGivenToTheJvmAtStart() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-XX:+UnlockDiagnosticVMOptions",
                "-XX:CompilerDirectivesFile=" + Path.of("src/main/resources/jit-hot-paths.json").toAbsolutePath(), "-version")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("2 compiler directives added");
    }

    private static String c2(String directive) {
        return directive.substring(directive.indexOf("c2 directives:"));
    }

    private static String probe(String... jvmOptions) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CompilerDirectivesProbe.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
