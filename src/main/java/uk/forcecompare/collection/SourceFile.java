package uk.forcecompare.collection;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One input file of a collection.
 *
 * @param relativePath the path inside the collection folder, with forward slashes: how every output names the file
 * @param kind the declared kind, or empty where it must be detected from the header row
 */
public record SourceFile(Path path, String relativePath, Optional<SourceKind> kind, String sha256, long size) {
}
