package uk.forcecompare.collection;

/** The command or manifest is wrong: nothing is read or published, and the run exits 2. */
public class ManifestException extends RuntimeException {

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
