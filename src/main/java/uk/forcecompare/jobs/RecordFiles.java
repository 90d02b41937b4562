package uk.forcecompare.jobs;

import java.util.List;

import uk.forcecompare.collection.Collection;
import uk.forcecompare.collection.SourceFile;
import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.records.PoliceUkRecords;

/** Splits a collection's files between the table ingest and the partitioned record-level ingest. */
final class RecordFiles {

    private RecordFiles() {
    }

    static boolean isRecordFile(SourceFile f) {
        return f.kind().map(k -> k == SourceKind.POLICE_UK_RECORDS).orElse(PoliceUkRecords.isRecordFile(f.path().getFileName().toString()));
    }

    static List<SourceFile> records(Collection c) {
        return c.sources().stream().filter(RecordFiles::isRecordFile).toList();
    }

    static List<SourceFile> notRecords(Collection c) {
        return c.sources().stream().filter(f -> !isRecordFile(f)).toList();
    }
}
