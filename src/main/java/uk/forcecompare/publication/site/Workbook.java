package uk.forcecompare.publication.site;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import uk.forcecompare.indicators.Band;
import uk.forcecompare.indicators.Comparison;
import uk.forcecompare.indicators.ForceValue;
import uk.forcecompare.indicators.IndicatorDefinition;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.publication.Figures;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;

/**
 * {@code force-compare.xlsx}: a Summary sheet of every force against every indicator coloured by band, like a
 * spine chart, then one sheet per indicator with its data, band, mean, SD and source note.
 *
 * <p>Colour is never the only cue (WCAG 1.4.1): summary values carry ▲ or ▼ in their number format and indicator
 * sheets spell the band out. Text on every fill has a contrast ratio of at least 7:1.
 */
final class Workbook {

    static final String SUMMARY = "Summary";
    /** The last sheet: every force whose band depends on the comparison method. */
    static final String SENSITIVITY = "Method sensitivity";
    /** Row (0-based) of the Method sensitivity sheet's header. */
    static final int SENSITIVITY_HEADER_ROW = 4;
    /** Dark blue above (white text), light blue below (black text), as the inspectorate's bar charts. */
    static final String ABOVE_FILL = "12436D";
    static final String BELOW_FILL = "A9D0F5";
    static final String WITHIN_FILL = "E8E8E8";
    static final String MISSING_TEXT = "505A5F";
    /** Row (0-based) of the Summary sheet's header; forces start on the next row. */
    static final int SUMMARY_HEADER_ROW = 8;

    private final XSSFWorkbook wb = new XSSFWorkbook();
    private final Map<String, XSSFCellStyle> styles = new HashMap<>();
    private final ForceDirectory forces;

    private Workbook(ForceDirectory forces) {
        this.forces = forces;
    }

    static void write(Path file, String collectionTitle, List<IndicatorResult> results, ForceDirectory forces) {
        write(file, collectionTitle, results, forces, List.of());
    }

    static void write(Path file, String collectionTitle, List<IndicatorResult> results, ForceDirectory forces,
                      List<Sensitivity.Table> sensitivity) {
        Workbook w = new Workbook(forces);
        try (XSSFWorkbook wb = w.wb) {
            wb.getProperties().getCoreProperties().setTitle("force-compare: " + collectionTitle);
            wb.getProperties().getCoreProperties().setCreator("force-compare");
            List<String> names = sheetNames(results);
            w.summary(collectionTitle, results);
            for (int i = 0; i < results.size(); i++) w.indicator(names.get(i), results.get(i));
            if (!sensitivity.isEmpty()) w.sensitivity(collectionTitle, sensitivity);
            wb.setActiveSheet(0);
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The indicator id, made safe and at most 31 characters, unique in the workbook. */
    static List<String> sheetNames(List<IndicatorResult> results) {
        Set<String> used = new HashSet<>();
        used.add(SUMMARY.toLowerCase(Locale.ROOT));
        used.add(SENSITIVITY.toLowerCase(Locale.ROOT));
        List<String> out = new ArrayList<>();
        for (IndicatorResult r : results) {
            String base = WorkbookUtil.createSafeSheetName(r.definition().id(), '-');
            if (base.length() > 31) base = base.substring(0, 31);
            String name = base;
            for (int n = 2; !used.add(name.toLowerCase(Locale.ROOT)); n++) {
                String suffix = "~" + n;
                name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
            }
            out.add(name);
        }
        return out;
    }

    // ---------------------------------------------------------------- Summary

    private void summary(String collectionTitle, List<IndicatorResult> results) {
        XSSFSheet s = wb.createSheet(SUMMARY);
        text(s, 0, 0, "Every force against every indicator", style("title"));
        text(s, 1, 0, collectionTitle, style("plain"));
        text(s, 2, 0, "Each cell is the force's value, rounded for display. Its fill shows where it lies against one "
                + "standard deviation either side of the unweighted mean of forces in England and Wales.", style("plain"));
        text(s, 3, 0, "Key", style("bold"));
        text(s, 4, 0, "12.3 ▲", style("key-above"));
        text(s, 4, 1, "more than one standard deviation above the unweighted mean", style("plain"));
        text(s, 5, 0, "12.3 ▼", style("key-below"));
        text(s, 5, 1, "more than one standard deviation below the unweighted mean", style("plain"));
        text(s, 6, 0, "12.3", style("key-within"));
        text(s, 6, 1, "within one standard deviation of the unweighted mean", style("plain"));
        text(s, 7, 0, "no data", style("missing"));
        text(s, 7, 1, "the force has no value (the reason is on the indicator's sheet)", style("plain"));

        Row h = s.createRow(SUMMARY_HEADER_ROW);
        h.setHeightInPoints(110);
        cell(h, 0, "Force code", style("header"));
        cell(h, 1, "Force", style("header"));
        for (int i = 0; i < results.size(); i++) {
            IndicatorDefinition d = results.get(i).definition();
            cell(h, i + 2, d.title() + " (" + Display.unitHeading(d) + "), " + results.get(i).period().describe(),
                    style("header"));
        }
        int row = SUMMARY_HEADER_ROW + 1;
        List<Map<String, ForceValue>> byCode = results.stream().map(r -> {
            Map<String, ForceValue> m = new HashMap<>();
            r.forces().forEach(v -> m.put(v.forceCode(), v));
            return m;
        }).toList();
        for (Force f : forces.all()) {
            Row r = s.createRow(row++);
            cell(r, 0, f.code(), style("plain"));
            cell(r, 1, f.name(), style("plain"));
            for (int i = 0; i < results.size(); i++) {
                IndicatorDefinition d = results.get(i).definition();
                ForceValue v = byCode.get(i).get(f.code());
                if (v == null || !v.hasValue()) {
                    cell(r, i + 2, "no data", style("missing"));
                } else {
                    Cell c = r.createCell(i + 2);
                    c.setCellValue(Display.rounded(v.value().getAsDouble(), d.decimals()).doubleValue());
                    c.setCellStyle(valueStyle(v.band(), d, true));
                }
            }
        }
        row++;
        String[] labels = {"Unweighted mean of forces", "Standard deviation", "England and Wales rate"};
        for (int k = 0; k < labels.length; k++) {
            Row r = s.createRow(row++);
            cell(r, 1, labels[k], style("bold"));
            for (int i = 0; i < results.size(); i++) {
                Comparison c = results.get(i).comparison();
                double x = k == 0 ? c.mean() : k == 1 ? c.sd() : c.englandWalesRate();
                number(r, i + 2, x, results.get(i).definition());
            }
        }
        s.setColumnWidth(0, 13 * 256);
        s.setColumnWidth(1, 26 * 256);
        for (int i = 0; i < results.size(); i++) s.setColumnWidth(i + 2, 22 * 256);
        s.createFreezePane(2, SUMMARY_HEADER_ROW + 1);
    }

    // ---------------------------------------------------------------- one indicator

    private void indicator(String name, IndicatorResult r) {
        IndicatorDefinition d = r.definition();
        Comparison c = r.comparison();
        XSSFSheet s = wb.createSheet(name);
        int row = 0;
        text(s, row++, 0, Figures.title(r), style("title"));
        row = fact(s, row, "Indicator", d.id() + ": " + d.title());
        row = fact(s, row, "Period", r.period().describe() + " (" + r.period().text() + ")");
        row = fact(s, row, "Unit", Display.unitHeading(d) + ", shown to " + d.decimals() + " decimal place"
                + (d.decimals() == 1 ? "" : "s"));
        row = factNumber(s, row, "Unweighted mean", c.mean(), d, "each force with a value counts once");
        row = factNumber(s, row, "Standard deviation (SD)", c.sd(), d, c.sdMethod());
        row = factNumber(s, row, "Lower edge (mean minus one SD)", c.lower(), d, "");
        row = factNumber(s, row, "Upper edge (mean plus one SD)", c.upper(), d, "");
        Row nRow = s.createRow(row++);
        cell(nRow, 0, "Forces with a value (n)", style("bold"));
        Cell nCell = nRow.createCell(1);
        nCell.setCellValue(c.nForces());
        nCell.setCellStyle(style("integer"));
        row = factNumber(s, row, "England and Wales rate", c.englandWalesRate(), d,
                "all forces' numerators divided by all their denominators: not the unweighted mean");
        if (d.target().isPresent()) {
            row = factNumber(s, row, "Target", d.target().getAsDouble(), d, d.targetLabel());
        }
        row = fact(s, row, "Source note", d.sourceNote());
        row = fact(s, row, "Method note", methodNote(r));
        if (!c.excluded().isEmpty()) {
            row = fact(s, row, "Left out of mean and SD", String.join(", ",
                    c.excluded().stream().map(x -> forces.byCode(x).map(Force::name).orElse(x)).toList()) + " (by configuration)");
        }
        row++;
        int header = row;
        Row h = s.createRow(row++);
        String[] heads = {"Force", "Force code", "Rank", "Value (" + Display.unitHeading(d) + ")",
                "Numerator", "Denominator", "Band", "Note"};
        for (int i = 0; i < heads.length; i++) cell(h, i, heads[i], style("header"));

        List<ForceValue> sorted = uk.forcecompare.publication.Figures.chartOrder(r, forces);
        boolean numFraction = anyFraction(r.forces().stream().map(ForceValue::numerator).toList());
        boolean denFraction = anyFraction(r.forces().stream().map(ForceValue::denominator).toList());
        int rank = 0;
        for (ForceValue v : sorted) {
            Force f = forces.byCode(v.forceCode()).orElseThrow();
            Row x = s.createRow(row++);
            if (v.hasValue()) {
                Cell rc = x.createCell(2);
                rc.setCellValue(++rank);
                rc.setCellStyle(style("integer"));
            }
            cell(x, 0, f.name(), style("plain"));
            cell(x, 1, f.code(), style("plain"));
            if (v.hasValue()) {
                Cell vc = x.createCell(3);
                vc.setCellValue(v.value().getAsDouble());
                vc.setCellStyle(valueStyle(v.band(), d, false));
            } else {
                cell(x, 3, "no data", style("missing"));
            }
            amountCell(x, 4, v.numerator(), d.numerator(), numFraction);
            amountCell(x, 5, v.denominator(), d.denominator(), denFraction);
            cell(x, 6, v.band().label(), bandTextStyle(v.band()));
            if (!v.hasValue()) cell(x, 7, "No value: " + v.missingReason(), style("plain"));
            else if (c.excluded().contains(v.forceCode())) cell(x, 7, "Left out of mean and SD by configuration", style("plain"));
        }
        int[] widths = {34, 16, 8, 18, 16, 16, 10, 60};
        for (int i = 0; i < widths.length; i++) s.setColumnWidth(i, widths[i] * 256);
        s.createFreezePane(0, header + 1);
    }

    // ---------------------------------------------------------------- Method sensitivity

    private void sensitivity(String collectionTitle, List<Sensitivity.Table> tables) {
        XSSFSheet s = wb.createSheet(SENSITIVITY);
        text(s, 0, 0, "Forces whose band depends on the comparison method", style("title"));
        text(s, 1, 0, collectionTitle, style("plain"));
        text(s, 2, 0, "Every force whose band is not the same under every method, per indicator, with one sentence each. "
                + "A method that does not apply to the indicator's kind shows \"not applicable\". Forces not listed are in "
                + "the same band under every method.", style("plain"));
        Row h = s.createRow(SENSITIVITY_HEADER_ROW);
        List<String> heads = new ArrayList<>(List.of("Indicator id", "Indicator", "Force code", "Force"));
        for (String m : Sensitivity.ALL_METHODS) heads.add(Sensitivity.heading(m) + " (" + m + ")");
        heads.add("What the methods say");
        for (int i = 0; i < heads.size(); i++) cell(h, i, heads.get(i), style("header"));
        int row = SENSITIVITY_HEADER_ROW + 1;
        int sentenceCol = heads.size() - 1;
        for (Sensitivity.Table t : tables) {
            IndicatorDefinition d = t.result().definition();
            if (t.entries().isEmpty()) {
                Row x = s.createRow(row++);
                cell(x, 0, d.id(), style("plain"));
                cell(x, 1, d.title(), style("plain"));
                cell(x, sentenceCol, "Every force is in the same band under every method.", style("plain"));
                continue;
            }
            for (var e : t.entries()) {
                Row x = s.createRow(row++);
                cell(x, 0, d.id(), style("plain"));
                cell(x, 1, d.title(), style("plain"));
                cell(x, 2, e.forceCode(), style("plain"));
                cell(x, 3, forces.byCode(e.forceCode()).map(Force::name).orElse(e.forceName()), style("plain"));
                for (int i = 0; i < Sensitivity.ALL_METHODS.size(); i++) {
                    Band b = e.bands().get(Sensitivity.ALL_METHODS.get(i));
                    if (b == null) cell(x, 4 + i, "not applicable", style("missing"));
                    else cell(x, 4 + i, b == Band.ABOVE ? "▲ above" : b == Band.BELOW ? "▼ below" : b.label(), bandTextStyle(b));
                }
                cell(x, sentenceCol, e.sentence(), style("wrap"));
            }
        }
        s.setColumnWidth(0, 30 * 256);
        s.setColumnWidth(1, 40 * 256);
        s.setColumnWidth(2, 13 * 256);
        s.setColumnWidth(3, 26 * 256);
        for (int i = 0; i < Sensitivity.ALL_METHODS.size(); i++) s.setColumnWidth(4 + i, 16 * 256);
        s.setColumnWidth(sentenceCol, 100 * 256);
        s.createFreezePane(4, SENSITIVITY_HEADER_ROW + 1);
    }

    static String methodNote(IndicatorResult r) {
        Comparison c = r.comparison();
        return "A force is above (or below) where its value is more than one standard deviation (" + c.sdMethod()
                + ") above (or below) the unweighted mean of the " + c.nForces() + " forces with a value, each force "
                + "counting once; otherwise it is within. Values are computed from unrounded numerators and "
                + "denominators and rounded half-up only for display.";
    }

    private static boolean anyFraction(List<Optional<BigDecimal>> xs) {
        return xs.stream().flatMap(Optional::stream).anyMatch(x -> x.stripTrailingZeros().scale() > 0);
    }

    private void amountCell(Row row, int col, Optional<BigDecimal> n, List<String> measures, boolean fraction) {
        if (n.isEmpty()) return;
        Cell c = row.createCell(col);
        c.setCellValue(n.get().doubleValue());
        c.setCellStyle(Display.isMoney(measures) ? style("money") : fraction ? style("decimal1") : style("integer"));
    }

    private int fact(XSSFSheet s, int row, String label, String value) {
        Row r = s.createRow(row);
        cell(r, 0, label, style("bold"));
        cell(r, 1, value, style("plain"));
        return row + 1;
    }

    private int factNumber(XSSFSheet s, int row, String label, double value, IndicatorDefinition d, String explanation) {
        Row r = s.createRow(row);
        cell(r, 0, label, style("bold"));
        number(r, 1, value, d);
        if (!explanation.isBlank()) cell(r, 2, explanation, style("plain"));
        return row + 1;
    }

    private void number(Row r, int col, double x, IndicatorDefinition d) {
        Cell c = r.createCell(col);
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            c.setCellValue("not defined");
            c.setCellStyle(style("missing"));
            return;
        }
        c.setCellValue(x);
        c.setCellStyle(valueStyle(null, d, false));
    }

    // ---------------------------------------------------------------- cells and styles

    private static void text(XSSFSheet s, int row, int col, String value, XSSFCellStyle style) {
        Row r = s.getRow(row) != null ? s.getRow(row) : s.createRow(row);
        cell(r, col, value, style);
    }

    private static void cell(Row r, int col, String value, XSSFCellStyle style) {
        Cell c = r.createCell(col);
        c.setCellValue(value);
        c.setCellStyle(style);
    }

    /** The number format of a value: its decimals, "£" for pounds, and in the summary ▲ or ▼ for the band. */
    static String valueFormat(IndicatorDefinition d, Band band, boolean marker) {
        String f = (Display.valueIsMoney(d) ? "\"£\"" : "") + "#,##0" + (d.decimals() > 0 ? "." + "0".repeat(d.decimals()) : "");
        if (marker && band == Band.ABOVE) f += "\" ▲\"";
        if (marker && band == Band.BELOW) f += "\" ▼\"";
        return f;
    }

    private XSSFCellStyle valueStyle(Band band, IndicatorDefinition d, boolean marker) {
        String format = valueFormat(d, band, marker);
        String key = "value|" + (band == null ? "none" : band.label()) + "|" + format;
        return styles.computeIfAbsent(key, k -> {
            XSSFCellStyle st = band == null ? base(false) : bandBase(band);
            st.setDataFormat(wb.createDataFormat().getFormat(format));
            st.setAlignment(HorizontalAlignment.RIGHT);
            return st;
        });
    }

    private XSSFCellStyle bandTextStyle(Band band) {
        return band == Band.MISSING ? style("missing") : styles.computeIfAbsent("bandtext|" + band.label(), k -> bandBase(band));
    }

    private XSSFCellStyle bandBase(Band band) {
        XSSFCellStyle st = base(false);
        switch (band) {
            case ABOVE -> {
                fill(st, ABOVE_FILL);
                st.setFont(font(false, "FFFFFF", 11, false));
            }
            case BELOW -> fill(st, BELOW_FILL);
            case WITHIN -> fill(st, WITHIN_FILL);
            case MISSING -> st.setFont(font(false, MISSING_TEXT, 11, true));
        }
        return st;
    }

    private XSSFCellStyle style(String name) {
        return styles.computeIfAbsent(name, k -> switch (k) {
            case "title" -> {
                XSSFCellStyle st = wb.createCellStyle();
                st.setFont(font(true, "0B0C0C", 14, false));
                yield st;
            }
            case "bold" -> {
                XSSFCellStyle st = wb.createCellStyle();
                st.setFont(font(true, "0B0C0C", 11, false));
                st.setVerticalAlignment(VerticalAlignment.TOP);
                yield st;
            }
            case "plain" -> {
                XSSFCellStyle st = wb.createCellStyle();
                st.setFont(font(false, "0B0C0C", 11, false));
                st.setVerticalAlignment(VerticalAlignment.TOP);
                yield st;
            }
            case "wrap" -> {
                XSSFCellStyle st = wb.createCellStyle();
                st.setFont(font(false, "0B0C0C", 11, false));
                st.setVerticalAlignment(VerticalAlignment.TOP);
                st.setWrapText(true);
                yield st;
            }
            case "header" -> {
                XSSFCellStyle st = base(true);
                fill(st, "F3F2F1");
                st.setWrapText(true);
                st.setVerticalAlignment(VerticalAlignment.BOTTOM);
                yield st;
            }
            case "integer", "decimal1", "money" -> {
                XSSFCellStyle st = base(false);
                st.setDataFormat(wb.createDataFormat().getFormat(
                        k.equals("integer") ? "#,##0" : k.equals("decimal1") ? "#,##0.0" : "\"£\"#,##0"));
                yield st;
            }
            case "missing" -> {
                XSSFCellStyle st = base(false);
                st.setFont(font(false, MISSING_TEXT, 11, true));
                st.setAlignment(HorizontalAlignment.RIGHT);
                yield st;
            }
            case "key-above" -> keyStyle(Band.ABOVE);
            case "key-below" -> keyStyle(Band.BELOW);
            case "key-within" -> keyStyle(Band.WITHIN);
            default -> throw new IllegalArgumentException(k);
        });
    }

    private XSSFCellStyle keyStyle(Band band) {
        XSSFCellStyle st = bandBase(band);
        st.setAlignment(HorizontalAlignment.RIGHT);
        return st;
    }

    private XSSFCellStyle base(boolean bold) {
        XSSFCellStyle st = wb.createCellStyle();
        st.setFont(font(bold, "0B0C0C", 11, false));
        for (var setter : List.<java.util.function.Consumer<BorderStyle>>of(st::setBorderTop, st::setBorderBottom,
                st::setBorderLeft, st::setBorderRight)) {
            setter.accept(BorderStyle.THIN);
        }
        XSSFColor grey = rgb("B1B4B6");
        st.setTopBorderColor(grey);
        st.setBottomBorderColor(grey);
        st.setLeftBorderColor(grey);
        st.setRightBorderColor(grey);
        st.setVerticalAlignment(VerticalAlignment.TOP);
        return st;
    }

    private static void fill(XSSFCellStyle st, String hex) {
        st.setFillForegroundColor(rgb(hex));
        st.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    }

    private final Map<String, XSSFFont> fonts = new HashMap<>();

    private XSSFFont font(boolean bold, String hex, int points, boolean italic) {
        return fonts.computeIfAbsent(bold + "|" + hex + "|" + points + "|" + italic, k -> {
            XSSFFont f = wb.createFont();
            f.setFontName("Arial");
            f.setFontHeightInPoints((short) points);
            f.setBold(bold);
            f.setItalic(italic);
            f.setColor(rgb(hex));
            return f;
        });
    }

    static XSSFColor rgb(String hex) {
        int v = Integer.parseInt(hex, 16);
        return new XSSFColor(new byte[] {(byte) (v >> 16), (byte) (v >> 8), (byte) v}, null);
    }
}
