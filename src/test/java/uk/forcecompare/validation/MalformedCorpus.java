package uk.forcecompare.validation;

import static uk.forcecompare.validation.CorpusFixtures.calls999Rows;
import static uk.forcecompare.validation.CorpusFixtures.csv;
import static uk.forcecompare.validation.CorpusFixtures.cut;
import static uk.forcecompare.validation.CorpusFixtures.measureRow;
import static uk.forcecompare.validation.CorpusFixtures.rewriteEntry;
import static uk.forcecompare.validation.CorpusFixtures.utf8;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import uk.forcecompare.sources.Measures;
import uk.forcecompare.validation.CorpusFixtures.Formula;
import uk.forcecompare.validation.CorpusFixtures.Return;

/**
 * How every file of {@code src/test/resources/malformed/} was made. The files are committed (so that a reviewer
 * can open them); {@link MalformedCorpusGenerator} writes them again from here. The one large case, a
 * 50,000-row return, is made at test time by {@link #fiftyThousandRowReturn(Path)} and never committed.
 */
final class MalformedCorpus {

    private MalformedCorpus() {
    }

    static final List<String> FORCE_NAMES = List.of("Cumbria", "Lancashire", "Merseyside", "Kent");

    static Map<String, Supplier<byte[]>> files() {
        Map<String, Supplier<byte[]>> f = new LinkedHashMap<>();

        // ---------------------------------------------------------------- force returns
        f.put("return-cumbria-text-in-value.xlsx", () -> Return.of("cumbria").value("CALLS_101_RECEIVED", "approx 250k").bytes());
        f.put("return-lancashire-div0.xlsx", () -> Return.of("lancashire").value("CALLS_101_ABANDONED", FormulaError.DIV0).bytes());
        f.put("return-merseyside-na-error.xlsx", () -> Return.of("merseyside").value("DVDS_RTA_DISCLOSURES", FormulaError.NA).bytes());
        f.put("return-cheshire-ref-error.xlsx", () -> Return.of("cheshire").value("ASB_INCIDENTS", FormulaError.REF).bytes());
        f.put("return-northumbria-date-in-value.xlsx",
                () -> Return.of("northumbria").value("ASB_CIVIL_INJUNCTIONS", LocalDate.of(2023, 6, 30)).bytes());
        f.put("return-durham-boolean.xlsx", () -> Return.of("durham").value("DVDS_RTK_DISCLOSURES", Boolean.TRUE).bytes());
        f.put("return-cleveland-formula-no-result.xlsx",
                () -> Return.of("cleveland").value("CALLS_101_ABANDONED", new Formula("C9*0.08")).bytes());
        f.put("return-humberside-negative.xlsx", () -> Return.of("humberside").value("ASB_S34_DISPERSALS", -12).bytes());
        f.put("return-staffordshire-fraction-in-count.xlsx",
                () -> Return.of("staffordshire").value("ASB_CRIMINAL_BEHAVIOUR_ORDERS", 12.5).bytes());
        f.put("return-sussex-na-text.xlsx", () -> Return.of("sussex").value("FUNDING_PRECEPT_GBP", "n/a").bytes());
        f.put("return-surrey-blank-value.xlsx", () -> Return.of("surrey").value("CALLS_101_ABANDONED", null).bytes());
        f.put("return-warwickshire-duplicate-measure.xlsx", () -> Return.of("warwickshire")
                .edit(wb -> extraRow(wb, "CALLS_101_RECEIVED", 251_000, false)).bytes());
        f.put("return-derbyshire-repeated-row.xlsx", () -> Return.of("derbyshire")
                .edit(wb -> extraRow(wb, "DVDS_RTA_APPLICATIONS", 900, false)).bytes());
        f.put("return-bedfordshire-hidden-row.xlsx", () -> Return.of("bedfordshire")
                .edit(wb -> extraRow(wb, "CALLS_101_ABANDONED", 18_500, true)).bytes());
        f.put("return-nottinghamshire-unknown-measure.xlsx", () -> Return.of("nottinghamshire")
                .edit(wb -> extraRow(wb, "CALLS_101_ANSWERED", 230_000, false)).bytes());
        f.put("return-lincolnshire-no-cover-sheet.xlsx", () -> Return.of("lincolnshire")
                .edit(wb -> wb.removeSheetAt(wb.getSheetIndex("Cover"))).bytes());
        f.put("return-leicestershire-no-return-sheet.xlsx", () -> Return.of("leicestershire")
                .edit(wb -> wb.removeSheetAt(wb.getSheetIndex("Return"))).bytes());
        f.put("return-northamptonshire-header-too-low.xlsx", () -> Return.of("northamptonshire").edit(wb -> {
            Sheet s = wb.getSheet("Return");
            s.shiftRows(1, s.getLastRowNum(), 60);
            for (int r = 1; r <= 60; r++) {
                s.createRow(r).createCell(0).setCellValue("Guidance note " + r + ": read the guidance before filling in this return.");
            }
        }).bytes());
        f.put("return-cambridgeshire-empty-return-sheet.xlsx", () -> Return.of("cambridgeshire").edit(wb -> {
            wb.removeSheetAt(wb.getSheetIndex("Return"));
            wb.createSheet("Return");
        }).bytes());
        f.put("return-devon-and-cornwall-measure-row-deleted.xlsx", () -> Return.of("devon-and-cornwall").edit(wb -> {
            Sheet s = wb.getSheet("Return");
            int r = measureRow("CALLS_101_ABANDONED");
            s.removeRow(s.getRow(r));
            s.shiftRows(r + 1, s.getLastRowNum(), -1);
        }).bytes());
        f.put("return-norfolk-code-disagrees.xlsx", () -> Return.of("norfolk")
                .edit(wb -> wb.getSheet("Cover").getRow(3).getCell(1).setCellValue("E23000025")).bytes());
        f.put("return-kent-cover-names-another-force.xlsx", () -> Return.of("cumbria").bytes());
        f.put("return-essex-period-reversed.xlsx", () -> Return.of("essex").edit(wb -> {
            wb.getSheet("Cover").getRow(5).getCell(1).setCellValue(LocalDate.of(2024, 3, 31));
            wb.getSheet("Cover").getRow(6).getCell(1).setCellValue(LocalDate.of(2023, 4, 1));
        }).bytes());
        f.put("return-thames-valley-cover-date-text.xlsx", () -> Return.of("thames-valley")
                .edit(wb -> wb.getSheet("Cover").getRow(5).getCell(1).setCellValue("1st April 2023")).bytes());
        f.put("return-hampshire-no-period-end.xlsx", () -> Return.of("hampshire")
                .edit(wb -> wb.getSheet("Cover").getRow(6).getCell(1).setBlank()).bytes());
        f.put("return-hertfordshire-merged-value-cells.xlsx", () -> Return.of("hertfordshire")
                .value("DVDS_RTA_DISCLOSURES", null)
                .edit(wb -> {
                    int r = measureRow("DVDS_RTA_APPLICATIONS");
                    wb.getSheet("Return").addMergedRegion(new CellRangeAddress(r, r + 1, 2, 2));
                }).bytes());
        f.put("return-british-transport-police.xlsx", () -> Return.of("cumbria").edit(wb -> {
            wb.getSheet("Cover").getRow(2).getCell(1).setCellValue("British Transport Police");
            wb.getSheet("Cover").getRow(3).getCell(1).setBlank();
        }).bytes());
        f.put("return-dorset-truncated-sheet-xml.xlsx", () -> rewriteEntry(Return.of("dorset").bytes(),
                "xl/worksheets/sheet2.xml", (name, b) -> cut(b, 0.7)));
        f.put("return-avon-and-somerset-invalid-utf8.xlsx", () -> rewriteEntry(Return.of("avon-and-somerset").bytes(),
                "xl/worksheets/sheet2.xml", (name, b) -> insertAfter(b, "<sheetData>", new byte[] {(byte) 0xC3, 0x28})));
        f.put("return-west-midlands-broken-styles.xlsx", () -> rewriteEntry(Return.of("west-midlands").bytes(),
                "xl/styles.xml", (name, b) -> cut(b, 0.5)));
        f.put("return-wiltshire-xls-renamed.xlsx", () -> CorpusFixtures.biff("Return",
                List.of(List.of("Measure code", "Measure", "Value", "Notes"), List.of("ASB_INCIDENTS", "ASB incidents", 100))));
        f.put("return-gloucestershire-zero-bytes.xlsx", () -> new byte[0]);

        // ---------------------------------------------------------------- published tables
        String calls = csv(calls999Rows(FORCE_NAMES, List.of("2023-01")), "\n");
        f.put("pub-999-utf16.csv", () -> withBom(calls, StandardCharsets.UTF_16LE, new byte[] {(byte) 0xFF, (byte) 0xFE}));
        f.put("pub-population-windows-1252.csv", () -> ("Police force area population \u2013 mid-2022 (ONS)\n"
                + "pfa_code,pfa_name,mid_year,population\n"
                + "E23000002,Cumbria,2022,500012\n"
                + "E23000003,Lancashire,2022,1532000\n"
                + "Note: figures used to allocate \u00a3 funding\n").getBytes(Charset.forName("windows-1252")));
        f.put("pub-999-header-only.csv", () -> utf8(CorpusFixtures.CALLS_999_HEADER + "\n"));
        f.put("pub-999-no-header.csv", () -> utf8(calls.substring(calls.indexOf('\n') + 1)));
        f.put("pub-999-bom-crlf-suppressed.csv", () -> {
            byte[] body = utf8(csv(calls999Rows(FORCE_NAMES, List.of("2023-02")), "\r\n").replace("2023-02,Lancashire,12919,", "2023-02,Lancashire,..,"));
            return concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body);
        });
        f.put("pub-999-quoted-newline-header.csv", () -> utf8("Month,Force,\"Total\ncalls\",\"Calls answered in\r\nunder 10 seconds\"\n"
                + "2023-03,Cumbria,5000,4500\n"
                + "2023-03,Lancashire,[x],11000\n"));
        f.put("pub-999-ragged-rows.csv", () -> utf8(CorpusFixtures.CALLS_999_HEADER + "\n"
                + "2023-04,Cumbria,5000,4500\n"
                + "2023-04,Lancashire,12000\n"
                + "2023-04,Merseyside,9000,8000,extra,cells\n"));
        f.put("pub-999-unknown-force.csv", () -> utf8(CorpusFixtures.CALLS_999_HEADER + "\n"
                + "2023-05,Cumbria,5000,4500\n"
                + "2023-05,Gotham City Police,12000,11000\n"));
        f.put("pub-999-action-fraud.csv", () -> utf8(CorpusFixtures.CALLS_999_HEADER + "\n"
                + "2023-06,Cumbria,5000,4500\n"
                + "2023-06,Action Fraud,300,200\n"));
        f.put("pub-999-thousands-separators.csv", () -> utf8(CorpusFixtures.CALLS_999_HEADER + "\n"
                + "2023-07,Cumbria,\"5,000\",\"4,500\"\n"
                + "2023-07,Lancashire,\"12,34\",11000\n"
                + "2023-07,Merseyside,9000,1.234.567\n"));
        // the percentage is only checked against its counts: as given (1 or 0 decimals), or as a fraction of one
        f.put("pub-999-percentage-disagrees.csv", () -> utf8(CorpusFixtures.CALLS_999_HEADER + ",Percentage answered in under 10 seconds\n"
                + "2023-10,Essex Police,\"10,000\",\"9,020\",120.0\n"
                + "2023-10,Kent Police,\"10,000\",\"9,020\",90.2\n"
                + "2023-10,Surrey Police,3000,2000,0.667\n"
                + "2023-10,Sussex Police,3000,2000,67\n"
                + "2023-10,Cumbria Constabulary,3000,2000,\n"
                + "2023-10,Dorset Police,3000,2000,..\n"
                + "2023-10,Durham Constabulary,3000,2000,76.7\n"
                + "2023-10,Cleveland Police,3000,2000,66.7%\n"
                + "2023-10,Cheshire Constabulary,3000,2000,70.0%\n"));
        f.put("pub-population-suppression-markers.csv", () -> utf8("pfa_code,pfa_name,mid_year,population\n"
                + "E23000002,Cumbria,2022,..\n"
                + "E23000003,Lancashire,2022,[x]\n"
                + "E23000004,Merseyside,2022,[c]\n"
                + "E23000005,Greater Manchester,2022,*\n"
                + "E23000006,Cheshire,2022,N/A\n"
                + "E23000007,Northumbria,2022,-\n"
                + "E23000008,Durham,2022,\n"
                + "E23000009,North Yorkshire,2022,\"820,000\"\n"));
        f.put("pub-999-negative.csv", () -> utf8(CorpusFixtures.CALLS_999_HEADER + "\n"
                + "2023-08,Cumbria,5000,-45\n"));
        f.put("pub-999-conflicting-rows.csv", () -> utf8(CorpusFixtures.CALLS_999_HEADER + "\n"
                + "2023-09,Cumbria,5000,4500\n"
                + "2023-09,Lancashire,12000,11000\n"
                + "2023-09,Cumbria,5100,4600\n"));
        f.put("pub-999-repeated-row.csv", () -> utf8(CorpusFixtures.CALLS_999_HEADER + "\n"
                + "2023-10,Cumbria,5000,4500\n"
                + "2023-10,Cumbria,5000,4500\n"));
        f.put("pub-999-bad-month.csv", () -> utf8(CorpusFixtures.CALLS_999_HEADER + "\n"
                + "2023-11,Cumbria,5000,4500\n"
                + "13/2023,Lancashire,12000,11000\n"));
        f.put("pub-999-header-too-deep.csv", () -> {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= 61; i++) b.append("Note ").append(i).append(": see the user guide\n");
            return utf8(b + calls);
        });
        f.put("pub-999-png-renamed.csv", MalformedCorpus::png);
        f.put("pub-unknown-kind.csv", () -> utf8("Region,Budget line,Amount\nNorth West,Overtime,1200\n"));
        f.put("pub-999-empty-sheet.xlsx", () -> CorpusFixtures.xlsx(Map.of("Sheet1", List.of()), wb -> { }));
        f.put("pub-population-div0.xlsx", () -> CorpusFixtures.xlsx("Population", List.of(
                List.of("pfa_code", "pfa_name", "mid_year", "population"),
                List.of("E23000002", "Cumbria", 2022, 500_012),
                Arrays.asList("E23000003", "Lancashire", 2022, FormulaError.DIV0))));
        f.put("pub-999-formula-no-result.xlsx", () -> CorpusFixtures.xlsx("Calls", List.of(
                List.of("Month", "Force", "Total calls", "Calls answered in under 10 seconds"),
                List.of("2023-12", "Cumbria", 5000, 4500),
                List.of("2023-12", "Lancashire", new Formula("SUM(C2:C2)*2"), 11000))));
        f.put("pub-999-date-in-count.xlsx", () -> CorpusFixtures.xlsx("Calls", List.of(
                List.of("Month", "Force", "Total calls", "Calls answered in under 10 seconds"),
                List.of("2023-12", "Cumbria", 5000, LocalDate.of(2023, 12, 31)))));
        f.put("pub-999-boolean-in-count.xlsx", () -> CorpusFixtures.xlsx("Calls", List.of(
                List.of("Month", "Force", "Total calls", "Calls answered in under 10 seconds"),
                List.of("2023-12", "Merseyside", Boolean.FALSE, 4500))));
        f.put("pub-999-two-row-merged-header.xlsx", () -> CorpusFixtures.xlsx(Map.of("Calls", List.of(
                List.of("Month", "Force", "Total", "Calls answered in"),
                List.of("", "", "calls", "under 10 seconds"),
                List.of("2023-12", "Cumbria", 5000, 4500))), wb -> {
                    Sheet s = wb.getSheet("Calls");
                    s.addMergedRegion(new CellRangeAddress(0, 1, 0, 0));
                    s.addMergedRegion(new CellRangeAddress(0, 1, 1, 1));
                }));
        f.put("pub-workforce-no-data-sheet.xlsx", () -> CorpusFixtures.xlsx("Contents", List.of(
                List.of("Police workforce, England and Wales, 31 March 2023"),
                List.of("This file has no Data sheet."))));
        f.put("pub-workforce-truncated-content-xml.ods", () -> rewriteEntry(CorpusFixtures.ods("Data", List.of(
                List.of("As at 31 March", "Geocode", "Force name", "Region", "Sex", "Rank", "Worker type", "Total (Headcount)", "Total (FTE)"),
                List.of(2023, "E23000002", "Cumbria", "North West", "Female", "Constable", "Police Officer", 400, 390.5),
                List.of(2023, "E23000002", "Cumbria", "North West", "Male", "Constable", "Police Officer", 600, 598.0))),
                "content.xml", (name, b) -> cut(b, 0.6)));
        f.put("pub-population-really-xlsx.ods", () -> CorpusFixtures.xlsx("Population", List.of(
                List.of("pfa_code", "pfa_name", "mid_year", "population"),
                List.of("E23000002", "Cumbria", 2022, 500_012))));
        f.put("pub-population-zip-bomb.ods", MalformedCorpus::odsZipBomb);

        // ---------------------------------------------------------------- data.police.uk record files
        f.put("records/2023-05-kent-street.csv", () -> utf8(CorpusFixtures.STREET_HEADER + "\n"
                + "a1,2023-05,Kent Police,Kent Police,0.52,51.27,On or near High Street,E01024000,Maidstone 001A,Burglary,Under investigation,\n"
                + "a2,2023-05,Kent Police,Kent Police,0.52,51.27,\"On or near \"Station\" Road\",E01024000,Maidstone 001A,Burglary,Under investigation,\n"
                + ",2023-05,Kent Police,Kent Police,0.52,51.27,On or near Mill Lane,E01024000,Maidstone 001A,Anti-social behaviour,,\n"));
        f.put("records/2023-06-essex-street.csv", () -> utf8(CorpusFixtures.STREET_HEADER + "\n"
                + "b1,2023-06,Essex Police,Essex Police,0.47,51.73,On or near High Street,E01021000,Chelmsford 001A,Burglary,Under investigation,\n"
                + "b2,2023-05,Essex Police,Essex Police,0.47,51.73,On or near High Street,E01021000,Chelmsford 001A,Burglary,Under investigation,\n"));
        f.put("records/2023-07-norfolk-street.csv", () -> utf8("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Last outcome category,Context\n"
                + "c1,2023-07,Norfolk Constabulary,Norfolk Constabulary,1.29,52.63,On or near X,E01026000,Norwich 001A,Under investigation,\n"));
        f.put("records/2023-08-gotham-street.csv", () -> utf8(CorpusFixtures.STREET_HEADER + "\n"));
        f.put("records/2023-09-btp-street.csv", () -> utf8(CorpusFixtures.STREET_HEADER + "\n"
                + "d1,2023-09,British Transport Police,British Transport Police,,,On or near X,,,Theft from the person,,\n"));
        f.put("records/2023-10-suffolk-street.csv", () -> utf8(CorpusFixtures.STREET_HEADER + "\n"
                + "e1,2023-10,Suffolk Constabulary,Suffolk Constabulary,1.15,52.05,On or near X,E01030000,Ipswich 001A,Burglary,,\n"
                + "e2,2023-10,Norfolk Constabulary,Norfolk Constabulary,1.15,52.05,On or near X,E01030000,Ipswich 001A,Burglary,,\n"));
        f.put("records/2023-11-dorset-street.csv", () -> new byte[0]);
        f.put("records/2023-12-durham-stop-and-search.csv", () -> utf8("Type,Date,Part of a policing operation,Policing operation,Latitude,"
                + "Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,"
                + "Outcome,Outcome linked to object of search,Removal of more than just outer clothing\n"
                + "Person search,2023-12-01T10:00:00+00:00,False,,54.77,-1.57,Male,18-24,,,Misuse of Drugs Act 1971 (section 23),Controlled drugs,Arrest,True,False\n"
                + "Person search,2023-12-02T10:00:00+00:00,False,,54.77,-1.57,Male,18-24,,,Misuse of Drugs Act 1971 (section 23),Controlled drugs,Arrest,Maybe,False\n"));
        f.put("records/2023-04-gwent-street.csv", () -> utf8(CorpusFixtures.STREET_HEADER + "\n"
                + "g1,2023-04,Gwent Police,Gwent Police,-3.0,51.6,On or near X,W01001000,Newport 001A,Burglary,,\n"
                + "g2,2023-04,Gwent Police,Gwent Police,-3.0,51.6,On or near X\n"));
        f.put("records/street-crimes-may.csv", () -> utf8(CorpusFixtures.STREET_HEADER + "\n"));
        // cut off part-way through its last row, inside a quoted location, with no line end after it
        f.put("records/2023-03-surrey-street.csv", () -> utf8(CorpusFixtures.STREET_HEADER + "\n"
                + "s1,2023-03,Surrey Police,Surrey Police,-0.57,51.24,On or near High Street,E01030000,Guildford 001A,Burglary,,\n"
                + "s2,2023-03,Surrey Police,Surrey Police,-0.57,51.24,\"On or near"));
        // "London, City of" unquoted in Reported by and Falls within: every row has 14 fields, none is counted
        f.put("records/2023-02-city-of-london-street.csv", () -> utf8(CorpusFixtures.STREET_HEADER + "\n"
                + "l1,2023-02,London, City of,London, City of,-0.09,51.51,On or near Cheapside,E01000001,City of London 001A,Burglary,,\n"
                + ",2023-02,London, City of,London, City of,-0.09,51.51,On or near Cheapside,E01000001,City of London 001A,Anti-social behaviour,,\n"));
        // its header and no row: no evidence of the month, which must not be taken as a month of 0
        f.put("records/2023-01-cleveland-street.csv", () -> utf8(CorpusFixtures.STREET_HEADER + "\n"));
        // stop and searches dated in another month, or not dated: not this month's
        f.put("records/2023-05-northumbria-stop-and-search.csv", () -> utf8("Type,Date,Part of a policing operation,Policing operation,"
                + "Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,"
                + "Outcome,Outcome linked to object of search,Removal of more than just outer clothing\n"
                + "Person search,2023-05-02T10:00:00+01:00,False,,54.97,-1.61,Male,18-24,,,Misuse of Drugs Act 1971 (section 23),Controlled drugs,Arrest,True,False\n"
                + "Person search,2023-04-30T22:00:00+01:00,False,,54.97,-1.61,Male,18-24,,,Misuse of Drugs Act 1971 (section 23),Controlled drugs,Arrest,True,False\n"
                + "Person search,,False,,54.97,-1.61,Male,18-24,,,Misuse of Drugs Act 1971 (section 23),Controlled drugs,Arrest,False,False\n"
                // most of the file is May's, so it is counted
                + "Person search,2023-05-03T10:00:00+01:00,False,,54.97,-1.61,Male,18-24,,,Misuse of Drugs Act 1971 (section 23),Controlled drugs,Arrest,False,False\n"
                + "Person search,2023-05-04T10:00:00+01:00,False,,54.97,-1.61,Male,18-24,,,Misuse of Drugs Act 1971 (section 23),Controlled drugs,Arrest,False,False\n"));
        // a title row above the header, as contract section 2 allows: the header is found below it
        f.put("records/2023-06-lancashire-street.csv", () -> utf8("data.police.uk street-level crime\n" + CorpusFixtures.STREET_HEADER + "\n"
                + "h1,2023-06,Lancashire Constabulary,Lancashire Constabulary,-2.70,53.76,On or near X,E01025000,Preston 001A,Burglary,,\n"
                + ",2023-06,Lancashire Constabulary,Lancashire Constabulary,-2.70,53.76,On or near X,E01025000,Preston 001A,Anti-social behaviour,,\n"));
        // named as a data.police.uk file in all but its month, 13
        f.put("records/2023-13-hampshire-street.csv", () -> utf8(CorpusFixtures.STREET_HEADER + "\n"
                + "k1,2023-12,Hampshire Constabulary,Hampshire Constabulary,-1.40,50.90,On or near X,E01022000,Southampton 001A,Burglary,,\n"));
        return f;
    }

    /** An extra Return row below the measures: a repeat, a conflicting repeat or an unknown code. */
    static void extraRow(XSSFWorkbook wb, String code, Object value, boolean hidden) {
        Sheet s = wb.getSheet("Return");
        Row row = s.createRow(s.getLastRowNum() + 1);
        row.createCell(0).setCellValue(code);
        row.createCell(1).setCellValue(Measures.FORCE_RETURN.getOrDefault(code, "(added by the force)"));
        CorpusFixtures.set(row.createCell(2), value, null);
        if (hidden) row.setZeroHeight(true);
    }

    static byte[] withBom(String text, Charset cs, byte[] bom) {
        return concat(bom, text.getBytes(cs));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A 1x1 PNG: a real image file, renamed. */
    static byte[] png() {
        return java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    }

    /** An ODS whose content.xml inflates from a few kilobytes to 20 MB of spaces. */
    static byte[] odsZipBomb() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            byte[] mimetype = "application/vnd.oasis.opendocument.spreadsheet".getBytes(StandardCharsets.US_ASCII);
            ZipEntry m = new ZipEntry("mimetype");
            m.setMethod(ZipEntry.STORED);
            m.setSize(mimetype.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(mimetype);
            m.setCrc(crc.getValue());
            m.setTime(0L);
            out.putNextEntry(m);
            out.write(mimetype);
            out.closeEntry();
            out.setLevel(Deflater.BEST_COMPRESSION);
            ZipEntry c = new ZipEntry("content.xml");
            c.setTime(0L);
            out.putNextEntry(c);
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\">"
                    .getBytes(StandardCharsets.UTF_8));
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 20; i++) out.write(spaces);
            out.write("</office:document-content>".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A return whose force pasted a 50,000-row extract into the Return sheet below the measures: the twelve
     * measures first, then 49,988 rows with incident references in the code column. Streamed to disk.
     */
    static Path fiftyThousandRowReturn(Path file) {
        byte[] template = Return.of("west-yorkshire").bytes();
        try (XSSFWorkbook base = new XSSFWorkbook(new java.io.ByteArrayInputStream(template));
             SXSSFWorkbook wb = new SXSSFWorkbook(base, 500)) {
            Sheet s = wb.getSheet("Return");
            int first = CorpusFixtures.FIRST_MEASURE_ROW + Measures.FORCE_RETURN.size();
            for (int r = first; r < first + 50_000 - Measures.FORCE_RETURN.size(); r++) {
                Row row = s.createRow(r);
                row.createCell(0).setCellValue(String.format("INC-2023-%06d", r - first + 1));
                row.createCell(1).setCellValue("Incident");
                row.createCell(2).setCellValue(1);
            }
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
                wb.write(out);
            }
            wb.dispose();
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> names() {
        return new ArrayList<>(files().keySet());
    }

    /** {@code bytes} with {@code inserted} put straight after the first {@code marker}: e.g. a byte sequence UTF-8 forbids. */
    static byte[] insertAfter(byte[] bytes, String marker, byte[] inserted) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(marker);
        if (at < 0) throw new IllegalArgumentException("no " + marker);
        at += marker.length();
        byte[] out = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
        return out;
    }
}
