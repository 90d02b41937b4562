package uk.forcecompare.records;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import uk.forcecompare.collection.Period;
import uk.forcecompare.collection.SourceFile;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.reference.ForceMatch;
import uk.forcecompare.sources.Measures;
import uk.forcecompare.sources.Observation;
import uk.forcecompare.sources.ReadSummary;
import uk.forcecompare.sources.SourceOutput;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Rule;
import uk.forcecompare.validation.Severity;

/**
 * Reads one data.police.uk file of a territorial force: counts in the stream, one observation per measure
 * per file at the end. State is per file; the reader is used once.
 */
final class RecordFileReader {

    static final String KIND = "police-uk-records";
    /** Findings about single rows stop here per file and per kind of problem; one summary finding gives the total. */
    static final int MAX_ROW_FINDINGS = 100;
    /** How far down a header row is looked for, below title rows: a few lines of title, not a page of notes. */
    static final int MAX_HEADER_LINE = 10;
    /** Raw rows kept in quarantine per file; the summary finding says how many more were not kept. */
    static final int MAX_QUARANTINED = 1_000;

    private static final byte[] ASB = bytes("Anti-social behaviour");
    /** as a crime type typed by hand may come ("anti-social behaviour", a trailing space), folded as header names are */
    private static final byte[] ASB_FOLDED = bytes(normalise("Anti-social behaviour"));
    private static final byte[] TRUE = bytes("True");
    private static final byte[] TRUE_FOLDED = bytes("true"), FALSE_FOLDED = bytes("false");
    private static final byte[] FALSE = bytes("False");

    private final SourceFile file;
    private final Force force;
    private final RecordFileName name;
    private final ForceDirectory forces;
    private final SourceOutput out;
    private final String where;

    private long headerLine;
    private long rowsRead;
    private long malformed;
    /** rows of another month than the file's, or (stop and search) with no date */
    private long rowsOfAnotherMonth;
    private int rowFindings;
    private int monthFindings;
    private int quarantined;
    private long firstMalformedLine;
    private long firstOtherMonthLine;
    /** the line of a last row that stops part-way, with no line end after it: the file was cut short */
    private long cutShortLine;

    RecordFileReader(SourceFile file, Force force, RecordFileName name, ForceDirectory forces, SourceOutput out) {
        this.file = file;
        this.force = force;
        this.name = name;
        this.forces = forces;
        this.out = out;
        this.where = force.name() + " (" + name.month() + ")";
    }

    ReadSummary read() {
        // a month of a small force is a few KB: a 1 MB buffer for it cost more to clear than the file to read
        int buffer = (int) Math.min(CsvScanner.DEFAULT_BUFFER, Math.max(8192, file.size() + 1));
        try (InputStream in = Files.newInputStream(file.path()); CsvScanner csv = new CsvScanner(in, buffer)) {
            csv.skipBom();
            Map<String, Integer> header = findHeader(csv);
            if (header == null) {
                return new ReadSummary(file.relativePath(), KIND, 0, 0, false);
            }
            csv.expectFields(csv.fieldCount());
            List<Observation> observations = switch (name.type()) {
                case STREET -> street(csv, header);
                case STOP_AND_SEARCH -> stopAndSearch(csv, header);
                case OUTCOMES -> outcomes(csv, header);
            };
            if (rowsRead == 0 && !observations.isEmpty()) {
                return noDataRows(observations);
            }
            summariseRowFindings();
            String unusable = unusable();
            if (unusable != null) {
                // contract 4a: a truncated file, or one that is not what its kind says, gives nothing: a count of
                // the rows that happened to parse would be published as the force's figure
                String at = "line " + (cutShortLine > 0 ? cutShortLine
                        : firstMalformedLine > 0 && (firstOtherMonthLine == 0 || firstMalformedLine < firstOtherMonthLine)
                        ? firstMalformedLine : firstOtherMonthLine);
                out.report(Finding.of(Rule.FILE_UNREADABLE).file(file.relativePath()).at(at).force(force.code())
                        .message("The data.police.uk " + name.type().suffix + " file of " + where + ": " + unusable
                                + "; nothing counted from it is used ("
                                + String.join(" or ", observations.stream().map(Observation::measure).toList()) + ")")
                        .observed(rowsOfAnotherMonth == 0 ? malformed + " of " + rowsRead + " rows malformed"
                                : malformed + rowsOfAnotherMonth + " of " + rowsRead + " rows not counted")
                        .expected("a complete file whose rows fit its header and its month"));
                observations.forEach(o -> out.observation(Observation.missing(o.forceCode(), o.measure(), o.period(), "",
                        unusable, file.relativePath(), at)));
                return new ReadSummary(file.relativePath(), KIND, rowsRead, observations.size(), false);
            }
            observations.forEach(out::observation);
            return new ReadSummary(file.relativePath(), KIND, rowsRead, observations.size(), true);
        } catch (IOException | RuntimeException e) {
            return unreadable("it cannot be read: " + e, "");
        }
    }

    /**
     * A file with its header and no row is no evidence of the month: a count of 0 from it would be summed into the
     * force's range as if the force had recorded nothing. It gives no month: the force's month is missing unless
     * another file gives it, which this reader cannot tell, so the warning says only what this file gives.
     */
    private ReadSummary noDataRows(List<Observation> wouldGive) {
        String measures = String.join(" and ", wouldGive.stream().map(Observation::measure).toList());
        out.report(Finding.of(Rule.TABLE_NO_ROWS).file(file.relativePath()).at("line " + headerLine).force(force.code())
                .message("The data.police.uk " + name.type().suffix + " file of " + where + " has its header row but no data rows; "
                        + "it gives no " + measures + " for " + name.month() + " and counts as no file, not as 0")
                .observed("0 rows").expected("at least one row of data"));
        return new ReadSummary(file.relativePath(), KIND, 0, 0, true);
    }

    // ---- street

    private List<Observation> street(CsvScanner csv, Map<String, Integer> header) throws IOException {
        int monthCol = header.get("month"), fallsCol = header.get("fallswithin"), typeCol = header.get("crimetype");
        int width = csv.fieldCount();
        byte[] monthText = bytes(name.month().toString());
        FallsWithin falls = new FallsWithin();
        long asb = 0, crimes = 0;
        while (csv.next()) {
            if (csv.isBlank()) continue;
            rowsRead++;
            if (!wellFormed(csv, width, Measures.RECORDS_ASB_INCIDENTS + " and " + Measures.RECORDS_CRIMES)) continue;
            if (csv.fieldBlank(typeCol)) {
                malformedRow(csv, "no crime type", "Crime type", "a crime type",
                        Measures.RECORDS_ASB_INCIDENTS + " and " + Measures.RECORDS_CRIMES);
                continue;
            }
            // padded (" 2023-01 ") is the month still, as a stop and search's Date is; looked at only where it is not exact
            if (!csv.fieldEquals(monthCol, monthText) && !csv.fieldEqualsTrimmed(monthCol, monthText)) {
                notOfTheMonth(csv, monthCol, "Month", false, Measures.RECORDS_ASB_INCIDENTS + " or " + Measures.RECORDS_CRIMES);
                continue;
            }
            falls.check(csv, fallsCol);
            if (csv.fieldEquals(typeCol, ASB) || csv.fieldEqualsFolded(typeCol, ASB_FOLDED)) asb++;
            else crimes++;
        }
        falls.report();
        Period period = Period.month(name.month());
        return List.of(
                Observation.of(force.code(), Measures.RECORDS_ASB_INCIDENTS, period, "", BigDecimal.valueOf(asb), file.relativePath(), ""),
                Observation.of(force.code(), Measures.RECORDS_CRIMES, period, "", BigDecimal.valueOf(crimes), file.relativePath(), ""));
    }

    // ---- stop and search

    private List<Observation> stopAndSearch(CsvScanner csv, Map<String, Integer> header) throws IOException {
        int dateCol = header.get("date"), linkedCol = header.get("outcomelinkedtoobjectofsearch");
        int width = csv.fieldCount();
        int month = IsoDate.index(name.month());
        long searches = 0, finds = 0, unclear = 0;
        String firstUnclear = null;
        long firstUnclearLine = 0;
        while (csv.next()) {
            if (csv.isBlank()) continue;
            rowsRead++;
            if (!wellFormed(csv, width, Measures.RECORDS_STOP_SEARCHES)) continue;
            int dated = csv.fieldIsoMonth(dateCol);
            if (dated != month) {
                notOfTheMonth(csv, dateCol, "Date", dated == IsoDate.NONE,
                        Measures.RECORDS_STOP_SEARCHES + " or " + Measures.RECORDS_STOP_SEARCH_FINDS);
                continue;
            }
            searches++;
            // " True" typed by hand is True, as a padded crime type or Month is what it says
            if (csv.fieldEqualsIgnoreCase(linkedCol, TRUE) || csv.fieldEqualsFolded(linkedCol, TRUE_FOLDED)) {
                finds++;
            } else if (!csv.fieldBlank(linkedCol) && !csv.fieldEqualsIgnoreCase(linkedCol, FALSE)
                    && !csv.fieldEqualsFolded(linkedCol, FALSE_FOLDED)) {
                if (unclear++ == 0) {
                    firstUnclear = csv.fieldString(linkedCol);
                    firstUnclearLine = csv.line();
                }
            }
        }
        if (unclear > 0) {
            out.report(new Finding(Severity.WARNING, Rule.VALUE_UNPARSEABLE, file.relativePath(), "line " + firstUnclearLine,
                    force.code(), "",
                    unclear + " stop-and-search row(s) of " + where + " have 'Outcome linked to object of search' neither True "
                            + "nor False (first on line " + firstUnclearLine + "); they count as searches ("
                            + Measures.RECORDS_STOP_SEARCHES + ") without a find (" + Measures.RECORDS_STOP_SEARCH_FINDS + ")",
                    firstUnclear, "True, False or blank"));
        }
        Period period = Period.month(name.month());
        return List.of(
                Observation.of(force.code(), Measures.RECORDS_STOP_SEARCHES, period, "", BigDecimal.valueOf(searches), file.relativePath(), ""),
                Observation.of(force.code(), Measures.RECORDS_STOP_SEARCH_FINDS, period, "", BigDecimal.valueOf(finds), file.relativePath(), ""));
    }

    // ---- outcomes: counted, no measure

    private List<Observation> outcomes(CsvScanner csv, Map<String, Integer> header) throws IOException {
        int width = csv.fieldCount();
        while (csv.next()) {
            if (csv.isBlank()) continue;
            rowsRead++;
            wellFormed(csv, width, "");
        }
        return List.of();
    }

    // ---- rows

    /**
     * Why the file's counts cannot stand, or null. A few broken rows are findings and the rest is counted; a file cut
     * short, or one most of whose rows do not fit its header (an unquoted comma in every row), is not counted at all.
     */
    private String unusable() {
        if (cutShortLine > 0) return "the file is cut short part-way through a row";
        if (rowsRead > 0 && malformed * 2 > rowsRead) {
            return rowsRead == 1 ? "its only row does not fit its header" : malformed + " of its " + rowsRead + " rows do not fit its header";
        }
        // a file named for one month that holds another's rows (saved under the wrong name) is no count of its month
        if (rowsRead > 0 && (malformed + rowsOfAnotherMonth) * 2 > rowsRead) {
            // more than half of one row is that row, and it fits its header (else it is said above)
            return rowsRead == 1 ? "its only row is not a row of " + name.month()
                    : (malformed + rowsOfAnotherMonth) + " of its " + rowsRead + " rows are not rows of " + name.month()
                            + (malformed == 0 ? "" : " or do not fit its header");
        }
        return null;
    }

    /** @param measures the measures the row would be counted in; empty for an outcomes row, which feeds none */
    private boolean wellFormed(CsvScanner csv, int width, String measures) {
        if ((csv.problem() == CsvScanner.Problem.UNTERMINATED_QUOTE || csv.fieldCount() < width) && csv.noLineEnd()) {
            cutShortLine = csv.line();
        }
        if (csv.problem() != null) {
            malformedRow(csv, describe(csv.problem()), "", "", measures);
            return false;
        }
        if (csv.fieldCount() != width) {
            malformedRow(csv, fields(csv.fieldCount()) + " where the header has " + width,
                    fields(csv.fieldCount()), fields(width), measures);
            return false;
        }
        return true;
    }

    private void malformedRow(CsvScanner csv, String what, String observed, String expected, String measures) {
        if (malformed++ == 0) firstMalformedLine = csv.line();
        String raw = null;
        if (quarantined < MAX_QUARANTINED) {
            raw = csv.recordText();
            out.quarantine(file.relativePath(), "line " + csv.line(), Rule.RECORDS_ROW_NOT_COUNTED, raw);
            quarantined++;
        }
        if (rowFindings < MAX_ROW_FINDINGS) {
            rowFindings++;
            out.report(Finding.of(Rule.RECORDS_ROW_NOT_COUNTED).file(file.relativePath()).at("line " + csv.line()).force(force.code())
                    .message("Malformed row in the data.police.uk file of " + where + ": " + what
                            + (measures.isEmpty() ? "; the row is not counted (outcomes files feed no indicator)"
                                    : "; the row is not counted in " + measures))
                    .observed(observed.isEmpty() ? abbreviate(raw == null ? csv.recordText() : raw) : observed)
                    .expected(expected));
        }
    }

    /**
     * A row of another month than its file's, or one whose month cannot be told: not counted, as it is no part of this
     * month's figure (and a row of another month may well be counted in that month's file too).
     */
    private void notOfTheMonth(CsvScanner csv, int col, String column, boolean notADate, String measures) {
        if (rowsOfAnotherMonth++ == 0) firstOtherMonthLine = csv.line();
        String seen = csv.fieldString(col);
        if (quarantined < MAX_QUARANTINED) {
            out.quarantine(file.relativePath(), "line " + csv.line(), Rule.RECORDS_ROW_NOT_COUNTED, csv.recordText());
            quarantined++;
        }
        if (monthFindings < MAX_ROW_FINDINGS) {
            monthFindings++;
            String has = csv.fieldBlank(col) ? "has no " + column
                    : notADate ? "has " + column + " '" + seen + "', which is not a date"
                    : "has " + column + " '" + seen + "' in the file for " + name.month();
            out.report(Finding.of(Rule.RECORDS_ROW_NOT_COUNTED).file(file.relativePath()).at("line " + csv.line()).force(force.code())
                    .message("A " + name.type().suffix + " row of " + where + " " + has + "; the row is not counted in " + measures)
                    .observed(seen).expected(name.type() == RecordFileName.Type.STREET ? name.month().toString() : "a date in " + name.month()));
        }
    }

    private void summariseRowFindings() {
        long notQuarantined = malformed + rowsOfAnotherMonth - quarantined;
        if (malformed > rowFindings || rowsOfAnotherMonth > monthFindings || notQuarantined > 0) {
            out.report(Finding.of(Rule.RECORDS_ROW_NOT_COUNTED).file(file.relativePath()).force(force.code())
                    .message("The data.police.uk file of " + where + " has " + malformed + " malformed row(s) and "
                            + rowsOfAnotherMonth + " row(s) of another month"
                            + (name.type() == RecordFileName.Type.STOP_AND_SEARCH ? " or with no date" : "")
                            + ", none counted; findings stop at "
                            + MAX_ROW_FINDINGS + " per file and kind, the quarantine keeps the first " + MAX_QUARANTINED
                            + " rows (" + Math.max(0, notQuarantined) + " not kept)")
                    .observed((malformed + rowsOfAnotherMonth) + " rows not counted").expected("0"));
        }
    }

    /** Checks {@code Falls within} against the force from the slug; a value seen once is matched once. */
    private final class FallsWithin {
        private static final byte AGREES = 0, OTHER_FORCE = 1, NOT_A_FORCE = 2;

        private byte[][] seen = new byte[4][];
        /** what each spelling in {@code seen} names */
        private byte[] naming = new byte[4];
        private int n;
        private final Map<String, Long> disagreeing = new LinkedHashMap<>();
        private long otherForce, notAForce;
        private long firstLine;

        void check(CsvScanner csv, int col) {
            if (csv.fieldBlank(col)) return;
            for (int i = 0; i < n; i++) {
                if (csv.fieldEquals(col, seen[i])) {
                    if (naming[i] != AGREES) count(csv, col, naming[i]);
                    return;
                }
            }
            String text = csv.fieldString(col);
            byte what = forces.match(text) instanceof ForceMatch.Territorial t
                    ? (t.force().code().equals(force.code()) ? AGREES : OTHER_FORCE)
                    : NOT_A_FORCE;
            if (n == seen.length) {
                // many different spellings in one file: keep the cache small, start it again
                if (n >= 64) {
                    n = 0;
                } else {
                    seen = Arrays.copyOf(seen, n * 2);
                    naming = Arrays.copyOf(naming, n * 2);
                }
            }
            seen[n] = csv.fieldBytes(col);
            naming[n] = what;
            n++;
            if (what != AGREES) count(csv, col, what);
        }

        private void count(CsvScanner csv, int col, byte what) {
            if (otherForce + notAForce == 0) firstLine = csv.line();
            if (what == OTHER_FORCE) otherForce++;
            else notAForce++;
            if (disagreeing.size() < 10) disagreeing.merge(csv.fieldString(col), 1L, Long::sum);
            else disagreeing.computeIfPresent(csv.fieldString(col), (k, v) -> v + 1);
        }

        void report() {
            long rows = otherForce + notAForce;
            if (rows == 0) return;
            // British Transport Police or "Gotham City Police" is not another force: a reviewer looks for a typing
            // slip or a body's rows, not a force's rows in the wrong file
            String said = notAForce == 0 ? "name another force in 'Falls within'"
                    : otherForce == 0 ? "name in 'Falls within' something that is not one of the 43 forces"
                    : "name in 'Falls within' another force (" + otherForce + ") or something that is not one of the 43 forces ("
                            + notAForce + ")";
            out.report(Finding.of(Rule.RECORDS_FALLS_WITHIN_MISMATCH).file(file.relativePath()).at("line " + firstLine)
                    .force(force.code())
                    .message(rows + " street row(s) in the file of " + where + " " + said + " (first on line " + firstLine
                            + "); they are counted for " + force.name() + ", the force of the file name")
                    .observed(String.join("; ", disagreeing.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList()))
                    .expected(force.name()));
        }
    }

    // ---- header and file

    private static Map<String, Integer> header(CsvScanner csv) {
        Map<String, Integer> h = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(csv.fieldCount(), CsvScanner.MAX_FIELDS); i++) {
            h.putIfAbsent(normalise(csv.fieldString(i)), i);
        }
        return h;
    }

    /**
     * Case, spacing and line breaks inside header names are ignored (contract section 2).
     * The same as {@code headerName.replace("\uFEFF", "").replaceAll("\\s+", "").toLowerCase(Locale.ROOT)}, where
     * {@code \s} is {@code [ \t\n\x0B\f\r]}, but without compiling a regex for every header cell of every file.
     */
    static String normalise(String headerName) {
        StringBuilder kept = new StringBuilder(headerName.length());
        for (int i = 0; i < headerName.length(); i++) {
            char c = headerName.charAt(i);
            switch (c) {
                case '\uFEFF', ' ', '\t', '\n', '\u000B', '\f', '\r' -> {
                }
                default -> kept.append(c);
            }
        }
        return kept.toString().toLowerCase(Locale.ROOT);
    }

    /** The columns a file of each type is counted from, as data.police.uk names them. */
    private static List<String> requiredColumns(RecordFileName.Type type) {
        return switch (type) {
            case STREET -> List.of("Month", "Falls within", "Crime type");
            case STOP_AND_SEARCH -> List.of("Date", "Outcome linked to object of search");
            case OUTCOMES -> List.of("Outcome type");
        };
    }

    /**
     * The header row's columns: the first line that names every column the file's type is counted from, within its
     * first {@link #MAX_HEADER_LINE} lines, as a header may sit below title rows (contract section 2). Null, the finding
     * said, where there is none: the line that comes nearest is quoted as it is written, at its own line.
     */
    private Map<String, Integer> findHeader(CsvScanner csv) throws IOException {
        List<String> required = requiredColumns(name.type());
        long firstLine = 0, nearestLine = 0;
        CsvScanner.Problem firstProblem = null;
        String nearest = null;
        List<String> nearestLacks = required;
        boolean linesBelow = false;
        while (csv.next()) {
            if (csv.line() > MAX_HEADER_LINE) {
                linesBelow = true;
                break;
            }
            if (csv.isBlank()) continue;
            if (firstLine == 0) {
                firstLine = csv.line();
                firstProblem = csv.problem();
            }
            if (csv.problem() != null) continue;
            Map<String, Integer> columns = header(csv);
            List<String> lacks = required.stream().filter(c -> !columns.containsKey(normalise(c))).toList();
            if (lacks.isEmpty()) {
                headerLine = csv.line();
                return columns;
            }
            if (nearest == null || lacks.size() < nearestLacks.size()) {
                nearest = csv.recordText();
                nearestLine = csv.line();
                nearestLacks = lacks;
            }
        }
        if (firstLine == 0 && !linesBelow) {
            // 0 bytes is said as the other readers say it: a file that arrived empty, not one missing its header
            unreadable(file.size() == 0 ? "the file is empty (0 bytes)" : "the file is empty: no header row", "a header row");
            return null;
        }
        if (firstProblem != null && nearestLacks.size() == required.size()) {
            unreadable("the header row is malformed (" + describe(firstProblem) + ")", "a header row");
            return null;
        }
        String lacking = String.join(", ", nearestLacks);
        out.report(Finding.of(Rule.COLUMN_MISSING).file(file.relativePath()).at(nearest == null ? "" : "line " + nearestLine)
                .force(force.code())
                .message("The data.police.uk " + name.type().suffix + " file of " + where
                        + (nearest == null || nearestLacks.size() == required.size()
                                ? " has no header row naming " + lacking + " in its first " + MAX_HEADER_LINE + " lines"
                                : " has no column " + lacking) + "; nothing was read from it")
                .observed(nearest == null ? "" : abbreviate(nearest)).expected(lacking));
        return null;
    }

    private ReadSummary unreadable(String why, String expected) {
        out.report(Finding.of(Rule.FILE_UNREADABLE).file(file.relativePath()).force(force.code())
                .message("The data.police.uk file of " + where + " was not read: " + why).expected(expected));
        return new ReadSummary(file.relativePath(), KIND, rowsRead, 0, false);
    }

    private static String describe(CsvScanner.Problem p) {
        return switch (p) {
            case UNTERMINATED_QUOTE -> "a quote that is never closed";
            case TEXT_AFTER_QUOTE -> "text after a closing quote";
            case LINE_TOO_LONG -> "a line longer than " + (CsvScanner.MAX_LINE_BYTES >> 20) + " MiB";
            case TOO_MANY_FIELDS -> "more than " + CsvScanner.MAX_FIELDS + " fields";
        };
    }

    private static String fields(int n) {
        return n == 1 ? "1 field" : n + " fields";
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
