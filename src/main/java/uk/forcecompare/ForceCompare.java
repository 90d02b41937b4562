package uk.forcecompare;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import uk.forcecompare.collection.Collection;
import uk.forcecompare.collection.CollectionLoader;
import uk.forcecompare.collection.ManifestException;
import uk.forcecompare.indicators.IndicatorCatalogue;
import uk.forcecompare.jobs.CollectionRunner;

/**
 * The command line. Arguments and the manifest are checked before the database starts, so a wrong command
 * answers at once with exit 2 and publishes nothing.
 */
@Command(name = "force-compare", mixinStandardHelpOptions = true, version = "force-compare 0.1",
        description = "Compares the 43 police forces of England and Wales, the way the inspectorate's PEEL reports do.",
        subcommands = {ForceCompare.RunCommand.class, ForceCompare.HistoryCommand.class, ForceCompare.ChangesCommand.class,
                ForceCompare.ScheduleCommand.class, ForceCompare.TemplateCommand.class, ForceCompare.ValidateCommand.class,
                ForceCompare.WorkerCommand.class},
        footer = {"", "Exit status: 0 published with no errors; 3 published, with errors in the validation log;",
                "2 the command or manifest is wrong (nothing published); 1 the run failed (the previous publication",
                "stands; the same command resumes it).",
                "Database: an embedded PostgreSQL in .force-compare/db unless spring.datasource.url is set, e.g.",
                "  --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test --spring.datasource.username=postgres"})
public final class ForceCompare implements Callable<Integer> {

    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        preferJdkXmlFactories();
        if (args.length > 0 && (args[0].equals("run") || args[0].equals("validate"))) {
            // a process of seconds; schedule and worker live long enough to repay C2 everywhere
            CompilerDirectives.keepC2ForHotPathsAside();
        }
        System.exit(execute(args, System.out));
    }

    /**
     * Names the JDK's own XML factories, which are the ones found anyway: no other is on the class path. Without
     * the names, every DocumentBuilderFactory and TransformerFactory that the SVG writer and POI ask for (several per
     * figure and workbook) first scans every jar for a service entry. A name given on the command line still wins.
     */
    static void preferJdkXmlFactories() {
        Map.of("javax.xml.parsers.DocumentBuilderFactory", "com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderFactoryImpl",
                "javax.xml.parsers.SAXParserFactory", "com.sun.org.apache.xerces.internal.jaxp.SAXParserFactoryImpl",
                "javax.xml.transform.TransformerFactory", "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl",
                "javax.xml.stream.XMLInputFactory", "com.sun.xml.internal.stream.XMLInputFactoryImpl",
                "javax.xml.stream.XMLOutputFactory", "com.sun.xml.internal.stream.XMLOutputFactoryImpl",
                "javax.xml.stream.XMLEventFactory", "com.sun.xml.internal.stream.events.XMLEventFactoryImpl")
                .forEach((factory, jdk) -> {
                    if (System.getProperty(factory) == null) {
                        System.setProperty(factory, jdk);
                    }
                });
    }

    /** Runs a command and returns its exit status; the process's own {@code main} passes it to System.exit. */
    public static int execute(String[] args, PrintStream out) {
        CommandLine cli = new CommandLine(new ForceCompare());
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(out, true));
        // a command that was right but failed as it ran (the database gone, a query refused) failed: 1, not 2, so that
        // a scheduler retries it rather than reporting a wrong command line
        cli.setExitCodeExceptionMapper(e -> CollectionRunner.FAILED);
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println(ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return USAGE;
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Runs the collection in <collection folder>: reads every source, validates every value,",
                    "computes every indicator for the 43 forces, draws the charts and publishes them whole to",
                    "<out>/<collection id>/ (indicators.csv, validation-log.csv, validation-report.html, run.json and",
                    "one folder of charts per indicator).",
                    "Running it again with the same inputs publishes nothing new; after a failure it resumes."},
            footer = {"", "Example:", "  java -jar target/force-compare.jar run data/sample/2024-spring",
                    "", "Exit status: 0 published, no errors; 3 published, errors in the log; 2 wrong command or manifest;",
                    "1 failed, previous publication stands, run again to resume.",
                    "Any Spring property may follow, e.g. --spring.datasource.url=jdbc:postgresql://host/db",
                    "With --force-compare.workers.enabled=true this run is the manager:",
                    "'worker' processes read its data.police.uk files (see worker --help)."})
    static final class RunCommand implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<collection folder>", description = "the folder holding collection.yml and the source files")
        Path collectionFolder;

        @Option(names = "--out", paramLabel = "<folder>", description = "where publications go (default: charts)")
        Path out = Path.of("charts");

        @CommandLine.Unmatched
        List<String> springArguments = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriterStream console = new PrintWriterStream(spec.commandLine().getOut());
            if (!springArgumentsValid(springArguments, spec)) return USAGE;
            CollectionLoader.Listing listing;
            try {
                listing = new CollectionLoader().list(collectionFolder);
                IndicatorCatalogue.load(Path.of(property("force-compare.indicators-dir", "jobs/indicators")))
                        .requireDefined(listing.indicatorIds());
                if (Files.exists(this.out) && !Files.isDirectory(this.out)) {
                    throw new ManifestException("--out " + this.out + " is a file, not a folder");
                }
            } catch (ManifestException e) {
                console.println("Nothing was run: " + e.getMessage());
                return USAGE;
            }
            // The run's identity needs every file's sha256: hash while Spring and the database start, which use
            // mostly one core, instead of before them.
            CompletableFuture<Collection> hashed = new CompletableFuture<>();
            Thread hashing = new Thread(() -> {
                try {
                    hashed.complete(listing.hash());
                } catch (Throwable t) {
                    hashed.completeExceptionally(t);
                }
            }, "collection-hashing");
            hashing.setDaemon(true);
            hashing.start();
            try (ConfigurableApplicationContext ctx = startSpring(springArguments)) {
                Collection collection;
                try {
                    collection = hashed.join();
                } catch (CompletionException e) {
                    if (e.getCause() instanceof UncheckedIOException io) {
                        console.println("Nothing was run: " + io.getMessage() + (io.getCause() == null ? "" : " (" + io.getCause() + ")"));
                        return USAGE;
                    }
                    throw e;
                }
                return ctx.getBean(CollectionRunner.class).run(collection, this.out, console.stream());
            } catch (RuntimeException e) {
                console.println("The run failed before it started: " + e.getMessage()
                        + ". Nothing was published; the previous publication stands.");
                return CollectionRunner.FAILED;
            }
        }

        private String property(String key, String fallback) {
            String prefix = "--" + key + "=";
            return springArguments.stream().filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length()))
                    .findFirst().orElse(System.getProperty(key, fallback));
        }
    }

    /** Options shared by the commands that use the database: any Spring property may follow. */
    abstract static class DatabaseCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Unmatched
        List<String> springArguments = new ArrayList<>();

        PrintWriterStream console() {
            return new PrintWriterStream(spec.commandLine().getOut());
        }

        @Override
        public Integer call() throws Exception {
            if (!springArgumentsValid(springArguments, spec)) return USAGE;
            try (ConfigurableApplicationContext ctx = startSpring(springArguments)) {
                return call(ctx, console());
            }
        }

        abstract int call(ConfigurableApplicationContext ctx, PrintWriterStream out) throws Exception;
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "Lists past runs: status, inputs, rows read, findings, duration and where each was published.")
    static final class HistoryCommand extends DatabaseCommand {
        @Option(names = "--collection", paramLabel = "<id>", description = "only this collection")
        String collection;

        @Override
        int call(ConfigurableApplicationContext ctx, PrintWriterStream out) {
            ctx.getBean(uk.forcecompare.jobs.RunHistory.class).printRuns(java.util.Optional.ofNullable(collection), out.stream());
            return 0;
        }
    }

    @Command(name = "changes", mixinStandardHelpOptions = true,
            description = {"Compares the latest publication of a collection with the one before it: values that changed,",
                    "bands that changed, and forces that moved above or below the band."})
    static final class ChangesCommand extends DatabaseCommand {
        @Parameters(index = "0", paramLabel = "<collection id>")
        String collection;

        @Option(names = "--against", paramLabel = "<collection id>", description = "compare with this collection instead")
        String against;

        @Override
        int call(ConfigurableApplicationContext ctx, PrintWriterStream out) {
            var outcome = ctx.getBean(uk.forcecompare.jobs.RunHistory.class)
                    .changes(collection, java.util.Optional.ofNullable(against), out.stream());
            // an id never published is a wrong command; compared, or one publication with nothing before it, is an answer
            return outcome instanceof uk.forcecompare.jobs.RunHistory.ChangesOutcome.NeverPublished ? USAGE : 0;
        }
    }

    @Command(name = "schedule", mixinStandardHelpOptions = true,
            description = {"Runs as a long-lived process that starts the collection run on a cron schedule, for every",
                    "collection folder under <collections folder> that is ready (has collection.yml and no NOT-READY",
                    "file) and has changed since its last successful run. Manual 'run' works beside it."},
            footer = {"", "The default cron, \"0 0 6 1 4,10 *\", fires at 06:00 on 1 April and 1 October (seconds first,",
                    "as Spring's cron expressions are). Example: schedule data/collections --cron \"0 30 7 * * MON\""})
    static final class ScheduleCommand extends DatabaseCommand {
        @Parameters(index = "0", paramLabel = "<collections folder>")
        Path root;

        @Option(names = "--cron", paramLabel = "<expression>", description = "when to run (default: ${DEFAULT-VALUE})")
        String cron = uk.forcecompare.jobs.CollectionSchedule.DEFAULT_CRON;

        @Option(names = "--out", paramLabel = "<folder>", description = "where publications go (default: charts)")
        Path out = Path.of("charts");

        @Option(names = "--stop-after", paramLabel = "<duration>", description = "stop after this long, e.g. PT1H (default: never)")
        java.time.Duration stopAfter;

        @Override
        public Integer call() throws Exception {
            try {
                org.springframework.scheduling.support.CronExpression.parse(cron);
            } catch (IllegalArgumentException e) {
                console().println("Not a cron expression: " + e.getMessage());
                return USAGE;
            }
            if (!Files.isDirectory(root)) {
                console().println("The collections folder " + root + " does not exist.");
                return USAGE;
            }
            return super.call();
        }

        @Override
        int call(ConfigurableApplicationContext ctx, PrintWriterStream console) throws Exception {
            ctx.getBean(uk.forcecompare.jobs.CollectionSchedule.class).run(root, out, cron, stopAfter, console.stream());
            return 0;
        }
    }

    @Command(name = "worker", mixinStandardHelpOptions = true,
            description = {"Works for runs started elsewhere with",
                    "  run <collection folder> --force-compare.workers.enabled=true",
                    "taking partitions of their record-level ingest (data.police.uk files)",
                    "from a channel in PostgreSQL, and doing nothing else. Start any number,",
                    "on any machines, before or during a run. Each needs what the manager has:",
                    " - the same database (--spring.datasource.url, username, password);",
                    "   the embedded database of one machine serves only that machine;",
                    " - the collection folders at the same absolute paths (shared file",
                    "   system): the worker checks that it sees the manager's files;",
                    " - the same jobs/ and data/reference/ (or --force-compare.indicators-dir",
                    "   and --force-compare.reference-dir).",
                    "Ctrl-C or SIGTERM: it finishes the partitions in hand, then exits.",
                    "Killed: the manager fails that partition and the run; running 'run'",
                    "again redoes only the partitions that did not complete."},
            footer = {"", "Example:",
                    "  worker --spring.datasource.url=jdbc:postgresql://db-host/fc \\",
                    "    --spring.datasource.username=fc --force-compare.worker.name=worker-2",
                    "Spring properties: --force-compare.worker.name (default host:pid),",
                    "--force-compare.worker.threads (partitions at once, default: cores)."})
    static final class WorkerCommand extends DatabaseCommand {
        @Option(names = "--stop-after", paramLabel = "<duration>",
                description = "stop taking partitions after this long, e.g. PT10M, finish those in hand, exit (default: never)")
        java.time.Duration stopAfter;

        @Override
        public Integer call() throws Exception {
            if (!springArgumentsValid(springArguments, spec)) return USAGE;
            springArguments.add("--force-compare.workers.enabled=true");
            springArguments.add("--force-compare.role=worker");
            if (springArguments.stream().noneMatch(a -> a.startsWith("--spring.datasource.hikari.maximum-pool-size="))) {
                int threads = springArguments.stream().filter(a -> a.startsWith("--force-compare.worker.threads="))
                        .map(a -> Integer.parseInt(a.substring(a.indexOf('=') + 1))).findFirst()
                        .orElse(Runtime.getRuntime().availableProcessors());
                // per thread: the partition's lock session and its work; plus the presence session and the poller
                springArguments.add("--spring.datasource.hikari.maximum-pool-size=" + Math.max(6, 2 * threads + 3));
            }
            return super.call();
        }

        @Override
        int call(ConfigurableApplicationContext ctx, PrintWriterStream out) {
            return ctx.getBean(uk.forcecompare.jobs.RemoteWorker.class).run(stopAfter, out.stream());
        }
    }

    @Command(name = "template", mixinStandardHelpOptions = true,
            description = {"Writes the blank force data-return workbook (Cover and Return sheets, measure codes and",
                    "descriptions, input cells formatted and validated) for a force to fill in Excel or LibreOffice."},
            footer = {"", "Example: template --force Norfolk --collection 2024-spring --period FY2023/24 --out norfolk.xlsx"})
    static final class TemplateCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", paramLabel = "<file.xlsx>", required = true, description = "the workbook to write")
        Path out;

        @Option(names = "--force", paramLabel = "<name or code>", description = "pre-fill the cover with this force")
        String force;

        @Option(names = "--collection", paramLabel = "<id>", description = "pre-fill the collection id")
        String collection;

        @Option(names = "--period", paramLabel = "<period>", description = "pre-fill the cover period, e.g. FY2023/24")
        String period;

        @Override
        public Integer call() {
            PrintWriterStream console = new PrintWriterStream(spec.commandLine().getOut());
            uk.forcecompare.reference.Force f = null;
            if (force != null) {
                var forces = uk.forcecompare.reference.ForceDirectory.load(Path.of(System.getProperty("force-compare.reference-dir", "data/reference")));
                if (forces.match(force) instanceof uk.forcecompare.reference.ForceMatch.Territorial t) {
                    f = t.force();
                } else {
                    console.println("'" + force + "' is not one of the 43 forces of England and Wales.");
                    return USAGE;
                }
            }
            uk.forcecompare.collection.Period p = null;
            if (period != null) {
                try {
                    p = uk.forcecompare.collection.Period.parse(period);
                } catch (IllegalArgumentException e) {
                    console.println(e.getMessage());
                    return USAGE;
                }
            }
            uk.forcecompare.sources.ForceReturnTemplate.write(out, collection, f, p);
            console.println("Wrote the force data-return template to " + out.toAbsolutePath());
            return 0;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Checks a force return, a published table, or a whole collection folder against the same rules",
                    "as a run, without running the comparison and without a database. Prints every finding; with",
                    "--out, also writes validation-log.csv and validation-report.html there."},
            footer = {"", "Exit status: 0 clean (information only); 3 errors or warnings found; 2 unusable (unreadable file,",
                    "unknown kind, broken manifest).",
                    "Example: validate returns/norfolk.xlsx"})
    static final class ValidateCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<file or folder>")
        Path target;

        @Option(names = "--out", paramLabel = "<folder>", description = "write validation-log.csv and validation-report.html here")
        Path out;

        @Override
        public Integer call() {
            PrintWriterStream console = new PrintWriterStream(spec.commandLine().getOut());
            if (!Files.exists(target)) {
                console.println(target + " does not exist.");
                return USAGE;
            }
            var forces = uk.forcecompare.reference.ForceDirectory.load(Path.of(System.getProperty("force-compare.reference-dir", "data/reference")));
            var catalogue = IndicatorCatalogue.load(Path.of(System.getProperty("force-compare.indicators-dir", "jobs/indicators")));
            uk.forcecompare.jobs.Validator.Report report;
            try {
                report = new uk.forcecompare.jobs.Validator(forces, catalogue).validate(target);
            } catch (ManifestException e) {
                console.println("Cannot validate: " + e.getMessage());
                return USAGE;
            }
            long errors = report.findings().stream().filter(f -> f.severity() == uk.forcecompare.validation.Severity.ERROR).count();
            long warnings = report.findings().stream().filter(f -> f.severity() == uk.forcecompare.validation.Severity.WARNING).count();
            for (var f : report.findings()) {
                console.println(String.format("%-7s %-32s %-28s %-14s %s", f.severity().label(), f.rule().id(), f.sourceFile(),
                        f.location(), f.message()));
            }
            console.println(report.files() + " file(s) checked: " + errors + " errors, " + warnings + " warnings, "
                    + (report.findings().size() - errors - warnings) + " information.");
            if (out != null) {
                uk.forcecompare.publication.PublicationWriter.writeValidationFiles(out, report.title(), report.findings(), forces);
                console.println("Wrote " + out.resolve("validation-log.csv") + " and validation-report.html");
            }
            if (report.unusable()) {
                console.println("Nothing could be read: fix the file(s) named above.");
                return USAGE;
            }
            return report.hasErrorsOrWarnings() ? 3 : 0;
        }
    }

    /** Only Spring properties may follow a command's own options; anything else is shown with the usage. */
    static boolean springArgumentsValid(List<String> springArguments, CommandLine.Model.CommandSpec spec) {
        for (String a : springArguments) {
            if (!a.startsWith("--spring.") && !a.startsWith("--force-compare.") && !a.startsWith("--logging.")) {
                new PrintWriterStream(spec.commandLine().getOut()).println("Unknown option: " + a);
                spec.commandLine().usage(spec.commandLine().getOut());
                return false;
            }
        }
        return true;
    }

    static ConfigurableApplicationContext startSpring(List<String> springArguments) {
        SpringApplication app = new SpringApplication(ForceCompareApplication.class);
        app.addListeners(new uk.forcecompare.database.EmbeddedDatabaseConfiguration.EarlyStart());
        return app.run(springArguments.toArray(String[]::new));
    }

    /** Prints through picocli's writer, so tests can capture what a user reads. */
    record PrintWriterStream(java.io.PrintWriter writer) {
        void println(String s) {
            writer.println(s);
            writer.flush();
        }

        PrintStream stream() {
            return new PrintStream(new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    writer.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    writer.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
                }

                @Override
                public void flush() {
                    writer.flush();
                }
            }, true, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
