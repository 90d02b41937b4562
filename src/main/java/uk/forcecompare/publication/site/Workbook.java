package uk.forcecompare.publication.site;

import java.io.BufferedOutputStream;
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

import org.apache.poi.ss.util.WorkbookUtil;
import org.dhatim.fastexcel.BorderStyle;
import org.dhatim.fastexcel.StyleSetter;
import org.dhatim.fastexcel.Worksheet;

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
 *
 * <p>Written with fastexcel, which streams each sheet's XML into the zip (POI is used only for its sheet-name rules).
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
    private static final String TEXT = "0B0C0C";
    private static final String BORDER = "B1B4B6";

    private final org.dhatim.fastexcel.Workbook wb;
    private final Map<String, Look> styles = new HashMap<>();
    private final ForceDirectory forces;

    private Workbook(org.dhatim.fastexcel.Workbook wb, ForceDirectory forces) {
        this.wb = wb;
        this.forces = forces;
    }

    static void write(Path file, String collectionTitle, List<IndicatorResult> results, ForceDirectory forces) {
        write(file, collectionTitle, results, forces, List.of());
    }

    static void write(Path file, String collectionTitle, List<IndicatorResult> results, ForceDirectory forces,
                      List<Sensitivity.Table> sensitivity) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                // the creator ("force-compare") is the application's name
                org.dhatim.fastexcel.Workbook wb = new org.dhatim.fastexcel.Workbook(out, "force-compare", null);
                wb.properties().setTitle("force-compare: " + collectionTitle);
                Workbook w = new Workbook(wb, forces);
                List<String> names = sheetNames(results);
                w.summary(collectionTitle, results);
                for (int i = 0; i < results.size(); i++) w.indicator(names.get(i), results.get(i));
                if (!sensitivity.isEmpty()) w.sensitivity(collectionTitle, sensitivity);
                wb.setActiveTab(0);
                wb.finish();
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

    /** A sheet being written: rows are numbered from 0 as the sheet is filled. */
    private Worksheet sheet(String name) {
        return wb.newWorksheet(name);
    }

    // ---------------------------------------------------------------- Summary

    private void summary(String collectionTitle, List<IndicatorResult> results) throws IOException {
        Worksheet s = sheet(SUMMARY);
        cell(s, 0, 0, "Every force against every indicator", style("title"));
        cell(s, 1, 0, collectionTitle, style("plain"));
        cell(s, 2, 0, "Each cell is the force's value, rounded for display. Its fill shows where it lies against one "
                + "standard deviation either side of the unweighted mean of forces in England and Wales.", style("plain"));
        cell(s, 3, 0, "Key", style("bold"));
        cell(s, 4, 0, "12.3 ▲", style("key-above"));
        cell(s, 4, 1, "more than one standard deviation above the unweighted mean", style("plain"));
        cell(s, 5, 0, "12.3 ▼", style("key-below"));
        cell(s, 5, 1, "more than one standard deviation below the unweighted mean", style("plain"));
        cell(s, 6, 0, "12.3", style("key-within"));
        cell(s, 6, 1, "within one standard deviation of the unweighted mean", style("plain"));
        cell(s, 7, 0, "no data", style("missing"));
        cell(s, 7, 1, "the force has no value (the reason is on the indicator's sheet)", style("plain"));

        int h = SUMMARY_HEADER_ROW;
        s.rowHeight(h, 110);
        cell(s, h, 0, "Force code", style("header"));
        cell(s, h, 1, "Force", style("header"));
        for (int i = 0; i < results.size(); i++) {
            IndicatorDefinition d = results.get(i).definition();
            cell(s, h, i + 2, summaryHeading(d) + ", " + results.get(i).period().describe(), style("header"));
        }
        int row = SUMMARY_HEADER_ROW + 1;
        List<Map<String, ForceValue>> byCode = results.stream().map(r -> {
            Map<String, ForceValue> m = new HashMap<>();
            r.forces().forEach(v -> m.put(v.forceCode(), v));
            return m;
        }).toList();
        for (Force f : forces.all()) {
            int r = row++;
            cell(s, r, 0, f.code(), style("plain"));
            cell(s, r, 1, f.name(), style("plain"));
            for (int i = 0; i < results.size(); i++) {
                IndicatorDefinition d = results.get(i).definition();
                ForceValue v = byCode.get(i).get(f.code());
                if (v == null || !v.hasValue()) {
                    cell(s, r, i + 2, "no data", style("missing"));
                } else {
                    cell(s, r, i + 2, Display.rounded(v.value().getAsDouble(), d.decimals()).doubleValue(),
                            valueStyle(v.band(), d, true));
                }
            }
        }
        row++;
        String[] labels = {"Unweighted mean of forces", "Standard deviation", "England and Wales rate"};
        for (int k = 0; k < labels.length; k++) {
            int r = row++;
            cell(s, r, 1, labels[k], style("bold"));
            for (int i = 0; i < results.size(); i++) {
                Comparison c = results.get(i).comparison();
                double x = k == 0 ? c.mean() : k == 1 ? c.sd() : c.englandWalesRate();
                number(s, r, i + 2, x, results.get(i).definition());
            }
        }
        s.width(0, 13);
        s.width(1, 26);
        for (int i = 0; i < results.size(); i++) s.width(i + 2, 22);
        s.freezePane(2, SUMMARY_HEADER_ROW + 1);
        s.finish();
    }

    // ---------------------------------------------------------------- one indicator

    private void indicator(String name, IndicatorResult r) throws IOException {
        IndicatorDefinition d = r.definition();
        Comparison c = r.comparison();
        Worksheet s = sheet(name);
        int row = 0;
        cell(s, row++, 0, Figures.title(r), style("title"));
        row = fact(s, row, "Indicator", d.id() + ": " + d.title());
        row = fact(s, row, "Period", r.period().describe() + " (" + r.period().text() + ")");
        row = fact(s, row, "Unit", Display.unitHeading(d) + ", shown to " + d.decimals() + " decimal place"
                + (d.decimals() == 1 ? "" : "s"));
        row = factNumber(s, row, "Unweighted mean", c.mean(), d, "each force with a value counts once");
        row = factNumber(s, row, "Standard deviation (SD)", c.sd(), d, c.sdMethod());
        row = factNumber(s, row, "Lower edge (mean minus one SD)", c.lower(), d, "");
        row = factNumber(s, row, "Upper edge (mean plus one SD)", c.upper(), d, "");
        cell(s, row, 0, "Forces with a value (n)", style("bold"));
        cell(s, row++, 1, c.nForces(), style("integer"));
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
        int header = row++;
        String[] heads = {"Force", "Force code", "Rank", "Value (" + Display.unitHeading(d) + ")",
                "Numerator", "Denominator", "Band", "Note"};
        for (int i = 0; i < heads.length; i++) cell(s, header, i, heads[i], style("header"));

        List<ForceValue> sorted = uk.forcecompare.publication.Figures.chartOrder(r, forces);
        boolean numFraction = anyFraction(r.forces().stream().map(ForceValue::numerator).toList());
        boolean denFraction = anyFraction(r.forces().stream().map(ForceValue::denominator).toList());
        int rank = 0;
        for (ForceValue v : sorted) {
            Force f = forces.byCode(v.forceCode()).orElseThrow();
            int x = row++;
            cell(s, x, 0, f.name(), style("plain"));
            cell(s, x, 1, f.code(), style("plain"));
            if (v.hasValue()) {
                cell(s, x, 2, ++rank, style("integer"));
                cell(s, x, 3, v.value().getAsDouble(), valueStyle(v.band(), d, false));
            } else {
                cell(s, x, 3, "no data", style("missing"));
            }
            amountCell(s, x, 4, v.numerator(), d.numerator(), numFraction);
            amountCell(s, x, 5, v.denominator(), d.denominator(), denFraction);
            cell(s, x, 6, v.band().label(), bandTextStyle(v.band()));
            if (!v.hasValue()) cell(s, x, 7, "No value: " + v.missingReason(), style("plain"));
            else if (c.excluded().contains(v.forceCode())) cell(s, x, 7, "Left out of mean and SD by configuration", style("plain"));
        }
        int[] widths = {34, 16, 8, 18, 16, 16, 10, 60};
        for (int i = 0; i < widths.length; i++) s.width(i, widths[i]);
        s.freezePane(0, header + 1);
        s.finish();
    }

    // ---------------------------------------------------------------- Method sensitivity

    private void sensitivity(String collectionTitle, List<Sensitivity.Table> tables) throws IOException {
        Worksheet s = sheet(SENSITIVITY);
        cell(s, 0, 0, "Forces whose band depends on the comparison method", style("title"));
        cell(s, 1, 0, collectionTitle, style("plain"));
        cell(s, 2, 0, "Every force whose band is not the same under every method, per indicator, with one sentence each. "
                + "A method that does not apply to the indicator's kind shows \"not applicable\". Forces not listed are in "
                + "the same band under every method.", style("plain"));
        int h = SENSITIVITY_HEADER_ROW;
        List<String> heads = new ArrayList<>(List.of("Indicator id", "Indicator", "Force code", "Force"));
        for (String m : Sensitivity.ALL_METHODS) heads.add(Sensitivity.heading(m) + " (" + m + ")");
        heads.add("What the methods say");
        for (int i = 0; i < heads.size(); i++) cell(s, h, i, heads.get(i), style("header"));
        int row = SENSITIVITY_HEADER_ROW + 1;
        int sentenceCol = heads.size() - 1;
        for (Sensitivity.Table t : tables) {
            IndicatorDefinition d = t.result().definition();
            if (t.entries().isEmpty()) {
                int x = row++;
                cell(s, x, 0, d.id(), style("plain"));
                cell(s, x, 1, d.title(), style("plain"));
                cell(s, x, sentenceCol, "Every force is in the same band under every method.", style("plain"));
                continue;
            }
            for (var e : t.entries()) {
                int x = row++;
                cell(s, x, 0, d.id(), style("plain"));
                cell(s, x, 1, d.title(), style("plain"));
                cell(s, x, 2, e.forceCode(), style("plain"));
                cell(s, x, 3, forces.byCode(e.forceCode()).map(Force::name).orElse(e.forceName()), style("plain"));
                for (int i = 0; i < Sensitivity.ALL_METHODS.size(); i++) {
                    Band b = e.bands().get(Sensitivity.ALL_METHODS.get(i));
                    if (b == null) cell(s, x, 4 + i, "not applicable", style("missing"));
                    else cell(s, x, 4 + i, b == Band.ABOVE ? "▲ above" : b == Band.BELOW ? "▼ below" : b.label(), bandTextStyle(b));
                }
                cell(s, x, sentenceCol, e.sentence(), style("wrap"));
            }
        }
        s.width(0, 30);
        s.width(1, 40);
        s.width(2, 13);
        s.width(3, 26);
        for (int i = 0; i < Sensitivity.ALL_METHODS.size(); i++) s.width(4 + i, 16);
        s.width(sentenceCol, 100);
        s.freezePane(4, SENSITIVITY_HEADER_ROW + 1);
        s.finish();
    }

    static String methodNote(IndicatorResult r) {
        Comparison c = r.comparison();
        String rounding = " Values are computed from unrounded numerators and denominators and rounded half-up only for display.";
        if (c.nForces() < 2) {
            return "A force is above (or below) where its value is more than one standard deviation above (or below) the "
                    + "unweighted mean of the forces with a value; with " + (c.nForces() == 0 ? "no force" : "one force")
                    + " with a value there is no standard deviation, so no band." + rounding;
        }
        return "A force is above (or below) where its value is more than one standard deviation (" + c.sdMethod()
                + ") above (or below) the unweighted mean of the " + c.nForces() + " forces with a value, each force "
                + "counting once; otherwise it is within." + rounding;
    }

    private static boolean anyFraction(List<Optional<BigDecimal>> xs) {
        return xs.stream().flatMap(Optional::stream).anyMatch(x -> x.stripTrailingZeros().scale() > 0);
    }

    private void amountCell(Worksheet s, int row, int col, Optional<BigDecimal> n, List<String> measures, boolean fraction) {
        if (n.isEmpty()) return;
        cell(s, row, col, n.get().doubleValue(),
                Display.isMoney(measures) ? style("money") : fraction ? style("decimal1") : style("integer"));
    }

    private int fact(Worksheet s, int row, String label, String value) {
        cell(s, row, 0, label, style("bold"));
        cell(s, row, 1, value, style("plain"));
        return row + 1;
    }

    private int factNumber(Worksheet s, int row, String label, double value, IndicatorDefinition d, String explanation) {
        cell(s, row, 0, label, style("bold"));
        number(s, row, 1, value, d);
        if (!explanation.isBlank()) cell(s, row, 2, explanation, style("plain"));
        return row + 1;
    }

    private void number(Worksheet s, int row, int col, double x, IndicatorDefinition d) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            cell(s, row, col, "not defined", style("missing"));
            return;
        }
        cell(s, row, col, x, valueStyle(null, d, false));
    }

    // ---------------------------------------------------------------- cells and styles

    private static void cell(Worksheet s, int row, int col, String value, Look look) {
        s.value(row, col, value);
        look.apply(s.style(row, col)).set();
    }

    private static void cell(Worksheet s, int row, int col, Number value, Look look) {
        s.value(row, col, value);
        look.apply(s.style(row, col)).set();
    }

    /** The number format of a value: its decimals, "£" for pounds, and in the summary ▲ or ▼ for the band. */
    static String valueFormat(IndicatorDefinition d, Band band, boolean marker) {
        String f = (Display.valueIsMoney(d) ? "\"£\"" : "") + "#,##0" + (d.decimals() > 0 ? "." + "0".repeat(d.decimals()) : "");
        if (marker && band == Band.ABOVE) f += "\" ▲\"";
        if (marker && band == Band.BELOW) f += "\" ▼\"";
        return f;
    }

    /**
     * How a cell looks: font (Arial, always), fill, grey borders, alignment, wrapping and number format. Every
     * style the workbook uses is one of these, made once per workbook by {@link #style(String)} and its siblings.
     */
    private record Look(boolean bold, boolean italic, int points, String fontColour, String fill, boolean borders,
                        String horizontal, String vertical, boolean wrap, String format) {

        static Look text(boolean bold, int points) {
            return new Look(bold, false, points, TEXT, null, false, null, "top", false, null);
        }

        /** A bordered cell: the base of every table cell. */
        static Look boxed(boolean bold) {
            return new Look(bold, false, 11, TEXT, null, true, null, "top", false, null);
        }

        Look font(String colour, boolean italic) {
            return new Look(bold, italic, points, colour, fill, borders, horizontal, vertical, wrap, format);
        }

        Look fill(String rgb) {
            return new Look(bold, italic, points, fontColour, rgb, borders, horizontal, vertical, wrap, format);
        }

        Look align(String horizontal, String vertical) {
            return new Look(bold, italic, points, fontColour, fill, borders, horizontal, vertical, wrap, format);
        }

        Look wrapped() {
            return new Look(bold, italic, points, fontColour, fill, borders, horizontal, vertical, true, format);
        }

        Look format(String f) {
            return new Look(bold, italic, points, fontColour, fill, borders, horizontal, vertical, wrap, f);
        }

        StyleSetter apply(StyleSetter s) {
            s.fontName("Arial").fontSize(points).fontColor("FF" + fontColour);
            if (bold) s.bold();
            if (italic) s.italic();
            if (fill != null) s.fillColor("FF" + fill);
            if (borders) s.borderStyle(BorderStyle.THIN).borderColor("FF" + BORDER);
            if (horizontal != null) s.horizontalAlignment(horizontal);
            if (vertical != null) s.verticalAlignment(vertical);
            if (wrap) s.wrapText(true);
            if (format != null) s.format(xmlAttribute(format));
            return s;
        }
    }

    /** fastexcel writes a number format into its XML attribute as given, so quotes (as in "£") are escaped here. */
    private static String xmlAttribute(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private Look valueStyle(Band band, IndicatorDefinition d, boolean marker) {
        String format = valueFormat(d, band, marker);
        String key = "value|" + (band == null ? "none" : band.label()) + "|" + format;
        return styles.computeIfAbsent(key, k -> (band == null ? Look.boxed(false) : bandBase(band)).format(format).align("right", "top"));
    }

    private Look bandTextStyle(Band band) {
        return band == Band.MISSING ? style("missing") : styles.computeIfAbsent("bandtext|" + band.label(), k -> bandBase(band));
    }

    private static Look bandBase(Band band) {
        Look st = Look.boxed(false);
        return switch (band) {
            case ABOVE -> st.fill(ABOVE_FILL).font("FFFFFF", false);
            case BELOW -> st.fill(BELOW_FILL);
            case WITHIN -> st.fill(WITHIN_FILL);
            case MISSING -> st.font(MISSING_TEXT, true);
        };
    }

    private Look style(String name) {
        return styles.computeIfAbsent(name, k -> switch (k) {
            case "title" -> Look.text(true, 14).align(null, null);
            case "bold" -> Look.text(true, 11);
            case "plain" -> Look.text(false, 11);
            case "wrap" -> Look.text(false, 11).wrapped();
            case "header" -> Look.boxed(true).fill("F3F2F1").wrapped().align(null, "bottom");
            case "integer" -> Look.boxed(false).format("#,##0");
            case "decimal1" -> Look.boxed(false).format("#,##0.0");
            case "money" -> Look.boxed(false).format("\"£\"#,##0");
            case "missing" -> Look.boxed(false).font(MISSING_TEXT, true).align("right", "top");
            case "key-above" -> bandBase(Band.ABOVE).align("right", "top");
            case "key-below" -> bandBase(Band.BELOW).align("right", "top");
            case "key-within" -> bandBase(Band.WITHIN).align("right", "top");
            default -> throw new IllegalArgumentException(k);
        });
    }

    /**
     * A Summary column's heading: the title with its unit once. "999 calls per 1,000 population" already says its unit;
     * "Funding per 1,000 population" adds only its pounds; "Stop and search arrest rate (percent)".
     */
    static String summaryHeading(IndicatorDefinition d) {
        String unit = Display.unitWords(d);
        if (!d.title().toLowerCase(Locale.ROOT).contains(unit)) return d.title() + " (" + Display.unitHeading(d) + ")";
        return Display.valueIsMoney(d) ? d.title() + " (£)" : d.title();
    }
}
