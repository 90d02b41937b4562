package uk.forcecompare.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import uk.forcecompare.database.EmbeddedDatabase;

/** Runs force-compare in its own JVM, connected to the suite's embedded PostgreSQL, as a second user would. */
final class ChildProcess {

    record Result(int exitStatus, String output) {
    }

    private ChildProcess() {
    }

    static String databaseUrl() {
        return EmbeddedDatabase.jdbcUrl(EmbeddedDatabase.shared(Path.of(CommandLineRuns.testDatabaseDir())));
    }

    static Process start(List<String> jvmOptions, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("uk.forcecompare.ForceCompare");
        cmd.addAll(List.of(args));
        cmd.add("--spring.datasource.url=" + databaseUrl());
        cmd.add("--spring.datasource.username=postgres");
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    static Result run(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        Process p = start(jvmOptions, args);
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("child force-compare did not finish");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        System.out.println("[child " + String.join(" ", args) + "]\n" + text + "(exit " + p.exitValue() + ")");
        return new Result(p.exitValue(), text);
    }
}
