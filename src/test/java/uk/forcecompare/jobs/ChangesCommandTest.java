package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code changes} answers every case with a line and an exit status: an id never published (or an {@code --against}
 * never published) is a wrong command, exit 2; a collection published once with nothing before it is "nothing to
 * compare yet", exit 0; two publications give the values and bands that changed, exit 0. It works in a schema of
 * its own on the suite's embedded PostgreSQL, so other tests' publications never count as "earlier".
 */
class ChangesCommandTest {

    @TempDir
    Path out;

    private String schema;

    @BeforeEach
    void throwawaySchema() throws Exception {
        schema = "fc_changes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("create schema " + schema);
        }
    }

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("drop schema if exists " + schema + " cascade");
        }
    }

    @Test
    void unknownIdsExitTwoOnePublicationIsNothingToCompareTwoAreCompared() throws Exception {
        // nothing at all in the schema yet: any id is unknown
        CommandLineRuns.Outcome unknown = changes("no-such-collection");
        assertThat(unknown.exitStatus()).as(unknown.output()).isEqualTo(2);
        assertThat(lines(unknown.output())).hasSize(1);
        assertThat(unknown.output()).contains("no-such-collection has never been published");

        CommandLineRuns.Outcome run = CommandLineRuns.runExactly(withDatabase("run", "data/sample/2024-spring", "--out", out.toString()));
        assertThat(run.exitStatus()).as(run.output()).isZero();
        long sampleRun = queryLong("select run_id from " + schema + ".publication where collection_id = '2024-spring'");

        // published once, and nothing published before it
        CommandLineRuns.Outcome once = changes("2024-spring");
        assertThat(once.exitStatus()).as(once.output()).isZero();
        assertThat(lines(once.output())).hasSize(1);
        assertThat(once.output()).containsIgnoringCase("nothing to compare yet").contains("2024-spring").contains("run " + sampleRun);

        // --against itself: its own publication before the latest, of which there is none (never itself against itself)
        CommandLineRuns.Outcome itself = changes("2024-spring", "--against", "2024-spring");
        assertThat(itself.exitStatus()).as(itself.output()).isZero();
        assertThat(lines(itself.output())).containsExactly(
                "Nothing to compare yet: 2024-spring has been published once (run " + sampleRun + ").");

        // --against a collection never published: a wrong command, naming that id, whatever the first id is
        CommandLineRuns.Outcome againstUnknown = changes("2024-spring", "--against", "2019-autumn");
        assertThat(againstUnknown.exitStatus()).as(againstUnknown.output()).isEqualTo(2);
        assertThat(lines(againstUnknown.output())).hasSize(1);
        assertThat(againstUnknown.output()).contains("2019-autumn has never been published");
        CommandLineRuns.Outcome bothUnknown = changes("2018-spring", "--against", "2024-spring");
        assertThat(bothUnknown.exitStatus()).isEqualTo(2);
        assertThat(bothUnknown.output()).contains("2018-spring has never been published");

        // an earlier publication of another collection: the sample's values, but Norfolk's 999 answer rate was 80
        // (band within, as now) and Cumbria's band was within (now above, with the same value)
        long earlierRun = sampleRun + 1000;
        try (Connection c = connect(); Statement st = c.createStatement()) {
            copyPublication(st, sampleRun, earlierRun, "'2023-autumn'", "'/nowhere/2023-autumn'");
            assertThat(st.executeUpdate("update indicator_value set value = 80.0 where run_id = " + earlierRun
                    + " and indicator_id = 'calls-999-answered-within-10s' and force_code = 'E23000024'")).isEqualTo(1);
            assertThat(st.executeUpdate("update indicator_value set band = 'within' where run_id = " + earlierRun
                    + " and indicator_id = 'calls-999-answered-within-10s' and force_code = 'E23000002'")).isEqualTo(1);
            // a value only the earlier publication has is not a change
            st.execute("insert into indicator_value (run_id, indicator_id, period, force_code, value, band) values ("
                    + earlierRun + ", 'retired-indicator', '2022', 'E23000024', 1.0, 'within')");
        }
        // Norfolk now: 169,570 of 194,685 calls answered within 10 s; Cumbria: 72,220 of 74,910 (the sample's returns)
        // shown to the indicator's one decimal place, as on its chart: 87.0997... and 96.4090...
        String norfolkNow = String.format(Locale.ROOT, "%.1f", 100.0 * 169_570 / 194_685);
        String cumbriaNow = String.format(Locale.ROOT, "%.1f", 100.0 * 72_220 / 74_910);
        assertThat(norfolkNow).isEqualTo("87.1");
        assertThat(cumbriaNow).isEqualTo("96.4");

        for (String[] args : List.of(new String[] {"2024-spring"}, new String[] {"2024-spring", "--against", "2023-autumn"})) {
            CommandLineRuns.Outcome compared = changes(args);
            assertThat(compared.exitStatus()).as(compared.output()).isZero();
            List<String> lines = lines(compared.output());
            assertThat(lines).hasSize(4);
            // each run with its collection: against another collection, "run N" alone does not say which
            assertThat(lines.get(0)).isEqualTo("Changes from run " + earlierRun + " (2023-autumn) to run " + sampleRun
                    + " (2024-spring): 1 value changed, 1 band changed.");
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("calls-999-answered-within-10s").contains("Norfolk")
                    .contains("80.0 -> " + norfolkNow).doesNotContain("band"));
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("calls-999-answered-within-10s").contains("Cumbria")
                    .contains(cumbriaNow + " -> " + cumbriaNow).contains("band within -> above  (moved above)"));
            // the earlier one went to /nowhere: both are current, and a report author may be reading the other
            assertThat(lines.get(3)).isEqualTo("The two were published under different output folders: run " + earlierRun
                    + " under /nowhere, run " + sampleRun + " under " + out + ".");
        }
    }

    @Test
    void historySaysWhichRunAFolderNowHolds(@TempDir Path changed) throws Exception {
        CommandLineRuns.Outcome first = CommandLineRuns.runExactly(withDatabase("run", "data/sample/2024-spring", "--out", out.toString()));
        assertThat(first.exitStatus()).as(first.output()).isZero();
        // the same collection with its 999 rows in another order, published into the same folder
        RestartAfterCrashTest.copyTree(java.nio.file.Path.of("data/sample/2024-spring"), changed);
        java.nio.file.Path calls = changed.resolve("bt/999-calls-2023.csv");
        List<String> rows = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(calls));
        rows.add(1, rows.remove(rows.size() - 1)); // same rows, another order: other bytes, so another run
        java.nio.file.Files.write(calls, rows);
        CommandLineRuns.Outcome second = CommandLineRuns.runExactly(withDatabase("run", changed.toString(), "--out", out.toString()));
        assertThat(second.exitStatus()).as(second.output()).isZero();
        long firstRun = queryLong("select min(run_id) from " + schema + ".publication");
        long secondRun = queryLong("select max(run_id) from " + schema + ".publication");
        assertThat(secondRun).isGreaterThan(firstRun);

        CommandLineRuns.Outcome history = CommandLineRuns.runExactly(withDatabase("history", "--collection", "2024-spring"));
        assertThat(history.exitStatus()).as(history.output()).isZero();
        assertThat(lines(history.output())).anySatisfy(l -> assertThat(l).startsWith(firstRun + " ")
                .endsWith("(now holds run " + secondRun + ")"));
        assertThat(lines(history.output())).anySatisfy(l -> assertThat(l).startsWith(secondRun + " ")
                .doesNotContain("now holds"));
    }

    @Test
    void anEditedDefinitionIsNamedWithTheSettingsThatMoved(@TempDir Path indicators) throws Exception {
        RestartAfterCrashTest.copyTree(Path.of("jobs/indicators"), indicators);
        String dir = "--force-compare.indicators-dir=" + indicators;
        CommandLineRuns.Outcome first = CommandLineRuns.runExactly(withDatabase("run", "data/sample/2024-spring", "--out",
                out.toString(), dir));
        assertThat(first.exitStatus()).as(first.output()).isZero();
        Path yml = indicators.resolve("calls-999-answered-within-10s.yml");
        String text = java.nio.file.Files.readString(yml);
        assertThat(text).contains("\ndecimals: 1\n").contains("\ntarget: 90\n");
        java.nio.file.Files.writeString(yml, text.replace("\ndecimals: 1\n", "\ndecimals: 0\n")
                .replace("\ntarget: 90\n", "\ntarget: 85\n"));
        CommandLineRuns.Outcome second = CommandLineRuns.runExactly(withDatabase("run", "data/sample/2024-spring", "--out",
                out.toString(), dir));
        assertThat(second.exitStatus()).as(second.output()).isZero();
        long firstRun = queryLong("select min(run_id) from " + schema + ".publication");
        long secondRun = queryLong("select max(run_id) from " + schema + ".publication");
        assertThat(secondRun).isGreaterThan(firstRun);

        // the same inputs, so no value moved; what did is in the definition
        CommandLineRuns.Outcome changes = changes("2024-spring");
        assertThat(changes.exitStatus()).as(changes.output()).isZero();
        assertThat(lines(changes.output())).containsExactly(
                "Changes from run " + firstRun + " (2024-spring) to run " + secondRun + " (2024-spring): 0 values changed, "
                        + "0 bands changed.",
                "Definition changed: calls-999-answered-within-10s: decimals 1 -> 0; target 90 -> 85");

        var runJson = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(out.resolve("2024-spring/run.json").toFile());
        assertThat(runJson.path("changed_since_run_" + firstRun).path("definitions").get(0).asString())
                .isEqualTo("calls-999-answered-within-10s: decimals 1 -> 0; target 90 -> 85");
        assertThat(runJson.path("changed_since_run_" + firstRun).path("definitions").size()).isEqualTo(1);
        var definition = runJson.path("settings").path("indicator_definitions").path("calls-999-answered-within-10s");
        assertThat(definition.path("decimals").asString()).isEqualTo("0");
        assertThat(definition.path("target").asString()).isEqualTo("85");
        assertThat(definition.path("numerator").asString()).isEqualTo("CALLS_999_ANSWERED_UNDER_10S");
        assertThat(definition.path("plausible-range").asString()).isEqualTo("30 to 100");
    }

    @Test
    void againstItselfComparesTheLatestPublicationWithTheOneBefore() throws Exception {
        CommandLineRuns.Outcome run = CommandLineRuns.runExactly(withDatabase("run", "data/sample/2024-spring", "--out", out.toString()));
        assertThat(run.exitStatus()).as(run.output()).isZero();
        long sampleRun = queryLong("select run_id from " + schema + ".publication where collection_id = '2024-spring'");
        // an earlier publication of the same collection in which Norfolk's 999 answer rate was 80
        long earlierRun = sampleRun + 1000;
        try (Connection c = connect(); Statement st = c.createStatement()) {
            copyPublication(st, sampleRun, earlierRun, "collection_id", "output_folder");
            assertThat(st.executeUpdate("update indicator_value set value = 80.0 where run_id = " + earlierRun
                    + " and indicator_id = 'calls-999-answered-within-10s' and force_code = 'E23000024'")).isEqualTo(1);
            // Cumbria's was 96.43: 96.4 at one place, as its 72,220 of 74,910 (96.409...) is now
            assertThat(st.executeUpdate("update indicator_value set value = 96.43 where run_id = " + earlierRun
                    + " and indicator_id = 'calls-999-answered-within-10s' and force_code = 'E23000002'")).isEqualTo(1);
            // and whose 999 average was 80.04 (80.0 as displayed) with an SD of 6.96 (7.0), over 42 forces of 2022
            assertThat(st.executeUpdate("update indicator_comparison set mean = 80.04, sd = 6.96, n_forces = 42,"
                    + " period = '2022-01..2022-12' where run_id = " + earlierRun
                    + " and indicator_id = 'calls-999-answered-within-10s'")).isEqualTo(1);
        }
        double meanNow = queryDouble("select mean from " + schema + ".indicator_comparison where run_id = " + sampleRun
                + " and indicator_id = 'calls-999-answered-within-10s'");
        double sdNow = queryDouble("select sd from " + schema + ".indicator_comparison where run_id = " + sampleRun
                + " and indicator_id = 'calls-999-answered-within-10s'");
        CommandLineRuns.Outcome itself = changes("2024-spring", "--against", "2024-spring");
        assertThat(itself.exitStatus()).as(itself.output()).isZero();
        List<String> lines = lines(itself.output());
        assertThat(lines.get(0)).isEqualTo("Changes from run " + earlierRun + " (2024-spring) to run " + sampleRun
                + " (2024-spring): 2 values changed, 0 bands changed.");
        assertThat(lines).hasSize(5);
        // a move that shows the same at one place is given to the two that tell it: 96.43 against 96.409...
        assertThat(lines.get(1)).contains("Cumbria").endsWith("96.43 -> 96.41");
        assertThat(lines.get(2)).contains("Norfolk").endsWith("80.0 -> 87.1");
        // only the indicator whose average moved; the others' comparison rows are the same in both
        assertThat(lines.get(3)).isEqualTo("Averages (unweighted mean of forces) and standard deviations that changed:");
        assertThat(lines.get(4)).startsWith("calls-999-answered-within-10s").endsWith(String.format(Locale.ROOT,
                "average 80.0 -> %.1f, standard deviation 7.0 -> %.1f, forces 42 -> 43, period 2022-01..2022-12 -> 2023-01..2023-12",
                meanNow, sdNow));
    }

    /**
     * Adds run {@code to} as a publication a day before run {@code from}, with the same values; {@code collectionId}
     * and {@code outputFolder} are SQL for the copy's (a literal, or the column itself to keep the original's).
     */
    private void copyPublication(Statement st, long from, long to, String collectionId, String outputFolder) throws Exception {
        st.execute("set search_path to " + schema);
        st.execute("""
                insert into publication (run_id, job_execution_id, collection_id, output_folder, published_at, exit_status, errors, warnings, infos)
                select %d, 0, %s, %s, published_at - interval '1 day', 0, 0, 0, 0
                from publication where run_id = %d""".formatted(to, collectionId, outputFolder, from));
        st.execute("""
                insert into indicator_value (run_id, indicator_id, period, force_code, numerator, denominator, value, band, missing_reason)
                select %d, indicator_id, period, force_code, numerator, denominator, value, band, missing_reason
                from indicator_value where run_id = %d""".formatted(to, from));
        st.execute("""
                insert into indicator_comparison (run_id, indicator_id, period, mean, sd, lower_limit, upper_limit, n_forces,
                  england_wales_rate, sd_method, excluded_forces)
                select %d, indicator_id, period, mean, sd, lower_limit, upper_limit, n_forces, england_wales_rate, sd_method,
                  excluded_forces
                from indicator_comparison where run_id = %d""".formatted(to, from));
    }

    private CommandLineRuns.Outcome changes(String... args) {
        List<String> all = new ArrayList<>(List.of("changes"));
        all.addAll(Arrays.asList(args));
        return CommandLineRuns.runExactly(withDatabase(all.toArray(String[]::new)));
    }

    /** The command on the throwaway schema: tables, Flyway's history and all. */
    private String[] withDatabase(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--spring.datasource.url=" + ChildProcess.databaseUrl() + "&currentSchema=" + schema,
                "--spring.datasource.username=postgres", "--spring.flyway.schemas=" + schema,
                "--spring.flyway.default-schema=" + schema));
        return all.toArray(String[]::new);
    }

    private static List<String> lines(String output) {
        return output.lines().filter(l -> !l.isBlank()).toList();
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(ChildProcess.databaseUrl(), "postgres", null);
    }

    private double queryDouble(String sql) throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getDouble(1);
        }
    }

    private long queryLong(String sql) throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            long v = rs.getLong(1);
            assertThat(rs.next()).as("one row: " + sql).isFalse();
            return v;
        }
    }
}
