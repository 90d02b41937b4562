package uk.forcecompare.sources;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import uk.forcecompare.validation.Rule;

/**
 * A reader of one published table kind. The sheet is looked for by name first, then every other sheet in
 * order: releases rename sheets more often than they rename columns.
 */
interface PublishedTable {

    String kind();

    /** Sheet names the table is published under, tried first (compared ignoring case and spacing). */
    List<String> preferredSheets();

    /** What a header row lacks for this table; empty when the row is the header. */
    List<String> missingColumns(Header header);

    /** Reads the data rows below the header. */
    void read(Header header, List<TableRow> above, Iterator<TableRow> rows, ReadContext ctx);

    static void read(TableFile table, PublishedTable reader, ReadContext ctx) throws IOException {
        List<String> preferred = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String s : table.sheetNames()) {
            boolean named = reader.preferredSheets().stream().anyMatch(p -> Text.key(p).equals(Text.key(s)));
            (named ? preferred : others).add(s);
        }
        List<String> order = new ArrayList<>(preferred);
        order.addAll(others);
        Header.Search best = null;
        String bestSheet = "";
        for (String sheet : order) {
            try (TableFile.Rows rows = table.rows(sheet)) {
                Header.Search search = Header.find(rows, reader::missingColumns);
                if (search.header().isPresent()) {
                    reader.read(search.header().get(), search.above(), rows, ctx);
                    if (ctx.rowsRead == 0) {
                        ctx.structural(Rule.TABLE_NO_ROWS, search.header().get().row().location(), "the " + reader.kind()
                                + " table has its header row but no data rows below it", "0 rows", "at least one row of data");
                    }
                    return;
                }
                if (best == null || search.missing().size() < best.missing().size()) {
                    best = search;
                    bestSheet = sheet;
                }
            }
        }
        String expectedSheet = table.format() == TableFile.Format.CSV || reader.preferredSheets().isEmpty() ? ""
                : " (sheet " + String.join(" or ", reader.preferredSheets().stream().map(s -> "'" + s + "'").toList()) + ")";
        if (table.format() != TableFile.Format.CSV && preferred.isEmpty() && !reader.preferredSheets().isEmpty()) {
            ctx.structural(Rule.SHEET_MISSING, "", "no sheet of the workbook holds a " + reader.kind() + " table"
                    + expectedSheet + "; nothing was read from it", String.join(", ", table.sheetNames()),
                    String.join(" or ", reader.preferredSheets()));
            return;
        }
        List<String> missing = best == null ? List.of("a header row") : best.missing();
        ctx.structural(Rule.COLUMN_MISSING, best == null ? "" : best.bestLocation(),
                "no header row with every column a " + reader.kind() + " table needs" + expectedSheet
                        + (bestSheet.isEmpty() ? "" : "; closest in sheet '" + bestSheet + "'")
                        + "; missing: " + String.join(", ", missing) + "; nothing was read from the file",
                best == null ? "" : best.bestLocation().isEmpty() ? "" : "header candidate at " + best.bestLocation(),
                String.join(", ", missing));
    }
}
