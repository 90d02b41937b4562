package uk.forcecompare.jobs;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import uk.forcecompare.charts.ChartRenderer;
import uk.forcecompare.collection.Collection;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.publication.Figures;
import uk.forcecompare.publication.PublicationWriter;
import uk.forcecompare.reference.Force;

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
        PublicationWriter writer = new PublicationWriter(support.outputRoot(chunk), c.id(), run);
        writer.startStaging();
        Map<String, String> slugs = new LinkedHashMap<>();
        for (Force f : support.forces.all()) slugs.put(f.code(), f.slug());
        int figure = 0;
        for (IndicatorResult r : results.results(run, RunSupport.requestedIndicators(c))) {
            renderer.renderAll(Figures.chartOf(r, support.forces, ++figure), slugs, writer.staging().resolve(r.definition().id()));
            writer.writeChartData(r, support.forces);
            Figures.funnelOf(r, support.forces).ifPresent(plot ->
                    uk.forcecompare.charts.FunnelRenderer.render(plot, writer.staging().resolve(r.definition().id())));
            contribution.incrementWriteCount(1);
            CrashPoints.reach("chart.after-first-indicator");
        }
        return RepeatStatus.FINISHED;
    }
}
