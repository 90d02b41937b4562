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
