package uk.forcecompare.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
        List<IndicatorResult> computed = results.results(run, RunSupport.requestedIndicators(c));
        // Indicators are drawn side by side: each figure's first drawing and its funnel plot run on one thread,
        // and would otherwise leave the other cores idle between one indicator's focus figures and the next's.
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(computed.size(),
                Runtime.getRuntime().availableProcessors())), r -> {
                    Thread t = new Thread(r, "chart-indicator");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<?>> drawn = new ArrayList<>();
            for (int i = 0; i < computed.size(); i++) {
                IndicatorResult r = computed.get(i);
                int figure = i + 1;
                drawn.add(pool.submit(() -> {
                    Path folder = writer.staging().resolve(r.definition().id());
                    renderer.renderAll(Figures.chartOf(r, support.forces, figure), slugs, folder);
                    writer.writeChartData(r, support.forces);
                    Figures.funnelOf(r, support.forces).ifPresent(plot -> FunnelRenderer.render(plot, folder));
                    synchronized (contribution) {
                        contribution.incrementWriteCount(1);
                    }
                    CrashPoints.reach("chart.after-first-indicator");
                }));
            }
            for (Future<?> f : drawn) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while drawing the charts", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return RepeatStatus.FINISHED;
    }
}
