package uk.forcecompare;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Keeps HotSpot's C2 compiler, for the rest of a {@code run} or {@code validate} process, to the loops that touch
 * every byte of the inputs (the sha256 and the record scanner); every other hot method is compiled by C1. It adds
 * the resource {@code jit-hot-paths.json} through the DiagnosticCommand MBean, the same command as
 * {@code jcmd <pid> Compiler.directives_add}.
 *
 * <p>Why: a run lasts seconds, and C2 compiling lukewarm start-up, chart and workbook code took more CPU than the
 * compiled code ever saved. Measured with {@code java -Xmx512m -jar} on 2 cores, three rounds each (see
 * bench/records/RESULTS.md): 1,000 rows 6.7-8.1 s against 9.7-11.1 s without; 10M rows 9.0-10.1 s against 11.9-12.2 s.
 *
 * <p>Left alone: {@code -Dforce-compare.jit.defaults=true} (bin/force-compare says so where it chose C1 alone), a JVM
 * started with JIT settings of its own, and a JVM without the command (not HotSpot).
 */
final class CompilerDirectives {

    static final String RESOURCE = "/jit-hot-paths.json";
    private static final List<String> OWN_JIT_SETTINGS = List.of("-XX:CompilerDirectivesFile", "-XX:TieredStopAtLevel",
            "-XX:CompilationMode", "-XX:-TieredCompilation", "-Xint", "-Xcomp");

    private CompilerDirectives() {
    }

    /** {@link #keepC2ForHotPaths} on a thread of its own: the management server takes ~0.15 s to start. */
    static void keepC2ForHotPathsAside() {
        Thread t = new Thread(CompilerDirectives::keepC2ForHotPaths, "compiler-directives");
        t.setDaemon(true);
        t.start();
    }

    /** What the JVM answered ("2 compiler directives added"), or empty where the JIT was left as it was. */
    static Optional<String> keepC2ForHotPaths() {
        if (Boolean.getBoolean("force-compare.jit.defaults")) {
            return Optional.empty();
        }
        try {
            List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
            if (jvmOptions.stream().anyMatch(o -> OWN_JIT_SETTINGS.stream().anyMatch(o::startsWith))) {
                return Optional.empty();
            }
            // the server first: it takes the time, and a process that exits meanwhile leaves no file behind
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName command = new ObjectName("com.sun.management:type=DiagnosticCommand");
            Path file = Files.createTempFile("force-compare-jit", ".json");
            file.toFile().deleteOnExit();
            try {
                try (InputStream in = CompilerDirectives.class.getResourceAsStream(RESOURCE)) {
                    if (in == null) {
                        return Optional.empty();
                    }
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                Object answer = server.invoke(command, "compilerDirectivesAdd",
                        new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
                return Optional.of(String.valueOf(answer).strip());
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException | RuntimeException | javax.management.JMException | LinkageError e) {
            // not HotSpot, no management, no temporary folder: the JVM's own JIT settings stand, as before
            return Optional.empty();
        }
    }
}
