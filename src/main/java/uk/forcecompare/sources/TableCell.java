package uk.forcecompare.sources;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One cell of a CSV line or a worksheet, as the file holds it. Readers decide what its text means: the same
 * text is a suppression marker in a published table and an error in a force return.
 *
 * @param text what the cell shows (for a number, its plain decimal form; for a date, ISO; for an error, e.g. {@code #DIV/0!})
 * @param number the value of a numeric cell, or null (CSV cells are all text)
 * @param date the value of a date cell, or null
 * @param excelError the error a cell or its formula evaluated to ({@code #DIV/0!}, {@code #REF!}, ...), or null
 * @param formulaWithoutResult a formula the saving application never evaluated, so its value is unknown
 */
record TableCell(String location, int column, String text, BigDecimal number, LocalDate date, String excelError,
                 boolean formulaWithoutResult) {

    TableCell {
        text = text == null ? "" : text;
    }

    static TableCell blank(String location, int column) {
        return new TableCell(location, column, "", null, null, null, false);
    }

    static TableCell text(String location, int column, String text) {
        return new TableCell(location, column, text, null, null, null, false);
    }

    boolean isBlank() {
        return number == null && date == null && excelError == null && !formulaWithoutResult && Text.isBlank(text);
    }

    /** The text with spaces, no-break spaces and line breaks at either end removed. */
    String stripped() {
        return Text.strip(text);
    }
}
