package uk.forcecompare.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import uk.forcecompare.collection.SourceFile;
import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Rule;

/**
 * Reads every published source kind and force returns into {@link Observation}s, reporting each bad value as a
 * finding. Bad input never throws: a file that cannot be read is one FILE_UNREADABLE finding and nothing else.
 */
public final class Sources {

    /** data.police.uk monthly files: {@code 2024-03-avon-and-somerset-street.csv}. */
    private static final Pattern POLICE_UK_RECORD_FILE =
            Pattern.compile("\\d{4}-\\d{2}-[a-z0-9-]+-(street|outcomes|stop-and-search)\\.csv", Pattern.CASE_INSENSITIVE);
    private static final Column RECORD_FALLS_WITHIN = Column.of("Falls within");
    private static final Column RECORD_REPORTED_BY = Column.of("Reported by");
    private static final Column RECORD_OBJECT_OF_SEARCH = Column.of("Object of search");
    private static final Column RECORD_OUTCOME_LINKED = Column.of("Outcome linked to object of search");

    private final ForceDirectory forces;
    /** Tried in this order on each header candidate: the most specific headers first, population's "code" last. */
    private final Map<SourceKind, PublishedTable> tables;

    public Sources(ForceDirectory forces) {
        this.forces = forces;
        this.tables = new java.util.LinkedHashMap<>();
        tables.put(SourceKind.HOME_OFFICE_FUNDING, new FundingTable());
        tables.put(SourceKind.HOME_OFFICE_STOP_SEARCH, new StopSearchTable());
        tables.put(SourceKind.HOME_OFFICE_WORKFORCE, new WorkforceTable());
        tables.put(SourceKind.POLICE_UK_999, new Calls999Table());
        tables.put(SourceKind.ONS_POPULATION, new PopulationTable());
    }

    /**
     * Tells a file's kind without a manifest: from a data.police.uk file name, the sheet names, or the header row.
     * Empty when it cannot be told (or the file cannot be read at all).
     */
    public Optional<SourceKind> detectKind(Path file) {
        if (POLICE_UK_RECORD_FILE.matcher(file.getFileName().toString()).matches()) return Optional.of(SourceKind.POLICE_UK_RECORDS);
        try (TableFile t = TableFile.open(file)) {
            List<String> keys = t.sheetNames().stream().map(Text::key).toList();
            if (keys.contains(Text.key(ForceReturnReader.COVER)) && keys.contains(Text.key(ForceReturnReader.RETURN))) {
                return Optional.of(SourceKind.FORCE_RETURN);
            }
            List<String> sheets = new ArrayList<>();
            for (String s : t.sheetNames()) {
                boolean named = tables.values().stream().anyMatch(r -> r.preferredSheets().stream().anyMatch(p -> Text.key(p).equals(Text.key(s))));
                if (named) sheets.add(0, s); else sheets.add(s);
            }
            for (String sheet : sheets.subList(0, Math.min(sheets.size(), 12))) {
                try (TableFile.Rows rows = t.rows(sheet)) {
                    for (int n = 0; n < Header.MAX_ROWS_SCANNED && rows.hasNext(); n++) {
                        Header h = new Header(rows.next());
                        if (h.has(RECORD_FALLS_WITHIN) && h.has(RECORD_REPORTED_BY)
                                || h.has(RECORD_OBJECT_OF_SEARCH) && h.has(RECORD_OUTCOME_LINKED)) {
                            return Optional.of(SourceKind.POLICE_UK_RECORDS);
                        }
                        if (h.has(ForceReturnReader.MEASURE_CODE) && h.has(ForceReturnReader.VALUE)) {
                            return Optional.of(SourceKind.FORCE_RETURN);
                        }
                        for (Map.Entry<SourceKind, PublishedTable> e : tables.entrySet()) {
                            if (e.getValue().missingColumns(h).isEmpty()) return Optional.of(e.getKey());
                        }
                    }
                }
            }
            return Optional.empty();
        } catch (Exception | StackOverflowError e) {
            return Optional.empty();
        }
    }

    /**
     * Reads one file by its declared kind (detected when the manifest gave none). Never throws for bad input:
     * everything wrong is a finding in {@code out}.
     */
    public ReadSummary read(SourceFile file, SourceOutput out) {
        Optional<SourceKind> kind = file.kind().or(() -> detectKind(file.path()));
        if (kind.isEmpty()) {
            // a file that cannot be opened at all is unreadable, which says more than "kind unknown"
            try (TableFile ignored = TableFile.open(file.path())) {
                // it opens: its kind is what cannot be told
            } catch (Exception | StackOverflowError e) {
                return new ReadContext(file, forces).unreadable(out, "", describe(e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e));
            }
            out.report(Finding.of(Rule.FILE_KIND_UNKNOWN).file(file.relativePath())
                    .message("the kind of this file cannot be told from its name, sheets or header row; it was not read. "
                            + "Declare its kind in collection.yml, or remove it from the collection")
                    .expected("one of " + SourceKind.ids()).build());
            return new ReadSummary(file.relativePath(), "", 0, 0, false);
        }
        String id = kind.get().id();
        if (kind.get() == SourceKind.POLICE_UK_RECORDS) {
            out.report(Finding.of(Rule.FILE_KIND_UNKNOWN).file(file.relativePath())
                    .message("data.police.uk record-level files are not read yet; this file was skipped")
                    .observed(id).expected("a published table or force return").build());
            return new ReadSummary(file.relativePath(), id, 0, 0, false);
        }
        ReadContext ctx = new ReadContext(file, forces);
        try (TableFile table = TableFile.open(file.path())) {
            if (kind.get() == SourceKind.FORCE_RETURN) {
                if (table.format() == TableFile.Format.CSV) {
                    return ctx.unreadable(out, id, "a force return must be an XLSX or ODS workbook, not text");
                }
                new ForceReturnReader(ctx).read(table);
            } else {
                PublishedTable.read(table, tables.get(kind.get()), ctx);
            }
            return ctx.commit(out, id);
        } catch (UncheckedIOException e) {
            return ctx.unreadable(out, id, describe(e.getCause() != null ? e.getCause() : e));
        } catch (Exception | StackOverflowError e) {
            return ctx.unreadable(out, id, describe(e));
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof TableFile.UnreadableFile) return e.getMessage();
        if (e instanceof IOException && e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("zip bomb")) {
            return "a zip bomb (a part inflates far beyond its compressed size)";
        }
        String root = XlsxTableFile.rootMessage(e);
        if (root != null && root.toLowerCase(java.util.Locale.ROOT).contains("zip bomb")) {
            return "a zip bomb (a part inflates far beyond its compressed size)";
        }
        return e.getClass().getSimpleName() + ": " + (e.getMessage() == null ? root : e.getMessage());
    }
}
