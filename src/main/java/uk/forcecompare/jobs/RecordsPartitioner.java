package uk.forcecompare.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import uk.forcecompare.collection.Collection;
import uk.forcecompare.collection.SourceFile;

/**
 * One partition per group of data.police.uk files, balanced by size (largest first, each to the lightest group),
 * so that the groups take about as long as each other; none when the collection has no such files. The file list
 * is kept in the partition's execution context: a restart re-reads exactly the partitions that did not complete.
 */
class RecordsPartitioner implements Partitioner {

    static final String FILES = "files";

    private final RunSupport support;
    private final Path collectionFolder;

    RecordsPartitioner(RunSupport support, Path collectionFolder) {
        this.support = support;
        this.collectionFolder = collectionFolder;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Collection c = support.collection(collectionFolder);
        List<SourceFile> files = new ArrayList<>(RecordFiles.records(c));
        files.sort(Comparator.comparingLong(SourceFile::size).reversed().thenComparing(SourceFile::relativePath));
        // no files, no partitions: an empty partition would still be a step to run (and, with workers, a request
        // that waits for a worker to take it)
        int groups = files.isEmpty() ? 0 : Math.max(1, Math.min(gridSize, files.size()));
        List<List<String>> parts = new ArrayList<>();
        long[] weight = new long[groups];
        for (int i = 0; i < groups; i++) parts.add(new ArrayList<>());
        for (SourceFile f : files) {
            int lightest = 0;
            for (int i = 1; i < groups; i++) if (weight[i] < weight[lightest]) lightest = i;
            parts.get(lightest).add(f.relativePath());
            weight[lightest] += f.size();
        }
        Map<String, ExecutionContext> out = new LinkedHashMap<>();
        for (int i = 0; i < groups; i++) {
            ExecutionContext ctx = new ExecutionContext();
            ctx.putString(FILES, String.join("\n", parts.get(i)));
            out.put("records-" + i, ctx);
        }
        return out;
    }

}
