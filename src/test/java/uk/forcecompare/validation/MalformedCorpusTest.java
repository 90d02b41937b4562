package uk.forcecompare.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static uk.forcecompare.collection.SourceKind.FORCE_RETURN;
import static uk.forcecompare.collection.SourceKind.HOME_OFFICE_WORKFORCE;
import static uk.forcecompare.collection.SourceKind.ONS_POPULATION;
import static uk.forcecompare.collection.SourceKind.POLICE_UK_999;
import static uk.forcecompare.collection.SourceKind.POLICE_UK_RECORDS;
import static uk.forcecompare.validation.Rule.COLUMN_MISSING;
import static uk.forcecompare.validation.Rule.FILE_KIND_UNKNOWN;
import static uk.forcecompare.validation.Rule.FILE_STRAY;
import static uk.forcecompare.validation.Rule.FILE_UNREADABLE;
import static uk.forcecompare.validation.Rule.FORCE_NOT_TERRITORIAL;
import static uk.forcecompare.validation.Rule.FORCE_UNKNOWN;
import static uk.forcecompare.validation.Rule.MEASURE_UNKNOWN;
import static uk.forcecompare.validation.Rule.RECORDS_FALLS_WITHIN_MISMATCH;
import static uk.forcecompare.validation.Rule.RECORDS_ROW_NOT_COUNTED;
import static uk.forcecompare.validation.Rule.RETURN_FORCE_UNCERTAIN;
import static uk.forcecompare.validation.Rule.ROW_DUPLICATE_CONFLICT;
import static uk.forcecompare.validation.Rule.ROW_DUPLICATE_EXACT;
import static uk.forcecompare.validation.Rule.SHEET_MISSING;
import static uk.forcecompare.validation.Rule.TABLE_NO_ROWS;
import static uk.forcecompare.validation.Rule.VALUE_FORMULA_NO_RESULT;
import static uk.forcecompare.validation.Rule.VALUE_NEGATIVE;
import static uk.forcecompare.validation.Rule.VALUE_NOT_NUMBER;
import static uk.forcecompare.validation.Rule.VALUE_NOT_SUPPLIED;
import static uk.forcecompare.validation.Rule.VALUE_PERCENTAGE_DISAGREES;
import static uk.forcecompare.validation.Rule.VALUE_SUPPRESSED;
import static uk.forcecompare.validation.Rule.VALUE_UNPARSEABLE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.records.PoliceUkRecords;
import uk.forcecompare.sources.Observation;
import uk.forcecompare.sources.ReadSummary;
import uk.forcecompare.sources.Sources;

/**
 * The malformed-input corpus of {@code src/test/resources/malformed/} (made by {@link MalformedCorpus}): each file,
 * read as the kind it names, gives exactly the findings listed (rule, severity, force code, location and a part of
 * the message), keeps exactly the values listed, and never throws or hangs. It adds to the eleven files of
 * {@code sources/malformed/} ({@code MalformedInputTest}), duplicating none of them.
 */
class MalformedCorpusTest {

    static final Duration PER_FILE = Duration.ofSeconds(20);

    /** One expected finding. */
    record Expect(Rule rule, Severity severity, String force, String location, String messagePart) {
        @Override
        public String toString() {
            return severity.label() + " " + rule.id() + (force.isEmpty() ? "" : " " + force) + (location.isEmpty() ? "" : " at " + location);
        }
    }

    /** One corpus file: its kind (null: detected), what it shows, its findings and how many values survive. */
    record Case(String file, SourceKind kind, String what, int withValue, int withoutValue, List<Expect> findings) {
        @Override
        public String toString() {
            return file + " (" + (kind == null ? "kind detected" : kind.id()) + "): " + what;
        }
    }

    static Expect e(Rule rule, String force, String location, String messagePart) {
        return new Expect(rule, rule.severity(), force, location, messagePart);
    }

    static Expect e(Rule rule, Severity severity, String force, String location, String messagePart) {
        return new Expect(rule, severity, force, location, messagePart);
    }

    static Case c(String file, SourceKind kind, String what, int withValue, int withoutValue, Expect... findings) {
        return new Case(file, kind, what, withValue, withoutValue, List.of(findings));
    }

    static final String CUMBRIA = "E23000002", LANCASHIRE = "E23000003", MERSEYSIDE = "E23000004", GREATER_MANCHESTER = "E23000005",
            CHESHIRE = "E23000006", NORTHUMBRIA = "E23000007", DURHAM = "E23000008", HUMBERSIDE = "E23000012",
            CLEVELAND = "E23000013", STAFFORDSHIRE = "E23000015", WARWICKSHIRE = "E23000017", DERBYSHIRE = "E23000018",
            NOTTINGHAMSHIRE = "E23000019", NORTHAMPTONSHIRE = "E23000022", CAMBRIDGESHIRE = "E23000023", NORFOLK = "E23000024",
            SUFFOLK = "E23000025", BEDFORDSHIRE = "E23000026", HERTFORDSHIRE = "E23000027", ESSEX = "E23000028",
            THAMES_VALLEY = "E23000029", HAMPSHIRE = "E23000030", SURREY = "E23000031", KENT = "E23000032", SUSSEX = "E23000033",
            DORSET = "E23000039", GWENT = "W15000002", CITY_OF_LONDON = "E23000034", LINCOLNSHIRE = "E23000020",
            LEICESTERSHIRE = "E23000021", GLOUCESTERSHIRE = "E23000037", AVON_AND_SOMERSET = "E23000036", WILTSHIRE = "E23000038",
            WEST_MIDLANDS = "E23000014";

    /** Files that once showed a product bug: each has its own test below, so it is not in {@link #cases()}. */
    static final Set<String> BUG_FILES = Set.of("pub-999-header-only.csv", "return-devon-and-cornwall-measure-row-deleted.xlsx");

    static Stream<Case> cases() {
        return Stream.of(
                // ---------------------------------------------------------------- force returns: values
                c("return-cumbria-text-in-value.xlsx", FORCE_RETURN, "text in a value cell", 12, 1,
                        e(VALUE_NOT_NUMBER, CUMBRIA, "Return!C9", "CALLS_101_RECEIVED: text where a number belongs")),
                c("return-lancashire-div0.xlsx", FORCE_RETURN, "#DIV/0! in a value cell", 12, 1,
                        e(VALUE_NOT_NUMBER, LANCASHIRE, "Return!C10", "CALLS_101_ABANDONED: an Excel error value")),
                c("return-merseyside-na-error.xlsx", FORCE_RETURN, "#N/A in a value cell", 12, 1,
                        e(VALUE_NOT_NUMBER, MERSEYSIDE, "Return!C12", "DVDS_RTA_DISCLOSURES: an Excel error value")),
                c("return-cheshire-ref-error.xlsx", FORCE_RETURN, "#REF! in a value cell", 12, 1,
                        e(VALUE_NOT_NUMBER, CHESHIRE, "Return!C4", "ASB_INCIDENTS: an Excel error value")),
                c("return-northumbria-date-in-value.xlsx", FORCE_RETURN, "a date where a count belongs", 12, 1,
                        e(VALUE_NOT_NUMBER, NORTHUMBRIA, "Return!C7", "ASB_CIVIL_INJUNCTIONS: a date where a number belongs")),
                c("return-durham-boolean.xlsx", FORCE_RETURN, "TRUE where a count belongs", 12, 1,
                        e(VALUE_NOT_NUMBER, DURHAM, "Return!C13", "DVDS_RTK_DISCLOSURES: text where a number belongs")),
                c("return-cleveland-formula-no-result.xlsx", FORCE_RETURN, "a formula saved without its result", 12, 1,
                        e(VALUE_FORMULA_NO_RESULT, CLEVELAND, "Return!C10", "CALLS_101_ABANDONED: a formula with no saved result")),
                c("return-humberside-negative.xlsx", FORCE_RETURN, "a negative count", 12, 1,
                        e(VALUE_NEGATIVE, HUMBERSIDE, "Return!C8", "ASB_S34_DISPERSALS: negative")),
                c("return-staffordshire-fraction-in-count.xlsx", FORCE_RETURN, "12.5 orders: a fraction in a count", 12, 1,
                        e(VALUE_NOT_NUMBER, STAFFORDSHIRE, "Return!C5", "ASB_CRIMINAL_BEHAVIOUR_ORDERS: a count must be a whole number")),
                c("return-sussex-na-text.xlsx", FORCE_RETURN, "'n/a' typed in a money cell (an error in a return)", 12, 1,
                        e(VALUE_NOT_NUMBER, SUSSEX, "Return!C15", "FUNDING_PRECEPT_GBP: text where a number belongs")),
                c("return-surrey-blank-value.xlsx", FORCE_RETURN, "a value left blank", 12, 1,
                        e(VALUE_NOT_SUPPLIED, SURREY, "Return!C10", "CALLS_101_ABANDONED: left blank (not supplied)")),
                c("return-hertfordshire-merged-value-cells.xlsx", FORCE_RETURN, "two value cells merged into one", 12, 1,
                        e(VALUE_NOT_SUPPLIED, HERTFORDSHIRE, "Return!C12", "DVDS_RTA_DISCLOSURES: left blank")),
                // ---------------------------------------------------------------- force returns: rows
                c("return-warwickshire-duplicate-measure.xlsx", FORCE_RETURN, "a measure given twice with different values", 12, 1,
                        e(ROW_DUPLICATE_CONFLICT, WARWICKSHIRE, "Return!A16", "repeats the row at Return!A9 with different values")),
                c("return-derbyshire-repeated-row.xlsx", FORCE_RETURN, "a measure row repeated exactly", 13, 0,
                        e(ROW_DUPLICATE_EXACT, DERBYSHIRE, "Return!A16", "DVDS_RTA_APPLICATIONS FY2023/24: the same row is repeated")),
                c("return-bedfordshire-hidden-row.xlsx", FORCE_RETURN, "a hidden row with an old value of a measure", 12, 1,
                        e(ROW_DUPLICATE_CONFLICT, BEDFORDSHIRE, "Return!A16", "CALLS_101_ABANDONED FY2023/24: this row repeats the row at Return!A10")),
                c("return-nottinghamshire-unknown-measure.xlsx", FORCE_RETURN, "a measure code not in the catalogue", 13, 0,
                        e(MEASURE_UNKNOWN, NOTTINGHAMSHIRE, "Return!A16", "measure code 'CALLS_101_ANSWERED' is not in the catalogue")),
                // ---------------------------------------------------------------- force returns: structure
                c("return-lincolnshire-no-cover-sheet.xlsx", FORCE_RETURN, "no Cover sheet", 0, 0,
                        e(SHEET_MISSING, LINCOLNSHIRE, "", "Lincolnshire return: the force return has no Cover sheet")),
                c("return-leicestershire-no-return-sheet.xlsx", FORCE_RETURN, "no Return sheet", 0, 0,
                        e(SHEET_MISSING, LEICESTERSHIRE, "", "Leicestershire return: the force return has no Return sheet")),
                c("return-northamptonshire-header-too-low.xlsx", FORCE_RETURN, "the header pushed 60 rows down by guidance notes", 1, 0,
                        e(COLUMN_MISSING, NORTHAMPTONSHIRE, "Return!A1", "no header row with Measure code, Value")),
                c("return-cambridgeshire-empty-return-sheet.xlsx", FORCE_RETURN, "an empty Return sheet", 1, 0,
                        e(COLUMN_MISSING, CAMBRIDGESHIRE, "", "the Return sheet has no header row")),
                c("return-dorset-truncated-sheet-xml.xlsx", FORCE_RETURN, "a sound zip whose Return sheet XML is cut short", 0, 0,
                        e(FILE_UNREADABLE, DORSET, "", "Dorset return: the force-return file cannot be read")),
                c("return-avon-and-somerset-invalid-utf8.xlsx", FORCE_RETURN, "a Return sheet with bytes UTF-8 forbids", 0, 0,
                        e(FILE_UNREADABLE, AVON_AND_SOMERSET, "", "Avon and Somerset return: the force-return file cannot be read")),
                c("return-west-midlands-broken-styles.xlsx", FORCE_RETURN, "a sound zip whose styles.xml is cut short", 0, 0,
                        e(FILE_UNREADABLE, WEST_MIDLANDS, "", "not a readable XLSX workbook")),
                c("return-wiltshire-xls-renamed.xlsx", FORCE_RETURN, "an Excel 97-2003 (BIFF) workbook renamed .xlsx", 0, 0,
                        e(FILE_UNREADABLE, WILTSHIRE, "", "Excel 97-2003")),
                c("return-gloucestershire-zero-bytes.xlsx", FORCE_RETURN, "a 0-byte .xlsx", 0, 0,
                        e(FILE_UNREADABLE, GLOUCESTERSHIRE, "", "Gloucestershire return: the force-return file cannot be read, so "
                                + "nothing is taken from it: the file is empty (0 bytes)")),
                // ---------------------------------------------------------------- force returns: cover
                c("return-norfolk-code-disagrees.xlsx", FORCE_RETURN, "cover name Norfolk, cover code Suffolk's", 0, 0,
                        e(RETURN_FORCE_UNCERTAIN, SUFFOLK, "Cover!B3", "cover name 'Norfolk' is Norfolk but cover code E23000025 is Suffolk")),
                c("return-kent-cover-names-another-force.xlsx", FORCE_RETURN, "file name says Kent, cover says Cumbria", 0, 0,
                        e(RETURN_FORCE_UNCERTAIN, CUMBRIA, "Cover!B3", "names Kent but the cover names Cumbria")),
                c("return-essex-period-reversed.xlsx", FORCE_RETURN, "cover period ends before it starts", 0, 0,
                        e(Rule.RETURN_COVER_INVALID, ESSEX, "Cover!B7", "the cover period ends before it starts")),
                c("return-thames-valley-cover-date-text.xlsx", FORCE_RETURN, "'1st April 2023' as the period start", 0, 0,
                        e(Rule.RETURN_COVER_INVALID, THAMES_VALLEY, "Cover!B6", "Period start is not a date")),
                c("return-hampshire-no-period-end.xlsx", FORCE_RETURN, "no period end on the cover", 0, 0,
                        e(Rule.RETURN_COVER_INVALID, HAMPSHIRE, "Cover!B7", "the cover gives no Period end")),
                c("return-british-transport-police.xlsx", FORCE_RETURN, "a return from British Transport Police", 0, 0,
                        e(FORCE_NOT_TERRITORIAL, "", "Cover!B3", "British Transport Police is not compared")),
                // ---------------------------------------------------------------- published tables: encodings and files
                c("pub-999-utf16.csv", POLICE_UK_999, "a 999 table saved as UTF-16", 0, 0,
                        e(FILE_UNREADABLE, "", "", "cannot be read")),
                c("pub-population-windows-1252.csv", ONS_POPULATION, "Windows-1252 (en dash and pound sign)", 0, 0,
                        e(FILE_UNREADABLE, "", "", "not UTF-8 text")),
                c("pub-999-png-renamed.csv", POLICE_UK_999, "a PNG image renamed .csv", 0, 0,
                        e(FILE_UNREADABLE, "", "", "cannot be read")),
                c("pub-population-really-xlsx.ods", ONS_POPULATION, "an XLSX workbook renamed .ods", 0, 0,
                        e(FILE_UNREADABLE, "", "", "named as ODS but its content is an XLSX workbook")),
                c("pub-workforce-truncated-content-xml.ods", HOME_OFFICE_WORKFORCE, "a sound zip whose content.xml is cut short", 0, 0,
                        e(FILE_UNREADABLE, "", "", "not a readable ODS workbook")),
                c("pub-population-zip-bomb.ods", ONS_POPULATION, "an ODS zip bomb (20 MB of content.xml in 20 KB)", 0, 0,
                        e(FILE_UNREADABLE, "", "", "zip bomb")),
                c("pub-unknown-kind.csv", null, "a CSV of no known kind, no kind declared", 0, 0,
                        e(FILE_KIND_UNKNOWN, "", "", "cannot be told")),
                // ---------------------------------------------------------------- published tables: headers and sheets
                c("pub-999-no-header.csv", POLICE_UK_999, "data rows without a header row", 0, 0,
                        e(COLUMN_MISSING, "", "line 1", "missing: Month, Force, Total calls")),
                c("pub-999-header-too-deep.csv", POLICE_UK_999, "61 note lines above the header", 0, 0,
                        e(COLUMN_MISSING, "", "line 1", "no header row")),
                c("pub-999-empty-sheet.xlsx", POLICE_UK_999, "a workbook with one empty sheet", 0, 0,
                        e(COLUMN_MISSING, "", "", "missing: a header row")),
                c("pub-999-two-row-merged-header.xlsx", POLICE_UK_999, "a header split over two rows with merged cells", 0, 0,
                        e(COLUMN_MISSING, "", "Calls!A1", "missing: Total calls, Calls answered in under 10 seconds")),
                c("pub-workforce-no-data-sheet.xlsx", HOME_OFFICE_WORKFORCE, "a workforce workbook without its Data sheet", 0, 0,
                        e(SHEET_MISSING, "", "", "sheet 'Data'")),
                c("pub-999-quoted-newline-header.csv", POLICE_UK_999, "line breaks inside quoted headers; [x] on physical line 5", 3, 1,
                        e(VALUE_SUPPRESSED, LANCASHIRE, "line 5", "CALLS_999_TOTAL: unavailable or suppressed ('[x]')")),
                c("pub-999-bom-crlf-suppressed.csv", POLICE_UK_999, "BOM and CRLF; '..' on line 3", 7, 1,
                        e(VALUE_SUPPRESSED, LANCASHIRE, "line 3", "unavailable or suppressed ('..')")),
                // ---------------------------------------------------------------- published tables: rows and values
                c("pub-999-ragged-rows.csv", POLICE_UK_999, "a short row and a long row", 5, 1,
                        e(VALUE_SUPPRESSED, LANCASHIRE, "line 3", "CALLS_999_ANSWERED_UNDER_10S: unavailable or suppressed (blank)")),
                c("pub-999-unknown-force.csv", POLICE_UK_999, "a force name that matches no force", 2, 0,
                        e(FORCE_UNKNOWN, "", "line 3", "'Gotham City Police' in the 999 table matches none of the 43 forces")),
                c("pub-999-action-fraud.csv", POLICE_UK_999, "a row for Action Fraud", 2, 0,
                        e(FORCE_NOT_TERRITORIAL, "", "line 3", "row for Action Fraud excluded")),
                c("pub-999-thousands-separators.csv", POLICE_UK_999, "'5,000' read; '12,34' and '1.234.567' not", 4, 2,
                        e(VALUE_UNPARSEABLE, LANCASHIRE, "line 3", "CALLS_999_TOTAL: not a number"),
                        e(VALUE_UNPARSEABLE, MERSEYSIDE, "line 4", "CALLS_999_ANSWERED_UNDER_10S: not a number")),
                c("pub-999-percentage-disagrees.csv", POLICE_UK_999, "a published percentage its counts do not give", 18, 0,
                        e(VALUE_PERCENTAGE_DISAGREES, ESSEX, "line 2", "(120.0) is not what the counts on the line give (9020 of 10000 calls, 90.2%)"),
                        e(VALUE_PERCENTAGE_DISAGREES, DURHAM, "line 8", "(76.7) is not what the counts on the line give (2000 of 3000 calls, 66.7%)"),
                        e(VALUE_PERCENTAGE_DISAGREES, CHESHIRE, "line 10", "(70.0%) is not what the counts on the line give (2000 of 3000 calls, 66.7%)")),
                c("pub-population-suppression-markers.csv", ONS_POPULATION, "'..' '[x]' '[c]' '*' 'N/A' blank are missing; '-' is nil", 2, 6,
                        e(VALUE_SUPPRESSED, CUMBRIA, "line 2", "('..')"),
                        e(VALUE_SUPPRESSED, LANCASHIRE, "line 3", "('[x]')"),
                        e(VALUE_SUPPRESSED, MERSEYSIDE, "line 4", "('[c]')"),
                        e(VALUE_SUPPRESSED, GREATER_MANCHESTER, "line 5", "('*')"),
                        e(VALUE_SUPPRESSED, CHESHIRE, "line 6", "('N/A')"),
                        e(VALUE_SUPPRESSED, DURHAM, "line 8", "(blank)")),
                c("pub-999-negative.csv", POLICE_UK_999, "a negative count", 1, 1,
                        e(VALUE_NEGATIVE, CUMBRIA, "line 2", "CALLS_999_ANSWERED_UNDER_10S: negative")),
                c("pub-999-conflicting-rows.csv", POLICE_UK_999, "one force and month twice with different values", 2, 2,
                        e(ROW_DUPLICATE_CONFLICT, CUMBRIA, "line 4", "repeats the row at line 2 with different values")),
                c("pub-999-repeated-row.csv", POLICE_UK_999, "a row repeated exactly", 2, 0,
                        e(ROW_DUPLICATE_EXACT, CUMBRIA, "line 3", "the same row is repeated; counted once")),
                c("pub-999-bad-month.csv", POLICE_UK_999, "'13/2023' as a month", 2, 0,
                        e(VALUE_UNPARSEABLE, LANCASHIRE, "line 3", "Month is not a month")),
                c("pub-population-div0.xlsx", ONS_POPULATION, "#DIV/0! in a published population cell", 1, 1,
                        e(VALUE_UNPARSEABLE, LANCASHIRE, "Population!D3", "an Excel error value")),
                c("pub-999-formula-no-result.xlsx", POLICE_UK_999, "a formula without a saved result", 3, 1,
                        e(VALUE_FORMULA_NO_RESULT, LANCASHIRE, "Calls!C3", "a formula with no saved result")),
                c("pub-999-date-in-count.xlsx", POLICE_UK_999, "a date cell where a count belongs", 1, 1,
                        e(VALUE_UNPARSEABLE, CUMBRIA, "Calls!D2", "not a number nor a suppression marker")),
                c("pub-999-boolean-in-count.xlsx", POLICE_UK_999, "FALSE where a count belongs", 1, 1,
                        e(VALUE_UNPARSEABLE, MERSEYSIDE, "Calls!C2", "not a number nor a suppression marker")),
                // ---------------------------------------------------------------- data.police.uk record files
                c("records/2023-05-kent-street.csv", POLICE_UK_RECORDS, "broken quoting in one row", 2, 0,
                        e(RECORDS_ROW_NOT_COUNTED, KENT, "line 3", "text after a closing quote")),
                c("records/2023-06-essex-street.csv", POLICE_UK_RECORDS, "a row of another month", 2, 0,
                        e(RECORDS_ROW_NOT_COUNTED, ESSEX, "line 3", "has Month '2023-05' in the file for 2023-06")),
                c("records/2023-07-norfolk-street.csv", POLICE_UK_RECORDS, "no Crime type column", 0, 0,
                        e(COLUMN_MISSING, NORFOLK, "line 1", "has no column Crime type")),
                c("records/2023-08-gotham-street.csv", POLICE_UK_RECORDS, "a slug that is no force", 0, 0,
                        e(FORCE_UNKNOWN, "", "", "The force slug 'gotham'")),
                c("records/2023-09-btp-street.csv", POLICE_UK_RECORDS, "British Transport Police's file", 0, 0,
                        e(FORCE_NOT_TERRITORIAL, "", "", "British Transport Police for 2023-09 is excluded")),
                c("records/2023-10-suffolk-street.csv", POLICE_UK_RECORDS, "Falls within names Norfolk in Suffolk's file", 2, 0,
                        e(RECORDS_FALLS_WITHIN_MISMATCH, SUFFOLK, "line 3", "name another force in 'Falls within'")),
                c("records/2023-11-dorset-street.csv", POLICE_UK_RECORDS, "a 0-byte record file", 0, 0,
                        e(FILE_UNREADABLE, DORSET, "", "the file is empty")),
                c("records/2023-12-durham-stop-and-search.csv", POLICE_UK_RECORDS, "'Maybe' as Outcome linked to object of search", 2, 0,
                        e(VALUE_UNPARSEABLE, Severity.WARNING, DURHAM, "line 3", "neither True nor False")),
                c("records/2023-04-gwent-street.csv", POLICE_UK_RECORDS, "a row with 7 of 12 fields", 2, 0,
                        e(RECORDS_ROW_NOT_COUNTED, GWENT, "line 3", "7 fields where the header has 12")),
                c("records/street-crimes-may.csv", POLICE_UK_RECORDS, "declared as records, not named like one", 0, 0,
                        e(FILE_STRAY, "", "", "not a data.police.uk file name")),
                c("records/2023-03-surrey-street.csv", POLICE_UK_RECORDS, "cut short inside its last row", 0, 2,
                        e(RECORDS_ROW_NOT_COUNTED, SURREY, "line 3", "a quote that is never closed"),
                        e(FILE_UNREADABLE, SURREY, "line 3", "the file is cut short part-way through a row")),
                c("records/2023-02-city-of-london-street.csv", POLICE_UK_RECORDS, "an unquoted comma in every row", 0, 2,
                        e(RECORDS_ROW_NOT_COUNTED, CITY_OF_LONDON, "line 2", "14 fields where the header has 12"),
                        e(RECORDS_ROW_NOT_COUNTED, CITY_OF_LONDON, "line 3", "14 fields where the header has 12"),
                        e(FILE_UNREADABLE, CITY_OF_LONDON, "line 2", "2 of its 2 rows do not fit its header")),
                c("records/2023-01-cleveland-street.csv", POLICE_UK_RECORDS, "its header and no row", 0, 0,
                        e(TABLE_NO_ROWS, CLEVELAND, "line 1", "has its header row but no data rows")),
                c("records/2023-05-northumbria-stop-and-search.csv", POLICE_UK_RECORDS, "searches dated in April, and not dated", 2, 0,
                        e(RECORDS_ROW_NOT_COUNTED, NORTHUMBRIA, "line 3", "has Date '2023-04-30T22:00:00+01:00' in the file for 2023-05"),
                        e(RECORDS_ROW_NOT_COUNTED, NORTHUMBRIA, "line 4", "has no Date")),
                c("records/2023-06-lancashire-street.csv", POLICE_UK_RECORDS, "a title row above the header", 2, 0),
                c("records/2023-13-hampshire-street.csv", POLICE_UK_RECORDS, "month 13 in its name", 0, 0,
                        e(FILE_STRAY, HAMPSHIRE, "", "the month in its name, 2023-13, is not a month")));
    }

    // ---------------------------------------------------------------- reading

    record Read(ReadSummary summary, CorpusFixtures.Output out) {
    }

    static Read read(Path file, String relative, SourceKind kind) {
        CorpusFixtures.Output out = new CorpusFixtures.Output();
        var source = CorpusFixtures.source(file, relative, kind);
        ReadSummary s = assertTimeoutPreemptively(PER_FILE, () -> kind == POLICE_UK_RECORDS
                ? new PoliceUkRecords(CorpusFixtures.FORCES).read(source, out)
                : new Sources(CorpusFixtures.FORCES).read(source, out), () -> relative + " did not finish within " + PER_FILE);
        return new Read(s, out);
    }

    /**
     * Reads a copy of the corpus file (a read must never write to its input: see
     * {@link #aDamagedWorkbookIsNeverWrittenTo}) and says whether the copy was left as it was.
     */
    static Read readCopy(Path dir, String file, SourceKind kind, boolean[] unchanged) {
        try {
            Path original = CorpusFixtures.CORPUS.resolve(file);
            Path copy = dir.resolve(file);
            Files.createDirectories(copy.getParent());
            Files.copy(original, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            byte[] before = Files.readAllBytes(copy);
            Read r = read(copy, "malformed/" + file, kind);
            unchanged[0] = Arrays.equals(before, Files.readAllBytes(copy));
            return r;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void noFilePrintsAnythingToStandardError(@TempDir Path dir) {
        // a reviewer reads findings, not stray parser lines: the JDK's own StAX reader printed "[Fatal Error] ..." to
        // System.err for a workbook with bytes UTF-8 forbids, on top of the finding
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            cases().forEach(c -> readCopy(dir, c.file(), c.kind(), new boolean[1]));
        } finally {
            System.setErr(err);
        }
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachFileGivesExactlyItsFindings(Case c, @TempDir Path dir) {
        boolean[] unchanged = {false};
        Read r = readCopy(dir, c.file(), c.kind(), unchanged);
        assertThat(unchanged[0]).as("%s is byte for byte as it was after the read", c.file()).isTrue();
        List<Finding> found = r.out().findings;

        List<String> actual = found.stream().map(f -> new Expect(f.rule(), f.severity(), f.forceCode(), f.location(), "").toString()).toList();
        assertThat(actual).as("findings of %s: %s", c.file(), found).containsExactlyInAnyOrderElementsOf(
                c.findings().stream().map(Expect::toString).toList());
        for (Expect x : c.findings()) {
            assertThat(found).as("%s: a %s finding whose message says '%s'", c.file(), x, x.messagePart())
                    .anySatisfy(f -> {
                        assertThat(f.rule()).isEqualTo(x.rule());
                        assertThat(f.location()).isEqualTo(x.location());
                        assertThat(f.forceCode()).isEqualTo(x.force());
                        assertThat(f.message()).contains(x.messagePart());
                    });
        }
        assertThat(found).allSatisfy(f -> assertThat(f.sourceFile()).isEqualTo("malformed/" + c.file()));

        List<Observation> obs = r.out().observations;
        assertThat(obs.stream().filter(Observation::hasValue).count()).as("values kept from %s: %s", c.file(), obs).isEqualTo(c.withValue());
        assertThat(obs.stream().filter(o -> !o.hasValue()).count()).as("values removed in %s: %s", c.file(), obs).isEqualTo(c.withoutValue());

        // contract 4a: an unreadable file gives no value at all (a record file says why each of its counts is missing)
        if (found.stream().anyMatch(f -> f.rule() == FILE_UNREADABLE)) {
            assertThat(obs).noneMatch(Observation::hasValue);
            assertThat(r.summary().readable()).isFalse();
        }
    }

    @Test
    void everyCorpusFileHasACaseAndTheCorpusIsBigEnough() throws Exception {
        Set<String> onDisk;
        try (Stream<Path> s = Files.walk(CorpusFixtures.CORPUS)) {
            onDisk = s.filter(Files::isRegularFile).map(p -> CorpusFixtures.CORPUS.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> !n.equals("README.md")).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> covered = cases().map(Case::file).collect(Collectors.toCollection(TreeSet::new));
        covered.addAll(BUG_FILES);
        assertThat(onDisk).isEqualTo(covered);
        assertThat(new TreeSet<>(MalformedCorpus.files().keySet())).isEqualTo(covered);

        // with the 50,000-row return made at test time, and the older corpus of sources/malformed
        Set<String> older;
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/sources/malformed"))) {
            older = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertThat(onDisk.stream().map(n -> n.substring(n.lastIndexOf('/') + 1))).doesNotContainAnyElementsOf(older);
        assertThat(onDisk.size() + 1).isGreaterThanOrEqualTo(30);
        assertThat(onDisk.size() + 1 + older.size()).isGreaterThanOrEqualTo(40);
    }

    // ---------------------------------------------------------------- the large case, made at test time

    @Test
    void aFiftyThousandRowReturnIsReadInTimeAndItsStrayRowsAreReportedAndCounted(@TempDir Path dir) {
        Path p = MalformedCorpus.fiftyThousandRowReturn(dir.resolve("return-west-yorkshire-50000-rows.xlsx"));
        long t0 = System.nanoTime();
        Read r = read(p, "returns/return-west-yorkshire-50000-rows.xlsx", FORCE_RETURN);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("50,000-row return read in " + ms + " ms");

        List<Finding> unknown = r.out().findings(MEASURE_UNKNOWN);
        assertThat(r.out().findings).hasSameSizeAs(unknown);
        // the first hundred stray rows are named, then one finding counts them all (49,988)
        assertThat(unknown).hasSize(101);
        assertThat(unknown.get(0).location()).isEqualTo("Return!A16");
        assertThat(unknown.get(0).forceCode()).isEqualTo("E23000010");
        assertThat(unknown.get(0).message()).contains("'INC-2023-000001'");
        assertThat(unknown.get(99).location()).isEqualTo("Return!A115");
        assertThat(unknown.get(100).observed()).isEqualTo(Integer.toString(50_000 - 12));
        // the twelve measures above the pasted extract are read, plus the submission marker
        assertThat(r.out().observations).hasSize(13).allMatch(Observation::hasValue);
        assertThat(r.summary().rowsRead()).isEqualTo(50_000);
    }

    // ---------------------------------------------------------------- product bugs found by the corpus

    @Test
    void aDamagedWorkbookIsNeverWrittenTo(@TempDir Path dir) {
        boolean[] unchanged = {false};
        Read r = readCopy(dir, "return-west-midlands-broken-styles.xlsx", FORCE_RETURN, unchanged);
        assertThat(r.out().findings).singleElement().satisfies(f -> assertThat(f.rule()).isEqualTo(FILE_UNREADABLE));
        assertThat(unchanged[0]).as("the source file is byte for byte as it was").isTrue();
    }

    @Test
    void aDeletedMeasureRowIsReportedAsNotSupplied(@TempDir Path dir) {
        Read r = readCopy(dir, "return-devon-and-cornwall-measure-row-deleted.xlsx", FORCE_RETURN, new boolean[1]);
        assertThat(r.out().findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(VALUE_NOT_SUPPLIED);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.forceCode()).isEqualTo("E23000035");
            assertThat(f.location()).startsWith("Return");
            assertThat(f.message()).contains("CALLS_101_ABANDONED");
        });
        assertThat(r.out().observations).anySatisfy(o -> {
            assertThat(o.measure()).isEqualTo("CALLS_101_ABANDONED");
            assertThat(o.hasValue()).isFalse();
        });
    }

    @Test
    void aHeaderOnlyTableIsReported(@TempDir Path dir) {
        Read r = readCopy(dir, "pub-999-header-only.csv", POLICE_UK_999, new boolean[1]);
        assertThat(r.out().findings).anySatisfy(f -> {
            assertThat(f.severity()).isIn(Severity.ERROR, Severity.WARNING);
            assertThat(f.message()).containsIgnoringCase("no data rows");
        });
    }

    @Test
    void coverPeriodFindingsNameWhatTheyRemove(@TempDir Path dir) {
        for (String file : List.of("return-essex-period-reversed.xlsx", "return-thames-valley-cover-date-text.xlsx",
                "return-hampshire-no-period-end.xlsx")) {
            Read r = readCopy(dir, file, FORCE_RETURN, new boolean[1]);
            assertThat(r.out().findings).as(file).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.rule().explanation()).doesNotContain("published table").doesNotContain("header row");
                assertThat(f.rule().removes()).isEqualTo("every value in that workbook");
            });
        }
    }

    @Test
    void encodingAndBinaryMessagesSayWhatTheFileIs(@TempDir Path dir) {
        Read utf16 = readCopy(dir, "pub-999-utf16.csv", POLICE_UK_999, new boolean[1]);
        assertThat(utf16.out().findings).singleElement().satisfies(f -> assertThat(f.message()).contains("UTF-16"));
        Read png = readCopy(dir, "pub-999-png-renamed.csv", POLICE_UK_999, new boolean[1]);
        assertThat(png.out().findings).singleElement().satisfies(f -> assertThat(f.message()).containsAnyOf("binary", "image", "PNG"));
    }

}
