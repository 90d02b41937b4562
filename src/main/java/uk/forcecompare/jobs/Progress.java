package uk.forcecompare.jobs;

import java.io.Console;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long step: rows read, rows per second and the time left, estimated from the bytes of the files
 * still to read. On a terminal it is one line rewritten in place; elsewhere (CI, a scheduler's log) a log line
 * every few seconds. Shared by the partitions of a step, so it is thread-safe.
 */
final class Progress {

    private static final Logger log = LoggerFactory.getLogger(Progress.class);
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;
    private static final long TERMINAL_EVERY_NANOS = 250_000_000L;

    private final String what;
    private final long totalBytes;
    private final long start = System.nanoTime();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong(System.nanoTime());
    private final Console console = System.console();

    Progress(String what, long totalBytes) {
        this.what = what;
        this.totalBytes = Math.max(1, totalBytes);
    }

    void advance(long bytesRead, long rowsRead) {
        bytes.addAndGet(bytesRead);
        rows.addAndGet(rowsRead);
        long now = System.nanoTime();
        long last = lastReport.get();
        long every = console != null ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS;
        if (now - last >= every && lastReport.compareAndSet(last, now)) report(false);
    }

    void finish() {
        report(true);
    }

    String line() {
        double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        long b = bytes.get(), r = rows.get();
        double fraction = Math.min(1.0, (double) b / totalBytes);
        double rate = r / secs;
        double left = fraction <= 0 ? Double.NaN : secs * (1 - fraction) / fraction;
        return String.format(Locale.ROOT, "%s: %,d rows read (%.0f%%), %,.0f rows/s, %s left", what, r, fraction * 100, rate,
                Double.isNaN(left) ? "?" : left < 90 ? String.format(Locale.ROOT, "%.0f s", left)
                        : String.format(Locale.ROOT, "%.1f min", left / 60));
    }

    private synchronized void report(boolean done) {
        if (console != null) {
            console.writer().print("\r" + line() + (done ? "\n" : ""));
            console.writer().flush();
        } else {
            log.info(line());
        }
    }
}
