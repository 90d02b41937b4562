package uk.forcecompare.sources;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import uk.forcecompare.collection.Period;
import uk.forcecompare.reference.Force;
import uk.forcecompare.validation.Rule;

/**
 * police.uk 999 call answering, one row per force per month. Police Scotland and PSNI rows are excluded.
 * Answered greater than total is kept as read: that is the indicator stage's part-exceeds-whole check.
 */
final class Calls999Table implements PublishedTable {

    static final Column MONTH = Column.of("Month", "Date", "Period");
    static final Column FORCE = Column.of("Force", "Force name", "Police force");
    static final Column TOTAL = Column.of("Total calls", "Total 999 calls", "Number of calls", "Total number of calls");
    static final Column UNDER_10S = Column.of("Calls answered in under 10 seconds",
            "Number of calls answered in under 10 seconds", "Calls answered under 10 seconds", "Answered in under 10 seconds");
    /** Published beside the counts; never used for a value, only checked against them. */
    static final Column PERCENT_UNDER_10S = Column.of("Percentage answered in under 10 seconds",
            "Percentage of calls answered in under 10 seconds", "% answered in under 10 seconds",
            "% of calls answered in under 10 seconds", "Percentage answered under 10 seconds");

    private static final List<DateTimeFormatter> MONTH_FORMATS = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM"),
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("MMMM uuuu").toFormatter(Locale.UK),
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("MMM uuuu").toFormatter(Locale.UK),
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("MMM-yy").toFormatter(Locale.UK));

    @Override
    public String kind() {
        return "police-uk-999";
    }

    @Override
    public List<String> preferredSheets() {
        return List.of();
    }

    @Override
    public List<String> missingColumns(Header h) {
        return Header.missing(h, List.of(MONTH, FORCE, TOTAL, UNDER_10S));
    }

    @Override
    public void read(Header h, List<TableRow> above, Iterator<TableRow> rows, ReadContext ctx) {
        int month = h.column(MONTH).getAsInt(), force = h.column(FORCE).getAsInt();
        int total = h.column(TOTAL).getAsInt(), under = h.column(UNDER_10S).getAsInt();
        OptionalInt percent = h.column(PERCENT_UNDER_10S);
        while (rows.hasNext()) {
            TableRow row = rows.next();
            ctx.rowsRead++;
            Optional<Force> f = ctx.force("", row.cell(force).text(), row, "the 999 table");
            if (f.isEmpty()) continue;
            TableCell monthCell = row.cell(month);
            YearMonth ym = month(monthCell);
            if (ym == null) {
                ctx.report(Rule.VALUE_UNPARSEABLE, monthCell.location(), f.get().code(),
                        f.get().name() + " " + Measures.CALLS_999_TOTAL + ": Month is not a month", monthCell.text(), "YYYY-MM");
                ctx.quarantine(row, Rule.VALUE_UNPARSEABLE);
                continue;
            }
            Period p = Period.month(ym);
            TableCell t = row.cell(total), u = row.cell(under);
            ReadContext.Value totalCalls = ctx.published(t, f.get(), Measures.CALLS_999_TOTAL);
            ReadContext.Value answered = ctx.published(u, f.get(), Measures.CALLS_999_UNDER_10S);
            if (percent.isPresent()) checkPercentage(row.cell(percent.getAsInt()), totalCalls, answered, f.get(), ctx);
            ctx.emit(row, List.of(
                    ctx.observation(f.get(), Measures.CALLS_999_TOTAL, p, "", totalCalls, t),
                    ctx.observation(f.get(), Measures.CALLS_999_UNDER_10S, p, "", answered, u)));
        }
    }

    /**
     * The indicator is worked out from the counts, so a published percentage that is not what they give (a typing
     * slip, a shifted column) changes nothing, but it means one of the three figures is wrong: a query, not a removal.
     * It agrees if it is the counts' percentage rounded to the decimals it is given with, or the same as a fraction of
     * one. A blank or suppressed percentage is not a figure to check.
     */
    private static void checkPercentage(TableCell cell, ReadContext.Value totalCalls, ReadContext.Value answered, Force force,
                                        ReadContext ctx) {
        if (!totalCalls.present() || !answered.present() || totalCalls.number().signum() == 0) return;
        String text = cell.stripped();
        // "88.4%" as some tables print it
        if (text.endsWith("%")) text = text.substring(0, text.length() - 1).strip();
        BigDecimal given = cell.number() != null ? cell.number() : Numbers.parse(text);
        if (given == null) return;
        BigDecimal counts = answered.number().multiply(BigDecimal.valueOf(100)).divide(totalCalls.number(), MathContext.DECIMAL64);
        int decimals = Math.max(0, given.stripTrailingZeros().scale());
        if (closeEnough(given, counts, decimals)
                || (given.compareTo(BigDecimal.ONE) <= 0 && closeEnough(given.movePointRight(2), counts, Math.max(0, decimals - 2)))) {
            return;
        }
        String fromCounts = counts.setScale(1, RoundingMode.HALF_UP).toPlainString();
        ctx.report(Rule.VALUE_PERCENTAGE_DISAGREES, cell.location(), force.code(), force.name() + " "
                + Measures.CALLS_999_UNDER_10S + ": the published percentage answered in under 10 seconds ("
                + cell.stripped() + ") is not what the counts on the line give (" + answered.number().toPlainString() + " of "
                + totalCalls.number().toPlainString() + " calls, " + fromCounts + "%); the counts are used",
                cell.stripped(), fromCounts + " (from the counts)");
    }

    /** Within half a unit of the last decimal given, whichever way the publisher rounded. */
    private static boolean closeEnough(BigDecimal given, BigDecimal counts, int decimals) {
        return given.subtract(counts).abs().compareTo(BigDecimal.ONE.movePointLeft(decimals).divide(BigDecimal.valueOf(2))) <= 0;
    }

    static YearMonth month(TableCell cell) {
        if (cell.date() != null) return YearMonth.from(cell.date());
        String t = Text.clean(cell.text());
        for (DateTimeFormatter f : MONTH_FORMATS) {
            try {
                return YearMonth.parse(t, f);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        try {
            return YearMonth.from(LocalDate.parse(t));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
