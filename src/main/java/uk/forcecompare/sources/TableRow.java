package uk.forcecompare.sources;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.poi.ss.util.CellReference;

/**
 * One CSV record or worksheet row. Locations follow the validation log: {@code Sheet!B7} for a workbook
 * (quoted where Excel would quote the sheet name), {@code line 12} for CSV, the physical line the record starts on.
 *
 * @param sheet the sheet name, or null for CSV
 * @param index the 0-based row index in the sheet, or the 1-based physical line for CSV
 */
record TableRow(String sheet, int index, List<TableCell> cells) {

    TableRow {
        // gaps in a sparse worksheet row are nulls, which List.copyOf refuses
        cells = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(cells));
    }

    static String location(String sheet, int index, int column) {
        if (sheet == null) return "line " + index;
        return new CellReference(sheet, index, Math.max(column, 0), false, false).formatAsString();
    }

    /** Where the row starts: its first cell, or its line. */
    String location() {
        return location(sheet, index, 0);
    }

    TableCell cell(int column) {
        if (column >= 0 && column < cells.size() && cells.get(column) != null) return cells.get(column);
        return TableCell.blank(location(sheet, index, column), column);
    }

    int width() {
        return cells.size();
    }

    boolean isBlank() {
        return cells.stream().allMatch(c -> c == null || c.isBlank());
    }

    /** The row as one CSV line, for quarantine: what was read, before any interpretation. */
    String rawText() {
        return cells.stream().map(c -> c == null ? "" : Text.csvQuote(c.text())).collect(Collectors.joining(","));
    }
}
