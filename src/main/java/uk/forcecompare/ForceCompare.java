package uk.forcecompare;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.LoggerFactory;
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
import uk.forcecompare.jobs.Interruption;
import uk.forcecompare.reference.ForceDirectory;

/**
 * The command line. Arguments, the folders they name (the collection, --out, the reference and indicators folders)
 * and the manifest are checked before Spring and the database start, so a wrong command answers at once with exit 2,
 * one line on stderr, and publishes nothing. A right command that fails as it runs (the database unreachable, say)
 * also says why in one line on stderr, and exits 1; its stack trace goes to the debug log
 * ({@code --logging.level.uk.forcecompare.ForceCompare=DEBUG}), not to the console.
 */
@Command(name = "force-compare", mixinStandardHelpOptions = true, version = "force-compare 0.1",
        description = {"Compares the 43 police forces of England and Wales, the way the inspectorate's",
                "PEEL reports do."},
        subcommands = {ForceCompare.RunCommand.class, ForceCompare.HistoryCommand.class, ForceCompare.ChangesCommand.class,
                ForceCompare.ScheduleCommand.class, ForceCompare.TemplateCommand.class, ForceCompare.ValidateCommand.class,
                ForceCompare.WorkerCommand.class},
        footer = {"", "Exit status: 0 published with no errors; 3 published, with errors in the",
                "validation log; 2 the command or manifest is wrong (nothing published); 1 the",
                "run failed (the previous publication stands; the same command resumes it).",
                "Database: an embedded PostgreSQL in .force-compare/db unless",
                "spring.datasource.url is set, e.g.",
                "  --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test",
                "  --spring.datasource.username=postgres"})
public final class ForceCompare implements Callable<Integer> {

    public static final int USAGE = 2;

    /** Every line the command line prints about a wrong command or a failure starts with this. */
    static final String PREFIX = "force-compare: ";

    /** Set once Spring has been asked to start: from then on its logging configuration, not logback's default, applies. */
    private static volatile boolean springLogging;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        nameXmlFactories();
        if (args.length > 0 && (args[0].equals("run") || args[0].equals("validate"))) {
            // a process of seconds; schedule and worker live long enough to repay C2 everywhere
            CompilerDirectives.keepC2ForHotPathsAside();
        }
        Interruption.watch(System.out);
        System.exit(execute(args, System.out, System.err));
    }

    /**
     * Names the XML factories, which are the ones found anyway: the JDK's for DOM, SAX and transforms, and Woodstox
     * for StAX (pom.xml says why). Without the names, every DocumentBuilderFactory and TransformerFactory that the SVG
     * writer and POI ask for (several per figure and workbook) first scans every jar for a service entry. A name
     * given on the command line still wins.
     */
    static void nameXmlFactories() {
        Map.of("javax.xml.parsers.DocumentBuilderFactory", "com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderFactoryImpl",
                "javax.xml.parsers.SAXParserFactory", "com.sun.org.apache.xerces.internal.jaxp.SAXParserFactoryImpl",
                "javax.xml.transform.TransformerFactory", "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl",
                "javax.xml.stream.XMLInputFactory", "com.ctc.wstx.stax.WstxInputFactory",
                "javax.xml.stream.XMLOutputFactory", "com.ctc.wstx.stax.WstxOutputFactory",
                "javax.xml.stream.XMLEventFactory", "com.ctc.wstx.stax.WstxEventFactory")
                .forEach((factory, implementation) -> {
                    if (System.getProperty(factory) == null) {
                        System.setProperty(factory, implementation);
                    }
                });
    }

    /** Runs a command with its output and its error lines in one stream, and returns its exit status. */
    public static int execute(String[] args, PrintStream out) {
        return execute(args, out, out);
    }

    /**
     * Runs a command and returns its exit status; the process's own {@code main} passes it to System.exit. What the
     * command reports goes to {@code out}; a wrong command line or a failure is one line on {@code err}.
     */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new ForceCompare());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(PREFIX + oneLine(ex.getMessage()) + " (" + c.getCommandSpec().qualifiedName()
                    + " --help shows the usage)");
            c.getErr().flush();
            return USAGE;
        });
        cli.setExecutionExceptionHandler(ForceCompare::failed);
        return cli.execute(args);
    }

    /**
     * A wrong command line ({@link UsageError}) exits 2; a command that was right but failed as it ran (the database
     * gone, a query refused) exits 1, so that a scheduler retries it rather than reporting a wrong command line.
     * Either way the user reads one line; the stack trace goes to the debug log.
     */
    private static int failed(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (Interruption.stopping()) {
            // the shutdown after a signal failed the command: Interruption said so, and the exit status is the signal's
            return CollectionRunner.FAILED;
        }
        if (e instanceof UsageError) {
            err.println(PREFIX + e.getMessage());
            err.flush();
            return USAGE;
        }
        String line = e instanceof Failure ? e.getMessage() : describe(e);
        err.println(PREFIX + line);
        err.flush();
        if (springLogging) {
            // before Spring configures logging, logback's default would print a debug line, trace and all, to the console
            LoggerFactory.getLogger(ForceCompare.class).debug(line, e);
        }
        return CollectionRunner.FAILED;
    }

    /** A wrong command line, or a folder it names that cannot be used: one line on stderr, exit 2, nothing started. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message, null, false, false);
        }
    }

    /** A right command that failed as it ran: its message is the one line the user reads; exit 1. */
    static final class Failure extends RuntimeException {
        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return USAGE;
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            header = "Runs a collection: reads, checks, compares and publishes.",
            description = {"Runs the collection in <collection folder>: reads every source, validates",
                    "every value, computes every indicator for the 43 forces, draws the charts",
                    "and publishes them whole to <out>/<collection id>/ (indicators.csv,",
                    "validation-log.csv, validation-report.html, run.json and one folder of",
                    "charts per indicator).",
                    "Running it again with the same inputs publishes nothing new; after a",
                    "failure it resumes."},
            footer = {"", "Example:", "  java -jar target/force-compare.jar run data/sample/2024-spring",
                    "", "Exit status: 0 published, no errors; 3 published, errors in the log;",
                    "2 wrong command or manifest; 1 failed, previous publication stands, run",
                    "again to resume.",
                    "Any Spring property may follow, e.g.",
                    "  --spring.datasource.url=jdbc:postgresql://host/db",
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
            // from the start: Ctrl-C while Spring and the database start is a run that published nothing, too
            try (Interruption.Held ignored = Interruption.runInHand()) {
                return runInHand();
            }
        }

        private Integer runInHand() {
            PrintWriterStream console = new PrintWriterStream(spec.commandLine().getOut());
            CommandSettings.checkSpringArguments(springArguments, spec);
            CommandSettings.checkOutFolder(this.out);
            CollectionLoader.Listing listing;
            try {
                listing = new CollectionLoader().list(collectionFolder);
            } catch (ManifestException e) {
                throw new UsageError("nothing was run: " + e.getMessage());
            }
            // The run's identity needs every file's sha256: hash while the folders are checked and Spring and the
            // database start, which use mostly one core, instead of before them.
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
            CommandSettings settings = CommandSettings.read(springArguments, spec);
            try {
                settings.indicators().requireRunnable(listing.indicatorIds(), listing.sourceKinds());
                listing.settings().requireForces(settings.forces()::isForce);
            } catch (ManifestException e) {
                throw new UsageError("nothing was run: " + e.getMessage());
            }
            try (ConfigurableApplicationContext ctx = startSpring(settings,
                    ". Nothing was published; the previous publication stands.")) {
                Collection collection;
                try {
                    collection = hashed.join();
                } catch (CompletionException e) {
                    if (e.getCause() instanceof UncheckedIOException io) {
                        throw new UsageError("nothing was run: " + io.getMessage()
                                + (io.getCause() == null ? "" : " (" + io.getCause() + ")"));
                    }
                    throw e;
                }
                try {
                    return ctx.getBean(CollectionRunner.class).run(collection, this.out, console.stream());
                } catch (RuntimeException e) {
                    throw new Failure("the run failed: " + settings.withoutSecrets(describe(e))
                            + ". Nothing was published; the previous publication stands.", e);
                }
            }
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

        /**
         * Checks the command line and the folders the Spring context reads (every command's context loads the force
         * reference list and the indicator definitions), then starts Spring and runs the command.
         */
        @Override
        public Integer call() throws Exception {
            CommandSettings settings = CommandSettings.read(springArguments, spec);
            check(settings);
            settings.forces();
            settings.indicators();
            try (ConfigurableApplicationContext ctx = startSpring(settings, "")) {
                try {
                    return call(ctx, console());
                } catch (UsageError | Failure e) {
                    throw e;
                } catch (RuntimeException e) {
                    if (unreachableDatabase(e)) throw cannotReach(settings, e, "");
                    throw new Failure(settings.withoutSecrets(describe(e)), e);
                }
            }
        }

        /** The command's own checks of its arguments, before Spring starts: throw {@link UsageError} for a wrong one. */
        void check(CommandSettings settings) {
        }

        abstract int call(ConfigurableApplicationContext ctx, PrintWriterStream out) throws Exception;
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            header = "Lists past runs.",
            description = {"Lists past runs: status, inputs, rows read, findings, duration and where",
                    "each was published."},
            footer = {"", "Exit status: 0 listed (also when there is no run yet); 2 a wrong command",
                    "line; 1 the database could not be reached."})
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
            header = "Shows what changed since the previous publication.",
            description = {"Compares the latest publication of a collection with the one before it:",
                    "values that changed, bands that changed, and forces that moved above or",
                    "below the band."},
            footer = {"", "Exit status: 0 compared, or nothing to compare yet (published once); 2 a",
                    "collection id that was never published, or a wrong command line; 1 the",
                    "database could not be reached."})
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
            if (outcome instanceof uk.forcecompare.jobs.RunHistory.ChangesOutcome.NeverPublished never) {
                throw new UsageError(never.reason());
            }
            return 0;
        }
    }

    @Command(name = "schedule", mixinStandardHelpOptions = true,
            header = "Runs every ready collection on a cron schedule.",
            description = {"Runs as a long-lived process that starts the collection run on a cron",
                    "schedule, for every collection folder under <collections folder> that is",
                    "ready (has collection.yml and no NOT-READY file) and has changed since its",
                    "last successful run. Manual 'run' works beside it."},
            footer = {"", "The default cron, \"0 0 6 1 4,10 *\", fires at 06:00 on 1 April and",
                    "1 October (seconds first, as Spring's cron expressions are). Example:",
                    "  schedule data/collections --cron \"0 30 7 * * MON\""})
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
        void check(CommandSettings settings) {
            try {
                org.springframework.scheduling.support.CronExpression.parse(cron);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--cron '" + cron + "' is not a cron expression: " + oneLine(e.getMessage()));
            }
            if (!Files.exists(root)) {
                throw new UsageError("the collections folder " + root + " does not exist");
            }
            if (!Files.isDirectory(root)) {
                throw new UsageError("the collections folder " + root + " is a file, not a folder");
            }
            CommandSettings.checkOutFolder(out);
        }

        @Override
        int call(ConfigurableApplicationContext ctx, PrintWriterStream console) throws Exception {
            ctx.getBean(uk.forcecompare.jobs.CollectionSchedule.class).run(root, out, cron, stopAfter, console.stream());
            return 0;
        }
    }

    @Command(name = "worker", mixinStandardHelpOptions = true,
            header = "Reads data.police.uk files for runs started elsewhere.",
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
        void check(CommandSettings settings) {
            String given = settings.property("force-compare.worker.threads");
            int threads = Runtime.getRuntime().availableProcessors();
            if (given != null) {
                try {
                    threads = Integer.parseInt(given.trim());
                } catch (NumberFormatException e) {
                    threads = 0;
                }
                if (threads <= 0) {
                    throw new UsageError("--force-compare.worker.threads=" + given
                            + " is not a number of partitions to run at once: give a whole number above 0");
                }
            }
            springArguments.add("--force-compare.workers.enabled=true");
            springArguments.add("--force-compare.role=worker");
            if (springArguments.stream().noneMatch(a -> a.startsWith("--spring.datasource.hikari.maximum-pool-size="))) {
                // per thread: the partition's lock session and its work; plus the presence session and the poller
                springArguments.add("--spring.datasource.hikari.maximum-pool-size=" + Math.max(6, 2 * threads + 3));
            }
        }

        @Override
        int call(ConfigurableApplicationContext ctx, PrintWriterStream out) {
            return ctx.getBean(uk.forcecompare.jobs.RemoteWorker.class).run(stopAfter, out.stream());
        }
    }

    @Command(name = "template", mixinStandardHelpOptions = true,
            header = "Writes the blank force data-return workbook.",
            description = {"Writes the blank force data-return workbook (Cover and Return sheets,",
                    "measure codes and descriptions, input cells formatted and validated) for a",
                    "force to fill in Excel or LibreOffice."},
            footer = {"", "Example:",
                    "  template --force Norfolk --collection 2024-spring --period FY2023/24 \\",
                    "    --out norfolk.xlsx",
                    "--force is matched against the force list in",
                    "--force-compare.reference-dir=<folder> (default data/reference).",
                    "Exit status: 0 written; 2 a wrong command line (--out a folder, --out a",
                    "file that exists without --overwrite, an unknown force); 1 the workbook",
                    "could not be written."})
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

        @Option(names = "--overwrite", description = "replace --out if it already exists")
        boolean overwrite;

        @CommandLine.Unmatched
        List<String> springArguments = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriterStream console = new PrintWriterStream(spec.commandLine().getOut());
            CommandSettings settings = CommandSettings.read(springArguments, spec);
            CommandSettings.checkOutFile(out);
            // the file is an Excel workbook whatever its name says: one named .csv would open as garbage
            if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx")) {
                throw new UsageError("--out " + out + " does not end in .xlsx: the template is an Excel workbook; give a file such as "
                        + out.resolveSibling(out.getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".xlsx"));
            }
            // the id goes on the cover and must match the collection.yml the return is read into
            if (collection != null && !CollectionLoader.isCollectionId(collection)) {
                throw new UsageError("--collection '" + collection + "' is not a collection id: it may contain only a-z, 0-9 and '-'"
                        + " (for example 2024-spring)");
            }
            // the file may be a return a force has filled in: replacing it with a blank template would lose that work
            if (Files.exists(out) && !overwrite) {
                throw new UsageError("--out " + out + " already exists; give another file, or add --overwrite to replace it");
            }
            uk.forcecompare.reference.Force f = null;
            // the reference list is read only to pre-fill a force, but a folder named on the command line must be right
            if (force != null || settings.given(CommandSettings.REFERENCE_DIR)) {
                ForceDirectory forces = settings.forces();
                if (force != null) {
                    if (forces.match(force) instanceof uk.forcecompare.reference.ForceMatch.Territorial t) {
                        f = t.force();
                    } else {
                        throw new UsageError("--force '" + force + "' is not one of the 43 forces of England and Wales");
                    }
                }
            }
            uk.forcecompare.collection.Period p = null;
            if (period != null) {
                try {
                    p = uk.forcecompare.collection.Period.parse(period);
                } catch (IllegalArgumentException e) {
                    throw new UsageError("--period: " + oneLine(e.getMessage()));
                }
            }
            uk.forcecompare.sources.ForceReturnTemplate.write(out, collection, f, p);
            console.println("Wrote the force data-return template to " + out.toAbsolutePath());
            return 0;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            header = "Checks files against the rules of a run, without one.",
            description = {"Checks a force return, a published table, or a whole collection folder",
                    "against the same rules as a run, without running the comparison and without",
                    "a database. Prints every finding; with --out, also writes",
                    "validation-log.csv and validation-report.html there."},
            footer = {"", "Exit status: 0 clean (information only); 3 errors or warnings found;",
                    "2 unusable (unreadable file, unknown kind, broken manifest) or a wrong",
                    "command line (no such target, --out a file, no reference or indicators",
                    "folder).",
                    "The forces and the indicators are read from",
                    "  --force-compare.reference-dir=<folder> (default data/reference) and",
                    "  --force-compare.indicators-dir=<folder> (default jobs/indicators).",
                    "Example: validate returns/norfolk.xlsx"})
    static final class ValidateCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<file or folder>")
        Path target;

        @Option(names = "--out", paramLabel = "<folder>", description = "write validation-log.csv and validation-report.html here")
        Path out;

        @CommandLine.Unmatched
        List<String> springArguments = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriterStream console = new PrintWriterStream(spec.commandLine().getOut());
            CommandSettings settings = CommandSettings.read(springArguments, spec);
            if (!Files.exists(target)) {
                throw new UsageError(target + " does not exist");
            }
            if (out != null) {
                CommandSettings.checkOutFolder(out);
            }
            ForceDirectory forces = settings.forces();
            IndicatorCatalogue catalogue = settings.indicators();
            uk.forcecompare.jobs.Validator.Report report;
            try {
                report = new uk.forcecompare.jobs.Validator(forces, catalogue).validate(target);
            } catch (ManifestException e) {
                throw new UsageError("cannot validate: " + e.getMessage());
            }
            long errors = report.findings().stream().filter(f -> f.severity() == uk.forcecompare.validation.Severity.ERROR).count();
            long warnings = report.findings().stream().filter(f -> f.severity() == uk.forcecompare.validation.Severity.WARNING).count();
            for (var f : report.findings()) {
                console.println(String.format("%-7s %-32s %-28s %-14s %s", f.severity().label(), f.rule().id(), f.sourceFile(),
                        f.location(), f.message()));
            }
            console.println(report.files() + (report.files() == 1 ? " file" : " files") + " checked: " + errors
                    + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning, " : " warnings, ")
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

    /**
     * Starts the command's Spring context. Spring's own report of a failed start (the exception, logged in full twice)
     * is kept off the console: the command reports it in one line, {@code then} after it, and exits 1.
     */
    static ConfigurableApplicationContext startSpring(CommandSettings settings, String then) {
        SpringApplication app = new SpringApplication(ForceCompareApplication.class);
        app.addListeners(new uk.forcecompare.database.EmbeddedDatabaseConfiguration.EarlyStart());
        Properties quiet = new Properties();
        quiet.setProperty("logging.level.org.springframework.boot.SpringApplication", "OFF");
        quiet.setProperty("logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext", "ERROR");
        // Logback stopped by a shutdown hook answers whatever logs after it (the work a signal interrupts, as the pool
        // closes under it) with "No appenders present" on stderr; a console appender has nothing to flush at exit
        quiet.setProperty("logging.register-shutdown-hook", "false");
        app.setDefaultProperties(quiet);
        settings.checkDatabaseUrl();
        springLogging = true;
        try {
            return app.run(settings.springArguments());
        } catch (RuntimeException e) {
            if (unreachableDatabase(e)) throw cannotReach(settings, e, then);
            if (settings.property("spring.datasource.url") == null && thrownBy(e, uk.forcecompare.database.EmbeddedDatabase.class)) {
                throw new Failure("cannot start " + settings.database() + ": " + settings.withoutSecrets(describe(e)) + then, e);
            }
            throw new Failure("could not start: " + settings.withoutSecrets(describe(e)) + then, e);
        }
    }

    /** The one line for a database that refused or failed to connect, at start-up or later. */
    private static Failure cannotReach(CommandSettings settings, RuntimeException e, String then) {
        return new Failure("cannot reach " + settings.database() + ": " + settings.withoutSecrets(describe(e)) + then, e);
    }

    /** Whether a failure is the database refusing or failing to connect (SQL states 08 connection, 28 authorisation, 3D no such database). */
    static boolean unreachableDatabase(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.jdbc.CannotGetJdbcConnectionException) return true;
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28")
                    || sql.getSQLState().startsWith("3D") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a class of ours threw the failure or one of its causes. */
    private static boolean thrownBy(Throwable e, Class<?> origin) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith(origin.getName())) return true;
            }
        }
        return false;
    }

    /** Why something failed, in one line: the innermost cause's message ("Connection refused"). */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = oneLine(root.getMessage());
        if (root instanceof java.nio.file.FileSystemException fs) {
            String reason = fs.getReason() != null ? fs.getReason()
                    : root.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
            message = reason + ": " + fs.getFile();
        } else if (root instanceof java.net.UnknownHostException) {
            message = "unknown host " + message;
        } else if (root instanceof ClassNotFoundException) {
            message = "no class " + message + " on the class path";
        } else if (message.isEmpty()) {
            message = root.getClass().getSimpleName();
        }
        // what the outer exception says (e.g. "cannot write the force return template x.xlsx") when it says more
        if (e instanceof UncheckedIOException && e.getMessage() != null && e.getCause() != null
                && !e.getMessage().equals(e.getCause().toString())) {
            message = oneLine(e.getMessage()) + ": " + message;
        }
        return message;
    }

    /** The first line of a message, without a closing full stop: Flyway's and PostgreSQL's run to several. */
    static String oneLine(String message) {
        return CollectionRunner.oneLine(message);
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
