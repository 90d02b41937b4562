package uk.forcecompare.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.collection.Period;
import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.reference.Force;
import uk.forcecompare.validation.Rule;
import uk.forcecompare.validation.Severity;

class ForceReturnTest {

    @TempDir
    Path dir;

    private static final Force CUMBRIA = Fixtures.FORCES.byCode("E23000002").orElseThrow();
    private static final Period FY2023 = Period.financialYear(2023);

    /** Writes the template for Cumbria and fills it in as a force would. */
    private Path filled(String fileName, Map<String, Object> values, Consumer<XSSFWorkbook> edit) throws Exception {
        Path template = dir.resolve("template-" + fileName);
        ForceReturnTemplate.write(template, "2024-spring", CUMBRIA, FY2023);
        Path out = dir.resolve(fileName);
        try (InputStream in = Files.newInputStream(template); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet ret = wb.getSheet("Return");
            for (Row row : ret) {
                if (row.getRowNum() < 3) continue;
                Object v = values.get(row.getCell(0).getStringCellValue());
                Cell c = row.getCell(2);
                if (v instanceof Number n) c.setCellValue(n.doubleValue());
                else if (v instanceof String s) c.setCellValue(s);
                else if (v instanceof FormulaError e) c.setCellErrorValue(e.getCode());
                else if (v instanceof Fixtures.Formula f) c.setCellFormula(f.text());
                else if (v instanceof LocalDate d) {
                    c.setCellValue(d);
                    var style = wb.createCellStyle();
                    style.setDataFormat(wb.createDataFormat().getFormat("dd/mm/yyyy"));
                    c.setCellStyle(style);
                }
            }
            wb.getSheet("Cover").getRow(7).getCell(1).setCellValue("A. Analyst");
            wb.getSheet("Cover").getRow(8).getCell(1).setCellValue(LocalDate.of(2024, 4, 20));
            edit.accept(wb);
            try (OutputStream o = Files.newOutputStream(out)) {
                wb.write(o);
            }
        }
        return out;
    }

    private static Map<String, Object> allValid() {
        Map<String, Object> v = new LinkedHashMap<>();
        int i = 1;
        for (String code : Measures.FORCE_RETURN.keySet()) v.put(code, i++ * 100);
        v.put("FUNDING_TOTAL_GBP", 123456789.12);
        return v;
    }

    @Test
    void theTemplateHasTheSharedLayout() throws Exception {
        Path t = dir.resolve("t.xlsx");
        ForceReturnTemplate.write(t, "2024-spring", CUMBRIA, FY2023);
        try (InputStream in = Files.newInputStream(t); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet cover = wb.getSheet("Cover");
            assertThat(cover.getRow(0).getCell(0).getStringCellValue()).isEqualTo("PEEL data collection: force data return");
            List<String> labels = new ArrayList<>();
            for (int r = 2; r <= 8; r++) labels.add(cover.getRow(r).getCell(0).getStringCellValue());
            assertThat(labels).containsExactly("Force", "Force code", "Collection", "Period start", "Period end", "Submitted by", "Submitted on");
            assertThat(cover.getRow(2).getCell(1).getStringCellValue()).isEqualTo("Cumbria");
            assertThat(cover.getRow(3).getCell(1).getStringCellValue()).isEqualTo("E23000002");
            Cell start = cover.getRow(5).getCell(1);
            assertThat(start.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(start)).isTrue();
            assertThat(start.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2023, 4, 1));
            assertThat(start.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            Sheet ret = wb.getSheet("Return");
            assertThat(ret.getRow(1)).isNull();
            assertThat(ret.getRow(2).getCell(0).getStringCellValue()).isEqualTo("Measure code");
            assertThat(ret.getRow(2).getCell(3).getStringCellValue()).isEqualTo("Notes");
            assertThat(ret.getRow(3).getCell(0).getStringCellValue()).isEqualTo("ASB_INCIDENTS");
            assertThat(ret.getRow(3).getCell(2).getCellStyle().getDataFormatString()).isEqualTo("#,##0");
            assertThat(ret.getRow(3 + 10).getCell(0).getStringCellValue()).isEqualTo("FUNDING_TOTAL_GBP");
            assertThat(ret.getRow(3 + 10).getCell(2).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(ret.getDataValidations()).hasSize(Measures.FORCE_RETURN.size());
            assertThat(ret.getRow(3).getCell(2).getCellStyle().getLocked()).isFalse();
        }
    }

    @Test
    void aFilledTemplateReadsBackEveryMeasure() throws Exception {
        Path p = filled("cumbria-return.xlsx", allValid(), wb -> { });
        Fixtures.Output out = Fixtures.read(p, SourceKind.FORCE_RETURN);

        assertThat(out.findings).isEmpty();
        assertThat(out.observations).hasSize(Measures.FORCE_RETURN.size() + 1)
                .allMatch(o -> o.forceCode().equals("E23000002") && o.period().equals(FY2023) && o.hasValue());
        assertThat(out.value("E23000002", "ASB_INCIDENTS")).isEqualByComparingTo("100");
        assertThat(out.only(o -> o.measure().equals("ASB_INCIDENTS")).location()).isEqualTo("Return!C4");
        assertThat(out.value("E23000002", "FUNDING_TOTAL_GBP")).isEqualByComparingTo("123456789.12");
        Observation submitted = out.only(o -> o.measure().equals(Measures.RETURN_SUBMITTED));
        assertThat(submitted.value()).contains(BigDecimal.ONE);
        assertThat(submitted.location()).isEqualTo("Cover!B3");
        assertThat(submitted.dimensions()).isEqualTo("collection=2024-spring|collection-cell=Cover!B5|period-cells=Cover!B6:B7");
        assertThat(new Sources(Fixtures.FORCES).detectKind(p)).contains(SourceKind.FORCE_RETURN);
    }

    @Test
    void badValuesAreErrorsBlankIsNotSuppliedAndUnknownCodesAreWarnings() throws Exception {
        Map<String, Object> v = allValid();
        v.put("ASB_INCIDENTS", "n/a");
        v.put("ASB_CRIMINAL_BEHAVIOUR_ORDERS", -5);
        v.remove("ASB_COMMUNITY_PROTECTION_NOTICES"); // blank
        v.put("ASB_CIVIL_INJUNCTIONS", FormulaError.DIV0);
        v.put("ASB_S34_DISPERSALS", new Fixtures.Formula("1+1")); // never evaluated: no cached result
        v.put("CALLS_101_RECEIVED", 12.5);
        v.put("CALLS_101_ABANDONED", "1,234"); // a number typed into a text cell: text all the same (contract 2)
        Path p = filled("return-cumbria.xlsx", v, wb -> {
            Row extra = wb.getSheet("Return").createRow(3 + Measures.FORCE_RETURN.size());
            extra.createCell(0).setCellValue("ASB_MADE_UP");
            extra.createCell(2).setCellValue(7);
        });
        Fixtures.Output out = Fixtures.read(p, SourceKind.FORCE_RETURN);

        assertThat(out.findings(Rule.VALUE_NOT_NUMBER)).extracting(f -> f.location() + " " + f.observed())
                .containsExactly("Return!C4 n/a", "Return!C7 #DIV/0!", "Return!C9 12.5", "Return!C10 1,234");
        assertThat(out.findings(Rule.VALUE_NOT_NUMBER).get(3).message())
                .isEqualTo("Cumbria CALLS_101_ABANDONED: a number stored as text ('1,234'); enter it as a number");
        assertThat(out.findings(Rule.VALUE_NEGATIVE)).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("Return!C5");
            assertThat(f.message()).contains("Cumbria").contains("ASB_CRIMINAL_BEHAVIOUR_ORDERS");
        });
        assertThat(out.findings(Rule.VALUE_NOT_SUPPLIED)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.location()).isEqualTo("Return!C6");
        });
        assertThat(out.findings(Rule.VALUE_FORMULA_NO_RESULT)).singleElement().satisfies(f -> assertThat(f.location()).isEqualTo("Return!C8"));
        assertThat(out.findings(Rule.MEASURE_UNKNOWN)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.observed()).isEqualTo("ASB_MADE_UP");
        });
        assertThat(out.observations).noneMatch(o -> o.measure().equals("ASB_MADE_UP"));
        List<String> missing = out.observations.stream().filter(o -> !o.hasValue()).map(Observation::measure).toList();
        assertThat(missing).containsExactlyInAnyOrder("ASB_INCIDENTS", "ASB_CRIMINAL_BEHAVIOUR_ORDERS",
                "ASB_COMMUNITY_PROTECTION_NOTICES", "ASB_CIVIL_INJUNCTIONS", "ASB_S34_DISPERSALS", "CALLS_101_RECEIVED",
                "CALLS_101_ABANDONED");
        assertThat(out.observations(Measures.RETURN_SUBMITTED)).hasSize(1);
    }

    @Test
    void aBlankValueCarriesTheForcesNoteBesideIt() throws Exception {
        Map<String, Object> v = allValid();
        v.remove("CALLS_101_ABANDONED");
        v.remove("CALLS_101_RECEIVED");
        Path p = filled("return-cumbria.xlsx", v, wb -> {
            Sheet ret = wb.getSheet("Return");
            for (Row row : ret) {
                if ("CALLS_101_ABANDONED".equals(row.getCell(0).getStringCellValue())) {
                    row.createCell(3).setCellValue("Not available:  telephony platform\nchanged in November 2022 ");
                }
            }
        });
        Fixtures.Output out = Fixtures.read(p, SourceKind.FORCE_RETURN);

        String noted = "left blank with the note 'Not available: telephony platform changed in November 2022'";
        assertThat(out.observations).filteredOn(o -> o.measure().equals("CALLS_101_ABANDONED")).singleElement()
                .satisfies(o -> assertThat(o.missingReason()).isEqualTo(noted));
        assertThat(out.observations).filteredOn(o -> o.measure().equals("CALLS_101_RECEIVED")).singleElement()
                .satisfies(o -> assertThat(o.missingReason()).isEqualTo("left blank"));
        assertThat(out.findings(Rule.VALUE_NOT_SUPPLIED)).extracting(f -> f.location() + " " + f.message()).containsExactly(
                "Return!C9 Cumbria CALLS_101_RECEIVED: left blank (not supplied)",
                "Return!C10 Cumbria CALLS_101_ABANDONED: left blank (not supplied) with the note 'Not available: "
                        + "telephony platform changed in November 2022'");
        assertThat(ForceReturnReader.shortened("x".repeat(500))).hasSize(200).endsWith("x\u2026");
        assertThat(out.findings(Rule.VALUE_FORCE_NOTE)).isEmpty(); // a note beside a blank is in the blank's finding
    }

    @Test
    void aNoteBesideASuppliedFigureIsLoggedForTheChartsToQuote() throws Exception {
        Path p = filled("return-cumbria.xlsx", allValid(), wb -> {
            for (Row row : wb.getSheet("Return")) {
                if ("CALLS_101_ABANDONED".equals(row.getCell(0).getStringCellValue())) {
                    row.createCell(3).setCellValue("Abandoned after the IVR message");
                }
            }
        });
        Fixtures.Output out = Fixtures.read(p, SourceKind.FORCE_RETURN);

        assertThat(out.findings(Rule.VALUE_FORCE_NOTE)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.location()).isEqualTo("Return!D10");
            assertThat(f.forceCode()).isEqualTo("E23000002");
            assertThat(f.observed()).isEqualTo("Abandoned after the IVR message");
            assertThat(f.message()).isEqualTo("Cumbria CALLS_101_ABANDONED: the force's note beside its figure: "
                    + "'Abandoned after the IVR message'");
        });
        assertThat(out.value("E23000002", "CALLS_101_ABANDONED")).isEqualByComparingTo("700");
    }

    @Test
    void aNoteBesideARejectedValueIsInItsErrorAndItsReason() throws Exception {
        Map<String, Object> v = allValid();
        v.put("CALLS_101_RECEIVED", "n/a");
        v.put("CALLS_101_ABANDONED", -4);
        Path p = filled("return-cumbria.xlsx", v, wb -> {
            for (Row row : wb.getSheet("Return")) {
                switch (row.getCell(0).getStringCellValue()) {
                    case "CALLS_101_RECEIVED" -> row.createCell(3).setCellValue("Figure \"pending\", see\nline 2");
                    case "CALLS_101_ABANDONED" -> row.createCell(3).setCellValue("Correction of last year's overcount");
                    default -> { }
                }
            }
        });
        Fixtures.Output out = Fixtures.read(p, SourceKind.FORCE_RETURN);

        assertThat(out.findings(Rule.VALUE_NOT_NUMBER)).extracting(f -> f.location() + " " + f.message()).containsExactly(
                "Return!C9 Cumbria CALLS_101_RECEIVED: text where a number belongs; the force's note beside it: "
                        + "'Figure \"pending\", see line 2'");
        assertThat(out.findings(Rule.VALUE_NEGATIVE)).extracting(f -> f.location() + " " + f.message()).containsExactly(
                "Return!C10 Cumbria CALLS_101_ABANDONED: negative; the force's note beside it: "
                        + "'Correction of last year's overcount'");
        assertThat(out.observations).filteredOn(o -> o.measure().equals("CALLS_101_RECEIVED")).singleElement()
                .satisfies(o -> assertThat(o.missingReason())
                        .isEqualTo("text 'n/a', not a number; the force's note beside it: 'Figure \"pending\", see line 2'"));
        assertThat(out.observations).filteredOn(o -> o.measure().equals("CALLS_101_ABANDONED")).singleElement()
                .satisfies(o -> assertThat(o.missingReason())
                        .isEqualTo("negative value -4; the force's note beside it: 'Correction of last year's overcount'"));
        // the note is in the error itself, not a second finding
        assertThat(out.findings(Rule.VALUE_FORCE_NOTE)).isEmpty();
    }

    @Test
    void aDateWhereACountBelongsIsQuotedInItsReason() throws Exception {
        Map<String, Object> v = allValid();
        v.put("ASB_CIVIL_INJUNCTIONS", LocalDate.of(2023, 3, 31));
        Fixtures.Output out = Fixtures.read(filled("return-cumbria.xlsx", v, wb -> { }), SourceKind.FORCE_RETURN);

        assertThat(out.findings(Rule.VALUE_NOT_NUMBER)).extracting(f -> f.location() + " " + f.observed() + " " + f.message())
                .containsExactly("Return!C7 2023-03-31 Cumbria ASB_CIVIL_INJUNCTIONS: a date where a number belongs");
        // the footnote under the chart gives this reason: the date itself, as the cell shows it in ISO form
        assertThat(out.observations).filteredOn(o -> o.measure().equals("ASB_CIVIL_INJUNCTIONS")).singleElement()
                .satisfies(o -> assertThat(o.missingReason()).isEqualTo("a date (2023-03-31), not a number"));
    }

    @Test
    void aCoverThatDisagreesWithTheFileNameGivesNothing() throws Exception {
        Path p = filled("kent-return-2024.xlsx", allValid(), wb -> { });
        Fixtures.Output out = Fixtures.read(p, SourceKind.FORCE_RETURN);

        assertThat(out.observations).isEmpty();
        assertThat(out.findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.RETURN_FORCE_UNCERTAIN);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("Kent").contains("Cumbria");
        });
    }

    @Test
    void aCoverWhoseNameAndCodeDisagreeGivesNothing() throws Exception {
        Path p = filled("return.xlsx", allValid(), wb -> wb.getSheet("Cover").getRow(3).getCell(1).setCellValue("E23000032"));
        Fixtures.Output out = Fixtures.read(p, SourceKind.FORCE_RETURN);
        assertThat(out.observations).isEmpty();
        assertThat(out.findings).singleElement().satisfies(f -> assertThat(f.rule()).isEqualTo(Rule.RETURN_FORCE_UNCERTAIN));
    }

    @Test
    void aBlankCoverCodeIsNoDisagreementWhenTheNameAndFileNameAgree() throws Exception {
        Path p = filled("return-cumbria.xlsx", allValid(), wb -> wb.getSheet("Cover").getRow(3).getCell(1).setBlank());
        Fixtures.Output out = Fixtures.read(p, SourceKind.FORCE_RETURN);
        assertThat(out.findings(Rule.RETURN_FORCE_UNCERTAIN)).isEmpty();
        assertThat(out.value("E23000002", "ASB_INCIDENTS")).isEqualByComparingTo("100");

        // with nothing else naming the force, a name alone is not sure
        Path alone = filled("return.xlsx", allValid(), wb -> wb.getSheet("Cover").getRow(3).getCell(1).setBlank());
        Fixtures.Output unsure = Fixtures.read(alone, SourceKind.FORCE_RETURN);
        assertThat(unsure.observations).isEmpty();
        assertThat(unsure.findings(Rule.RETURN_FORCE_UNCERTAIN)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("only the cover name names the force"));
    }

    @Test
    void anOdsReturnWithIsoTextDatesAndTitleRowsInAnyOrder() {
        List<List<Object>> cover = List.of(
                List.of("PEEL data collection: force data return"),
                List.of("Collection", "2024-spring"),
                List.of("Period end", "2023-12-31"),
                List.of("Force code", "W15000004"),
                List.of("Force", "Dyfed-Powys Police"),
                List.of("Period start", "2023-01-01"));
        List<List<Object>> ret = List.of(
                List.of("Force data return"),
                List.of("Measure code", "Measure", "Value", "Notes"),
                List.of("CALLS_101_RECEIVED", "101 calls", 50000, ""),
                List.of("CALLS_101_ABANDONED", "101 calls abandoned", 4000, "from the telephony system"));
        Path ods = Fixtures.ods(dir.resolve("dyfed-powys.ods"),
                List.of(new Fixtures.SheetData("Cover", cover), new Fixtures.SheetData("Return", ret)));
        Fixtures.Output out = Fixtures.read(ods, SourceKind.FORCE_RETURN);

        // the ten measures without a row are not supplied: asked for; the note beside a figure is logged for the charts
        assertThat(out.findings).filteredOn(f -> f.rule() != Rule.VALUE_FORCE_NOTE).hasSize(10)
                .allMatch(f -> f.rule() == Rule.VALUE_NOT_SUPPLIED && f.location().equals("Return"));
        assertThat(out.findings(Rule.VALUE_FORCE_NOTE)).extracting(f -> f.location() + " " + f.observed())
                .containsExactly("Return!D4 from the telephony system");
        Period year2023 = Period.months(java.time.YearMonth.of(2023, 1), java.time.YearMonth.of(2023, 12));
        assertThat(out.observations.stream().filter(o -> o.hasValue()))
                .hasSize(3).allMatch(o -> o.forceCode().equals("W15000004") && o.period().equals(year2023));
        assertThat(out.value("W15000004", "CALLS_101_ABANDONED")).isEqualByComparingTo("4000");
        assertThat(out.only(o -> o.measure().equals("CALLS_101_ABANDONED")).location()).isEqualTo("Return!C4");
    }
}
