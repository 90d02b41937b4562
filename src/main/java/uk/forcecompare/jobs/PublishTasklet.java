package uk.forcecompare.jobs;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import uk.forcecompare.collection.Collection;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.publication.PublicationWriter;
import uk.forcecompare.publication.queries.QueryWorkbooks;
import uk.forcecompare.publication.site.ReportSite;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Severity;

/** Writes the tables, the validation log and run.json beside the charts, then moves the publication into place. */
class PublishTasklet implements Tasklet {

    static final String EXIT_STATUS_KEY = "force-compare.exit-status";

    private final RunSupport support;
    private final RunRepository repository;
    private final ResultLoader results;

    PublishTasklet(RunSupport support, RunRepository repository, ResultLoader results) {
        this.support = support;
        this.repository = repository;
        this.results = results;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        long run = RunSupport.runId(chunk);
        JobExecution job = RunSupport.job(chunk);
        Collection c = support.collection(chunk);
        PublicationWriter writer = new PublicationWriter(support.outputRoot(chunk), c.id(), run, repository.publicationTag());
        writer.ensureStaging();

        List<IndicatorResult> computed = results.results(run, RunSupport.requestedIndicators(c));
        List<Finding> findings = IndicatorAttribution.of(repository.findings(run), computed);
        long errors = count(findings, Severity.ERROR), warnings = count(findings, Severity.WARNING), infos = count(findings, Severity.INFO);
        int exitStatus = errors > 0 ? 3 : 0;

        // the site and the forces' query workbooks are the slow parts and need nothing from each other: the workbooks
        // are written beside the rest, and this thread helps with those left once the site is written
        QueryWorkbooks.Batch workbooks = QueryWorkbooks.batch(writer.staging().resolve("queries"), c.title(), findings,
                support.forces, job.getStartTime() == null ? java.time.LocalDate.now() : job.getStartTime().toLocalDate());
        CompletableFuture<Void> queries = Concurrently.onOwnThread("query-workbooks", workbooks::writeRemaining);
        writer.writeIndicators(computed, support.forces);
        writer.writeComparisonMethods(computed, support.forces, c.settings().populationSd());
        writer.writeValidationLog(findings);
        writer.writeValidationReport(c.title(), findings, support.forces);
        writer.writeRunJson(runJson(run, job, c, computed, findings, errors, warnings, infos, exitStatus,
                RunSupport.populationMidYear(chunk, c)));
        ReportSite.write(writer.staging(), c.title(), computed, support.forces, findings);
        workbooks.writeRemaining();
        Concurrently.join(queries);
        CrashPoints.reach("publish.before-move");
        Path published = writer.publish();
        CrashPoints.reach("publish.after-move");
        repository.savePublication(run, job.getId(), c.id(), published.toString(), exitStatus, new long[] {errors, warnings, infos});
        job.getExecutionContext().putInt(EXIT_STATUS_KEY, exitStatus);
        return RepeatStatus.FINISHED;
    }

    private Map<String, Object> runJson(long run, JobExecution job, Collection c, List<IndicatorResult> computed,
                                        List<Finding> findings, long errors, long warnings, long infos, int exitStatus,
                                        java.util.Optional<Integer> populationMidYear) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("collection_id", c.id());
        m.put("title", c.title());
        m.put("run_id", run);
        m.put("job_execution_id", job.getId());
        m.put("start", job.getStartTime() == null ? null : job.getStartTime().atZone(ZoneId.systemDefault()).toOffsetDateTime().toString());
        m.put("end", OffsetDateTime.now().toString());
        m.put("collection_folder", c.folder().toString());
        m.put("manifest_sha256", c.manifestSha256().orElse(null));
        List<RunRepository.SourceFileRecord> sourceFiles = repository.sourceFiles(run);
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (RunRepository.SourceFileRecord f : sourceFiles) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("file", f.path());
            i.put("kind", f.kind());
            i.put("sha256", f.sha256());
            i.put("size_bytes", f.size());
            i.put("rows_read", f.rowsRead());
            i.put("values_read", f.observations());
            i.put("readable", f.readable());
            inputs.add(i);
        }
        m.put("inputs", inputs);
        repository.previousPublication(c.id(), run).ifPresent(previous -> {
            Map<String, List<String>> changed = changedInputs(repository.sourceFiles(previous), sourceFiles);
            // an edited definition republishes with the same inputs: say which settings moved
            changed.put("definitions", DefinitionChanges.between(repository.definitions(previous), repository.definitions(run))
                    .stream().map(DefinitionChanges.Change::toString).toList());
            m.put("changed_since_run_" + previous, changed);
        });
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("output_root", job.getJobParameters().getString(RunParameters.OUTPUT_ROOT));
        // the indicator definitions and force reference list computed with: an edited definition is a new run
        settings.put("definitions_sha256", job.getJobParameters().getString(RunParameters.DEFINITIONS_SHA256));
        settings.put("sd_method", c.settings().populationSd() ? "population (n)" : "sample (n-1)");
        settings.put("band", "above where value > mean + sd, below where value < mean - sd, else within");
        settings.put("mean", "unweighted mean of the forces with a value, each force counted once");
        settings.put("excluded_forces", new ArrayList<>(support.excludedForceCodes(c)));
        Map<String, List<String>> byIndicator = new LinkedHashMap<>();
        computed.forEach(r -> {
            if (!r.comparison().excluded().isEmpty()) byIndicator.put(r.definition().id(), r.comparison().excluded());
        });
        // what each indicator's mean and SD actually left out: those of every indicator and the indicator's own
        settings.put("excluded_forces_by_indicator", byIndicator);
        settings.put("population_mid_year", populationMidYear.orElse(null));
        Map<String, String> periods = new LinkedHashMap<>();
        computed.forEach(r -> periods.put(r.definition().id(), r.period().text()));
        settings.put("indicators", periods);
        Map<String, Map<String, String>> definitions = new LinkedHashMap<>();
        computed.forEach(r -> definitions.put(r.definition().id(), r.definition().settings()));
        settings.put("indicator_definitions", definitions);
        m.put("settings", settings);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("source_files", sourceFiles.size());
        counts.put("indicators", computed.size());
        counts.put("forces", support.forces.all().size());
        counts.put("errors", errors);
        counts.put("warnings", warnings);
        counts.put("infos", infos);
        counts.put("quarantined_rows", repository.quarantined(run));
        counts.put("findings", findings.size());
        m.put("counts", counts);
        m.put("exit_status", exitStatus);
        return m;
    }

    /** Which inputs were added, removed or changed (a resubmitted return) since the previous publication. */
    static Map<String, List<String>> changedInputs(List<RunRepository.SourceFileRecord> before, List<RunRepository.SourceFileRecord> after) {
        Map<String, String> was = new LinkedHashMap<>(), is = new LinkedHashMap<>();
        before.forEach(f -> was.put(f.path(), f.sha256()));
        after.forEach(f -> is.put(f.path(), f.sha256()));
        Map<String, List<String>> changes = new LinkedHashMap<>();
        changes.put("added", is.keySet().stream().filter(p -> !was.containsKey(p)).toList());
        changes.put("removed", was.keySet().stream().filter(p -> !is.containsKey(p)).toList());
        changes.put("changed", is.keySet().stream().filter(p -> was.containsKey(p) && !was.get(p).equals(is.get(p))).toList());
        return changes;
    }

    private static long count(List<Finding> findings, Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }
}
