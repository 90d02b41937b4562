package uk.forcecompare.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * A PostgreSQL session-level advisory lock per collection and output root. The database decides who may
 * write, not a file: the lock dies with the session of a killed process, so a crash never leaves it behind.
 */
@Component
class RunLock {

    private final DataSource dataSource;

    RunLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The held lock, or empty when another process holds it. */
    Optional<Held> tryAcquire(String collectionId, String outputRoot) throws SQLException {
        Connection c = dataSource.getConnection();
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
            ps.setString(1, key(collectionId, outputRoot));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) return Optional.of(new Held(c));
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        c.close();
        return Optional.empty();
    }

    /** The text whose hashtext is the lock: remote workers look for it in pg_locks to tell whether a run's manager is alive. */
    static String key(String collectionId, String outputRoot) {
        return "force-compare:" + collectionId + ":" + outputRoot;
    }

    static final class Held implements AutoCloseable {
        private final Connection connection;

        private Held(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() {
            try (connection; var st = connection.createStatement()) {
                st.execute("select pg_advisory_unlock_all()");
            } catch (SQLException e) {
                // the session ends with the connection, which releases the lock anyway
            }
        }
    }
}
