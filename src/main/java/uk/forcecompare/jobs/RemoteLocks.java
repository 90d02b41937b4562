package uk.forcecompare.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The PostgreSQL session advisory locks of remote partitioning. They die with the session of a process that is
 * killed, so they tell the manager, without any heartbeat table, which worker is alive and which partition is
 * really being worked on:
 * <ul>
 * <li>a partition lock, held by the worker that runs a partition for as long as it runs it, keyed on the run and
 * the partition's name (not the step execution id, so that a partition re-sent on a rerun cannot start while a
 * worker of an earlier attempt still writes the same files);</li>
 * <li>a shared presence lock, held by every connected worker for its lifetime, its session named after the worker
 * ({@code application_name}), so the manager can count and name the workers;</li>
 * <li>the run lock of {@link RunLock}, held by the manager: a worker runs nothing for a manager that is gone.</li>
 * </ul>
 * Keys are hashed together with the current schema, so runs in two schemas of one database do not see each other.
 * The manager only reads pg_locks and never takes a worker's lock, so it cannot get in a worker's way.
 */
final class RemoteLocks {

    static final String APPLICATION_NAME_PREFIX = "force-compare worker ";

    private static final String DATABASE = "l.locktype = 'advisory' and l.granted"
            + " and l.database = (select oid from pg_database where datname = current_database())";

    private RemoteLocks() {
    }

    static String partitionKey(long runId, String stepName) {
        return runId + ":" + stepName;
    }

    /** Takes the partition lock on the worker's own connection; false while another session holds it. */
    static boolean tryLockPartition(Connection c, String partitionKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select pg_try_advisory_lock(hashtext('force-compare:partition:' || current_schema()), hashtext(?))")) {
            ps.setString(1, partitionKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static void unlockPartition(Connection c, String partitionKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select pg_advisory_unlock(hashtext('force-compare:partition:' || current_schema()), hashtext(?))")) {
            ps.setString(1, partitionKey);
            ps.executeQuery().close();
        }
    }

    /** Whether some session holds the partition lock. */
    static boolean partitionLocked(JdbcTemplate jdbc, String partitionKey) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists(select 1 from pg_locks l where " + DATABASE
                + " and l.objsubid = 2"
                + " and l.classid = (hashtext('force-compare:partition:' || current_schema())::bigint & 4294967295)::oid"
                + " and l.objid = (hashtext(?)::bigint & 4294967295)::oid)", Boolean.class, partitionKey));
    }

    /** Announces a worker: its session is named after it and holds the shared presence lock until it closes. */
    static void announce(Connection c, String workerName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select set_config('application_name', ?, false)")) {
            String name = APPLICATION_NAME_PREFIX + workerName;
            ps.setString(1, name.length() > 63 ? name.substring(0, 63) : name);
            ps.executeQuery().close();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "select pg_advisory_lock_shared(hashtext('force-compare:workers:' || current_schema()), 0)")) {
            ps.executeQuery().close();
        }
    }

    /** The names of the workers connected now. */
    static List<String> workers(JdbcTemplate jdbc) {
        List<String> names = new ArrayList<>(jdbc.queryForList("select a.application_name from pg_locks l"
                + " join pg_stat_activity a on a.pid = l.pid where " + DATABASE + " and l.objsubid = 2"
                + " and l.classid = (hashtext('force-compare:workers:' || current_schema())::bigint & 4294967295)::oid"
                + " and l.objid = 0 order by 1", String.class));
        names.replaceAll(n -> n != null && n.startsWith(APPLICATION_NAME_PREFIX) ? n.substring(APPLICATION_NAME_PREFIX.length()) : n);
        return names;
    }

    /** Whether the manager of a run still holds its {@link RunLock} (a one-argument, bigint advisory lock). */
    static boolean managerAlive(JdbcTemplate jdbc, String collectionId, String outputRoot) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists(select 1 from pg_locks l where " + DATABASE
                + " and l.objsubid = 1"
                + " and l.classid = ((hashtext(?)::bigint >> 32) & 4294967295)::oid"
                + " and l.objid = (hashtext(?)::bigint & 4294967295)::oid)", Boolean.class,
                RunLock.key(collectionId, outputRoot), RunLock.key(collectionId, outputRoot)));
    }
}
