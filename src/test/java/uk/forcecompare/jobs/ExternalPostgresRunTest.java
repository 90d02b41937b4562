package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same job on an external PostgreSQL, through the standard Spring properties, as a role that owns only its
 * own schema, and with its password never printed.
 */
class ExternalPostgresRunTest {

    @TempDir
    Path out;

    @Test
    void theSampleRunsOnAnExternalServerWithARoleOwningOnlyItsSchema() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String role = "fc_it_" + suffix, schema = "fc_it_" + suffix, password = "pw-" + UUID.randomUUID();
        try (Connection admin = ExternalPostgres.connectAsPostgres(); Statement st = admin.createStatement()) {
            st.execute("create role " + role + " login password '" + password + "'");
            st.execute("create schema " + schema + " authorization " + role);
            try {
                CommandLineRuns.Outcome o = CommandLineRuns.run("run", "data/sample/2024-spring", "--out", out.toString(),
                        "--spring.datasource.url=" + ExternalPostgres.URL + "?currentSchema=" + schema,
                        "--spring.datasource.username=" + role, "--spring.datasource.password=" + password,
                        "--spring.flyway.schemas=" + schema, "--spring.flyway.default-schema=" + schema);
                assertThat(o.exitStatus()).as(o.output()).isZero();
                assertThat(o.output()).doesNotContain(password);
                ExpectedIndicators.assertMatches(out.resolve("2024-spring/indicators.csv"),
                        Path.of("src/test/resources/collections/sample-2024-spring-expected-indicators.csv"));
                try (var rs = st.executeQuery("select count(*) from " + schema + ".batch_job_instance")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(1);
                }
                try (var rs = st.executeQuery("select count(*) from information_schema.tables where table_schema = 'public' and table_name = 'observation'")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("nothing is written outside the role's own schema").isZero();
                }
                assertThat(Files.readString(out.resolve("2024-spring/run.json"))).doesNotContain(password);
            } finally {
                st.execute("drop schema " + schema + " cascade");
                st.execute("drop role " + role);
            }
        }
    }
}
