package uk.forcecompare.collection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * One input file of a collection.
 *
 * @param relativePath the path inside the collection folder, with forward slashes: how every output names the file
 * @param kind the declared kind, or empty where it must be detected from the header row
 * @param size the size in bytes as the file was hashed
 * @param modified the last-modified time as the file was hashed, or null where it is not known
 */
public record SourceFile(Path path, String relativePath, Optional<SourceKind> kind, String sha256, long size, FileTime modified) {

    public SourceFile(Path path, String relativePath, Optional<SourceKind> kind, String sha256, long size) {
        this(path, relativePath, kind, sha256, size, null);
    }

    /**
     * How the file differs now from the file that was hashed, by its size and last-modified time (a second hash would
     * read every file again), or empty where it does not, or where the time it was hashed is not known.
     */
    public Optional<String> changeSinceHashed() {
        if (modified == null) return Optional.empty();
        try {
            BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class);
            if (now.size() != size) return Optional.of("was " + size + " bytes, now " + now.size());
            if (!now.lastModifiedTime().equals(modified)) return Optional.of("modified since");
            return Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.of("removed");
        } catch (IOException e) {
            return Optional.of("no longer readable: " + e.getMessage());
        }
    }
}
