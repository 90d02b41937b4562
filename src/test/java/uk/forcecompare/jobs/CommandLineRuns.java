package uk.forcecompare.jobs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import uk.forcecompare.ForceCompare;

/**
 * Runs force-compare as a user would, through its command line, on the suite's one embedded PostgreSQL.
 */
public final class CommandLineRuns {

    public record Outcome(int exitStatus, String output) {
    }

    private CommandLineRuns() {
    }

    public static String testDatabaseDir() {
        return System.getProperty("force-compare.test.db", "target/test-db");
    }

    /** Runs a command on the embedded test database. */
    public static Outcome run(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (all.size() > 0 && java.util.Set.of("run", "history", "changes", "schedule", "validate").contains(all.get(0)) && all.stream().noneMatch(a -> a.startsWith("--spring.datasource.url"))) {
            all.add("--force-compare.database.dir=" + testDatabaseDir());
        }
        return runExactly(all.toArray(String[]::new));
    }

    public static Outcome runExactly(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int status = ForceCompare.execute(args, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        System.out.println("$ force-compare " + String.join(" ", args) + "\n" + out + "(exit " + status + ")");
        return new Outcome(status, out);
    }
}
