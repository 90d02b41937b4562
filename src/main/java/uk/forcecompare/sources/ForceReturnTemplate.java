package uk.forcecompare.sources;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import uk.forcecompare.collection.Period;
import uk.forcecompare.reference.Force;

/**
 * Writes the blank force data-return workbook that forces fill in and the {@code force-return} reader reads.
 * Layout (fixed, shared with the sample generator): Cover title in A1, labels in A3:A9 with values in B3:B9;
 * Return title in A1, row 2 blank, header in row 3, one measure per row from row 4 in {@link Measures#FORCE_RETURN} order.
 */
public final class ForceReturnTemplate {

    public static final String TITLE = "PEEL data collection: force data return";

    private ForceReturnTemplate() {
    }

    /**
     * @param collectionId the collection the return is for, or null to leave it for the force
     * @param force the force, or null for a template any force fills in
     * @param period the period the values cover, or null to leave it for the force
     */
    public static void write(Path xlsx, String collectionId, Force force, Period period) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Font bold = wb.createFont();
            bold.setBold(true);
            CellStyle title = wb.createCellStyle();
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            title.setFont(big);
            CellStyle label = wb.createCellStyle();
            label.setFont(bold);
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            date.setLocked(false);
            CellStyle input = wb.createCellStyle();
            input.setLocked(false);
            CellStyle header = wb.createCellStyle();
            header.setFont(bold);
            header.setBorderBottom(BorderStyle.THIN);
            CellStyle count = wb.createCellStyle();
            count.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
            count.setLocked(false);
            CellStyle money = wb.createCellStyle();
            money.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
            money.setLocked(false);
            CellStyle wrap = wb.createCellStyle();
            wrap.setWrapText(true);

            Sheet cover = wb.createSheet(ForceReturnReader.COVER);
            cover.createRow(0).createCell(0).setCellValue(TITLE);
            cover.getRow(0).getCell(0).setCellStyle(title);
            coverRow(cover, 2, "Force", force == null ? null : force.name(), label, input);
            coverRow(cover, 3, "Force code", force == null ? null : force.code(), label, input);
            coverRow(cover, 4, "Collection", collectionId, label, input);
            Cell start = coverRow(cover, 5, "Period start", null, label, date);
            Cell end = coverRow(cover, 6, "Period end", null, label, date);
            if (period != null) {
                start.setCellValue(period.start());
                end.setCellValue(period.end());
            }
            coverRow(cover, 7, "Submitted by", null, label, input);
            coverRow(cover, 8, "Submitted on", null, label, date);
            cover.setColumnWidth(0, 18 * 256);
            cover.setColumnWidth(1, 40 * 256);

            Sheet ret = wb.createSheet(ForceReturnReader.RETURN);
            ret.createRow(0).createCell(0).setCellValue(TITLE + ": one value per measure for the cover period");
            ret.getRow(0).getCell(0).setCellStyle(title);
            Row h = ret.createRow(2);
            String[] headers = {"Measure code", "Measure", "Value", "Notes"};
            for (int i = 0; i < headers.length; i++) {
                h.createCell(i).setCellValue(headers[i]);
                h.getCell(i).setCellStyle(header);
            }
            DataValidationHelper dv = ret.getDataValidationHelper();
            int r = 3;
            for (Map.Entry<String, String> m : Measures.FORCE_RETURN.entrySet()) {
                Row row = ret.createRow(r);
                row.createCell(0).setCellValue(m.getKey());
                row.createCell(1).setCellValue(m.getValue());
                row.getCell(1).setCellStyle(wrap);
                boolean isMoney = Measures.isMoney(m.getKey());
                row.createCell(2).setCellStyle(isMoney ? money : count);
                row.createCell(3).setCellStyle(input);
                DataValidationConstraint c = isMoney
                        ? dv.createDecimalConstraint(DataValidationConstraint.OperatorType.GREATER_OR_EQUAL, "0", null)
                        : dv.createIntegerConstraint(DataValidationConstraint.OperatorType.GREATER_OR_EQUAL, "0", null);
                DataValidation v = dv.createValidation(c, new CellRangeAddressList(r, r, 2, 2));
                v.createPromptBox(m.getKey(), (isMoney ? "Pounds (not thousands or millions), 0 or more. "
                        : "A whole number, 0 or more. ") + "Leave blank only if the force cannot supply it, and say why in Notes.");
                v.setShowPromptBox(true);
                v.createErrorBox("Not a valid value", isMoney ? "Enter an amount in pounds, 0 or more." : "Enter a whole number, 0 or more.");
                v.setShowErrorBox(true);
                v.setEmptyCellAllowed(true);
                ret.addValidationData(v);
                r++;
            }
            ret.setColumnWidth(0, 36 * 256);
            ret.setColumnWidth(1, 70 * 256);
            ret.setColumnWidth(2, 18 * 256);
            ret.setColumnWidth(3, 50 * 256);
            ret.createFreezePane(0, 3);

            Path parent = xlsx.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try (OutputStream out = Files.newOutputStream(xlsx)) {
                wb.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the force return template " + xlsx, e);
        }
    }

    private static Cell coverRow(Sheet sheet, int r, String label, String value, CellStyle labelStyle, CellStyle valueStyle) {
        Row row = sheet.createRow(r);
        row.createCell(0).setCellValue(label);
        row.getCell(0).setCellStyle(labelStyle);
        Cell v = row.createCell(1);
        v.setCellStyle(valueStyle);
        if (value != null) v.setCellValue(value);
        return v;
    }
}
