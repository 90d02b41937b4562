package uk.forcecompare.sources;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import uk.forcecompare.collection.Period;
import uk.forcecompare.reference.Force;
import uk.forcecompare.validation.Rule;

/**
 * Home Office police funding, sheet {@code Table_4a}: per force, for each financial year (named in a heading row
 * above, spanning its columns) {@code Government Funding | Precept | Total} in GBP million. Emitted in pounds,
 * exactly (× 1,000,000 as a decimal, never through a double).
 */
final class FundingTable implements PublishedTable {

    static final Column CODE = Column.of("ONS code", "Code", "Area code", "Geocode", "PFA code");
    static final Column NAME = Column.of("Police force area", "Name", "Force", "Force name", "PFA name", "Area name");
    private static final String GOVERNMENT = Text.key("Government Funding");
    private static final String PRECEPT = Text.key("Precept");
    private static final String TOTAL = Text.key("Total");
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final Pattern ONS_CODE = Pattern.compile("[A-Z]\\d{8}");

    /** One financial year's three columns. */
    record YearColumns(Period year, int precept, int total) {
    }

    @Override
    public String kind() {
        return "home-office-funding";
    }

    @Override
    public List<String> preferredSheets() {
        return List.of("Table_4a", "Table 4a");
    }

    @Override
    public List<String> missingColumns(Header h) {
        List<String> missing = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < h.row().width(); i++) keys.add(Text.key(h.text(i)));
        if (!keys.contains(GOVERNMENT)) missing.add("Government Funding");
        if (!keys.contains(PRECEPT)) missing.add("Precept");
        if (!keys.contains(TOTAL)) missing.add("Total");
        return missing;
    }

    @Override
    public void read(Header h, List<TableRow> above, Iterator<TableRow> rows, ReadContext ctx) {
        List<YearColumns> years = yearColumns(h, above, ctx);
        if (years.isEmpty()) return;
        int code = h.column(CODE).orElse(0);
        int name = h.column(NAME).orElse(code + 1);
        while (rows.hasNext()) {
            TableRow row = rows.next();
            ctx.rowsRead++;
            String codeText = row.cell(code).stripped();
            String nameText = row.cell(name).stripped();
            if (ReadContext.isAggregateCode(codeText)) continue; // countries and regions: totals, not forces
            boolean valuesBlank = years.stream().allMatch(y -> row.cell(y.precept).isBlank() && row.cell(y.total).isBlank());
            if (!ONS_CODE.matcher(codeText).matches() && valuesBlank) continue; // a note or source line under the table
            Optional<Force> force = ctx.force(codeText, nameText, row, "the funding table");
            if (force.isEmpty()) continue;
            List<Observation> obs = new ArrayList<>();
            for (YearColumns y : years) {
                TableCell t = row.cell(y.total), p = row.cell(y.precept);
                obs.add(ctx.observation(force.get(), Measures.HO_FUNDING_TOTAL_GBP, y.year, "",
                        pounds(ctx.published(t, force.get(), Measures.HO_FUNDING_TOTAL_GBP)), t));
                obs.add(ctx.observation(force.get(), Measures.HO_FUNDING_PRECEPT_GBP, y.year, "",
                        pounds(ctx.published(p, force.get(), Measures.HO_FUNDING_PRECEPT_GBP)), p));
            }
            ctx.emit(row, obs);
        }
    }

    private static ReadContext.Value pounds(ReadContext.Value millions) {
        if (!millions.present()) return millions;
        BigDecimal b = millions.number().multiply(MILLION).stripTrailingZeros();
        return ReadContext.Value.of(b.scale() < 0 ? b.setScale(0) : b);
    }

    /**
     * Each "Government Funding" column opens a year's group; the year is the nearest heading above any of the
     * group's columns (a merged heading keeps its text in the first one).
     */
    private static List<YearColumns> yearColumns(Header h, List<TableRow> above, ReadContext ctx) {
        List<YearColumns> out = new ArrayList<>();
        int width = h.row().width();
        for (int g = 0; g < width; g++) {
            if (!Text.key(h.text(g)).equals(GOVERNMENT)) continue;
            int precept = -1, total = -1;
            for (int c = g + 1; c < width && !Text.key(h.text(c)).equals(GOVERNMENT); c++) {
                String k = Text.key(h.text(c));
                if (k.equals(PRECEPT) && precept < 0) precept = c;
                if (k.equals(TOTAL) && total < 0) total = c;
            }
            String where = h.row().cell(g).location();
            if (precept < 0 || total < 0) {
                ctx.structural(Rule.COLUMN_MISSING, where, "funding year group at " + where
                        + " lacks its Precept or Total column; that year was not read", h.text(g), "Government Funding, Precept, Total");
                continue;
            }
            Period year = null;
            String heading = "";
            for (int i = above.size() - 1; i >= 0 && year == null; i--) {
                for (int c = g; c <= Math.max(precept, total) && year == null; c++) {
                    String t = above.get(i).cell(c).stripped();
                    if (!t.isEmpty()) {
                        heading = t;
                        year = StopSearchTable.financialYear(firstYearText(t));
                    }
                }
            }
            if (year == null) {
                ctx.structural(Rule.COLUMN_MISSING, where, "no financial year heading (like 2023-24) above the funding columns at "
                        + where + "; that year was not read", heading, "a heading such as 2023-24 or 2023 to 2024");
                continue;
            }
            out.add(new YearColumns(year, precept, total));
        }
        return out;
    }

    /** "2023-24 (£ million)" or "Funding 2023 to 2024": the part that names the year. */
    private static String firstYearText(String heading) {
        var m = Pattern.compile("(?:19|20)\\d\\d\\s*(?:/|-|–|to)\\s*\\d{2,4}").matcher(heading.replace('–', '-'));
        return m.find() ? m.group() : heading;
    }
}
