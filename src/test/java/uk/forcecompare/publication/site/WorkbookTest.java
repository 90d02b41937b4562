package uk.forcecompare.publication.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.indicators.Band;
import uk.forcecompare.indicators.ForceValue;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.reference.Force;

class WorkbookTest {

    @TempDir
    static Path tmp;
    static List<IndicatorResult> results;
    static XSSFWorkbook wb;

    @BeforeAll
    static void write() throws Exception {
        results = SiteFixture.allResults();
        Path staging = SiteFixture.publication(tmp, results, true);
        ReportSite.write(staging, SiteFixture.TITLE, results, SiteFixture.FORCES, SiteFixture.findings());
        try (InputStream in = Files.newInputStream(staging.resolve("force-compare.xlsx"))) {
            wb = new XSSFWorkbook(in);
        }
    }

    @Test
    void summaryFirstThenOneSheetPerIndicatorNamedByItsId() {
        List<String> names = new ArrayList<>();
        wb.forEach(s -> names.add(s.getSheetName()));
        assertThat(names).first().isEqualTo("Summary");
        assertThat(names).last().isEqualTo("Method sensitivity");
        assertThat(names.subList(1, names.size() - 1))
                .containsExactlyElementsOf(results.stream().map(r -> r.definition().id()).toList());
        assertThat(names).allMatch(n -> n.length() <= 31);
    }

    @Test
    void summaryHeadingsGiveTheUnitOnce() {
        Row header = wb.getSheet("Summary").getRow(Workbook.SUMMARY_HEADER_ROW);
        java.util.Map<String, String> byId = new java.util.HashMap<>();
        for (int col = 0; col < results.size(); col++) {
            byId.put(results.get(col).definition().id(), header.getCell(col + 2).getStringCellValue());
        }
        // the title already ends in its unit: not "999 calls per 1,000 population (per 1,000 population)"
        assertThat(byId.get("calls-999-per-1000")).isEqualTo("999 calls per 1,000 population, the year ending 31 December 2023");
        assertThat(byId.get("officers-per-1000")).isEqualTo("Police officers per 1,000 population, 31 March 2023");
        // pounds are the one part of the unit the title does not say
        assertThat(byId.get("funding-per-1000")).isEqualTo("Funding per 1,000 population (£), the year ending 31 March 2023");
        assertThat(byId.get("calls-101-abandonment-rate")).isEqualTo("101 call abandonment rate (percent), the year ending 31 March 2023");
    }

    @Test
    void summaryHoldsTheRoundedValueColouredByBand() {
        XSSFSheet s = wb.getSheet("Summary");
        Row header = s.getRow(Workbook.SUMMARY_HEADER_ROW);
        assertThat(header.getCell(1).getStringCellValue()).isEqualTo("Force");
        assertThat(s.getPaneInformation()).isNotNull();
        assertThat(s.getPaneInformation().isFreezePane()).isTrue();
        boolean sawAbove = false, sawBelow = false, sawWithin = false, sawMissing = false;
        for (int col = 0; col < results.size(); col++) {
            IndicatorResult r = results.get(col);
            assertThat(header.getCell(col + 2).getStringCellValue()).startsWith(r.definition().title());
            for (int i = 0; i < 43; i++) {
                Force f = SiteFixture.FORCES.all().get(i);
                Row row = s.getRow(Workbook.SUMMARY_HEADER_ROW + 1 + i);
                assertThat(row.getCell(1).getStringCellValue()).isEqualTo(f.name());
                ForceValue v = r.forces().get(i);
                XSSFCell c = (XSSFCell) row.getCell(col + 2);
                if (!v.hasValue()) {
                    assertThat(c.getStringCellValue()).isEqualTo("no data");
                    sawMissing = true;
                    continue;
                }
                assertThat(c.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(c.getNumericCellValue()).isEqualTo(
                        Display.rounded(v.value().getAsDouble(), r.definition().decimals()).doubleValue());
                XSSFCellStyle st = c.getCellStyle();
                String fill = hex(st.getFillForegroundColorColor());
                switch (v.band()) {
                    case ABOVE -> {
                        sawAbove = true;
                        assertThat(fill).isEqualTo(Workbook.ABOVE_FILL);
                        assertThat(hex(st.getFont().getXSSFColor())).isEqualTo("FFFFFF");
                        assertThat(st.getDataFormatString()).contains("▲");
                    }
                    case BELOW -> {
                        sawBelow = true;
                        assertThat(fill).isEqualTo(Workbook.BELOW_FILL);
                        assertThat(st.getDataFormatString()).contains("▼");
                    }
                    default -> {
                        sawWithin = true;
                        assertThat(fill).isEqualTo(Workbook.WITHIN_FILL);
                    }
                }
            }
        }
        assertThat(sawAbove && sawBelow && sawWithin && sawMissing).isTrue();
    }

    @Test
    void indicatorSheetHasTheBandStatisticsSourceNoteAndData() {
        IndicatorResult r = results.stream().filter(x -> x.definition().id().equals("calls-101-abandonment-rate")).findFirst().orElseThrow();
        XSSFSheet s = wb.getSheet("calls-101-abandonment-rate");
        assertThat(s.getRow(0).getCell(0).getStringCellValue()).isEqualTo(uk.forcecompare.publication.Figures.title(r));
        assertThat(s.getRow(0).getCell(0).getCellStyle().getFont().getBold()).isTrue();
        assertThat(valueOf(s, "Unweighted mean")).isEqualTo(r.comparison().mean());
        assertThat(valueOf(s, "Standard deviation (SD)")).isEqualTo(r.comparison().sd());
        assertThat(valueOf(s, "Lower edge (mean minus one SD)")).isEqualTo(r.comparison().lower());
        assertThat(valueOf(s, "Upper edge (mean plus one SD)")).isEqualTo(r.comparison().upper());
        assertThat(valueOf(s, "Forces with a value (n)")).isEqualTo(42);
        assertThat(valueOf(s, "England and Wales rate")).isEqualTo(r.comparison().englandWalesRate());
        assertThat(textOf(s, "Source note")).isEqualTo(r.definition().sourceNote());
        assertThat(textOf(s, "Method note")).contains("sample (n-1)").doesNotContainIgnoringCase("significant");
        assertThat(textOf(s, "Period")).contains("the year ending 31 March 2023");

        int header = rowOf(s, "Force");
        assertThat(s.getPaneInformation().isFreezePane()).isTrue();
        assertThat(s.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) (header + 1));
        Row h = s.getRow(header);
        assertThat(h.getCell(3).getStringCellValue()).isEqualTo("Value (percent)");
        assertThat(((XSSFCell) h.getCell(3)).getCellStyle().getFont().getBold()).isTrue();
        int rows = 0;
        double last = Double.MAX_VALUE;
        for (int i = header + 1; i <= s.getLastRowNum(); i++) {
            Row row = s.getRow(i);
            rows++;
            String band = row.getCell(6).getStringCellValue();
            if (band.equals("missing")) {
                assertThat(row.getCell(0).getStringCellValue()).isEqualTo("Cumbria");
                assertThat(row.getCell(7).getStringCellValue()).contains(SiteFixture.MISSING_REASON);
                assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(51_000);
                continue;
            }
            double v = row.getCell(3).getNumericCellValue();
            assertThat(v).isLessThanOrEqualTo(last);
            last = v;
            assertThat(row.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("#,##0.0");
            assertThat(row.getCell(4).getCellStyle().getDataFormatString()).isEqualTo("#,##0");
            if (band.equals(Band.ABOVE.label())) {
                assertThat(hex(((XSSFCell) row.getCell(6)).getCellStyle().getFillForegroundColorColor())).isEqualTo(Workbook.ABOVE_FILL);
            }
        }
        assertThat(rows).isEqualTo(43);
        assertThat(s.getColumnWidth(0)).isGreaterThan(20 * 256);
    }

    @Test
    void moneyIsFormattedInPounds() {
        XSSFSheet s = wb.getSheet("funding-per-1000");
        int header = rowOf(s, "Force");
        assertThat(s.getRow(header + 1).getCell(3).getCellStyle().getDataFormatString()).isEqualTo("\"£\"#,##0");
        assertThat(s.getRow(header + 1).getCell(4).getCellStyle().getDataFormatString()).isEqualTo("\"£\"#,##0");
    }

    @Test
    void longOrClashingIdsGiveUniqueSheetNames() {
        var d = SiteFixture.def("crimes-per-1000");
        var longer = new uk.forcecompare.indicators.IndicatorDefinition("a-very-long-indicator-identifier-beyond-31", d.title(),
                d.chartSubject(), d.kind(), d.unit(), d.numerator(), d.denominator(), false, 1, d.target(), "", "x", "y",
                java.util.Optional.empty());
        IndicatorResult a = new IndicatorResult(longer, results.get(0).period(), results.get(0).forces(), results.get(0).comparison());
        List<String> names = Workbook.sheetNames(List.of(a, a));
        assertThat(names).hasSize(2).doesNotHaveDuplicates().allMatch(n -> n.length() <= 31);
    }

    /** Layout, fonts, borders and properties as the workbook has always had them, whatever library writes it. */
    @Test
    void layoutFontsBordersAndPropertiesAreAsBefore() {
        assertThat(wb.getActiveSheetIndex()).isZero();
        assertThat(wb.getProperties().getCoreProperties().getTitle()).isEqualTo("force-compare: " + SiteFixture.TITLE);
        assertThat(wb.getProperties().getCoreProperties().getCreator()).isEqualTo("force-compare");

        XSSFSheet s = wb.getSheet("Summary");
        assertThat(s.getPaneInformation().getVerticalSplitPosition()).isEqualTo((short) 2);
        assertThat(s.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) (Workbook.SUMMARY_HEADER_ROW + 1));
        assertThat(s.getColumnWidth(0)).isEqualTo(13 * 256);
        assertThat(s.getColumnWidth(1)).isEqualTo(26 * 256);
        for (int i = 0; i < results.size(); i++) assertThat(s.getColumnWidth(i + 2)).isEqualTo(22 * 256);
        Row header = s.getRow(Workbook.SUMMARY_HEADER_ROW);
        assertThat(header.getHeightInPoints()).isEqualTo(110f);
        XSSFCellStyle h = ((XSSFCell) header.getCell(2)).getCellStyle();
        assertThat(h.getFont().getBold()).isTrue();
        assertThat(h.getFont().getFontName()).isEqualTo("Arial");
        assertThat(h.getWrapText()).isTrue();
        assertThat(h.getVerticalAlignment()).isEqualTo(org.apache.poi.ss.usermodel.VerticalAlignment.BOTTOM);
        assertThat(hex(h.getFillForegroundColorColor())).isEqualTo("F3F2F1");
        assertThat(h.getFillPattern()).isEqualTo(org.apache.poi.ss.usermodel.FillPatternType.SOLID_FOREGROUND);
        for (var side : List.of(org.apache.poi.xssf.usermodel.extensions.XSSFCellBorder.BorderSide.TOP,
                org.apache.poi.xssf.usermodel.extensions.XSSFCellBorder.BorderSide.BOTTOM,
                org.apache.poi.xssf.usermodel.extensions.XSSFCellBorder.BorderSide.LEFT,
                org.apache.poi.xssf.usermodel.extensions.XSSFCellBorder.BorderSide.RIGHT)) {
            assertThat(hex(h.getBorderColor(side))).as(side.name()).isEqualTo("B1B4B6");
        }
        assertThat(List.of(h.getBorderTop(), h.getBorderBottom(), h.getBorderLeft(), h.getBorderRight()))
                .containsOnly(org.apache.poi.ss.usermodel.BorderStyle.THIN);

        XSSFCellStyle title = ((XSSFCell) s.getRow(0).getCell(0)).getCellStyle();
        assertThat(title.getFont().getBold()).isTrue();
        assertThat(title.getFont().getFontHeightInPoints()).isEqualTo((short) 14);
        assertThat(title.getFont().getFontName()).isEqualTo("Arial");
        assertThat(hex(title.getFont().getXSSFColor())).isEqualTo("0B0C0C");
        XSSFCellStyle plain = ((XSSFCell) s.getRow(1).getCell(0)).getCellStyle();
        assertThat(plain.getFont().getBold()).isFalse();
        assertThat(plain.getFont().getFontHeightInPoints()).isEqualTo((short) 11);
        assertThat(plain.getVerticalAlignment()).isEqualTo(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
        assertThat(plain.getBorderTop()).isEqualTo(org.apache.poi.ss.usermodel.BorderStyle.NONE);
        XSSFCellStyle keyAbove = ((XSSFCell) s.getRow(4).getCell(0)).getCellStyle();
        assertThat(hex(keyAbove.getFillForegroundColorColor())).isEqualTo(Workbook.ABOVE_FILL);
        assertThat(hex(keyAbove.getFont().getXSSFColor())).isEqualTo("FFFFFF");
        assertThat(keyAbove.getAlignment()).isEqualTo(org.apache.poi.ss.usermodel.HorizontalAlignment.RIGHT);
        assertThat(hex(((XSSFCell) s.getRow(5).getCell(0)).getCellStyle().getFillForegroundColorColor())).isEqualTo(Workbook.BELOW_FILL);
        assertThat(hex(((XSSFCell) s.getRow(6).getCell(0)).getCellStyle().getFillForegroundColorColor())).isEqualTo(Workbook.WITHIN_FILL);
        XSSFCellStyle missing = ((XSSFCell) s.getRow(7).getCell(0)).getCellStyle();
        assertThat(missing.getFont().getItalic()).isTrue();
        assertThat(hex(missing.getFont().getXSSFColor())).isEqualTo(Workbook.MISSING_TEXT);
        assertThat(missing.getAlignment()).isEqualTo(org.apache.poi.ss.usermodel.HorizontalAlignment.RIGHT);
        assertThat(missing.getFillPattern()).isEqualTo(org.apache.poi.ss.usermodel.FillPatternType.NO_FILL);
        // the mean row: numbers in the indicator's format, no band fill
        int meanRow = Workbook.SUMMARY_HEADER_ROW + 1 + 43 + 1;
        assertThat(s.getRow(meanRow).getCell(1).getStringCellValue()).isEqualTo("Unweighted mean of forces");
        XSSFCell mean = (XSSFCell) s.getRow(meanRow).getCell(2);
        assertThat(mean.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(mean.getCellStyle().getDataFormatString()).isEqualTo(Workbook.valueFormat(results.get(0).definition(), null, false));
        assertThat(mean.getCellStyle().getFillPattern()).isEqualTo(org.apache.poi.ss.usermodel.FillPatternType.NO_FILL);

        XSSFSheet ind = wb.getSheet("calls-101-abandonment-rate");
        int head = rowOf(ind, "Force");
        assertThat(ind.getPaneInformation().getVerticalSplitPosition()).isZero();
        int[] widths = {34, 16, 8, 18, 16, 16, 10, 60};
        for (int i = 0; i < widths.length; i++) assertThat(ind.getColumnWidth(i)).as("column " + i).isEqualTo(widths[i] * 256);
        XSSFCell rank = (XSSFCell) ind.getRow(head + 1).getCell(2);
        assertThat(rank.getNumericCellValue()).isEqualTo(1);
        assertThat(rank.getCellStyle().getDataFormatString()).isEqualTo("#,##0");
        XSSFCell n = (XSSFCell) ind.getRow(rowOf(ind, "Forces with a value (n)")).getCell(1);
        assertThat(n.getCellStyle().getDataFormatString()).isEqualTo("#,##0");
        assertThat(((XSSFCell) ind.getRow(rowOf(ind, "Unit")).getCell(0)).getCellStyle().getFont().getBold()).isTrue();

        XSSFSheet sens = wb.getSheet(Workbook.SENSITIVITY);
        assertThat(sens.getPaneInformation().getVerticalSplitPosition()).isEqualTo((short) 4);
        assertThat(sens.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) (Workbook.SENSITIVITY_HEADER_ROW + 1));
        Row sh = sens.getRow(Workbook.SENSITIVITY_HEADER_ROW);
        assertThat(sh.getCell(0).getStringCellValue()).isEqualTo("Indicator id");
        int sentence = sh.getLastCellNum() - 1;
        assertThat(sh.getCell(sentence).getStringCellValue()).isEqualTo("What the methods say");
        assertThat(sens.getColumnWidth(0)).isEqualTo(30 * 256);
        assertThat(sens.getColumnWidth(1)).isEqualTo(40 * 256);
        assertThat(sens.getColumnWidth(2)).isEqualTo(13 * 256);
        assertThat(sens.getColumnWidth(3)).isEqualTo(26 * 256);
        for (int c = 4; c < sentence; c++) assertThat(sens.getColumnWidth(c)).isEqualTo(16 * 256);
        assertThat(sens.getColumnWidth(sentence)).isEqualTo(100 * 256);
        boolean sawWrap = false;
        for (int r = Workbook.SENSITIVITY_HEADER_ROW + 1; r <= sens.getLastRowNum(); r++) {
            XSSFCell c = sens.getRow(r).getCell(sentence);
            if (c != null && sens.getRow(r).getCell(2) != null) {
                assertThat(c.getCellStyle().getWrapText()).isTrue();
                sawWrap = true;
            }
        }
        assertThat(sawWrap).isTrue();
    }

    private static int rowOf(XSSFSheet s, String label) {
        for (Row r : s) {
            Cell c = r.getCell(0);
            if (c != null && c.getCellType() == CellType.STRING && c.getStringCellValue().equals(label)) return r.getRowNum();
        }
        throw new AssertionError("no row labelled " + label);
    }

    private static double valueOf(XSSFSheet s, String label) {
        return s.getRow(rowOf(s, label)).getCell(1).getNumericCellValue();
    }

    private static String textOf(XSSFSheet s, String label) {
        return s.getRow(rowOf(s, label)).getCell(1).getStringCellValue();
    }

    private static String hex(XSSFColor c) {
        return c == null ? "" : c.getARGBHex().substring(2);
    }
}
