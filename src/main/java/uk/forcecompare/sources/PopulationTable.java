package uk.forcecompare.sources;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.forcecompare.collection.Period;
import uk.forcecompare.reference.Force;
import uk.forcecompare.validation.Rule;

/**
 * ONS mid-year population by police force area, either long ({@code pfa_code, pfa_name, mid_year, population})
 * or ONS Table P3 (one column per mid-year, "MYE2018" or "Population mid-2018"). A mid-year estimate is a stock
 * at 30 June.
 */
final class PopulationTable implements PublishedTable {

    static final Column CODE = Column.of("pfa_code", "code", "Area Code", "Police Force Area code", "PFA code");
    static final Column NAME = Column.of("pfa_name", "name", "Area Name", "Police Force Area name", "PFA name");
    static final Column MID_YEAR = Column.of("mid_year", "Mid-year", "year");
    static final Column POPULATION = Column.of("population");
    /** Year columns of the wide layout, by key: "mye2018", "populationmid2018", "estimatedpopulationmid2020". */
    private static final Pattern YEAR_COLUMN =
            Pattern.compile("(?:mye|(?:estimated)?population(?:figures)?mid|midyearestimate)((?:19|20)\\d\\d)(?:roundedto100)?");
    private static final Pattern ONS_CODE = Pattern.compile("[A-Z]\\d{8}");

    @Override
    public String kind() {
        return "ons-population";
    }

    @Override
    public List<String> preferredSheets() {
        return List.of("Table P3");
    }

    private static boolean isLong(Header h) {
        return h.has(MID_YEAR) && h.has(POPULATION);
    }

    static List<Integer> yearColumns(Header h) {
        return h.columnsWhere(k -> YEAR_COLUMN.matcher(k).matches());
    }

    @Override
    public List<String> missingColumns(Header h) {
        List<String> missing = new ArrayList<>();
        if (!h.has(CODE)) missing.add("pfa_code (or code, Area Code)");
        if (!isLong(h) && yearColumns(h).isEmpty()) missing.add("mid_year and population, or year columns like MYE2018");
        return missing;
    }

    @Override
    public void read(Header h, List<TableRow> above, Iterator<TableRow> rows, ReadContext ctx) {
        int code = h.column(CODE).getAsInt();
        int name = h.column(NAME).orElse(-1);
        boolean longForm = isLong(h);
        List<Integer> years = longForm ? List.of() : yearColumns(h);
        while (rows.hasNext()) {
            TableRow row = rows.next();
            ctx.rowsRead++;
            String codeText = row.cell(code).stripped();
            String nameText = name < 0 ? "" : row.cell(name).stripped();
            if (ReadContext.isAggregateCode(codeText)) continue; // countries and regions: totals, not forces
            if (codeText.isEmpty()) {
                if (!nameText.isEmpty()) {
                    ctx.report(Rule.FORCE_NOT_TERRITORIAL, row.location(), "", "population row '" + nameText
                            + "' has no area code: taken for a total or grouping, not a force, and ignored", nameText, "an area code");
                }
                continue;
            }
            if (!ONS_CODE.matcher(codeText).matches() && valueCellsBlank(row, longForm, h, years)) {
                continue; // a footnote or source line under the table
            }
            Optional<Force> force = ctx.force(codeText, nameText, row, "the population table");
            if (force.isEmpty()) continue;
            List<Observation> obs = new ArrayList<>();
            if (longForm) {
                TableCell yearCell = row.cell(h.column(MID_YEAR).getAsInt());
                Integer year = year(yearCell);
                if (year == null) {
                    ctx.report(Rule.VALUE_UNPARSEABLE, yearCell.location(), force.get().code(),
                            force.get().name() + " " + Measures.POPULATION + ": mid_year is not a year",
                            yearCell.text(), "a year such as 2022");
                    ctx.quarantine(row, Rule.VALUE_UNPARSEABLE);
                    continue;
                }
                TableCell cell = row.cell(h.column(POPULATION).getAsInt());
                obs.add(ctx.observation(force.get(), Measures.POPULATION, midYear(year), "",
                        ctx.published(cell, force.get(), Measures.POPULATION), cell));
            } else {
                for (int col : years) {
                    Matcher m = YEAR_COLUMN.matcher(Text.key(h.text(col)));
                    m.matches();
                    TableCell cell = row.cell(col);
                    obs.add(ctx.observation(force.get(), Measures.POPULATION, midYear(Integer.parseInt(m.group(1))), "",
                            ctx.published(cell, force.get(), Measures.POPULATION), cell));
                }
            }
            ctx.emit(row, obs);
        }
    }

    private static boolean valueCellsBlank(TableRow row, boolean longForm, Header h, List<Integer> years) {
        if (longForm) return row.cell(h.column(POPULATION).getAsInt()).isBlank();
        return years.stream().allMatch(c -> row.cell(c).isBlank());
    }

    static Period midYear(int year) {
        return Period.asAt(LocalDate.of(year, 6, 30));
    }

    /** A year as a number cell or text ("2018", "2018.0"). */
    static Integer year(TableCell cell) {
        BigDecimal n = cell.number() != null ? cell.number() : Numbers.parse(cell.stripped());
        if (n == null || !Numbers.isWhole(n)) return null;
        int y = n.intValue();
        return y >= 1900 && y <= 2200 ? y : null;
    }
}
