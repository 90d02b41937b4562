package uk.forcecompare.collection;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One data collection: a folder with its manifest read, every source file found and checksummed.
 *
 * @param manifestSha256 the sha256 of {@code collection.yml}, or empty where there is none
 * @param populationMidYear the ONS mid-year every "per 1,000 population" uses; empty means the latest in the source
 * @param indicators the indicators asked for, each with its period where the manifest gives one; empty means all
 * @param settings the comparison settings in force
 * @param strayFiles files in the folder that are not read, each with why: no declared source covers it, it is not a
 *     workbook in a folder of returns, or it is a lock file or hidden
 */
public record Collection(
        String id,
        String title,
        Path folder,
        Optional<String> manifestSha256,
        Optional<Integer> populationMidYear,
        List<SourceFile> sources,
        Map<String, Optional<Period>> indicators,
        ComparisonSettings settings,
        List<Stray> strayFiles,
        List<Declaration> declarations) {

    /**
     * A source as the manifest declares it: a file, or a folder ending in '/'.
     *
     * @param empty a folder with no file of its kind in it (for {@code force-return}, no workbook): the run goes on
     *     without it and says so, as it does for a force with no return
     */
    public record Declaration(String file, SourceKind kind, boolean empty) {
    }

    /**
     * A file (or a hidden folder, ending in '/') in the collection that is not read.
     *
     * @param why what it is, in words that follow its name: "is an Excel lock file, ..."
     */
    public record Stray(String file, String why) {
        /** The warning's sentence: the file's name, then why it was not read. */
        public String message() {
            return file + " " + why;
        }
    }

    public Collection {
        sources = List.copyOf(sources);
        indicators = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(indicators));
        strayFiles = List.copyOf(strayFiles);
        declarations = List.copyOf(declarations);
    }

    /** Where the manifest says sources of a kind are, as written there (e.g. "returns/"). */
    public String declaredPath(SourceKind kind) {
        return declarations.stream().filter(d -> d.kind() == kind).map(Declaration::file).findFirst().orElse("");
    }

    /** The declared folders with nothing of their kind in them. */
    public List<Declaration> emptyFolders() {
        return declarations.stream().filter(Declaration::empty).toList();
    }

    /** The manifest declares the kind, even as an empty folder, or a file of it was found (without a manifest). */
    public boolean declaresKind(SourceKind kind) {
        return declarations.stream().anyMatch(d -> d.kind() == kind)
                || sources.stream().anyMatch(s -> s.kind().filter(kind::equals).isPresent());
    }
}
