package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.indicators.IndicatorCatalogue;
import uk.forcecompare.reference.ForceDirectory;

/** The records partitions: balanced by size, and none at all when the collection has no data.police.uk files. */
class RecordsPartitionerTest {

    @TempDir
    Path tmp;

    private final RunSupport support = new RunSupport(ForceDirectory.load(Path.of("data/reference")),
            IndicatorCatalogue.load(Path.of("jobs/indicators")));

    @Test
    void aCollectionWithoutRecordFilesHasNoPartitions() {
        // the sample has population, 999 calls and force returns: not one data.police.uk file
        assertThat(new RecordsPartitioner(support, Path.of("data/sample/2024-spring").toAbsolutePath()).partition(8)).isEmpty();
        assertThat(new RecordsPartitioner(support, Path.of("data/sample/2024-spring").toAbsolutePath()).partition(1)).isEmpty();
    }

    @Test
    void filesGoLargestFirstToTheLightestGroup() throws IOException {
        Path c = Files.createDirectories(tmp.resolve("c"));
        Path records = Files.createDirectories(c.resolve("records"));
        Files.writeString(records.resolve("2023-01-norfolk-street.csv"), "x".repeat(300));
        Files.writeString(records.resolve("2023-01-suffolk-street.csv"), "x".repeat(200));
        Files.writeString(records.resolve("2023-01-essex-street.csv"), "x".repeat(150));
        Files.writeString(c.resolve("collection.yml"), "id: c\nsources:\n  - { file: records/, kind: police-uk-records }\n");

        // two groups: 300 alone; then 200 to the empty group, and 150 to it too (200 < 300)
        assertThat(files(new RecordsPartitioner(support, c).partition(2))).containsExactly(
                Map.entry("records-0", "records/2023-01-norfolk-street.csv"),
                Map.entry("records-1", "records/2023-01-suffolk-street.csv\nrecords/2023-01-essex-street.csv"));
        // more groups asked for than files: one file each, never an empty partition
        assertThat(files(new RecordsPartitioner(support, c).partition(8))).hasSize(3).allSatisfy((k, v) -> assertThat(v).isNotEmpty());
    }

    private static Map<String, String> files(Map<String, org.springframework.batch.infrastructure.item.ExecutionContext> partitions) {
        Map<String, String> m = new LinkedHashMap<>();
        partitions.forEach((k, v) -> m.put(k, v.getString(RecordsPartitioner.FILES)));
        return m;
    }
}
