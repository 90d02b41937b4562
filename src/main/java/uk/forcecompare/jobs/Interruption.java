package uk.forcecompare.jobs;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) or SIGTERM. The JVM answers either by running its shutdown hooks and exiting 130 or 143: Spring
 * closes the context, its connection pool first, under a run still in hand, whose next query then fails with
 * "HikariDataSource ... has been closed". That is not a failure of the run, and reporting it as one, or a schedule
 * going on to say when it runs next, misleads. So the signal is heard before the shutdown starts: while a run is in
 * hand it is said in one line, and the logging is silenced, since what the run's work says as the pool closes under it
 * is noise; everything that fails afterwards, because of the shutdown, says nothing more. The exit status stays the
 * JVM's. The run's job execution is left STARTED, as after a kill: history shows it INTERRUPTED and the same command
 * resumes it.
 */
public final class Interruption {

    private static volatile String signal;
    private static final AtomicInteger runsInHand = new AtomicInteger();
    private static final AtomicInteger schedulesWaiting = new AtomicInteger();
    private static volatile PrintStream console = System.out;

    private Interruption() {
    }

    /** Hears SIGINT and SIGTERM from now on, saying an interrupted run on {@code out}; the process's main calls it once. */
    public static void watch(PrintStream out) {
        console = out;
        for (String name : List.of("INT", "TERM")) {
            Signal sig = new Signal(name);
            SignalHandler[] previous = new SignalHandler[1];
            try {
                previous[0] = Signal.handle(sig, s -> heard(s, previous[0]));
            } catch (IllegalArgumentException e) {
                // the JVM does not hand this signal over (-Xrs): it stops the process as it always has
            }
        }
    }

    private static void heard(Signal s, SignalHandler previous) {
        signal = "SIG" + s.getName();
        if (runsInHand.get() > 0) {
            silenceLogging();
            console.println("Interrupted (" + signal + "): nothing was published; the previous publication stands;"
                    + " run the same command again to resume.");
            console.flush();
        } else if (schedulesWaiting.get() > 0) {
            // a schedule between its firings: a silent exit 143 would leave the reader to guess what it stopped
            console.println("Interrupted (" + signal + "): the schedule stopped; no run was in progress.");
            console.flush();
        }
        if (previous == null || previous == SignalHandler.SIG_DFL || previous == SignalHandler.SIG_IGN) {
            Runtime.getRuntime().exit(128 + s.getNumber());
        } else {
            // the JVM's own handler: runs the shutdown hooks and exits 128 + the signal's number
            previous.handle(s);
        }
    }

    private static void silenceLogging() {
        try {
            LoggingSystem logging = LoggingSystem.get(Interruption.class.getClassLoader());
            logging.getLoggerConfigurations().stream().filter(c -> c.getConfiguredLevel() != null)
                    .forEach(c -> logging.setLogLevel(c.getName(), LogLevel.OFF));
            logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.OFF);
        } catch (RuntimeException e) {
            // a logging system we cannot set: its lines stay, the run still stops
        }
    }

    /** Whether the process is stopping on a signal: a failure from now on is the shutdown's doing, already reported. */
    public static boolean stopping() {
        return signal != null;
    }

    /** Marks a run in hand until closed: an interruption meanwhile is said as a run that published nothing. */
    public static Held runInHand() {
        return new Held(runsInHand);
    }

    /** Marks a schedule as running until closed: an interruption while none of its runs is in hand is said as such. */
    public static Held scheduleRunning() {
        return new Held(schedulesWaiting);
    }

    /** A run in hand or a schedule running; closing it (once it has ended) ends it, once however often it is closed. */
    public static final class Held implements AutoCloseable {
        private final AtomicInteger count;
        private boolean closed;

        private Held(AtomicInteger count) {
            this.count = count;
            count.incrementAndGet();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                count.decrementAndGet();
            }
        }
    }
}
