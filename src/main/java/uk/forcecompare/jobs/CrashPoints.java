package uk.forcecompare.jobs;

/**
 * Named points where a crash test can stop the process dead, as {@code kill -9} would: no shutdown hooks, no
 * rollback, no cleanup. Set {@code -Dforce-compare.crash-at=<point>} to arm one; unarmed they cost a property read.
 */
final class CrashPoints {

    static final String PROPERTY = "force-compare.crash-at";

    private CrashPoints() {
    }

    static final String PAUSE_PROPERTY = "force-compare.pause-at";
    private static final java.util.concurrent.atomic.AtomicBoolean paused = new java.util.concurrent.atomic.AtomicBoolean();

    static void reach(String point) {
        if (point.equals(System.getProperty(PAUSE_PROPERTY)) && !paused.getAndSet(true)) {
            // lets a test hold a run mid-way, e.g. to start a second run of the same collection beside it
            System.err.println("pause point " + point + " reached: pausing");
            try {
                Thread.sleep(Long.getLong("force-compare.pause-ms", 15_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (point.equals(System.getProperty(PROPERTY))) {
            System.err.println("crash point " + point + " reached: halting");
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
