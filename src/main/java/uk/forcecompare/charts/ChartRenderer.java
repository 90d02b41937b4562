package uk.forcecompare.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Draws the PEEL-style comparison bar chart of the 43 forces: bars highest first, dark blue above the band
 * (mean + 1 SD), grey within, light blue below (mean − 1 SD), red dotted lines at the band's edges, a dashed line at
 * the unweighted mean, an optional target line, the title above and the notes below. PNG at 300 dpi, 16 cm wide;
 * SVG with the same layout, sized in points; a text alternative.
 *
 * <p>Thread-safe: holds no state but its thread count.
 */
public final class ChartRenderer {

    private final int threads;

    public ChartRenderer() {
        this(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    /** @param threads threads used by {@link #renderAll} to draw the charts and write their figures */
    public ChartRenderer(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.threads = threads;
    }

    /** Writes {@code chart.png}, {@code chart.svg} and {@code chart.txt} (the text alternative) into folder. */
    public void renderNational(ComparisonChart chart, Path folder) {
        Objects.requireNonNull(chart, "chart");
        try {
            Figure.draw(chart).writeNational(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart into " + folder, e);
        }
    }

    /**
     * Writes {@code <fileStem>.png} and {@code <fileStem>.svg}: the national chart with the bar of forceCode outlined
     * and labelled with the force's name and value. A force without a value has no bar; its figure says so.
     */
    public void renderFocus(ComparisonChart chart, String forceCode, String fileStem, Path folder) {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(forceCode, "forceCode");
        checkStem(fileStem);
        try {
            Figure.draw(chart).writeFocus(forceCode, fileStem, folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + fileStem + " into " + folder, e);
        }
    }

    /**
     * The national chart and one focus chart per force (force code to file stem, e.g. {@code E23000024 -> norfolk}).
     * The chart is drawn once per format; each focus figure copies it and adds its mark.
     */
    public void renderAll(ComparisonChart chart, Map<String, String> focusForceCodeToSlug, Path folder) {
        renderAll(List.of(new Request(chart, folder)), focusForceCodeToSlug);
    }

    /** One chart and the folder its figures go into. */
    public record Request(ComparisonChart chart, Path folder) {
        public Request {
            Objects.requireNonNull(chart, "chart");
            Objects.requireNonNull(folder, "folder");
        }
    }

    /**
     * {@link #renderAll(ComparisonChart, Map, Path)} for several charts on one pool: every chart is drawn at once,
     * and each one's national and focus figures are queued as soon as it is drawn, so no thread waits for another
     * chart's drawing while there is a figure to write.
     */
    public void renderAll(List<Request> charts, Map<String, String> focusForceCodeToSlug) {
        focusForceCodeToSlug.values().forEach(ChartRenderer::checkStem);
        if (threads == 1) {
            for (Request r : charts) {
                Figure figure = Figure.draw(r.chart());
                run(() -> figure.writeNational(r.folder()), r.folder());
                Figure.Canvas canvas = new Figure.Canvas(figure);
                focusForceCodeToSlug.forEach((code, slug) -> run(() -> figure.writeFocus(code, slug, r.folder(), canvas), r.folder()));
            }
            return;
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "chart-render-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // each pool thread keeps the canvas of the figure it last wrote a focus figure of; the threads, and with them
        // the canvases, end with this call
        ThreadLocal<Figure.Canvas> canvases = new ThreadLocal<>();
        try {
            List<CompletableFuture<Void>> written = new ArrayList<>();
            for (Request r : charts) {
                // the figures are queued from the drawing's own thread, never waited for there: no pool thread blocks
                written.add(CompletableFuture.supplyAsync(() -> Figure.draw(r.chart()), pool).thenCompose(figure -> {
                    List<CompletableFuture<Void>> figures = new ArrayList<>();
                    figures.add(CompletableFuture.runAsync(() -> run(() -> figure.writeNational(r.folder()), r.folder()), pool));
                    focusForceCodeToSlug.forEach((code, slug) -> figures.add(CompletableFuture.runAsync(
                            () -> run(() -> writeFocus(figure, code, slug, r.folder(), canvases), r.folder()), pool)));
                    return CompletableFuture.allOf(figures.toArray(CompletableFuture[]::new));
                }));
            }
            CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void writeFocus(Figure figure, String code, String slug, Path folder, ThreadLocal<Figure.Canvas> canvases)
            throws IOException {
        Figure.Canvas canvas = canvases.get();
        if (canvas == null || !canvas.isFor(figure)) {
            canvas = new Figure.Canvas(figure);
            canvases.set(canvas);
        }
        try {
            figure.writeFocus(code, slug, folder, canvas);
        } catch (IOException | RuntimeException | Error e) {
            canvases.remove(); // the mark may still be on it
            throw e;
        }
    }

    private interface Task {
        void run() throws IOException;
    }

    private static void run(Task t, Path folder) {
        try {
            t.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write charts into " + folder, e);
        }
    }

    private static void checkStem(String stem) {
        if (stem == null || stem.isBlank() || !stem.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || stem.contains("..")) {
            throw new IllegalArgumentException("not a file name for a chart: " + stem);
        }
    }
}
