package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two job databases publishing into one output root (two analysts' checkouts, or the embedded database beside an
 * external one) each number their runs from 1. Before, the second's run 1 was staged in the first's live run-1
 * folder: deleted and rewritten under readers, and half-written if killed. Each database's folders now carry its tag.
 */
class SharedOutputRootTest {

    @TempDir
    Path out;

    private final List<String> schemas = new ArrayList<>();

    @AfterEach
    void dropSchemas() throws Exception {
        try (Connection c = DriverManager.getConnection(ChildProcess.databaseUrl(), "postgres", null); Statement st = c.createStatement()) {
            for (String s : schemas) st.execute("drop schema if exists " + s + " cascade");
        }
    }

    private String[] inSchema(String schema, String... args) throws Exception {
        try (Connection c = DriverManager.getConnection(ChildProcess.databaseUrl(), "postgres", null); Statement st = c.createStatement()) {
            st.execute("create schema " + schema);
        }
        schemas.add(schema);
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--spring.datasource.url=" + ChildProcess.databaseUrl() + "&currentSchema=" + schema,
                "--spring.datasource.username=postgres", "--spring.flyway.schemas=" + schema, "--spring.flyway.default-schema=" + schema));
        return all.toArray(String[]::new);
    }

    @Test
    void twoDatabasesRunOneNeverWriteIntoEachOthersFolder() throws Exception {
        String a = "fc_root_a_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String b = "fc_root_b_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        CommandLineRuns.Outcome first = CommandLineRuns.runExactly(inSchema(a, "run", "data/sample/2024-spring", "--out", out.toString()));
        assertThat(first.exitStatus()).as(first.output()).isZero();
        assertThat(first.output()).contains("(run 1,");
        Path firstFolder = out.resolve("2024-spring").toRealPath();

        CommandLineRuns.Outcome second = CommandLineRuns.runExactly(inSchema(b, "run", "data/sample/2024-spring", "--out", out.toString()));
        assertThat(second.exitStatus()).as(second.output()).isZero();
        assertThat(second.output()).contains("(run 1,");
        Path secondFolder = out.resolve("2024-spring").toRealPath();

        // both are run 1 of their database, in folders of their own
        assertThat(firstFolder.getFileName().toString()).matches("2024-spring-run1-[0-9a-f]{8}");
        assertThat(secondFolder.getFileName().toString()).matches("2024-spring-run1-[0-9a-f]{8}");
        assertThat(secondFolder).isNotEqualTo(firstFolder);
        assertThat(secondFolder.resolve("indicators.csv")).exists();
        // the replaced publication's folder is cleared away; only the live one stays
        try (var folders = Files.list(out.resolve(".publications"))) {
            assertThat(folders.map(p -> p.getFileName().toString()).toList()).containsExactly(secondFolder.getFileName().toString());
        }
    }

    @Test
    void anOutputRootReachedThroughALinkIsTheSameRoot(@TempDir Path links) throws Exception {
        CommandLineRuns.Outcome first = CommandLineRuns.run("run", "data/sample/2024-spring", "--out", out.toString());
        assertThat(first.exitStatus()).as(first.output()).isZero();
        Path link = Files.createSymbolicLink(links.resolve("charts-link"), out);
        CommandLineRuns.Outcome again = CommandLineRuns.run("run", "data/sample/2024-spring", "--out", link.toString());
        assertThat(again.exitStatus()).as(again.output()).isZero();
        assertThat(again.output()).contains("already published by run").contains("in " + out.toRealPath().resolve("2024-spring"));
    }
}
