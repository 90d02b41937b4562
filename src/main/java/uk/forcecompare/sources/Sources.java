package uk.forcecompare.sources;

import java.nio.file.Path;
import java.util.Optional;

import uk.forcecompare.collection.SourceFile;
import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.reference.ForceDirectory;

/** PLACEHOLDER: replaced by the sources implementation. */
public final class Sources {

    public Sources(ForceDirectory forces) {
    }

    public Optional<SourceKind> detectKind(Path file) {
        return Optional.empty();
    }

    public ReadSummary read(SourceFile file, SourceOutput out) {
        throw new UnsupportedOperationException();
    }
}
