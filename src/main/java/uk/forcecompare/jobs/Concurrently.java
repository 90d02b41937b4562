package uk.forcecompare.jobs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * How the steps run work beside their own thread: on daemon threads (a step that fails must not leave the process
 * waiting for them), and with a failure rethrown as the work threw it, so the step fails for the same reason it
 * would have failed on its own thread.
 */
final class Concurrently {

    private Concurrently() {
    }

    /** A pool of daemon threads, each named {@code name}. */
    static ExecutorService pool(String name, int threads) {
        return Executors.newFixedThreadPool(Math.max(1, threads), r -> daemon(name, r));
    }

    /** Runs work on a daemon thread of its own. */
    static CompletableFuture<Void> onOwnThread(String name, Runnable work) {
        return CompletableFuture.runAsync(work, r -> daemon(name, r).start());
    }

    /** The result, or what the work threw. */
    static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
