package uk.forcecompare.validation;

import static uk.forcecompare.validation.Severity.ERROR;
import static uk.forcecompare.validation.Severity.INFO;
import static uk.forcecompare.validation.Severity.WARNING;

/**
 * The catalogue of validation rules. Severities and what each finding removes follow contract section 4a;
 * plausibility rules only ever raise queries and remove nothing, since real outliers are real.
 */
public enum Rule {
    // structure
    FILE_UNREADABLE("file.unreadable", ERROR,
            "The file cannot be read, is truncated, or is not what its declared kind says.",
            "everything read from that file"),
    FILE_KIND_UNKNOWN("file.kind-unknown", WARNING,
            "The file's kind could not be told from its header row; it was not read.",
            "nothing"),
    FILE_STRAY("file.stray", WARNING,
            "A file in the collection folder that is not read: no source declares it, it is not a workbook in a folder "
                    + "of returns, or it is an office lock file or hidden.",
            "nothing"),
    FILE_SOURCE_EMPTY("file.source-empty", WARNING,
            "A source in collection.yml is a folder with no file of its kind in it; the indicators that need it have no value.",
            "nothing (there is nothing to read)"),
    SHEET_MISSING("structure.sheet-missing", ERROR,
            "A sheet the source kind needs is not in the workbook.",
            "everything read from that file"),
    COLUMN_MISSING("structure.column-missing", ERROR,
            "No header row with every required column was found.",
            "everything read from that file"),
    RETURN_FORCE_UNCERTAIN("return.force-uncertain", ERROR,
            "The workbook's cover force name, cover force code and file name do not agree on one force.",
            "every value in that workbook"),
    RETURN_COVER_INVALID("return.cover-invalid", ERROR,
            "The return's Cover sheet does not give a usable period (Period start and Period end as dates, end on or after start).",
            "every value in that workbook"),
    TABLE_NO_ROWS("structure.no-data-rows", WARNING,
            "A published table has its header row but no data rows below it.",
            "nothing (there is nothing to read)"),
    RETURN_OTHER_COLLECTION("return.other-collection", WARNING,
            "A return's cover names another collection than this one: it may be an earlier collection's return. Its "
                    + "values are used where its period is the indicator's.",
            "nothing"),
    RETURN_DUPLICATE_SUBMISSION("return.duplicate-submission", ERROR,
            "Two return workbooks were submitted for the same force.",
            "that force's values from returns"),
    ROW_DUPLICATE_EXACT("row.duplicate-exact", WARNING,
            "The same row is repeated exactly; it is counted once.",
            "nothing (counted once)"),
    ROW_DUPLICATE_CONFLICT("row.duplicate-conflict", ERROR,
            "Rows with the same force, period and dimensions carry different values.",
            "that force's values from those rows"),
    // values
    VALUE_NOT_NUMBER("value.not-a-number", ERROR,
            "A force return's value that cannot be used as a figure: text (a number stored as text included), an Excel "
                    + "error value, a date, or a fraction where a count belongs; the force must correct it.",
            "values computed from that cell"),
    VALUE_UNPARSEABLE("value.unparseable", ERROR,
            "Text in a published table where a number belongs that is neither a number nor a known suppression symbol.",
            "values computed from that cell"),
    VALUE_NEGATIVE("value.negative-count", ERROR,
            "A count cannot be negative.",
            "values computed from that cell"),
    VALUE_FORMULA_NO_RESULT("value.formula-without-result", ERROR,
            "A formula cell has no cached result, so its value is unknown.",
            "values computed from that cell"),
    VALUE_PART_EXCEEDS_WHOLE("value.part-exceeds-whole", ERROR,
            "A part is greater than its whole (for example calls answered greater than calls received).",
            "that indicator for that force"),
    VALUE_FORCE_NOTE("value.force-note", INFO,
            "A force return has a note beside a figure it supplied: how the force counted it. Charts quote it.",
            "nothing"),
    VALUE_PERCENTAGE_DISAGREES("value.percentage-disagrees", WARNING,
            "A percentage published beside its counts is not what the counts give; the counts are used, so one of the "
                    + "figures on that line is wrong.",
            "nothing (a query)"),
    VALUE_NOT_SUPPLIED("value.not-supplied", WARNING,
            "A force return left a value blank: not supplied.",
            "values computed from that cell"),
    VALUE_SUPPRESSED("value.suppressed", WARNING,
            "A published table marks the cell unavailable or suppressed (.., *, [x], [c], N/A or blank): missing, not zero.",
            "values computed from that cell"),
    FORCE_UNKNOWN("force.unknown", WARNING,
            "A force name, code or file-name slug that matches none of the 43 forces nor a known non-territorial body; "
                    + "never guessed. The row (or file) is left out; a misspelt force then shows as missing where its figures "
                    + "should be.",
            "that row, or that file"),
    ROW_FORCE_UNCERTAIN("row.force-uncertain", ERROR,
            "A row whose code and name are two different forces (Norfolk's code with the name Suffolk): its figures are one "
                    + "of the two forces', and which cannot be told. The row is left out, and so are both forces' values "
                    + "that it would be part of, never a sum short of it.",
            "both forces' values computed from that table for the row's period"),
    FORCE_NOT_TERRITORIAL("force.not-territorial", INFO,
            "A row for a body that is not one of the 43 territorial forces (British Transport Police, Police Scotland, ...).",
            "that row"),
    RECORDS_ROW_NOT_COUNTED("records.row-not-counted", WARNING,
            "A data.police.uk row that does not fit its file (wrong number of fields, broken quoting, no crime type, or "
                    + "a month or stop-and-search date that is blank, not a date or another month than the file name's): it "
                    + "is not counted, and the rest of the file is. A file cut short or mostly such rows "
                    + "is unreadable instead.",
            "that row"),
    RECORDS_FALLS_WITHIN_MISMATCH("records.falls-within-mismatch", WARNING,
            "A data.police.uk file's 'Falls within' column names another force than the slug in its file name, or something "
                    + "that is not one of the 43 forces; the rows are counted for the slug's force.",
            "nothing"),
    SOURCES_DISAGREE("coverage.sources-disagree", WARNING,
            "Two sources give different values for the same force, measure and period (a force return and the Home Office funding table); the force return is used.",
            "nothing"),
    // coverage
    RETURN_MISSING("coverage.no-return", WARNING,
            "A force sent no return although the collection declares a force-return source.",
            "that force's values from returns"),
    PERIOD_MONTH_MISSING("coverage.month-missing", WARNING,
            "A month of the indicator's period is missing for the force; a partial sum is never used.",
            "that force's value for that indicator"),
    PERIOD_MISMATCH("coverage.period-mismatch", WARNING,
            "The data's period (for example a return's cover period) is not the indicator's period.",
            "that force's value for that indicator"),
    FORCE_MISSING_FROM_TABLE("coverage.force-missing", WARNING,
            "A published table that gives the other forces' figures has no row for the force (left off, or every row of it rejected).",
            "that force's values from that table"),
    POPULATION_MISSING("coverage.population-missing", WARNING,
            "The force is missing from the population table for the collection's mid-year.",
            "that force's per-1,000 values"),
    POPULATION_NIL("coverage.population-nil", WARNING,
            "The population table gives the force a nil ('-') or zero population for the collection's mid-year: a rate "
                    + "cannot be divided by it, so the force's per-1,000 values are missing, as for a force missing from the table.",
            "that force's per-1,000 values"),
    POPULATION_YEAR_MISSING("coverage.population-year-missing", ERROR,
            "The population table holds no estimate for the mid-year the manifest names, for any force: population.mid-year "
                    + "in collection.yml is probably wrong.",
            "every per-1,000 value"),
    MEASURE_UNKNOWN("coverage.unknown-measure", WARNING,
            "A return row carries a measure code that is not in the catalogue.",
            "nothing"),
    FORCE_NO_VALUE("indicator.force-without-value", INFO,
            "The force has no value for the indicator; the reason is given. It is left out of mean and SD and named under the chart.",
            "that force's value for that indicator (already removed by the finding named)"),
    INDICATOR_NOT_COMPUTED("indicator.not-computed", INFO,
            "An indicator defined in jobs/indicators that no source of the collection gives the measures for, where the "
                    + "manifest does not list the indicators: it is not published. List it in the manifest to publish it with every force missing.",
            "that indicator"),
    // plausibility: queries, never removals
    PLAUSIBLE_RANGE("plausibility.out-of-range", WARNING,
            "A value outside the plausible range for its indicator.",
            "nothing (a query)"),
    PLAUSIBLE_CHANGE("plausibility.change-from-last-collection", WARNING,
            "A value far from the force's value for the same indicator, over a period of the same length, in the collection "
                    + "published before this one.",
            "nothing (a query)"),
    PLAUSIBLE_OUTLIER("plausibility.outlier-3sd", WARNING,
            "A value more than 3 standard deviations from the other forces' mean.",
            "nothing (a query)");

    private final String id;
    private final Severity severity;
    private final String explanation;
    private final String removes;

    Rule(String id, Severity severity, String explanation, String removes) {
        this.id = id;
        this.severity = severity;
        this.explanation = explanation;
        this.removes = removes;
    }

    public String id() { return id; }
    public Severity severity() { return severity; }
    public String explanation() { return explanation; }
    public String removes() { return removes; }

    public static Rule byId(String id) {
        for (Rule r : values()) {
            if (r.id.equals(id)) return r;
        }
        throw new IllegalArgumentException("unknown rule " + id);
    }
}
