package uk.forcecompare.sources;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import uk.forcecompare.collection.Period;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceMatch;
import uk.forcecompare.validation.Rule;

/**
 * A force's data-return workbook: a {@code Cover} of label/value rows and a {@code Return} sheet with one row per
 * measure. Unlike a published table, a force return is the force's own statement: blank is "not supplied", and
 * any text where a number belongs is an error the force must correct.
 */
final class ForceReturnReader {

    static final String COVER = "Cover";
    static final String RETURN = "Return";
    static final Column MEASURE_CODE = Column.of("Measure code", "Code");
    static final Column VALUE = Column.of("Value");
    static final Column NOTES = Column.of("Notes", "Note", "Comments");

    private static final Map<String, String> COVER_LABELS = Map.of(
            "force", "Force", "forcename", "Force", "forcecode", "Force code", "collection", "Collection",
            "periodstart", "Period start", "periodend", "Period end", "submittedby", "Submitted by",
            "submittedon", "Submitted on");

    private final ReadContext ctx;

    ForceReturnReader(ReadContext ctx) {
        this.ctx = ctx;
    }

    private static Optional<String> sheet(TableFile t, String name) {
        return t.sheetNames().stream().filter(s -> Text.key(s).equals(Text.key(name))).findFirst();
    }

    void read(TableFile table) throws IOException {
        Optional<String> cover = sheet(table, COVER), ret = sheet(table, RETURN);
        if (cover.isEmpty() || ret.isEmpty()) {
            // without its Cover the file's name is all that says whose return it is
            Optional<Force> named = ctx.forceOfFileName();
            ctx.report(Rule.SHEET_MISSING, "", named.map(Force::code).orElse(""), named.map(f -> f.name() + " return: ").orElse("")
                    + "the force return has no " + (cover.isEmpty() ? "Cover" : "Return") + " sheet; nothing was read from it",
                    String.join(", ", table.sheetNames()), "sheets Cover and Return");
            return;
        }
        Map<String, TableCell> labels = new HashMap<>();
        try (TableFile.Rows rows = table.rows(cover.get())) {
            while (rows.hasNext()) {
                TableRow row = rows.next();
                String label = COVER_LABELS.get(Text.key(row.cell(0).text()));
                if (label != null) labels.putIfAbsent(label, row.cell(1));
            }
        }
        Optional<Force> force = certainForce(labels, cover.get());
        if (force.isEmpty()) return;
        Optional<Period> period = period(labels, force.get(), cover.get());
        if (period.isEmpty()) return;
        readValues(table, ret.get(), force.get(), period.get());
        TableCell forceCell = labels.get("Force");
        TableCell collectionCell = labels.get("Collection");
        String collection = collectionCell == null ? "" : Text.dimensionValue(collectionCell.text());
        // the collection's own cell and the period's, for a finding that the return names another collection, or is
        // for another period than an indicator's, to point at
        ctx.emitAlone(Observation.of(force.get().code(), Measures.RETURN_SUBMITTED, period.get(),
                "collection=" + collection + (collectionCell == null ? "" : "|collection-cell=" + collectionCell.location())
                        + "|" + Measures.PERIOD_CELLS + "=" + cells(labels.get("Period start"), labels.get("Period end")),
                BigDecimal.ONE, ctx.fileName(), forceCell.location()));
    }

    /** Two cells of a sheet as one location: "Cover!B6:B7", or the first where they are the same cell. */
    static String cells(TableCell first, TableCell last) {
        String a = first.location(), b = last.location();
        if (a.equals(b)) return a;
        int bang = b.lastIndexOf('!');
        return a + ":" + (bang < 0 ? b : b.substring(bang + 1));
    }

    /** The force only if the cover's name, the cover's code and the file name (where it names one) all agree. */
    private Optional<Force> certainForce(Map<String, TableCell> labels, String coverSheet) {
        TableCell nameCell = labels.get("Force"), codeCell = labels.get("Force code");
        String name = nameCell == null ? "" : Text.clean(nameCell.text());
        String code = codeCell == null ? "" : Text.strip(codeCell.text());
        ForceMatch byName = ctx.forces.match(name);
        Optional<Force> byCode = ctx.forces.byCode(code);
        String fileName = ctx.file.path().getFileName().toString();
        List<Force> inFileName = ctx.forces.forcesNamedInFileName(fileName);
        String where = nameCell != null ? nameCell.location() : TableRow.location(coverSheet, 0, 0);

        if (byName instanceof ForceMatch.NotTerritorial nt && (byCode.isEmpty())) {
            ctx.report(Rule.FORCE_NOT_TERRITORIAL, where, "", "a force return from " + nt.body()
                    + " is not compared: " + nt.why(), name, "one of the 43 territorial forces");
            return Optional.empty();
        }
        Force named = byName instanceof ForceMatch.Territorial t ? t.force() : null;
        List<String> problems = new ArrayList<>();
        if (!name.isEmpty() && named == null) problems.add("cover name '" + name + "' matches no force");
        if (!code.isEmpty() && byCode.isEmpty()) problems.add("cover code '" + code + "' is not a force's ONS code");
        // a blank name or code is not a disagreement: two of the three naming the same force, and none another, is sure
        long naming = (named != null ? 1 : 0) + (byCode.isPresent() ? 1 : 0) + (inFileName.size() == 1 ? 1 : 0);
        if (problems.isEmpty() && naming < 2) {
            problems.add(name.isEmpty() && code.isEmpty() ? "the cover gives no force name or code"
                    : "only " + (named != null ? "the cover name" : byCode.isPresent() ? "the cover code" : "the file name")
                    + " names the force, and nothing confirms it");
        }
        if (named != null && byCode.isPresent() && !named.equals(byCode.get())) {
            problems.add("cover name '" + name + "' is " + named.name() + " but cover code " + code + " is " + byCode.get().name());
        }
        Force agreed = named != null ? named : byCode.orElse(null);
        if (inFileName.size() > 1) {
            problems.add("the file name '" + fileName + "' names more than one force ("
                    + String.join(", ", inFileName.stream().map(Force::name).toList()) + ")");
        } else if (inFileName.size() == 1 && agreed != null && !inFileName.get(0).equals(agreed)) {
            problems.add("the file name '" + fileName + "' names " + inFileName.get(0).name() + " but the cover names " + agreed.name());
        }
        if (problems.isEmpty()) return Optional.ofNullable(agreed != null ? agreed : inFileName.get(0));
        ctx.report(Rule.RETURN_FORCE_UNCERTAIN, where, byCode.map(Force::code).orElse(""),
                "the force of this return cannot be told for sure, so none of its values are used: " + String.join("; ", problems),
                "name '" + name + "', code '" + code + "', file '" + fileName + "'",
                "cover name, cover code and file name naming the same force");
        return Optional.empty();
    }

    private Optional<Period> period(Map<String, TableCell> labels, Force force, String coverSheet) {
        LocalDate start = date(labels.get("Period start"), "Period start", force, coverSheet);
        LocalDate end = date(labels.get("Period end"), "Period end", force, coverSheet);
        if (start == null || end == null) return Optional.empty();
        if (end.isBefore(start)) {
            TableCell c = labels.get("Period end");
            ctx.report(Rule.RETURN_COVER_INVALID, c.location(), force.code(), force.name()
                    + " return: the cover period ends before it starts; none of its values are used", start + ".." + end,
                    "Period end on or after Period start");
            return Optional.empty();
        }
        return Optional.of(Period.between(start, end));
    }

    private LocalDate date(TableCell cell, String label, Force force, String coverSheet) {
        if (cell == null || cell.isBlank()) {
            ctx.report(Rule.RETURN_COVER_INVALID, cell == null ? TableRow.location(coverSheet, 0, 0) : cell.location(), force.code(),
                    force.name() + " return: the cover gives no " + label + ", so its period is unknown and none of its values are used",
                    "", "a date such as 2023-03-31");
            return null;
        }
        if (cell.date() != null) return cell.date();
        String t = Text.clean(cell.text());
        for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("d/M/uuuu"),
                DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.UK))) {
            try {
                return LocalDate.parse(t, f);
            } catch (DateTimeParseException e) {
                // next form
            }
        }
        ctx.report(Rule.RETURN_COVER_INVALID, cell.location(), force.code(), force.name() + " return: the cover's " + label
                + " is not a date, so its period is unknown and none of its values are used", cell.text(), "a date such as 2023-03-31");
        return null;
    }

    private void readValues(TableFile table, String sheet, Force force, Period period) throws IOException {
        try (TableFile.Rows rows = table.rows(sheet)) {
            Header.Search search = Header.find(rows, List.of(MEASURE_CODE, VALUE));
            if (search.header().isEmpty()) {
                ctx.report(Rule.COLUMN_MISSING, search.bestLocation(), force.code(), force.name()
                        + " return: the Return sheet has no header row with " + String.join(", ", search.missing())
                        + "; none of its values are used", "", "Measure code, Measure, Value, Notes");
                return;
            }
            Header h = search.header().get();
            int codeCol = h.column(MEASURE_CODE).getAsInt(), valueCol = h.column(VALUE).getAsInt();
            int notesCol = h.column(NOTES).orElse(-1);
            java.util.Set<String> seen = new java.util.HashSet<>();
            long unknown = 0;
            while (rows.hasNext()) {
                TableRow row = rows.next();
                ctx.rowsRead++;
                String code = Text.strip(row.cell(codeCol).text()).toUpperCase(Locale.ROOT);
                TableCell cell = row.cell(valueCol);
                if (code.isEmpty() && cell.isBlank()) continue;
                if (!Measures.FORCE_RETURN.containsKey(code)) {
                    // a pasted extract can hold thousands of rows: name the first hundred, then count the rest
                    if (++unknown > MAX_UNKNOWN_MEASURE_FINDINGS) continue;
                    ctx.report(Rule.MEASURE_UNKNOWN, row.cell(codeCol).location(), force.code(), force.name()
                            + " return: measure code '" + code + "' is not in the catalogue; its value is not used",
                            row.cell(codeCol).text(), "one of " + String.join(", ", Measures.FORCE_RETURN.keySet()));
                    continue;
                }
                seen.add(code);
                String note = notesCol < 0 ? "" : shortened(Text.clean(row.cell(notesCol).text()));
                Observation o = observation(force, code, period, cell, note);
                if (o.hasValue() && !note.isEmpty()) {
                    // how the force counted it ("Abandoned after the IVR message"): the chart's reader needs to know
                    ctx.report(Rule.VALUE_FORCE_NOTE, row.cell(notesCol).location(), force.code(), force.name() + " " + code
                            + ": the force's note beside its figure: '" + note + "'", note, "");
                }
                ctx.emit(row, List.of(o));
            }
            if (unknown > MAX_UNKNOWN_MEASURE_FINDINGS) {
                ctx.report(Rule.MEASURE_UNKNOWN, sheet, force.code(), force.name() + " return: " + unknown
                        + " rows carry measure codes not in the catalogue; the first " + MAX_UNKNOWN_MEASURE_FINDINGS
                        + " are listed above", Long.toString(unknown), "only the catalogue's measure codes");
            }
            // a deleted row is a value not supplied, as a blank one is: the force is asked for it
            for (String code : Measures.FORCE_RETURN.keySet()) {
                if (seen.contains(code)) continue;
                ctx.report(Rule.VALUE_NOT_SUPPLIED, sheet, force.code(), force.name() + " " + code
                        + ": the measure's row is missing from the Return sheet (not supplied)", "", "a row for " + code);
                ctx.emitAlone(Observation.missing(force.code(), code, period, "", "not supplied (no row for it on the Return sheet)",
                        ctx.fileName(), sheet));
            }
        }
    }

    static final int MAX_UNKNOWN_MEASURE_FINDINGS = 100;

    private boolean isCsv() {
        return ctx.file.path().getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
    }

    /** a note is quoted under a chart: a paragraph pasted into the cell is cut to its start */
    static String shortened(String note) {
        return note.length() <= 200 ? note : note.substring(0, 199).strip() + "\u2026";
    }

    /** Why a value cannot be used: the finding's rule, its problem after "Force MEASURE: ", what was seen, the reason. */
    private record Rejection(Rule rule, String problem, String observed, String reason) {
    }

    private Observation observation(Force force, String measure, Period period, TableCell cell, String note) {
        String who = force.name() + " " + measure;
        String expected = Measures.isMoney(measure) ? "an amount in pounds, 0 or more" : "a whole number, 0 or more";
        Rejection rejected;
        if (cell.formulaWithoutResult()) {
            rejected = new Rejection(Rule.VALUE_FORMULA_NO_RESULT, "a formula with no saved result; recalculate and save the workbook",
                    cell.text(), "formula without a saved result");
        } else if (cell.excelError() != null) {
            rejected = new Rejection(Rule.VALUE_NOT_NUMBER, "an Excel error value", cell.excelError(), "Excel error " + cell.excelError());
        } else if (cell.date() != null) {
            // the footnote quotes the date, so a reader can see which figure was typed into the wrong cell
            rejected = new Rejection(Rule.VALUE_NOT_NUMBER, "a date where a number belongs", cell.text(),
                    "a date (" + cell.text() + "), not a number");
        } else if (cell.isBlank()) {
            // a force that leaves a value blank usually says why beside it: the footnote and the query carry its words
            String noted = note.isEmpty() ? "" : " with the note '" + note + "'";
            ctx.report(Rule.VALUE_NOT_SUPPLIED, cell.location(), force.code(), who + ": left blank (not supplied)" + noted, "", expected);
            return Observation.missing(force.code(), measure, period, "", "left blank" + noted, ctx.fileName(), cell.location());
        } else {
            // contract 2: in a return, any text where a number belongs is an error for the force to correct, numeric
            // text ('1,234' in a text cell) included; a CSV has no cell types, so there text is all there is
            BigDecimal n = cell.number() != null ? cell.number() : Numbers.parse(cell.text());
            if (n != null && cell.number() == null && !isCsv()) {
                rejected = new Rejection(Rule.VALUE_NOT_NUMBER, "a number stored as text ('" + Text.clean(cell.text())
                        + "'); enter it as a number", cell.text(), "a number stored as text");
            } else if (n == null) {
                rejected = new Rejection(Rule.VALUE_NOT_NUMBER, "text where a number belongs", cell.text(),
                        "text '" + Text.clean(cell.text()) + "', not a number");
            } else if (n.signum() < 0) {
                rejected = new Rejection(Rule.VALUE_NEGATIVE, "negative", n.toPlainString(), "negative value " + n.toPlainString());
            } else if (!Measures.isMoney(measure) && !Numbers.isWhole(n)) {
                rejected = new Rejection(Rule.VALUE_NOT_NUMBER, "a count must be a whole number", n.toPlainString(),
                        "fractional count " + n.toPlainString());
            } else {
                return Observation.of(force.code(), measure, period, "", n, ctx.fileName(), cell.location());
            }
        }
        // the force's words beside a value that cannot be used are what the query back to it starts from
        String besides = note.isEmpty() ? "" : "; the force's note beside it: '" + note + "'";
        ctx.report(rejected.rule(), cell.location(), force.code(), who + ": " + rejected.problem() + besides, rejected.observed(), expected);
        return Observation.missing(force.code(), measure, period, "", rejected.reason() + besides, ctx.fileName(), cell.location());
    }
}
