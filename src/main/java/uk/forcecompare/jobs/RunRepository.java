package uk.forcecompare.jobs;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import uk.forcecompare.collection.Period;
import uk.forcecompare.collection.SourceFile;
import uk.forcecompare.indicators.Band;
import uk.forcecompare.indicators.Comparison;
import uk.forcecompare.indicators.ForceValue;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.sources.Observation;
import uk.forcecompare.sources.ReadSummary;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Rule;
import uk.forcecompare.validation.Severity;

/**
 * What a run keeps between its steps. Rows are keyed by run (the job instance), and each step first deletes
 * what it wrote before, so a step re-executed after a crash or a restart never duplicates a row.
 */
@Repository
class RunRepository {

    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    RunRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    // ---- ingest

    /** Forgets what was read from these files (a step about to read them again), and the step's findings. */
    void clearFiles(long run, String step, List<String> files) {
        String[] paths = files.toArray(String[]::new);
        for (String table : List.of("observation", "quarantine")) {
            jdbc.sql("delete from " + table + " where run_id = ? and source_file = any(?)").params(run, paths).update();
        }
        jdbc.sql("delete from source_file where run_id = ? and path = any(?)").params(run, paths).update();
        clearFindings(run, step);
    }

    void saveSourceFile(long run, SourceFile file, ReadSummary summary) {
        saveSourceFiles(run, List.of(new ReadFile(file, summary)));
    }

    /** A file as it was read; a null summary is a file that could not be read at all. */
    record ReadFile(SourceFile file, ReadSummary summary) {
    }

    /** Stores many files' checksums and counts in one round trip (a JDBC batch). */
    void saveSourceFiles(long run, List<ReadFile> files) {
        template.batchUpdate("""
                insert into source_file (run_id, path, kind, sha256, size_bytes, rows_read, observations, readable)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (run_id, path) do update set kind = excluded.kind, rows_read = excluded.rows_read,
                  observations = excluded.observations, readable = excluded.readable
                """, files, BATCH, (PreparedStatement ps, ReadFile f) -> {
            ReadSummary summary = f.summary();
            ps.setLong(1, run);
            ps.setString(2, f.file().relativePath());
            ps.setString(3, summary == null ? null : summary.kind());
            ps.setString(4, f.file().sha256());
            ps.setLong(5, f.file().size());
            ps.setObject(6, summary == null ? null : summary.rowsRead(), java.sql.Types.BIGINT);
            ps.setObject(7, summary == null ? null : summary.observations(), java.sql.Types.BIGINT);
            ps.setBoolean(8, summary != null && summary.readable());
        });
    }

    List<SourceFileRecord> sourceFiles(long run) {
        return jdbc.sql("select path, kind, sha256, size_bytes, rows_read, observations, readable from source_file where run_id = ? order by path")
                .param(run)
                .query((rs, i) -> new SourceFileRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        (Long) rs.getObject(5), (Long) rs.getObject(6), rs.getBoolean(7)))
                .list();
    }

    record SourceFileRecord(String path, String kind, String sha256, long size, Long rowsRead, Long observations, boolean readable) {
    }

    /**
     * Stores observations with PostgreSQL COPY, in the step's transaction: one round trip however many rows, where
     * INSERT costs one per batch and parses every statement.
     */
    void saveObservations(long run, List<Observation> observations) {
        if (observations.isEmpty()) return;
        StringBuilder csv = new StringBuilder(observations.size() * 120);
        for (Observation o : observations) {
            csv.append(run).append(',');
            quoted(csv, o.forceCode()).append(',');
            quoted(csv, o.measure()).append(',');
            csv.append(o.period().start()).append(',').append(o.period().end()).append(',');
            quoted(csv, o.period().form().name()).append(',');
            quoted(csv, o.dimensions()).append(',');
            if (o.value().isPresent()) csv.append(o.value().get().toPlainString());
            csv.append(',');
            quoted(csv, o.missingReason()).append(',');
            quoted(csv, o.sourceFile()).append(',');
            quoted(csv, o.location()).append('\n');
        }
        java.sql.Connection con = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(template.getDataSource());
        try {
            new org.postgresql.copy.CopyManager(con.unwrap(org.postgresql.core.BaseConnection.class)).copyIn("""
                    copy observation (run_id, force_code, measure, period_start, period_end, period_form, dimensions, value,
                      missing_reason, source_file, location) from stdin with (format csv)""", new java.io.StringReader(csv.toString()));
        } catch (SQLException | java.io.IOException e) {
            throw new org.springframework.dao.DataAccessResourceFailureException("cannot store observations", e);
        } finally {
            org.springframework.jdbc.datasource.DataSourceUtils.releaseConnection(con, template.getDataSource());
        }
    }

    /** A CSV field for COPY: always quoted, so that an empty string is never read as NULL. */
    private static StringBuilder quoted(StringBuilder b, String s) {
        return b.append('"').append(storable(s).replace("\"", "\"\"")).append('"');
    }

    /** PostgreSQL's text cannot hold NUL: a cell of a binary or UTF-16 file keeps it shown as U+2400, as findings do. */
    private static String storable(String s) {
        return s == null || s.indexOf('\u0000') < 0 ? s : s.replace('\u0000', '\u2400');
    }

    List<Observation> observations(long run) {
        return jdbc.sql("""
                select force_code, measure, period_start, period_end, period_form, dimensions, value, missing_reason,
                  source_file, location from observation where run_id = ?
                """).param(run).query(RunRepository::observation).list();
    }

    private static Observation observation(ResultSet rs, int i) throws SQLException {
        Period p = new Period(rs.getDate(3).toLocalDate(), rs.getDate(4).toLocalDate(), Period.Form.valueOf(rs.getString(5)));
        BigDecimal v = rs.getBigDecimal(7);
        return new Observation(rs.getString(1), rs.getString(2), p, rs.getString(6), Optional.ofNullable(v),
                rs.getString(8), rs.getString(9), rs.getString(10));
    }

    /** Removes values a finding invalidated after they were read (for example every value of a duplicated return). */
    int invalidateObservations(long run, String forceCode, String sourceFile, String reason) {
        return jdbc.sql("update observation set value = null, missing_reason = ? where run_id = ? and force_code = ? and source_file = ?")
                .params(storable(reason), run, forceCode, sourceFile).update();
    }

    /** Removes a file's values for a force: a copy of a file whose values are already counted. */
    int dropObservations(long run, String forceCode, String sourceFile) {
        return jdbc.sql("delete from observation where run_id = ? and force_code = ? and source_file = ?")
                .params(run, forceCode, sourceFile).update();
    }

    private static final String ONE_OBSERVATION = " where run_id = ? and force_code = ? and measure = ? and period_start = ?"
            + " and period_end = ? and dimensions = ? and source_file = ? and location = ?";

    /** Removes one value: the same figure, already counted from another file. */
    int dropObservation(long run, Observation o) {
        return jdbc.sql("delete from observation" + ONE_OBSERVATION).params(run, o.forceCode(), o.measure(), o.period().start(),
                o.period().end(), storable(o.dimensions()), o.sourceFile(), o.location()).update();
    }

    /** Makes one value missing, with the reason. */
    int invalidateObservation(long run, Observation o, String reason) {
        return jdbc.sql("update observation set value = null, missing_reason = ?" + ONE_OBSERVATION).params(storable(reason), run,
                o.forceCode(), o.measure(), o.period().start(), o.period().end(), storable(o.dimensions()), o.sourceFile(),
                o.location()).update();
    }

    private volatile String publicationTag;

    /**
     * Eight hex digits that name this job database (server, database and schema): a run's publication folder
     * carries them, so that runs of two databases with the same number never share one.
     */
    String publicationTag() {
        String tag = publicationTag;
        if (tag == null) {
            tag = jdbc.sql("select substr(md5((select system_identifier from pg_control_system())::text || '/' || current_database()"
                    + " || '/' || current_schema()), 1, 8)").query(String.class).single();
            publicationTag = tag;
        }
        return tag;
    }

    void saveQuarantine(long run, String sourceFile, String location, Rule rule, String rawText) {
        jdbc.sql("insert into quarantine (run_id, source_file, location, rule, raw_text) values (?, ?, ?, ?, ?)")
                .params(run, sourceFile, location, rule.id(), storable(rawText)).update();
    }

    /** The run's rejected rows. */
    List<CollectionChecks.Quarantined> quarantine(long run) {
        return jdbc.sql("select source_file, location, rule, raw_text from quarantine where run_id = ?").param(run)
                .query((rs, i) -> new CollectionChecks.Quarantined(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))).list();
    }

    long quarantined(long run) {
        return jdbc.sql("select count(*) from quarantine where run_id = ?").param(run).query(Long.class).single();
    }

    // ---- findings

    void clearFindings(long run, String step) {
        jdbc.sql("delete from finding where run_id = ? and step = ?").params(run, step).update();
    }

    void saveFindings(long run, String step, List<Finding> findings) {
        template.batchUpdate("""
                insert into finding (run_id, step, severity, rule, source_file, location, force_code, indicator_id, message,
                  observed, expected) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, findings, BATCH, (PreparedStatement ps, Finding f) -> {
            ps.setLong(1, run);
            ps.setString(2, step);
            ps.setString(3, f.severity().label());
            ps.setString(4, f.rule().id());
            ps.setString(5, f.sourceFile());
            ps.setString(6, f.location());
            ps.setString(7, f.forceCode());
            ps.setString(8, f.indicatorId());
            ps.setString(9, f.message());
            ps.setString(10, f.observed());
            ps.setString(11, f.expected());
        });
    }

    /** Every finding of the run in the order the pipeline raised them. */
    List<Finding> findings(long run) {
        return findings(run, null);
    }

    /** The run's findings of one rule (every rule where null), in the order the pipeline raised them. */
    List<Finding> findings(long run, Rule rule) {
        return jdbc.sql("""
                select severity, rule, source_file, location, force_code, indicator_id, message, observed, expected
                from finding where run_id = ? and (cast(? as text) is null or rule = ?)
                order by case when step = 'ingest' then 1 when step like 'records%' then 2 when step = 'validate' then 3
                  when step = 'compute' then 4 else 5 end, step, id
                """).params(run, rule == null ? null : rule.id(), rule == null ? null : rule.id())
                .query((rs, i) -> new Finding(Severity.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)),
                        Rule.byId(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9)))
                .list();
    }

    // ---- compute

    void clearCompute(long run) {
        jdbc.sql("delete from indicator_value where run_id = ?").param(run).update();
        jdbc.sql("delete from indicator_comparison where run_id = ?").param(run).update();
        clearFindings(run, "compute");
    }

    void saveResult(long run, IndicatorResult r) {
        Comparison c = r.comparison();
        jdbc.sql("""
                insert into indicator_comparison (run_id, indicator_id, period, mean, sd, lower_limit, upper_limit, n_forces,
                  england_wales_rate, sd_method, excluded_forces, definition) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(run, r.definition().id(), r.period().text(), nan(c.mean()), nan(c.sd()), nan(c.lower()),
                        nan(c.upper()), c.nForces(), nan(c.englandWalesRate()), c.sdMethod(), String.join(";", c.excluded()),
                        DefinitionChanges.toJson(r.definition().settings()))
                .update();
        template.batchUpdate("""
                insert into indicator_value (run_id, indicator_id, period, force_code, numerator, denominator, value, band,
                  missing_reason) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, r.forces(), BATCH, (PreparedStatement ps, ForceValue v) -> {
            ps.setLong(1, run);
            ps.setString(2, r.definition().id());
            ps.setString(3, r.period().text());
            ps.setString(4, v.forceCode());
            ps.setBigDecimal(5, v.numerator().orElse(null));
            ps.setBigDecimal(6, v.denominator().orElse(null));
            if (v.value().isPresent()) ps.setDouble(7, v.value().getAsDouble());
            else ps.setNull(7, Types.DOUBLE);
            ps.setString(8, v.band().label());
            ps.setString(9, v.missingReason());
        });
    }

    private static Double nan(double d) {
        return Double.isNaN(d) ? null : d;
    }

    record StoredComparison(String indicatorId, String period, Comparison comparison) {
    }

    List<StoredComparison> comparisons(long run) {
        return jdbc.sql("""
                select indicator_id, period, mean, sd, lower_limit, upper_limit, n_forces, england_wales_rate, sd_method,
                  excluded_forces from indicator_comparison where run_id = ?
                """).param(run).query((rs, i) -> new StoredComparison(rs.getString(1), rs.getString(2),
                        new Comparison(dbl(rs, 3), dbl(rs, 4), dbl(rs, 5), dbl(rs, 6), rs.getInt(7), dbl(rs, 8),
                                rs.getString(9), rs.getString(10).isEmpty() ? List.of() : List.of(rs.getString(10).split(";")))))
                .list();
    }

    /** Each indicator's settings as the run computed it; none for a run from before they were kept. */
    Map<String, Map<String, String>> definitions(long run) {
        Map<String, Map<String, String>> out = new java.util.TreeMap<>();
        jdbc.sql("select indicator_id, definition from indicator_comparison where run_id = ? and definition <> ''")
                .param(run).query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(e -> out.put(e.getKey(), DefinitionChanges.fromJson(e.getValue())));
        return out;
    }

    List<ForceValue> values(long run, String indicatorId) {
        return jdbc.sql("""
                select force_code, numerator, denominator, value, band, missing_reason from indicator_value
                where run_id = ? and indicator_id = ?
                """).params(run, indicatorId).query((rs, i) -> {
            Object v = rs.getObject(4);
            return new ForceValue(rs.getString(1), Optional.ofNullable(rs.getBigDecimal(2)), Optional.ofNullable(rs.getBigDecimal(3)),
                    v == null ? OptionalDouble.empty() : OptionalDouble.of(((Number) v).doubleValue()),
                    Band.valueOf(rs.getString(5).toUpperCase(java.util.Locale.ROOT)), rs.getString(6));
        }).list();
    }

    private static double dbl(ResultSet rs, int col) throws SQLException {
        Object o = rs.getObject(col);
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    // ---- publication

    void savePublication(long run, long execution, String collectionId, String folder, int exitStatus, long[] counts) {
        jdbc.sql("""
                insert into publication (run_id, job_execution_id, collection_id, output_folder, exit_status, errors, warnings, infos)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (run_id) do update set job_execution_id = excluded.job_execution_id, output_folder = excluded.output_folder,
                  published_at = now(), exit_status = excluded.exit_status, errors = excluded.errors,
                  warnings = excluded.warnings, infos = excluded.infos
                """).params(run, execution, collectionId, folder, exitStatus, counts[0], counts[1], counts[2]).update();
    }

    /** A publication of another collection, whose values this collection's are compared with. */
    record EarlierCollection(long run, String collectionId) {
    }

    /**
     * The publication of another collection that this one follows: the latest made before this collection was first
     * published, so that running 2024-spring again after 2024-autumn was published still compares it with what came
     * before it, not with 2024-autumn; for a collection not yet published, the latest of another collection.
     */
    Optional<EarlierCollection> collectionPublishedBefore(String collectionId) {
        return jdbc.sql("""
                select run_id, collection_id from publication
                where collection_id <> ?
                  and published_at < coalesce((select min(published_at) from publication where collection_id = ?), 'infinity')
                order by published_at desc, run_id desc limit 1
                """).params(collectionId, collectionId)
                .query((rs, i) -> new EarlierCollection(rs.getLong(1), rs.getString(2))).optional();
    }

    /** An indicator as an earlier collection published it: its period, and the value of each force that had one. */
    record PublishedValues(String collectionId, Period period, Map<String, Double> byForce) {
    }

    /** The indicator's period and values in the earlier collection; none where that run did not compute it. */
    Optional<PublishedValues> publishedValues(EarlierCollection earlier, String indicatorId) {
        return jdbc.sql("select period from indicator_comparison where run_id = ? and indicator_id = ?")
                .params(earlier.run(), indicatorId).query(String.class).optional()
                .map(period -> new PublishedValues(earlier.collectionId(), Period.parse(period), valuesByForce(earlier.run(), indicatorId)));
    }

    /** A run's values of one indicator by force, where the force had one. */
    Map<String, Double> valuesByForce(long run, String indicatorId) {
        Map<String, Double> m = new java.util.HashMap<>();
        jdbc.sql("select force_code, value from indicator_value where run_id = ? and indicator_id = ? and value is not null")
                .params(run, indicatorId).query(rs -> {
                    m.put(rs.getString(1), rs.getDouble(2));
                });
        return m;
    }

    /** The run that last published this collection, other than the given one. */
    Optional<Long> previousPublication(String collectionId, long run) {
        return jdbc.sql("select run_id from publication where collection_id = ? and run_id <> ? order by published_at desc limit 1")
                .params(collectionId, run).query(Long.class).optional();
    }

    record PublicationRecord(long runId, long jobExecutionId, String folder, int exitStatus, java.time.OffsetDateTime publishedAt) {
    }

    Optional<PublicationRecord> publication(long run) {
        return jdbc.sql("select run_id, job_execution_id, output_folder, exit_status, published_at from publication where run_id = ?")
                .param(run)
                .query((rs, i) -> new PublicationRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                        rs.getObject(5, java.time.OffsetDateTime.class)))
                .optional();
    }

}
