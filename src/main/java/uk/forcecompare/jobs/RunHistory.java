package uk.forcecompare.jobs;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import uk.forcecompare.reference.Force;
import uk.forcecompare.indicators.IndicatorCatalogue;
import uk.forcecompare.reference.ForceDirectory;

/** What analysts ask of past runs: which ran, how they ended, and what changed between publications. */
@Component
public class RunHistory {

    private final JdbcClient jdbc;
    private final ForceDirectory forces;
    private final IndicatorCatalogue indicators;
    private final RunRepository repository;

    RunHistory(JdbcClient jdbc, ForceDirectory forces, IndicatorCatalogue indicators, RunRepository repository) {
        this.jdbc = jdbc;
        this.forces = forces;
        this.indicators = indicators;
        this.repository = repository;
    }

    public record RunSummary(long runId, long jobExecutionId, String collectionId, String status, LocalDateTime start,
                             LocalDateTime end, long inputs, long rowsRead, Integer exitStatus, Integer errors,
                             Integer warnings, String outputFolder) {
    }

    public List<RunSummary> runs(Optional<String> collectionId) {
        return jdbc.sql("""
                select e.job_instance_id, e.job_execution_id, p.parameter_value,
                  case when e.exit_code = 'INTERRUPTED' then 'INTERRUPTED' else e.status end, e.start_time, e.end_time,
                  (select count(*) from source_file s where s.run_id = e.job_instance_id),
                  (select coalesce(sum(rows_read), 0) from source_file s where s.run_id = e.job_instance_id),
                  pub.exit_status, pub.errors, pub.warnings, pub.output_folder
                from batch_job_execution e
                join batch_job_execution_params p on p.job_execution_id = e.job_execution_id and p.parameter_name = 'collection.id'
                left join publication pub on pub.run_id = e.job_instance_id and pub.job_execution_id = e.job_execution_id
                where (cast(? as text) is null or p.parameter_value = ?)
                order by e.job_execution_id
                """).params(collectionId.orElse(null), collectionId.orElse(null))
                .query((rs, i) -> new RunSummary(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        ts(rs.getTimestamp(5)), ts(rs.getTimestamp(6)), rs.getLong(7), rs.getLong(8),
                        (Integer) rs.getObject(9), (Integer) rs.getObject(10), (Integer) rs.getObject(11), rs.getString(12)))
                .list();
    }

    private static LocalDateTime ts(java.sql.Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }

    public void printRuns(Optional<String> collectionId, PrintStream out) {
        List<RunSummary> runs = runs(collectionId);
        if (runs.isEmpty()) {
            out.println("No runs yet" + collectionId.map(c -> " of collection " + c).orElse("") + ".");
            return;
        }
        out.printf(Locale.ROOT, "%-5s %-6s %-18s %-11s %-19s %-9s %-6s %-10s %-6s %-8s %s%n", "run", "exec", "collection",
                "status", "started", "duration", "files", "rows", "exit", "err/warn", "published to");
        // a folder holds only its latest publication: an older run's line says which run replaced it
        Map<String, Long> latestInFolder = new java.util.HashMap<>();
        jdbc.sql("select output_folder, run_id from publication order by published_at, run_id")
                .query(rs -> { latestInFolder.put(rs.getString(1), rs.getLong(2)); });
        for (RunSummary r : runs) {
            String status = r.status();
            if (java.util.Set.of("STARTING", "STARTED", "STOPPING").contains(status) && !running(r)) {
                // killed: the job repository still says STARTED until the same command resumes it
                status = "INTERRUPTED";
            }
            String duration = r.start() == null || r.end() == null ? "" : fmt(Duration.between(r.start(), r.end()));
            Long latest = r.outputFolder() == null ? null : latestInFolder.get(r.outputFolder());
            String folder = r.outputFolder() == null ? ""
                    : r.outputFolder() + (latest != null && latest != r.runId() ? "  (now holds run " + latest + ")" : "");
            out.printf(Locale.ROOT, "%-5d %-6d %-18s %-11s %-19s %-9s %-6d %-10d %-6s %-8s %s%n", r.runId(), r.jobExecutionId(),
                    r.collectionId(), status, r.start() == null ? "" : ShownTime.of(r.start()),
                    duration, r.inputs(), r.rowsRead(), r.exitStatus() == null ? "" : r.exitStatus().toString(),
                    r.errors() == null ? "" : r.errors() + "/" + r.warnings(), folder);
        }
    }

    /**
     * Whether a live process holds the run's lock (RunLock): a run that was killed left its job execution STARTED, but
     * its lock died with its session.
     */
    private boolean running(RunSummary r) {
        String root = jdbc.sql("select parameter_value from batch_job_execution_params where job_execution_id = ? and parameter_name = ?")
                .params(r.jobExecutionId(), RunParameters.OUTPUT_ROOT).query(String.class).optional().orElse(null);
        if (root == null) return true;
        return Boolean.TRUE.equals(jdbc.sql("""
                select exists(select 1 from pg_locks where locktype = 'advisory' and granted and objsubid = 1
                  and ((classid::bigint << 32) | objid::bigint) = hashtext(?)::bigint)
                """).param(RunLock.key(r.collectionId(), root)).query(Boolean.class).single());
    }

    private static String fmt(Duration d) {
        long ms = d.toMillis();
        return ms < 60_000 ? String.format(Locale.ROOT, "%.1fs", ms / 1000.0) : d.toMinutes() + "m" + d.toSecondsPart() + "s";
    }

    /** One force's value for one indicator in two publications, and whether its band moved. */
    public record Change(String indicatorId, String forceCode, String forceName, Double before, Double after,
                         String bandBefore, String bandAfter) {
        public boolean bandChanged() {
            return !bandBefore.equals(bandAfter);
        }

        public boolean valueChanged() {
            return !java.util.Objects.equals(before, after);
        }
    }

    /** What {@link #changes} found: the command turns it into an exit status. */
    public sealed interface ChangesOutcome {
        /** The two publications were compared; {@code changes} may be empty (nothing changed). */
        record Compared(long fromRun, long toRun, List<Change> changes) implements ChangesOutcome {
        }

        /** The collection has one publication and no earlier one (of it or of another collection) exists. */
        record NothingToCompare(String collectionId, long run) implements ChangesOutcome {
        }

        /**
         * The collection (or the one named by {@code --against}) has never been published: a wrong id. Nothing is
         * printed; {@code reason} is the line for the command to report.
         */
        record NeverPublished(String collectionId, String reason) implements ChangesOutcome {
        }
    }

    /**
     * Compares the latest publication of a collection with the publication before it (an earlier run of the same
     * collection, or else the previous collection published), or with the latest publication of
     * {@code againstCollectionId} (which, naming the same collection, means its own publication before the latest).
     * Prints what it found, one line when there is nothing to list.
     */
    public ChangesOutcome changes(String collectionId, Optional<String> againstCollectionId, PrintStream out) {
        List<Long> pubs = publications(collectionId);
        if (pubs.isEmpty()) {
            return new ChangesOutcome.NeverPublished(collectionId, collectionId
                    + " has never been published: there is nothing to compare (the history command lists its runs)");
        }
        long latest = pubs.get(0);
        Optional<Long> previous;
        // against itself: its latest publication against its own one before, never against itself
        boolean againstItself = againstCollectionId.filter(collectionId::equals).isPresent();
        if (againstCollectionId.isPresent() && !againstItself) {
            List<Long> against = publications(againstCollectionId.get());
            if (against.isEmpty()) {
                return new ChangesOutcome.NeverPublished(againstCollectionId.get(), againstCollectionId.get()
                        + " has never been published: there is nothing to compare " + collectionId + " with");
            }
            previous = Optional.of(against.get(0));
        } else if (pubs.size() > 1) {
            previous = Optional.of(pubs.get(1));
        } else if (againstItself) {
            previous = Optional.empty();
        } else {
            // the publication of another collection that came last before this one (ties go by run)
            previous = jdbc.sql("""
                    select p.run_id from publication p, publication l
                    where l.run_id = ? and p.collection_id <> l.collection_id
                      and (p.published_at < l.published_at or (p.published_at = l.published_at and p.run_id < l.run_id))
                    order by p.published_at desc, p.run_id desc limit 1
                    """).param(latest).query(Long.class).optional();
        }
        if (previous.isEmpty()) {
            out.println("Nothing to compare yet: " + collectionId + " has been published once (run " + latest
                    + (againstItself ? ")." : ") and nothing was published before it."));
            return new ChangesOutcome.NothingToCompare(collectionId, latest);
        }
        Map<String, Object[]> before = values(previous.get());
        Map<String, Object[]> after = values(latest);
        List<Change> changes = new ArrayList<>();
        for (var e : after.entrySet()) {
            Object[] b = before.get(e.getKey());
            if (b == null) continue;
            Object[] a = e.getValue();
            String[] key = e.getKey().split("\\|");
            String name = forces.byCode(key[1]).map(Force::name).orElse(key[1]);
            Change c = new Change(key[0], key[1], name, (Double) b[0], (Double) a[0], (String) b[1], (String) a[1]);
            if (c.valueChanged() || c.bandChanged()) changes.add(c);
        }
        long values = changes.stream().filter(Change::valueChanged).count();
        long bands = changes.stream().filter(Change::bandChanged).count();
        // each run named with its collection: against another collection, "run 5" alone does not say which
        String from = "run " + previous.get() + " (" + collectionOf(previous.get()) + ")";
        boolean common = after.keySet().stream().anyMatch(before::containsKey);
        out.println("Changes from " + from + " to run " + latest + " (" + collectionId + "): " + (common
                ? values + (values == 1 ? " value" : " values") + " changed, " + bands + (bands == 1 ? " band" : " bands") + " changed."
                : "they have no indicator and force in common, so nothing can be compared."));
        // the same figures republished with an edited target or decimals read differently: say which settings moved
        for (DefinitionChanges.Change edited : DefinitionChanges.between(repository.definitions(previous.get()),
                repository.definitions(latest))) {
            out.println(edited.line());
        }
        for (Change c : changes) {
            String move = c.bandChanged() ? "  band " + c.bandBefore() + " -> " + c.bandAfter()
                    + (c.bandAfter().equals("above") || c.bandAfter().equals("below") ? "  (moved " + c.bandAfter() + ")" : "") : "";
            // a value that moved but shows the same at the indicator's decimals ("1.5 -> 1.5") gets the places that
            // tell the two apart, as the charts' text does
            int dp = decimals(c.indicatorId());
            if (dp >= 0 && c.before() != null && c.after() != null) {
                dp = uk.forcecompare.indicators.Comparison.decimalsToTellApart(c.after(), dp, c.before());
            }
            out.println(String.format(Locale.ROOT, "%-32s %-20s %12s -> %-12s%s", c.indicatorId(), c.forceName(),
                    num(c.before(), dp), num(c.after(), dp), move).stripTrailing());
        }
        printComparisons(previous.get(), latest, out);
        printOutputRoots(previous.get(), latest, out);
        return new ChangesOutcome.Compared(previous.get(), latest, changes);
    }

    /**
     * A report author writing "the average rose from 84.1 to 84.4 percent" needs the average and standard deviation of
     * both publications, not only the forces' values: one line per indicator whose period, average, standard deviation
     * (as displayed) or number of forces in the average moved.
     */
    private void printComparisons(long before, long after, PrintStream out) {
        Map<String, Object[]> b = comparisons(before);
        List<String> lines = new ArrayList<>();
        comparisons(after).forEach((id, a) -> {
            Object[] p = b.get(id);
            if (p == null) return;
            String meanBefore = num((Double) p[1], id), meanAfter = num((Double) a[1], id);
            String sdBefore = num((Double) p[2], id), sdAfter = num((Double) a[2], id);
            boolean samePeriod = p[0].equals(a[0]);
            if (samePeriod && meanBefore.equals(meanAfter) && sdBefore.equals(sdAfter) && p[3].equals(a[3])) return;
            lines.add(String.format(Locale.ROOT, "%-32s average %s -> %s, standard deviation %s -> %s, forces %d -> %d%s", id,
                    meanBefore, meanAfter, sdBefore, sdAfter, (Integer) p[3], (Integer) a[3],
                    samePeriod ? "" : ", period " + p[0] + " -> " + a[0]));
        });
        if (lines.isEmpty()) return;
        out.println("Averages (unweighted mean of forces) and standard deviations that changed:");
        lines.forEach(out::println);
    }

    /** Publications under two output roots are both current: a report author may be looking at the other one. */
    private void printOutputRoots(long before, long after, PrintStream out) {
        Optional<String> b = outputRoot(before), a = outputRoot(after);
        if (b.isPresent() && a.isPresent() && !b.equals(a)) {
            out.println("The two were published under different output folders: run " + before + " under " + b.get()
                    + ", run " + after + " under " + a.get() + ".");
        }
    }

    /** The folder a publication's collection folder sits in: the run's {@code charts/} or {@code --out}. */
    private Optional<String> outputRoot(long run) {
        return jdbc.sql("select output_folder from publication where run_id = ?").param(run).query(String.class).optional()
                .map(f -> java.nio.file.Path.of(f).getParent()).map(java.nio.file.Path::toString);
    }

    /** Per indicator: period, mean, sd, n_forces. */
    private Map<String, Object[]> comparisons(long run) {
        Map<String, Object[]> m = new LinkedHashMap<>();
        jdbc.sql("select indicator_id, period, mean, sd, n_forces from indicator_comparison where run_id = ? order by indicator_id")
                .param(run).query(rs -> {
                    Object mean = rs.getObject(3), sd = rs.getObject(4);
                    m.put(rs.getString(1), new Object[] {rs.getString(2), mean == null ? null : ((Number) mean).doubleValue(),
                            sd == null ? null : ((Number) sd).doubleValue(), rs.getInt(5)});
                });
        return m;
    }

    private String collectionOf(long run) {
        return jdbc.sql("select collection_id from publication where run_id = ?").param(run).query(String.class).optional()
                .orElse("?");
    }

    /** A collection's publications (their run ids), latest first. */
    private List<Long> publications(String collectionId) {
        return jdbc.sql("select run_id from publication where collection_id = ? order by published_at desc, run_id desc")
                .param(collectionId).query(Long.class).list();
    }

    /** A value as the charts show it, to the indicator's decimals; one no longer defined, to four figures. */
    private String num(Double d, String indicatorId) {
        return num(d, decimals(indicatorId));
    }

    /** the indicator's decimals; -1 for one no longer defined */
    private int decimals(String indicatorId) {
        return indicators.get(indicatorId).map(def -> Math.max(0, def.decimals())).orElse(-1);
    }

    /** {@code decimals} places; -1 (an indicator no longer defined) for four figures */
    private static String num(Double d, int decimals) {
        if (d == null) return "(none)";
        return decimals >= 0 ? String.format(Locale.UK, "%,." + decimals + "f", d) : String.format(Locale.ROOT, "%.4g", d);
    }

    private Map<String, Object[]> values(long run) {
        Map<String, Object[]> m = new LinkedHashMap<>();
        jdbc.sql("select indicator_id, force_code, value, band from indicator_value where run_id = ? order by indicator_id, force_code")
                .param(run).query(rs -> {
                    Object v = rs.getObject(3);
                    m.put(rs.getString(1) + "|" + rs.getString(2), new Object[] {v == null ? null : ((Number) v).doubleValue(), rs.getString(4)});
                });
        return m;
    }
}
