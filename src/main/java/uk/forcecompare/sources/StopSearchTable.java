package uk.forcecompare.sources;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.forcecompare.collection.Period;
import uk.forcecompare.reference.Force;
import uk.forcecompare.validation.Rule;

/**
 * Home Office stop and search open data, both header eras (to 2019/20, sheet {@code S&S_OD}; from 2020/21,
 * snake_case). Only section 1 PACE rows (which include s23 Misuse of Drugs Act) make observations; other
 * legislation rows are read and counted but make none.
 */
final class StopSearchTable implements PublishedTable {

    static final Column YEAR = Column.of("Financial Year", "financial_year");
    static final Column GEOCODE = Column.of("Geocode", "Geo code");
    static final Column FORCE = Column.of("Force Name", "police_force_area", "Police force area", "Force");
    static final Column LEGISLATION = Column.of("Legislation");
    static final Column REASON = Column.of("Reason for search / arrest", "reason_for_search", "Reason for search");
    static final Column ETHNIC_GROUP = Column.of("Ethnic Group (self-defined - new style)", "self_defined_ethnicity_group",
            "Ethnic Group (self-defined)", "Ethnic Group (self-defined - old style)");
    static final Column ETHNICITY = Column.of("Ethnicity (self-defined)", "self_defined_ethnicity");
    static final Column SEARCHES = Column.of("Searches", "number_of_searches");
    static final Column ARRESTS = Column.of("Resultant arrests", "number_of_arrests");
    /** Further columns of the newer files that split a force's searches; a row is only a repeat if these match too. */
    private static final List<Column> EXTRA_DIMENSIONS = List.of(
            Column.of("financial_year_quarter", "Financial year quarter", "Quarter"),
            Column.of("sex", "gender"),
            Column.of("age_group", "Age group"),
            Column.of("officer_defined_ethnicity", "Officer-defined ethnicity"));

    private static final Pattern SECTION_1 = Pattern.compile("section 1 \\(pace\\)( and associated legislation)?");
    private static final Pattern FINANCIAL_YEAR = Pattern.compile("((?:19|20)\\d\\d)\\s*(?:/|-|to)\\s*(\\d{2}|\\d{4})");

    @Override
    public String kind() {
        return "home-office-stop-search";
    }

    @Override
    public List<String> preferredSheets() {
        return List.of("S&S_OD");
    }

    @Override
    public List<String> missingColumns(Header h) {
        return Header.missing(h, List.of(YEAR, FORCE, LEGISLATION, SEARCHES));
    }

    static boolean isSection1(String legislation) {
        return SECTION_1.matcher(ReadContext.lower(Text.clean(legislation))).matches();
    }

    /** "2018/19", "2018-19", "2018 to 2019": the financial year starting April 2018. */
    static Period financialYear(String text) {
        Matcher m = FINANCIAL_YEAR.matcher(Text.clean(text));
        if (!m.matches()) return null;
        int start = Integer.parseInt(m.group(1));
        String end = m.group(2);
        int endYear = end.length() == 2 ? (start / 100) * 100 + Integer.parseInt(end) : Integer.parseInt(end);
        if (endYear < start) endYear += 100;
        return endYear == start + 1 ? Period.financialYear(start) : null;
    }

    @Override
    public void read(Header h, List<TableRow> above, Iterator<TableRow> rows, ReadContext ctx) {
        int year = h.column(YEAR).getAsInt(), force = h.column(FORCE).getAsInt();
        int legislation = h.column(LEGISLATION).getAsInt(), searches = h.column(SEARCHES).getAsInt();
        OptionalInt geocode = h.column(GEOCODE), arrests = h.column(ARRESTS);
        Map<String, OptionalInt> dims = new LinkedHashMap<>();
        dims.put("legislation", OptionalInt.of(legislation));
        dims.put("reason", h.column(REASON));
        dims.put("ethnicity_group", h.column(ETHNIC_GROUP));
        dims.put("ethnicity", h.column(ETHNICITY));
        for (Column c : EXTRA_DIMENSIONS) {
            if (h.has(c)) dims.put(c.name(), h.column(c));
        }
        while (rows.hasNext()) {
            TableRow row = rows.next();
            ctx.rowsRead++;
            if (!isSection1(row.cell(legislation).text())) continue;
            Optional<Force> f = ctx.force(geocode.isPresent() ? row.cell(geocode.getAsInt()).text() : "",
                    row.cell(force).text(), row, "the stop and search table");
            TableCell yearCell = row.cell(year);
            Period p = financialYear(yearCell.text());
            if (f.isEmpty()) {
                if (p != null) leaveOutForBoth(row, p, dimensions(dims, row), arrests.isPresent(), ctx);
                continue;
            }
            if (p == null) {
                ctx.report(Rule.VALUE_UNPARSEABLE, yearCell.location(), f.get().code(),
                        f.get().name() + " " + Measures.STOP_SEARCH_S1_SEARCHES + ": Financial Year is not a financial year",
                        yearCell.text(), "a financial year such as 2018/19");
                ctx.quarantine(row, Rule.VALUE_UNPARSEABLE);
                continue;
            }
            String d = dimensions(dims, row);
            List<Observation> obs = new ArrayList<>();
            TableCell s = row.cell(searches);
            obs.add(ctx.observation(f.get(), Measures.STOP_SEARCH_S1_SEARCHES, p, d,
                    ctx.published(s, f.get(), Measures.STOP_SEARCH_S1_SEARCHES), s));
            if (arrests.isPresent()) {
                TableCell a = row.cell(arrests.getAsInt());
                obs.add(ctx.observation(f.get(), Measures.STOP_SEARCH_S1_ARRESTS, p, d,
                        ctx.published(a, f.get(), Measures.STOP_SEARCH_S1_ARRESTS), a));
            }
            ctx.emit(row, obs);
        }
    }

    private static String dimensions(Map<String, OptionalInt> dims, TableRow row) {
        List<String> parts = new ArrayList<>();
        dims.forEach((k, col) -> parts.add(k + "=" + (col.isPresent() ? Text.dimensionValue(row.cell(col.getAsInt()).text()) : "")));
        return String.join("|", parts);
    }

    /**
     * A row whose code and name are two forces is one of theirs: each force's year is a sum of its rows, so both sums
     * are left missing for the row's measures rather than published short of it (contract 1), naming the row.
     */
    private static void leaveOutForBoth(TableRow row, Period p, String d, boolean withArrests, ReadContext ctx) {
        List<Force> both = ctx.uncertainForces();
        if (both.size() != 2) return;
        String why = "a row with " + both.get(0).name() + "'s code " + both.get(0).code() + " and " + both.get(1).name()
                + "'s name, which may be either force's";
        for (Force f : both) {
            ctx.emitAlone(Observation.missing(f.code(), Measures.STOP_SEARCH_S1_SEARCHES, p, d, why, ctx.fileName(), row.location()));
            if (withArrests) {
                ctx.emitAlone(Observation.missing(f.code(), Measures.STOP_SEARCH_S1_ARRESTS, p, d, why, ctx.fileName(), row.location()));
            }
        }
    }
}
