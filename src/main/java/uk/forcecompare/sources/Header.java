package uk.forcecompare.sources;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/** A table's header row, found by name below any title rows; columns are then looked up by name, never position. */
final class Header {

    /** Title rows above a header are a handful in every table seen; a header this deep is not a header. */
    static final int MAX_ROWS_SCANNED = 60;

    private final TableRow row;
    private final Map<String, Integer> columnByKey = new HashMap<>();

    Header(TableRow row) {
        this.row = row;
        for (int i = row.width() - 1; i >= 0; i--) {
            String k = Text.key(row.cell(i).text());
            if (!k.isEmpty()) columnByKey.put(k, i); // leftmost wins where a name repeats
        }
    }

    TableRow row() {
        return row;
    }

    OptionalInt column(Column c) {
        for (String k : c.keys()) {
            Integer i = columnByKey.get(k);
            if (i != null) return OptionalInt.of(i);
        }
        return OptionalInt.empty();
    }

    boolean has(Column c) {
        return column(c).isPresent();
    }

    /** The columns whose header, reduced to a key, satisfies the test: for families like "MYE2018", "MYE2019". */
    List<Integer> columnsWhere(java.util.function.Predicate<String> keyTest) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < row.width(); i++) {
            if (keyTest.test(Text.key(row.cell(i).text()))) out.add(i);
        }
        return out;
    }

    String text(int column) {
        return Text.clean(row.cell(column).text());
    }

    static List<String> missing(Header h, List<Column> required) {
        List<String> missing = new ArrayList<>();
        for (Column c : required) if (!h.has(c)) missing.add(c.name());
        return missing;
    }

    /** Either the header, with the rows left positioned just below it, or what the best candidate lacked. */
    record Search(Optional<Header> header, List<String> missing, String bestLocation, List<TableRow> above) {
    }

    /**
     * Reads rows until one satisfies {@code missingIn} (returns an empty list). Keeps the candidate that lacked
     * the fewest columns, so that a COLUMN_MISSING finding can say which columns were not there.
     */
    static Search find(Iterator<TableRow> rows, Function<Header, List<String>> missingIn) {
        List<String> bestMissing = null;
        String bestLocation = "";
        List<TableRow> above = new ArrayList<>();
        for (int n = 0; n < MAX_ROWS_SCANNED && rows.hasNext(); n++) {
            Header h = new Header(rows.next());
            List<String> missing = missingIn.apply(h);
            if (missing.isEmpty()) return new Search(Optional.of(h), List.of(), h.row().location(), List.copyOf(above));
            above.add(h.row());
            if (bestMissing == null || missing.size() < bestMissing.size()) {
                bestMissing = missing;
                bestLocation = h.row().location();
            }
        }
        return new Search(Optional.empty(), bestMissing == null ? List.of("a header row") : bestMissing, bestLocation, List.of());
    }

    static Search find(Iterator<TableRow> rows, List<Column> required) {
        return find(rows, h -> missing(h, required));
    }
}
