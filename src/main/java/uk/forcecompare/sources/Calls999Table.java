package uk.forcecompare.sources;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
            ctx.emit(row, List.of(
                    ctx.observation(f.get(), Measures.CALLS_999_TOTAL, p, "", ctx.published(t, f.get(), Measures.CALLS_999_TOTAL), t),
                    ctx.observation(f.get(), Measures.CALLS_999_UNDER_10S, p, "", ctx.published(u, f.get(), Measures.CALLS_999_UNDER_10S), u)));
        }
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
