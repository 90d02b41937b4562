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
 * @param strayFiles files in the folder that no declared source covers
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
        List<String> strayFiles) {

    public Collection {
        sources = List.copyOf(sources);
        indicators = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(indicators));
        strayFiles = List.copyOf(strayFiles);
    }

    public boolean declaresKind(SourceKind kind) {
        return sources.stream().anyMatch(s -> s.kind().filter(kind::equals).isPresent());
    }
}
