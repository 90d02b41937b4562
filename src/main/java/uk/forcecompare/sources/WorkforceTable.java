package uk.forcecompare.sources;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
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
 * Home Office police workforce open data (sheet {@code Data}): one row per force, year, sex, rank and worker
 * type. Only police officers make observations, one FTE per row; the indicator stage sums them.
 */
final class WorkforceTable implements PublishedTable {

    static final Column AS_AT = Column.of("As at 31 March", "As at");
    static final Column GEOCODE = Column.of("Geocode", "Geo code");
    static final Column FORCE = Column.of("Force name", "Force");
    static final Column SEX = Column.of("Sex", "Gender");
    static final Column RANK = Column.of("Rank", "Rank description");
    static final Column WORKER_TYPE = Column.of("Worker type");
    static final Column FTE = Column.of("Total (FTE)", "Total FTE", "FTE");

    @Override
    public String kind() {
        return "home-office-workforce";
    }

    @Override
    public List<String> preferredSheets() {
        return List.of("Data");
    }

    @Override
    public List<String> missingColumns(Header h) {
        return Header.missing(h, List.of(AS_AT, FORCE, SEX, RANK, WORKER_TYPE, FTE));
    }

    @Override
    public void read(Header h, List<TableRow> above, Iterator<TableRow> rows, ReadContext ctx) {
        int asAt = h.column(AS_AT).getAsInt(), force = h.column(FORCE).getAsInt(), sex = h.column(SEX).getAsInt();
        int rank = h.column(RANK).getAsInt(), type = h.column(WORKER_TYPE).getAsInt(), fte = h.column(FTE).getAsInt();
        OptionalInt geocode = h.column(GEOCODE);
        while (rows.hasNext()) {
            TableRow row = rows.next();
            ctx.rowsRead++;
            if (!Text.key(row.cell(type).text()).equals("policeofficer")) continue;
            Optional<Force> f = ctx.force(geocode.isPresent() ? row.cell(geocode.getAsInt()).text() : "",
                    row.cell(force).text(), row, "the workforce table");
            if (f.isEmpty()) continue;
            TableCell asAtCell = row.cell(asAt);
            Integer year = year(asAtCell);
            if (year == null) {
                ctx.report(Rule.VALUE_UNPARSEABLE, asAtCell.location(), f.get().code(),
                        f.get().name() + " " + Measures.OFFICER_FTE + ": 'As at 31 March' is not a year or date",
                        asAtCell.text(), "a year such as 2022 or a date");
                ctx.quarantine(row, Rule.VALUE_UNPARSEABLE);
                continue;
            }
            String dims = "sex=" + Text.dimensionValue(row.cell(sex).text()) + "|rank=" + Text.dimensionValue(row.cell(rank).text());
            TableCell v = row.cell(fte);
            ctx.emit(row, List.of(ctx.observation(f.get(), Measures.OFFICER_FTE, Period.asAt(LocalDate.of(year, 3, 31)), dims,
                    ctx.published(v, f.get(), Measures.OFFICER_FTE), v)));
        }
    }

    /** The year of "As at 31 March": a year (2022) or a date in it, as a cell or as ISO or long text. */
    static Integer year(TableCell cell) {
        if (cell.date() != null) return cell.date().getYear();
        Integer y = PopulationTable.year(cell);
        if (y != null) return y;
        String t = Text.clean(cell.text());
        for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.UK),
                DateTimeFormatter.ofPattern("dd/MM/uuuu"))) {
            try {
                return LocalDate.parse(t, f).getYear();
            } catch (DateTimeParseException e) {
                // next form
            }
        }
        return null;
    }
}
