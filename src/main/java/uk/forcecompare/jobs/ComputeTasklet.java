package uk.forcecompare.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import uk.forcecompare.collection.Collection;
import uk.forcecompare.collection.Period;
import uk.forcecompare.indicators.IndicatorCalculator;
import uk.forcecompare.indicators.IndicatorDefinition;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.sources.Observation;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.FindingLog;
import uk.forcecompare.validation.Rule;

/** Computes every indicator of the run for the 43 forces, with the comparison band. */
class ComputeTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ComputeTasklet.class);

    private final RunSupport support;
    private final RunRepository repository;

    ComputeTasklet(RunSupport support, RunRepository repository) {
        this.support = support;
        this.repository = repository;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        long run = RunSupport.runId(chunk);
        Collection c = support.collection(chunk);
        repository.clearCompute(run);
        FindingLog findings = new FindingLog();
        List<Observation> observations = repository.observations(run);
        IndicatorCalculator calculator = new IndicatorCalculator(support.forces, observations, c.populationMidYear(), findings,
                CollectionChecks.unusableReturns(c, observations, support.forces))
                .returnsDeclared(c.declaresKind(uk.forcecompare.collection.SourceKind.FORCE_RETURN))
                .rejected(CollectionChecks.rejected(repository.findings(run), repository.quarantine(run), kinds(run), support.forces));
        RunSupport.rememberPopulationMidYear(chunk, calculator.populationMidYear());
        Optional<RunRepository.EarlierCollection> earlier = repository.collectionPublishedBefore(c.id());
        for (IndicatorDefinition def : indicators(c, calculator, findings)) {
            Optional<Period> period = c.indicators().getOrDefault(def.id(), Optional.empty()).or(() -> calculator.defaultPeriod(def));
            if (period.isEmpty()) {
                findings.report(Finding.of(Rule.PERIOD_MISMATCH).indicator(def.id())
                        .message(def.id() + " cannot be computed: no source in the collection holds a complete period of its data"));
                continue;
            }
            IndicatorResult result = calculator.compute(def, period.get(), support.excludedForceCodes(c, def.id()),
                    c.settings().populationSd());
            repository.saveResult(run, result);
            earlier.flatMap(e -> repository.publishedValues(e, def.id())).ifPresent(before -> queryChanges(def, result, before, findings));
            CrashPoints.reach("compute.after-first-indicator");
            log.info("{} {}: {} forces with a value, mean {}, sd {}", def.id(), period.get().text(),
                    result.comparison().nForces(), result.comparison().mean(), result.comparison().sd());
        }
        calculator.reportMonthsMissing();
        repository.saveFindings(run, "compute", findings.all());
        return RepeatStatus.FINISHED;
    }

    /** Each file's kind as it was read, declared or told from the file. */
    private java.util.Map<String, String> kinds(long run) {
        java.util.Map<String, String> kinds = new java.util.HashMap<>();
        repository.sourceFiles(run).forEach(f -> {
            if (f.kind() != null) kinds.put(f.path(), f.kind());
        });
        return kinds;
    }

    private void queryChanges(IndicatorDefinition def, IndicatorResult result, RunRepository.PublishedValues before, FindingLog findings) {
        queryChanges(def, result, before, support.forces, findings);
    }

    /**
     * Queries (never removes) a value that moved far from the force's value in the collection published before this
     * one: by more than a quarter, and by more than half the band's width, so that small values moving a little are not
     * flagged. Only where the earlier period is of the same length and kind: four months' calls set beside a year's
     * would read as a fall of two thirds.
     */
    static void queryChanges(IndicatorDefinition def, IndicatorResult result, RunRepository.PublishedValues before,
                             uk.forcecompare.reference.ForceDirectory forces, FindingLog findings) {
        if (!before.period().sameLengthAndKind(result.period())) {
            log.info("{} {} is not compared with {}, whose period {} is not of the same length and kind", def.id(),
                    result.period().text(), before.collectionId(), before.period().text());
            return;
        }
        double sd = result.comparison().sd();
        for (var v : result.forces()) {
            Double was = before.byForce().get(v.forceCode());
            if (was == null || !v.hasValue()) continue;
            double now = v.value().getAsDouble();
            double change = now - was;
            boolean relative = was != 0 && Math.abs(change / was) > 0.25;
            boolean absolute = Double.isNaN(sd) || Math.abs(change) > 0.5 * sd;
            if (relative && absolute) {
                String name = forces.byCode(v.forceCode()).map(f -> f.name()).orElse(v.forceCode());
                List<String> shown = uk.forcecompare.indicators.ShownFigures.of(def, was, now);
                String earlier = shown.get(0) + " in " + before.collectionId() + " (" + before.period().text() + ")";
                String latest = shown.get(1) + " in " + result.period().text();
                findings.report(Finding.of(Rule.PLAUSIBLE_CHANGE).force(v.forceCode()).indicator(def.id())
                        .message(name + "'s " + def.id() + " moved from " + earlier + " to " + latest + " ("
                                + String.format(java.util.Locale.UK, "%+,.0f%%", change / was * 100) + "); please confirm it")
                        .observed(latest).expected("near " + earlier));
            }
        }
    }

    private List<IndicatorDefinition> indicators(Collection c, IndicatorCalculator calculator, FindingLog findings) {
        List<IndicatorDefinition> out = new ArrayList<>();
        if (!c.indicators().isEmpty()) {
            // the command line has already refused a manifest naming an unknown indicator
            c.indicators().keySet().forEach(id -> out.add(support.catalogue.get(id).orElseThrow()));
        } else {
            for (IndicatorDefinition def : support.catalogue.all()) {
                if (calculator.hasDataFor(def)) {
                    out.add(def);
                } else {
                    // said, not silently dropped: an analyst expecting the chart can see why it is not there
                    findings.report(Finding.of(Rule.INDICATOR_NOT_COMPUTED).indicator(def.id())
                            .message(def.id() + " is not published: no source in the collection gives "
                                    + String.join(" or ", def.measures().stream().filter(m -> !calculator.hasDataFor(m)).toList()))
                            .observed("no data").expected("a source giving " + String.join(", ", def.measures())));
                }
            }
        }
        return out;
    }
}
