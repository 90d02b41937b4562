package uk.forcecompare.records;

import java.util.Objects;
import java.util.Optional;

import uk.forcecompare.collection.SourceFile;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.reference.ForceMatch;
import uk.forcecompare.sources.ReadSummary;
import uk.forcecompare.sources.SourceOutput;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Rule;

/**
 * The {@code police-uk-records} source kind: data.police.uk monthly street, stop-and-search and outcomes files,
 * read as a stream and counted as they are read.
 *
 * <ul>
 * <li>Columns are found by name in the header row, which may sit below title rows within the first 10 lines; without
 *     one naming every column the file is counted from, the file is not read (structure.column-missing).</li>
 * <li>The force and month come from the file name {@code YYYY-MM-<slug>-street.csv} (or {@code -stop-and-search},
 *     {@code -outcomes}), wherever the file sits.</li>
 * <li>Street files give {@code RECORDS_ASB_INCIDENTS} (crime type {@code Anti-social behaviour}, its case and
 *     spacing ignored as in header names) and {@code RECORDS_CRIMES} (every other crime type); stop-and-search files give {@code RECORDS_STOP_SEARCHES}
 *     (every row) and {@code RECORDS_STOP_SEARCH_FINDS} ({@code Outcome linked to object of search} = True).
 *     One observation per measure per file, for the file's month, location empty. Outcomes files are counted
 *     (rows read) and give no measure.</li>
 * <li>Files of British Transport Police and the PSNI: one info finding, not read (0 rows).
 *     An unknown slug: a warning (an unrecognised file), not read.</li>
 * <li>A malformed row (wrong number of fields, a quote never closed, no crime type), a street row of another
 *     month (spaces, tabs and U+FEFF around its {@code Month} aside), or a stop-and-search row whose {@code Date} is in another month or is not a date: not counted, a warning (records.row-not-counted) with its line and the raw row in quarantine (findings capped at
 *     100 per file, quarantine at 1,000, then one summary finding with the totals). The file's other rows are
 *     counted, unless it is cut short part-way through its last row or most of its rows do not fit its header:
 *     then it is unreadable (an error) and each of its counts is published as missing, with the reason.
 *     {@code Falls within} naming another force, or something that is not one of the 43 forces: one warning per
 *     file, which says which, rows still counted for the slug's force.</li>
 * <li>A street or stop-and-search file with its header and no row: a warning (structure.no-data-rows) and no
 *     observation, so that its month is not counted as 0 (the force's month is missing unless another file gives it).</li>
 * </ul>
 *
 * Memory does not grow with rows: a 1 MiB buffer and a handful of counters per file. Instances are immutable
 * and may read many files at once from several threads.
 */
public final class PoliceUkRecords {

    private final ForceDirectory forces;

    public PoliceUkRecords(ForceDirectory forces) {
        this.forces = Objects.requireNonNull(forces);
    }

    /** Whether a file name (or path) is a data.police.uk street, stop-and-search or outcomes file name. */
    public static boolean isRecordFile(String fileName) {
        return RecordFileName.parse(fileName).isPresent();
    }

    public ReadSummary read(SourceFile file, SourceOutput out) {
        String rel = file.relativePath();
        Optional<RecordFileName> parsed = RecordFileName.parse(file.path().getFileName().toString());
        Optional<RecordFileName.NotAMonth> notAMonth = RecordFileName.monthNotAMonth(file.path().getFileName().toString());
        if (notAMonth.isPresent()) {
            // named like one in all but its month: the month is what to correct, not the whole name
            String month = notAMonth.get().month();
            out.report(Finding.of(Rule.FILE_STRAY).file(rel).force(forces.bySlug(notAMonth.get().slug()).map(Force::code).orElse(""))
                    .message(rel + " is declared as police-uk-records, but the month in its name, " + month
                            + ", is not a month; it was not read")
                    .observed(month).expected("YYYY-MM with a month from 01 to 12"));
            return new ReadSummary(rel, RecordFileReader.KIND, 0, 0, false);
        }
        if (parsed.isEmpty()) {
            out.report(Finding.of(Rule.FILE_STRAY).file(rel)
                    .message(rel + " is declared as police-uk-records but its name is not a data.police.uk file name; it was not read")
                    .observed(file.path().getFileName().toString())
                    .expected("YYYY-MM-<force slug>-street.csv, -stop-and-search.csv or -outcomes.csv"));
            return new ReadSummary(rel, RecordFileReader.KIND, 0, 0, false);
        }
        RecordFileName name = parsed.get();
        Optional<Force> force = forces.bySlug(name.slug());
        if (force.isEmpty()) {
            ForceMatch m = forces.match(name.slug());
            if (m instanceof ForceMatch.NotTerritorial body) {
                out.report(Finding.of(Rule.FORCE_NOT_TERRITORIAL).file(rel)
                        .message("The data.police.uk " + name.type().suffix + " file of " + body.body() + " for " + name.month()
                                + " is excluded, not read: " + body.why())
                        .observed(name.slug()));
                return new ReadSummary(rel, RecordFileReader.KIND, 0, 0, true);
            }
            out.report(Finding.of(Rule.FORCE_UNKNOWN).file(rel)
                    .message("The force slug '" + name.slug() + "' in the file name matches none of the 43 forces nor a known "
                            + "non-territorial body; the file was not read")
                    .observed(name.slug()).expected("a police_uk_slug of reference/forces.csv"));
            return new ReadSummary(rel, RecordFileReader.KIND, 0, 0, false);
        }
        return new RecordFileReader(file, force.get(), name, forces, out).read();
    }
}
