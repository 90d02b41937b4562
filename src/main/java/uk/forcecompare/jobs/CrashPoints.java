package uk.forcecompare.jobs;

/**
 * Named points where a crash test can stop the process dead, as {@code kill -9} would: no shutdown hooks, no
 * rollback, no cleanup. Set {@code -Dforce-compare.crash-at=<point>} to arm one; unarmed they cost a property read.
 */
final class CrashPoints {

    static final String PROPERTY = "force-compare.crash-at";

    private CrashPoints() {
    }

    static void reach(String point) {
        if (point.equals(System.getProperty(PROPERTY))) {
            System.err.println("crash point " + point + " reached: halting");
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
