package uk.forcecompare.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import uk.forcecompare.collection.Collection;
import uk.forcecompare.collection.CollectionLoader;
import uk.forcecompare.collection.ManifestException;
import uk.forcecompare.indicators.IndicatorCatalogue;

/**
 * Runs every ready collection under a folder on a cron schedule. A collection is ready when its folder has a
 * {@code collection.yml} and no {@code NOT-READY} file; it runs when its inputs changed since its last successful
 * run (an unchanged one is already published and is left alone).
 */
@Component
public class CollectionSchedule {

    /** Twice a year, at 06:00 on 1 April and 1 October, after the spring and autumn collections close. */
    public static final String DEFAULT_CRON = "0 0 6 1 4,10 *";
    public static final String NOT_READY = "NOT-READY";

    private static final Logger log = LoggerFactory.getLogger(CollectionSchedule.class);

    private final CollectionRunner runner;
    private final IndicatorCatalogue catalogue;
    private final uk.forcecompare.reference.ForceDirectory forces;

    CollectionSchedule(CollectionRunner runner, IndicatorCatalogue catalogue, uk.forcecompare.reference.ForceDirectory forces) {
        this.forces = forces;
        this.runner = runner;
        this.catalogue = catalogue;
    }

    /** Waits for each firing of the cron until {@code stopAfter} (or for ever when null), running what is due. */
    public void run(Path collectionsRoot, Path outputRoot, String cron, Duration stopAfter, PrintStream out) throws InterruptedException {
        try (Interruption.Held ignored = Interruption.scheduleRunning()) {
            runOnCron(collectionsRoot, outputRoot, cron, stopAfter, out);
        }
    }

    private void runOnCron(Path collectionsRoot, Path outputRoot, String cron, Duration stopAfter, PrintStream out) throws InterruptedException {
        CronExpression expression = CronExpression.parse(cron);
        LocalDateTime deadline = stopAfter == null ? null : LocalDateTime.now().plus(stopAfter);
        out.println("Scheduled: collections under " + collectionsRoot.toAbsolutePath() + " on cron '" + cron + "'.");
        while (true) {
            LocalDateTime next = expression.next(LocalDateTime.now());
            if (next == null || (deadline != null && next.isAfter(deadline))) {
                if (deadline != null) sleepUntil(deadline);
                out.println("Schedule stopped.");
                return;
            }
            out.println("Next run at " + ShownTime.of(next) + ".");
            sleepUntil(next);
            runDue(collectionsRoot, outputRoot, out);
            // a signal stopped the process: there is no next run to announce
            if (Interruption.stopping()) return;
        }
    }

    /** Runs every ready collection whose inputs have not been published yet; returns how many ran. */
    public int runDue(Path collectionsRoot, Path outputRoot, PrintStream out) {
        int ran = 0;
        List<Path> ready = readyCollections(collectionsRoot);
        try {
            // a schedule lives for months: an analyst's edit to the definitions is published by its next firing
            catalogue.reload();
        } catch (ManifestException | java.io.UncheckedIOException e) {
            // the definitions as they stood would publish what the analyst has since changed: run nothing
            for (Path folder : ready) {
                out.println("Skipped " + folder + ": " + e.getMessage());
            }
            return 0;
        }
        for (Path folder : ready) {
            Collection c;
            try {
                CollectionLoader.Listing listing = new CollectionLoader().list(folder);
                catalogue.requireRunnable(listing.indicatorIds(), listing.sourceKinds());
                listing.settings().requireForces(forces::isForce);
                c = listing.hash();
            } catch (ManifestException | java.io.UncheckedIOException e) {
                // a broken collection, or a file gone or locked while it was read, skips this one, not the schedule
                out.println("Skipped " + folder + ": " + e.getMessage());
                continue;
            }
            if (runner.isPublished(c, outputRoot)) {
                log.info("{} is unchanged since its last published run: nothing to do", c.id());
                continue;
            }
            int status = runner.run(c, outputRoot, out);
            if (Interruption.stopping()) return ran;
            out.println("Scheduled run of " + c.id() + " ended with exit status " + status + ".");
            ran++;
        }
        return ran;
    }

    static List<Path> readyCollections(Path root) {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory)
                    .filter(d -> Files.isRegularFile(d.resolve(CollectionLoader.MANIFEST)))
                    .filter(d -> !Files.exists(d.resolve(NOT_READY)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static void sleepUntil(LocalDateTime t) throws InterruptedException {
        long ms = Duration.between(LocalDateTime.now(), t).toMillis();
        if (ms > 0) Thread.sleep(ms);
    }
}
