package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.ForceCompare;

/**
 * The command line answers wrong commands, broken manifests and folders it cannot use with exit 2 and one line on
 * stderr, before Spring or the database starts, and publishes nothing.
 */
class CommandLineTest {

    private static final String SAMPLE = "data/sample/2024-spring";
    private static final String DATABASE_DIR = "--force-compare.database.dir=" + CommandLineRuns.testDatabaseDir();

    @TempDir
    Path tmp;

    /** What a command printed on stdout and on stderr, kept apart. */
    record Streams(int exitStatus, String out, String err) {
    }

    /** Runs a command in this JVM, with its stdout and stderr captured apart. */
    static Streams execute(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ForceCompare.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Streams s = new Streams(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        System.out.println("$ force-compare " + String.join(" ", args) + "\n" + s.out() + "[stderr] " + s.err() + "(exit " + s.exitStatus() + ")");
        return s;
    }

    /** Runs a command in its own JVM, as a user would, with its stdout and stderr captured apart. */
    static Streams child(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "uk.forcecompare.ForceCompare"));
        cmd.addAll(Arrays.asList(args));
        Path out = Files.createTempFile("stdout", ".txt");
        Path err = Files.createTempFile("stderr", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("child force-compare did not finish: " + cmd);
        }
        Streams s = new Streams(p.exitValue(), Files.readString(out), Files.readString(err));
        System.out.println("[child " + String.join(" ", args) + "]\n" + s.out() + "[stderr] " + s.err() + "(exit " + s.exitStatus() + ")");
        return s;
    }

    /** Exit 2, nothing on stdout, and exactly this one line on stderr. */
    private static void assertWrongCommandLine(Streams s, String line) {
        assertThat(s.exitStatus()).as(s.err()).isEqualTo(2);
        assertThat(s.out()).isEmpty();
        assertThat(s.err()).isEqualTo("force-compare: " + line + System.lineSeparator());
    }

    /**
     * Every command, given a folder option; the database commands carry the suite's database folder, so that a check
     * that let them through would start no database of its own, and worker a stop, so that it would not wait forever.
     */
    private List<String[]> everyCommandWith(String folderOption) throws IOException {
        Path collections = Files.createDirectories(tmp.resolve("collections"));
        return List.of(
                new String[] {"run", SAMPLE, "--out", tmp.resolve("charts").toString(), folderOption, DATABASE_DIR},
                new String[] {"validate", SAMPLE + "/returns/norfolk.xlsx", folderOption},
                new String[] {"history", folderOption, DATABASE_DIR},
                new String[] {"changes", "2024-spring", folderOption, DATABASE_DIR},
                new String[] {"schedule", collections.toString(), "--stop-after", "PT0S", "--out", tmp.resolve("charts").toString(),
                        folderOption, DATABASE_DIR},
                new String[] {"worker", "--stop-after", "PT0S", folderOption, DATABASE_DIR});
    }

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
    void aRightCommandWhoseDatabaseIsUnreachableFailsWithExitOne() throws Exception {
        // a port just freed refuses at once; the command line was right, so this is a failure to retry (1), not a usage
        // error (2)
        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closed + "/test";
        CommandLineRuns.Outcome o = CommandLineRuns.runExactly("history", "--spring.datasource.url=" + url,
                "--spring.datasource.hikari.connection-timeout=1000");
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(1);

        // as a user sees it, in a process of its own: one line naming the database and why, not Spring's report of the
        // failure (some 280 lines of stack trace, twice)
        Streams history = child("history", "--spring.datasource.url=" + url, "--spring.datasource.hikari.connection-timeout=1000");
        assertThat(history.exitStatus()).as(history.err()).isEqualTo(1);
        assertThat(history.out()).isEmpty();
        assertThat(history.err().lines()).hasSizeLessThan(5)
                .containsExactly("force-compare: cannot reach the database at " + url + ": Connection refused");

        Streams run = execute("run", SAMPLE, "--out", tmp.resolve("charts").toString(), "--spring.datasource.url=" + url,
                "--spring.datasource.hikari.connection-timeout=1000");
        assertThat(run.exitStatus()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("force-compare: cannot reach the database at " + url
                + ": Connection refused. Nothing was published; the previous publication stands." + System.lineSeparator());
        assertThat(tmp.resolve("charts")).doesNotExist();
    }

    @Test
    void aUserAndPasswordBeforeTheHostAreRefusedWithoutBeingShown() throws Exception {
        // the PostgreSQL driver took "bob:s3cret@127.0.0.1" for the host, and said so, and logged it, password and all
        String url = "jdbc:postgresql://bob:s3cret@127.0.0.1:1/test";
        String refused = "spring.datasource.url jdbc:postgresql://127.0.0.1:1/test names a user before the host, which the"
                + " PostgreSQL driver does not accept: give the user and password as --spring.datasource.username and"
                + " --spring.datasource.password";
        assertWrongCommandLine(execute("history", "--spring.datasource.url=" + url), refused);
        assertWrongCommandLine(execute("run", SAMPLE, "--out", tmp.resolve("charts").toString(), "--spring.datasource.url=" + url),
                refused);
        assertThat(tmp.resolve("charts")).doesNotExist();
        // in a process of its own, where a log line of the driver's would have reached the console
        Streams history = child("history", "--spring.datasource.url=" + url);
        assertThat(history.exitStatus()).isEqualTo(2);
        assertThat(history.out() + history.err()).doesNotContain("s3cret").doesNotContain("bob");
    }

    @Test
    void aFailureNeverShowsTheDatabaseUserOrPassword() {
        // PostgreSQL names the user it refused; the pool repeats a URL it cannot use, user= and all
        String url = ChildProcess.databaseUrl();
        Streams role = execute("history", "--spring.datasource.url=" + url, "--spring.datasource.username=bob",
                "--spring.datasource.password=s3cret", "--spring.datasource.hikari.connection-timeout=1000");
        assertThat(role.exitStatus()).as(role.err()).isEqualTo(1);
        // the URL is shown without its query, which may hold a password
        assertThat(role.err()).isEqualTo("force-compare: cannot reach the database at " + url.replaceFirst("\\?.*", "")
                + ": FATAL: role \"***\" does not exist" + System.lineSeparator());

        Streams port = execute("history", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:abc/test?user=bob&password=s3cret");
        assertThat(port.exitStatus()).as(port.err()).isEqualTo(1);
        assertThat(port.err()).isEqualTo("force-compare: could not start: Driver org.postgresql.Driver claims to not accept"
                + " jdbcUrl, jdbc:postgresql://127.0.0.1:abc/test?user=***&password=***" + System.lineSeparator());
    }

    @Test
    void aRunThatFailsInAStepSaysWhyWithoutAStackTrace() throws Exception {
        // a file where the publication folders go: the chart step cannot create its folder
        Path out = Files.createDirectories(tmp.resolve("blocked"));
        Files.writeString(out.resolve(".publications"), "in the way\n");
        Streams run = child("run", SAMPLE, "--out", out.toString(), "--force-compare.database.dir=" + CommandLineRuns.testDatabaseDir());
        assertThat(run.exitStatus()).as(run.out() + run.err()).isEqualTo(1);
        String all = run.out() + run.err();
        assertThat(all).contains("The run failed in step 'chart': ")
                .contains("The previous publication stands. Run the same command again to resume run");
        assertThat(all.lines()).as(all).noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by"));
    }

    @Test
    void aMissingOrUnusableReferenceFolderIsAWrongCommandLineForEveryCommand() throws IOException {
        Path nowhere = tmp.resolve("nowhere");
        for (String[] command : everyCommandWith("--force-compare.reference-dir=" + nowhere)) {
            assertWrongCommandLine(execute(command),
                    "the reference folder " + nowhere + " (--force-compare.reference-dir) does not exist");
        }
        Path file = Files.writeString(tmp.resolve("forces.csv"), "code,name\n");
        for (String[] command : everyCommandWith("--force-compare.reference-dir=" + file)) {
            assertWrongCommandLine(execute(command),
                    "the reference folder " + file + " (--force-compare.reference-dir) is a file, not a folder");
        }
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        for (String[] command : everyCommandWith("--force-compare.reference-dir=" + empty)) {
            assertWrongCommandLine(execute(command),
                    "the reference folder " + empty + " (--force-compare.reference-dir) has no forces.csv");
        }
        // template reads the reference list to pre-fill a force
        assertWrongCommandLine(execute("template", "--force", "Norfolk", "--out", tmp.resolve("norfolk.xlsx").toString(),
                "--force-compare.reference-dir=" + nowhere),
                "the reference folder " + nowhere + " (--force-compare.reference-dir) does not exist");
        assertThat(tmp.resolve("norfolk.xlsx")).doesNotExist();
        assertThat(tmp.resolve("charts")).doesNotExist();
    }

    @Test
    void aReferenceListWithoutTheFortyThreeForcesIsRefused() throws IOException {
        Path reference = Files.createDirectories(tmp.resolve("reference"));
        List<String> forces = Files.readAllLines(Path.of("data/reference/forces.csv"));
        Files.write(reference.resolve("forces.csv"), forces.subList(0, forces.size() - 1));
        Files.copy(Path.of("data/reference/not-territorial-forces.csv"), reference.resolve("not-territorial-forces.csv"));
        assertWrongCommandLine(execute("template", "--force", "Norfolk", "--out", tmp.resolve("norfolk.xlsx").toString(),
                "--force-compare.reference-dir=" + reference), "the reference folder " + reference
                + " (--force-compare.reference-dir) cannot be read: forces.csv must list the 43 territorial forces, found 42");
    }

    @Test
    void aMissingOrUnusableIndicatorsFolderIsAWrongCommandLineForEveryCommand() throws IOException {
        Path nowhere = tmp.resolve("nowhere");
        for (String[] command : everyCommandWith("--force-compare.indicators-dir=" + nowhere)) {
            assertWrongCommandLine(execute(command),
                    "the indicators folder " + nowhere + " (--force-compare.indicators-dir) does not exist");
        }
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        for (String[] command : everyCommandWith("--force-compare.indicators-dir=" + empty)) {
            assertWrongCommandLine(execute(command),
                    "the indicators folder " + empty + " (--force-compare.indicators-dir) holds no indicator definitions (<id>.yml)");
        }
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(broken.resolve("x.yml"), "id: x\ntitle: [unclosed\n");
        for (String[] command : everyCommandWith("--force-compare.indicators-dir=" + broken)) {
            Streams s = execute(command);
            assertThat(s.exitStatus()).as(s.err()).isEqualTo(2);
            assertThat(s.out()).isEmpty();
            assertThat(s.err().lines()).singleElement().asString()
                    .startsWith("force-compare: the indicators folder " + broken + " (--force-compare.indicators-dir) cannot be read: "
                            + broken.resolve("x.yml") + " is not valid YAML")
                    // the '[' opens at line 2, column 8 ("title: [") and the file ends on line 3 without closing it
                    .contains("while parsing a flow sequence at line 2, column 8; expected ',' or ']', but got <stream end> at line 3, column 1");
        }
        // one id in two files: whichever was read last would be published without a word
        Path twice = Files.createDirectories(tmp.resolve("twice"));
        Files.copy(Path.of("jobs/indicators/officers-per-1000.yml"), twice.resolve("officers-per-1000.yml"));
        Files.writeString(twice.resolve("officers-per-1000.yaml"),
                Files.readString(Path.of("jobs/indicators/officers-per-1000.yml")).replace("OFFICER_FTE", "RECORDS_CRIMES"));
        for (String[] command : everyCommandWith("--force-compare.indicators-dir=" + twice)) {
            assertWrongCommandLine(execute(command), "the indicators folder " + twice + " (--force-compare.indicators-dir) cannot be read: "
                    + twice.resolve("officers-per-1000.yaml") + " and " + twice.resolve("officers-per-1000.yml")
                    + " both define indicator 'officers-per-1000'; keep one of them");
        }
    }

    @Test
    void outMustBeAFolderWhereAFolderIsWrittenAndAFileWhereAFileIs() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "keep me\n");
        assertWrongCommandLine(execute("run", SAMPLE, "--out", file.toString(), DATABASE_DIR),
                "--out " + file + " is a file, not a folder");
        assertWrongCommandLine(execute("validate", SAMPLE + "/returns/norfolk.xlsx", "--out", file.toString()),
                "--out " + file + " is a file, not a folder");
        Path under = file.resolve("report");
        assertWrongCommandLine(execute("validate", SAMPLE + "/returns/norfolk.xlsx", "--out", under.toString()),
                "--out " + under + " cannot be created: " + file + " is a file, not a folder");
        assertThat(file).hasContent("keep me");

        Path collections = Files.createDirectories(tmp.resolve("collections"));
        assertWrongCommandLine(execute("schedule", collections.toString(), "--out", file.toString(), "--stop-after", "PT0S", DATABASE_DIR),
                "--out " + file + " is a file, not a folder");
        assertWrongCommandLine(execute("schedule", file.toString(), "--stop-after", "PT0S", DATABASE_DIR),
                "the collections folder " + file + " is a file, not a folder");
        assertWrongCommandLine(execute("schedule", tmp.resolve("nowhere").toString(), "--stop-after", "PT0S", DATABASE_DIR),
                "the collections folder " + tmp.resolve("nowhere") + " does not exist");
        assertWrongCommandLine(execute("schedule", collections.toString(), "--cron", "every day", "--stop-after", "PT0S", DATABASE_DIR),
                "--cron 'every day' is not a cron expression: Cron expression must consist of 6 fields (found 2 in \"every day\")");

        Path folder = Files.createDirectories(tmp.resolve("returns"));
        assertWrongCommandLine(execute("template", "--force", "Norfolk", "--out", folder.toString()),
                "--out " + folder + " is a folder: give the file to write, e.g. " + folder.resolve("return.xlsx"));
        assertWrongCommandLine(execute("template", "--out", file.resolve("norfolk.xlsx").toString()),
                "--out " + file.resolve("norfolk.xlsx") + " cannot be created: " + file + " is a file, not a folder");
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void templateRefusesAForceOrPeriodItDoesNotKnowInOneLine() {
        Path out = tmp.resolve("x.xlsx");
        assertWrongCommandLine(execute("template", "--force", "Gotham", "--out", out.toString()),
                "--force 'Gotham' is not one of the 43 forces of England and Wales");
        assertWrongCommandLine(execute("template", "--period", "FY2023/25", "--out", out.toString()),
                "--period: a financial year runs April to March of the next year: FY2023/25");
        assertWrongCommandLine(execute("template", "--period", "spring", "--out", out.toString()),
                "--period: not a period: 'spring'; use YYYY-MM, YYYY-MM..YYYY-MM, FY2022/23 or YYYY-MM-DD");
        assertThat(out).doesNotExist();
    }

    @Test
    void templateRefusesACollectionIdAManifestCouldNotHaveAndAFileThatIsNotAWorkbook() {
        Path out = tmp.resolve("x.xlsx");
        assertWrongCommandLine(execute("template", "--collection", "Bad Id", "--out", out.toString()),
                "--collection 'Bad Id' is not a collection id: it may contain only a-z, 0-9 and '-' (for example 2024-spring)");
        assertThat(out).doesNotExist();
        Path csv = tmp.resolve("x.csv");
        assertWrongCommandLine(execute("template", "--out", csv.toString()), "--out " + csv
                + " does not end in .xlsx: the template is an Excel workbook; give a file such as " + tmp.resolve("x.xlsx"));
        assertThat(csv).doesNotExist();
        // Excel on Windows may name it in capitals
        Path capitals = tmp.resolve("NORFOLK.XLSX");
        Streams written = execute("template", "--collection", "2024-spring", "--out", capitals.toString());
        assertThat(written.exitStatus()).as(written.err()).isZero();
        assertThat(capitals).exists();
    }

    @Test
    void templateKeepsAFileThatIsAlreadyThereUnlessToldToReplaceIt() throws IOException {
        Path filledIn = tmp.resolve("norfolk.xlsx");
        byte[] work = "a return Norfolk has filled in".getBytes(StandardCharsets.UTF_8);
        Files.write(filledIn, work);

        assertWrongCommandLine(execute("template", "--force", "Norfolk", "--out", filledIn.toString()),
                "--out " + filledIn + " already exists; give another file, or add --overwrite to replace it");
        assertThat(filledIn).hasBinaryContent(work);

        Streams replaced = execute("template", "--force", "Norfolk", "--out", filledIn.toString(), "--overwrite");
        assertThat(replaced.exitStatus()).as(replaced.err()).isZero();
        assertThat(replaced.out()).isEqualTo("Wrote the force data-return template to " + filledIn.toAbsolutePath()
                + System.lineSeparator());
        // a workbook is a zip package: it starts with the local file header "PK\3\4"
        assertThat(Arrays.copyOf(Files.readAllBytes(filledIn), 4)).containsExactly('P', 'K', 3, 4);
    }

    @Test
    void aWorkerNeedsAWholeNumberOfThreadsAboveZero() {
        for (String threads : List.of("abc", "0", "-2", "1.5")) {
            assertWrongCommandLine(execute("worker", "--stop-after", "PT0S", "--force-compare.worker.threads=" + threads, DATABASE_DIR),
                    "--force-compare.worker.threads=" + threads
                            + " is not a number of partitions to run at once: give a whole number above 0");
        }
    }

    @Test
    void anUnknownOptionIsOneLineThatPointsToHelp() {
        assertWrongCommandLine(execute("history", "--colour", DATABASE_DIR),
                "unknown option --colour (force-compare history --help shows the usage)");
        assertWrongCommandLine(execute("validate", SAMPLE, "--colour"),
                "unknown option --colour (force-compare validate --help shows the usage)");
        assertWrongCommandLine(execute("run", SAMPLE, "extra"),
                "unexpected argument 'extra' (force-compare run --help shows the usage)");
        assertWrongCommandLine(execute("history", "--collection"),
                "Missing required parameter for option '--collection' (<id>) (force-compare history --help shows the usage)");
        assertWrongCommandLine(execute("changes"),
                "Missing required parameter: '<collection id>' (force-compare changes --help shows the usage)");
    }

    @Test
    void aWrongCommandLineIsAnsweredBeforeSpringStartsWithOneLineOnStderr() throws Exception {
        // in processes of their own: nothing from Spring or the database, on either stream
        Path nowhere = tmp.resolve("nowhere");
        assertWrongCommandLine(child("history", "--force-compare.reference-dir=" + nowhere),
                "the reference folder " + nowhere + " (--force-compare.reference-dir) does not exist");
        assertWrongCommandLine(child("run", SAMPLE, "--force-compare.indicators-dir=" + nowhere),
                "the indicators folder " + nowhere + " (--force-compare.indicators-dir) does not exist");
        assertWrongCommandLine(child("worker", "--force-compare.worker.threads=none"),
                "--force-compare.worker.threads=none is not a number of partitions to run at once: give a whole number above 0");
        Path file = Files.writeString(tmp.resolve("notes.txt"), "keep me\n");
        assertWrongCommandLine(child("validate", SAMPLE + "/returns/norfolk.xlsx", "--out", file.toString()),
                "--out " + file + " is a file, not a folder");
        assertWrongCommandLine(child("template", "--out", tmp.toString()),
                "--out " + tmp + " is a folder: give the file to write, e.g. " + tmp.resolve("return.xlsx"));
    }

    @Test
    void brokenManifestsSayWhatToFix() throws IOException {
        assertRefused("id: 2024-spring\nsources: [ { file: a.csv, kind: nonsense } ]\n", "unknown kind 'nonsense'");
        assertRefused("id: 2024-spring\nsources: [ { file: ../../etc/passwd, kind: ons-population } ]\n", "outside the collection folder");
        assertRefused("id: 2024 Spring\nsources: [ { file: a.csv, kind: ons-population } ]\n", "may contain only");
        // the flow mapping opens on line 2 at column 12 ("sources: [ {") and is never closed: the parser names where
        // it opened and where the file ended
        assertRefused("id: x\nsources: [ { file: a.csv, kind: ons-population \n", "not valid YAML: while parsing a flow "
                + "mapping at line 2, column 12; expected ',' or '}', but got <stream end> at line 3, column 1.");
        assertRefused("id: x\nsources: [ { file: a.csv, kind: ons-population } ]\nindicators: { no-such-indicator: {} }\n",
                "no-such-indicator");
        assertRefused("id: x\nsources: [ { file: a.csv, kind: ons-population } ]\nindicators: { calls-999-per-1000: { period: 2023-13 } }\n",
                "not a valid period");
        assertRefused("id: x\nsources: [ { file: missing.csv, kind: ons-population } ]\n", "does not exist");
        // officers come only from the Home Office workforce table: the run would publish a chart with no force on it
        assertRefused("id: x\nsources: [ { file: a.csv, kind: ons-population } ]\nindicators: { officers-per-1000: {} }\n",
                "nothing was run: collection.yml asks for officers-per-1000, which needs OFFICER_FTE (police officers (FTE)); "
                        + "none of its sources (ons-population) gives that: add a home-office-workforce source, or take "
                        + "officers-per-1000 out of its indicators");
        // written twice: the last would win without a word
        assertRefused("id: x\nsources: [ { file: a.csv, kind: ons-population } ]\nindicators:\n  calls-999-per-1000: {}\n"
                + "  calls-999-per-1000: { period: 2023-01 }\n", "Duplicate");
        assertRefused("id: x\nsources: [ { file: a.csv, kind: ons-population }, { file: ./a.csv, kind: ons-population } ]\n",
                "'./a.csv' is listed twice");
        assertRefused("id: x\nsources: [ { file: a.csv, kind: ons-population } ]\nindicator: { calls-999-per-1000: {} }\n",
                "unknown setting 'indicator'; the manifest takes id, title, population, sources, indicators, comparison");
        assertRefused("id: x\nsources: [ { file: a.csv, knd: ons-population } ]\n", "source 1: unknown setting 'knd'; source takes file, kind");
        assertRefused("id: x\npopulation: { midyear: 2020 }\nsources: [ { file: a.csv, kind: ons-population } ]\n",
                "population: unknown setting 'midyear'; population takes mid-year");
        // the right setting in the wrong shape: refused, not ignored (the default period, mid-year or SD would be used)
        assertRefused("id: x\nsources: [ { file: a.csv, kind: ons-population } ]\nindicators: { calls-999-per-1000: 2023-01..2023-06 }\n",
                "indicator calls-999-per-1000 must be a mapping such as { period: \"2023-01..2023-12\" }");
        assertRefused("id: x\npopulation: 2019\nsources: [ { file: a.csv, kind: ons-population } ]\n", "'population' must be a mapping");
        assertRefused("id: x\npopulation: { mid-year: [2019] }\nsources: [ { file: a.csv, kind: ons-population } ]\n",
                "population.mid-year must be a year such as 2022");
        assertRefused("id: x\nsources: [ { file: a.csv, kind: ons-population } ]\ncomparison: population\n", "'comparison' must be a mapping");
        assertRefused("id: x\ntitle: [a, b]\nsources: [ { file: a.csv, kind: ons-population } ]\n", "'title' must be text");
    }

    @Test
    void aSourceFolderLinkedFromInsideTheCollectionIsRead() throws IOException {
        Path c = tmp.resolve("linked-inside");
        RestartAfterCrashTest.copyTree(Path.of(SAMPLE), c);
        Files.move(c.resolve("returns"), c.resolve("real-returns"));
        Files.createSymbolicLink(c.resolve("returns"), Path.of("real-returns"));
        Path out = tmp.resolve("out-linked-inside");
        CommandLineRuns.Outcome o = CommandLineRuns.run("run", c.toString(), "--out", out.toString());
        // read through the link, and the real folder is no stray: only Gwent, as in the sample, sent no return
        assertThat(o.exitStatus()).as(o.output()).isZero();
        List<java.util.Map<String, String>> log = CsvTables.read(out.resolve("2024-spring/validation-log.csv"));
        assertThat(log).filteredOn(r -> r.get("rule").equals("coverage.no-return")).extracting(r -> r.get("force_code"))
                .containsExactly("W15000002");
        assertThat(log).noneMatch(r -> r.get("rule").equals("file.stray") || r.get("rule").equals("file.source-empty"));
        assertThat(log).filteredOn(r -> r.get("rule").equals("value.force-note")).hasSize(28);
    }

    @Test
    void aSourceLinkedFromOutsideTheCollectionIsRefused() throws IOException {
        Path outside = Files.writeString(tmp.resolve("outside.csv"), "pfa_code,pfa_name,mid_year,population\n");
        Path c = Files.createTempDirectory(tmp, "linked");
        Files.createSymbolicLink(c.resolve("link.csv"), outside);
        Files.writeString(c.resolve("collection.yml"), "id: x\nsources: [ { file: link.csv, kind: ons-population } ]\n");
        Path out = tmp.resolve("out-linked");
        CommandLineRuns.Outcome o = CommandLineRuns.run("run", c.toString(), "--out", out.toString());
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(2);
        assertThat(o.output()).contains("'link.csv' is a link to " + outside.toRealPath() + ", outside the collection folder");
        assertThat(out).doesNotExist();
    }

    private void assertRefused(String manifest, String message) throws IOException {
        Path c = Files.createTempDirectory(tmp, "c");
        Files.writeString(c.resolve("collection.yml"), manifest);
        Files.writeString(c.resolve("a.csv"), "pfa_code,pfa_name,mid_year,population\n");
        Path out = tmp.resolve("out");
        CommandLineRuns.Outcome o = CommandLineRuns.run("run", c.toString(), "--out", out.toString());
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(2);
        assertThat(o.output()).contains(message);
        assertThat(o.output().lines().filter(l -> !l.isBlank())).as("one line").hasSize(1);
        assertThat(out).doesNotExist();
    }
}
