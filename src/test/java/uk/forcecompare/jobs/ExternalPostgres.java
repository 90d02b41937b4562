package uk.forcecompare.jobs;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The machine's PostgreSQL server (127.0.0.1:5432, trust auth, database test). In CI (CI set) a server that is
 * down is started, and a failure to reach it fails the test; elsewhere the test is skipped with a message.
 */
final class ExternalPostgres {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private ExternalPostgres() {
    }

    static Connection connectAsPostgres() throws Exception {
        try {
            return DriverManager.getConnection(URL, "postgres", null);
        } catch (SQLException down) {
            boolean ci = System.getenv("CI") != null;
            if (!ci) {
                Assumptions.abort("Skipped: no PostgreSQL at 127.0.0.1:5432 (database test) and CI is not set; "
                        + "start one, or set CI=true to have this test start the machine's server (" + down.getMessage() + ")");
            }
            Process p = new ProcessBuilder("bash", "-c",
                    "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | tail -n 1) main start").inheritIO().start();
            p.waitFor(60, TimeUnit.SECONDS);
            for (int i = 0; i < 30; i++) {
                try {
                    return DriverManager.getConnection(URL, "postgres", null);
                } catch (SQLException stillDown) {
                    Thread.sleep(1000);
                }
            }
            throw new IllegalStateException("CI: the PostgreSQL server at 127.0.0.1:5432 could not be started", down);
        }
    }
}
