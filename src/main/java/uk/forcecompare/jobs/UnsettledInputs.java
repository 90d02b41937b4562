package uk.forcecompare.jobs;

import java.util.List;

import uk.forcecompare.collection.Collection;
import uk.forcecompare.collection.SourceFile;

/**
 * Inputs written to while a run read them. A run is named by its inputs' sha256, taken as it starts; a file changed
 * after that would be published with the old sha256 beside counts read from the new bytes. The same command then
 * starts a new run, as the inputs differ, rather than resuming this one.
 */
final class UnsettledInputs {

    /** Files named in the one line that says so; a folder being replaced as the run reads it would name hundreds. */
    private static final int SHOWN = 5;

    private UnsettledInputs() {
    }

    /** The files that differ from the ones hashed, each as "path (how)". */
    static List<String> of(Collection c) {
        return c.sources().stream().flatMap(f -> f.changeSinceHashed().map(how -> f.relativePath() + " (" + how + ")").stream())
                .toList();
    }

    /** Which changed, in a sentence without its full stop. */
    static String which(List<String> changed) {
        return (changed.size() == 1 ? "1 input changed while the run read it: " : changed.size() + " inputs changed while the run read them: ")
                + String.join(", ", changed.subList(0, Math.min(changed.size(), SHOWN)))
                + (changed.size() > SHOWN ? " and " + (changed.size() - SHOWN) + " more" : "");
    }

    static final String RUN_AGAIN = "Run again once the files are settled: the same command will then start a new run, as the inputs differ";

    /** Fails the run before anything read from the inputs is computed or published. */
    static void check(Collection c) {
        List<String> changed = of(c);
        if (!changed.isEmpty()) throw new InputsChangedException(changed);
    }

    static final class InputsChangedException extends RuntimeException {
        InputsChangedException(List<String> changed) {
            super(which(changed) + ". Nothing was published; the previous publication stands. " + RUN_AGAIN);
        }
    }
}
