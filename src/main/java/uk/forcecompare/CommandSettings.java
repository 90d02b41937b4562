package uk.forcecompare;

import static uk.forcecompare.ForceCompare.describe;
import static uk.forcecompare.ForceCompare.oneLine;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.config.ConfigDataException;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import picocli.CommandLine;
import uk.forcecompare.ForceCompare.UsageError;
import uk.forcecompare.collection.ManifestException;
import uk.forcecompare.indicators.IndicatorCatalogue;
import uk.forcecompare.reference.ForceDirectory;

/**
 * The properties a command reads, and the folders they name, checked before anything starts. They are read as a
 * Spring context reads them (the command line, Java system properties, environment variables such as
 * FORCE_COMPARE_REFERENCE_DIR, application.properties and any config file beside it), by every command, so that
 * {@code validate} and {@code template}, which start no context, read the same folders a {@code run} would.
 */
final class CommandSettings {
    static final String REFERENCE_DIR = "force-compare.reference-dir";
    static final String INDICATORS_DIR = "force-compare.indicators-dir";

    private final List<String> springArguments;
    private final UnaryOperator<String> lookup;

    private CommandSettings(List<String> springArguments, UnaryOperator<String> lookup) {
        this.springArguments = springArguments;
        this.lookup = lookup;
    }

    /** Only Spring properties may follow a command's own options: anything else is a wrong command line. */
    static void checkSpringArguments(List<String> springArguments, CommandLine.Model.CommandSpec spec) {
        for (String a : springArguments) {
            if (!a.startsWith("-")) {
                throw new UsageError("unexpected argument '" + a + "' (" + spec.qualifiedName() + " --help shows the usage)");
            }
            if (!a.startsWith("--spring.") && !a.startsWith("--force-compare.") && !a.startsWith("--logging.")) {
                throw new UsageError("unknown option " + a + " (" + spec.qualifiedName() + " --help shows the usage)");
            }
        }
    }

    static CommandSettings read(List<String> springArguments, CommandLine.Model.CommandSpec spec) {
        checkSpringArguments(springArguments, spec);
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(springArguments.toArray(String[]::new)));
        try {
            ConfigDataEnvironmentPostProcessor.applyTo(environment);
        } catch (ConfigDataException e) {
            // e.g. --spring.config.location naming a file that is not there
            throw new UsageError("cannot read the configuration: " + oneLine(e.getMessage()));
        }
        ConfigurationPropertySources.attach(environment);
        return new CommandSettings(springArguments, environment::getProperty);
    }

    /** The Spring properties as given, for the context to read. */
    String[] springArguments() {
        return springArguments.toArray(String[]::new);
    }

    String property(String key) {
        String value = lookup.apply(key);
        return value == null || value.isBlank() ? null : value;
    }

    /** Whether the command line itself names this property. */
    boolean given(String key) {
        return springArguments.stream().anyMatch(a -> a.startsWith("--" + key + "="));
    }

    /** The force reference list, read from its folder; a missing or unusable folder is a wrong command line. */
    ForceDirectory forces() {
        Path dir = folder(REFERENCE_DIR, "reference folder");
        for (String file : List.of("forces.csv", "not-territorial-forces.csv")) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new UsageError(name(REFERENCE_DIR, "reference folder", dir) + " has no " + file);
            }
        }
        try {
            return ForceDirectory.load(dir);
        } catch (RuntimeException e) {
            throw new UsageError(name(REFERENCE_DIR, "reference folder", dir) + " cannot be read: " + describe(e));
        }
    }

    /** The indicator definitions, read from their folder; a missing or unusable folder is a wrong command line. */
    IndicatorCatalogue indicators() {
        Path dir = folder(INDICATORS_DIR, "indicators folder");
        IndicatorCatalogue catalogue;
        try {
            catalogue = IndicatorCatalogue.load(dir);
        } catch (RuntimeException e) {
            throw new UsageError(name(INDICATORS_DIR, "indicators folder", dir) + " cannot be read: " + oneLine(
                    e instanceof ManifestException ? e.getMessage() : describe(e)));
        }
        if (catalogue.all().isEmpty()) {
            throw new UsageError(name(INDICATORS_DIR, "indicators folder", dir) + " holds no indicator definitions (<id>.yml)");
        }
        return catalogue;
    }

    private Path folder(String key, String what) {
        String value = property(key);
        if (value == null) {
            throw new UsageError("no " + what + " is set: give one with --" + key + "=<folder>");
        }
        Path dir;
        try {
            dir = Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageError("the " + what + " '" + value + "' (--" + key + ") is not a path: " + e.getReason());
        }
        if (!Files.exists(dir)) {
            throw new UsageError(name(key, what, dir) + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new UsageError(name(key, what, dir) + " is a file, not a folder");
        }
        return dir;
    }

    private static String name(String key, String what, Path dir) {
        return "the " + what + " " + dir + " (--" + key + ")";
    }

    /** The database the context will use, named as the user would recognise it. */
    String database() {
        String url = property("spring.datasource.url");
        return url != null ? "the database at " + withoutCredentials(url)
                : "the embedded database in " + property("force-compare.database.dir");
    }

    /** A JDBC URL as it may be shown: without user information or query parameters, either of which may hold a password. */
    static String withoutCredentials(String url) {
        String shown = url.replaceFirst("^(jdbc:[a-z0-9]+://)[^/@?]*@", "$1");
        int query = shown.indexOf('?');
        return query < 0 ? shown : shown.substring(0, query);
    }

    /**
     * A line about a failure as it may be shown: without the user and password, which a driver's or a library's
     * message may repeat from the URL it was given ("unknown host bob:s3cret@127.0.0.1") or from the settings. The user
     * information of any URL and user= and password= parameters go; a user or role the server names in quotes
     * ({@code role "fc" does not exist}) shows as "***". A password is never put in stars where it stands in the text:
     * one that is an ordinary word ("not") would give itself away by the gap it leaves in "database nodb does ***
     * exist", and a user's name that is also a database's would hide which database was meant. So a cause that still
     * holds the configured password, or a part of a URL's user information, is withheld whole.
     */
    String withoutSecrets(String line) {
        String shown = line.replaceAll("(?i)\\b([a-z][a-z0-9+.-]*://)[^\\s/@?#]*@", "$1")
                .replaceAll("(?i)\\b(user|password)=[^&;,\\s)]*", "$1=***")
                .replaceAll("(?i)\\b(role|user) \"[^\"]*\"", "$1 \"***\"");
        List<String> secrets = new java.util.ArrayList<>();
        String url = property("spring.datasource.url");
        if (url != null) {
            java.util.regex.Matcher userInfo = java.util.regex.Pattern.compile("//([^/@?#]*)@").matcher(url);
            if (userInfo.find()) {
                // pgjdbc takes "bob:s3cret@127.0.0.1" for the host: drop it whole first, then look for its parts
                shown = shown.replace(userInfo.group(1) + "@", "");
                secrets.addAll(List.of(userInfo.group(1).split(":", 2)));
            }
            java.util.regex.Matcher parameter = java.util.regex.Pattern.compile("(?i)[?&;]password=([^&;]*)").matcher(url);
            while (parameter.find()) secrets.add(parameter.group(1));
        }
        String password = property("spring.datasource.password");
        if (password != null) secrets.add(password);
        for (String secret : secrets) {
            // whole values only: a password "fc" is not in "jdbc"
            if (!secret.isBlank() && java.util.regex.Pattern.compile("(?<![A-Za-z0-9])" + java.util.regex.Pattern.quote(secret)
                    + "(?![A-Za-z0-9])").matcher(shown).find()) {
                return "the cause is withheld because it repeats the database user's credentials";
            }
        }
        return shown;
    }

    /**
     * The PostgreSQL driver takes no user or password before the host: it reads "bob:s3cret@127.0.0.1" as a host
     * name, and says so, password and all, in its error and in a log line it writes before any of ours could hide it.
     * Such a URL is a wrong command line, refused before the driver sees it.
     */
    void checkDatabaseUrl() {
        String url = property("spring.datasource.url");
        if (url != null && url.startsWith("jdbc:postgresql:") && url.matches("jdbc:postgresql://[^/?#]*@.*")) {
            throw new UsageError("spring.datasource.url " + withoutCredentials(url) + " names a user before the host,"
                    + " which the PostgreSQL driver does not accept: give the user and password as"
                    + " --spring.datasource.username and --spring.datasource.password");
        }
    }

    /** --out names a folder to write into: it may be missing, but not a file, nor under one. */
    static void checkOutFolder(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageError("--out " + out + " is a file, not a folder");
        }
        checkCanBeCreated(out);
    }

    /** --out names a file to write: it may be missing, but not a folder, nor under a file. */
    static void checkOutFile(Path out) {
        if (Files.isDirectory(out)) {
            throw new UsageError("--out " + out + " is a folder: give the file to write, e.g. "
                    + out.resolve("return.xlsx"));
        }
        checkCanBeCreated(out);
    }

    private static void checkCanBeCreated(Path out) {
        for (Path p = out.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new UsageError("--out " + out + " cannot be created: " + p + " is a file, not a folder");
                }
                return;
            }
        }
    }
}
