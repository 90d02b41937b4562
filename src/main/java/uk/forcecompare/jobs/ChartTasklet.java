package uk.forcecompare.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import uk.forcecompare.charts.ChartRenderer;
import uk.forcecompare.charts.FunnelRenderer;
import uk.forcecompare.collection.Collection;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.publication.Figures;
import uk.forcecompare.publication.PublicationWriter;
import uk.forcecompare.reference.Force;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Rule;

/** Renders every indicator's national chart and its focus-force charts into the run's staging folder. */
class ChartTasklet implements Tasklet {

    private final RunSupport support;
    private final ResultLoader results;
    private final ChartRenderer renderer;

    ChartTasklet(RunSupport support, ResultLoader results, ChartRenderer renderer) {
        this.support = support;
        this.results = results;
        this.renderer = renderer;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        long run = RunSupport.runId(chunk);
        Collection c = support.collection(chunk);
        PublicationWriter writer = new PublicationWriter(support.outputRoot(chunk), c.id(), run, results.publicationTag());
        writer.startStaging();
        Map<String, String> slugs = new LinkedHashMap<>();
        for (Force f : support.forces.all()) slugs.put(f.code(), f.slug());
        List<IndicatorResult> computed = results.results(run, RunSupport.requestedIndicators(c));
        List<ChartRenderer.Request> charts = new ArrayList<>();
        Optional<Integer> populationMidYear = RunSupport.populationMidYear(chunk, c);
        List<Finding> forcesNotes = results.findings(run, Rule.VALUE_FORCE_NOTE);
        for (int i = 0; i < computed.size(); i++) {
            IndicatorResult r = computed.get(i);
            charts.add(new ChartRenderer.Request(Figures.chartOf(r, support.forces, i + 1, populationMidYear, forcesNotes),
                    writer.staging().resolve(r.definition().id())));
        }
        // the tables and funnel plots are written on a thread of their own while the renderer's pool draws the bars
        CompletableFuture<Void> tablesAndFunnels = Concurrently.onOwnThread("chart-tables", () -> {
            for (IndicatorResult r : computed) {
                writer.writeChartData(r, support.forces);
                Figures.funnelOf(r, support.forces).ifPresent(plot ->
                        FunnelRenderer.render(plot, writer.staging().resolve(r.definition().id())));
                CrashPoints.reach("chart.after-first-indicator");
            }
        });
        renderer.renderAll(charts, slugs);
        Concurrently.join(tablesAndFunnels);
        contribution.incrementWriteCount(computed.size());
        return RepeatStatus.FINISHED;
    }
}
