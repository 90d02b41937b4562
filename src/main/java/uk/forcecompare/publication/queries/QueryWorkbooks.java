package uk.forcecompare.publication.queries;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.dhatim.fastexcel.BorderSide;
import org.dhatim.fastexcel.BorderStyle;
import org.dhatim.fastexcel.ProtectionOption;
import org.dhatim.fastexcel.StyleSetter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Rule;
import uk.forcecompare.validation.Severity;

/**
 * One query workbook per force, {@code queries/<force slug>.xlsx}, for every force with at least one error or
 * warning (information findings are never queried): a {@value #COVER} sheet addressed to the force's performance
 * team, then a {@value #QUERIES} sheet with one row per finding, a plain-English question, why it is asked, where
 * it was found, and an empty, unlocked "Force response" column. Ready to send as it is.
 *
 * <p>Who is asked: the force whose ONS code the finding carries. A finding without one (a return that cannot be
 * opened, or lacks a sheet) goes to the force its file name names, when it names exactly one; a return whose force
 * is uncertain goes to the force of its cover code and to the force of its file name. A finding that names no force
 * either way (a published table that cannot be read, a row for an unknown body) is in no force's workbook.
 *
 * <p>Written with fastexcel, which streams each sheet's XML into the zip; the one thing it cannot write, protection
 * without a password, is added as the file is written ({@link #QUERIES_PROTECTION}).
 *
 * <p>Order: errors first, then warnings; within each, by file (findings about no file last), then sheet, row and
 * column. References are
 * {@code <force code>-Qnnn} in that order. At most {@value #MAX_QUERIES_PER_FILE_AND_RULE} queries of one rule
 * about one file are listed; one further query says how many more there are (all of them are in the
 * validation log).
 */
public final class QueryWorkbooks {

    public static final String COVER = "Cover";
    public static final String QUERIES = "Queries";
    /** The Queries sheet's columns, left to right. */
    public static final List<String> COLUMNS = List.of("Reference", "Priority", "Question", "Why we ask", "File", "Cell",
            "We found", "We expected", "Rule", "Force response");
    public static final int RESPONSE_COLUMN = COLUMNS.indexOf("Force response");
    public static final int MAX_QUERIES_PER_FILE_AND_RULE = 100;

    private static final int[] WIDTHS = {16, 22, 70, 48, 34, 14, 28, 28, 26, 60};
    /** Measure codes as the findings' messages print them: upper case words joined by underscores. */
    private static final Pattern CELL = Pattern.compile("(?:'((?:[^']|'')+)'|([^!]+))!\\$?([A-Z]+)\\$?(\\d+)");
    private static final Pattern LINE = Pattern.compile("line (\\d+)");
    /** "moved from 0.2 in 2023-autumn (FY2021/22) to 23.4 in FY2022/23 (+11,600%)" of a change-from-last-collection message */
    private static final Pattern MOVED = Pattern.compile(" moved from (.+ to .+ \\([+-][\\d,]+%\\)); please confirm it$");

    private QueryWorkbooks() {
    }

    /** Writes the workbooks dated today. */
    public static void write(Path queriesFolder, String collectionTitle, List<Finding> findings, ForceDirectory forces) {
        write(queriesFolder, collectionTitle, findings, forces, LocalDate.now());
    }

    /**
     * Writes {@code <queriesFolder>/<force slug>.xlsx} for every force with an error or warning and returns the files
     * written, in force order. Other files in the folder are left alone.
     */
    public static List<Path> write(Path queriesFolder, String collectionTitle, List<Finding> findings, ForceDirectory forces,
                                   LocalDate issued) {
        Batch batch = batch(queriesFolder, collectionTitle, findings, forces, issued);
        batch.writeRemaining();
        return batch.files();
    }

    /** The workbooks to write, for threads to share: each takes the next one not yet taken. */
    public static Batch batch(Path queriesFolder, String collectionTitle, List<Finding> findings, ForceDirectory forces,
                              LocalDate issued) {
        return new Batch(queriesFolder, collectionTitle, new ArrayList<>(queriesByForce(findings, forces).entrySet()), issued);
    }

    /**
     * Workbooks that any number of threads write together: a thread that calls {@link #writeRemaining()} writes
     * the next workbook no thread has taken until none is left, so a thread that finishes its own work early helps.
     */
    public static final class Batch {
        private final Path folder;
        private final String collectionTitle;
        private final List<Map.Entry<Force, List<Query>>> workbooks;
        private final LocalDate issued;
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

        private Batch(Path folder, String collectionTitle, List<Map.Entry<Force, List<Query>>> workbooks, LocalDate issued) {
            this.folder = folder;
            this.collectionTitle = collectionTitle;
            this.workbooks = workbooks;
            this.issued = issued;
        }

        /** Writes workbooks until every one has been taken (by this thread or another). */
        public void writeRemaining() {
            for (int i = next.getAndIncrement(); i < workbooks.size(); i = next.getAndIncrement()) {
                Map.Entry<Force, List<Query>> e = workbooks.get(i);
                writeOne(folder.resolve(fileName(e.getKey())), collectionTitle, e.getKey(), e.getValue(), issued);
            }
        }

        /** Every workbook of the batch, in force order, written or not. */
        public List<Path> files() {
            return workbooks.stream().map(e -> folder.resolve(fileName(e.getKey()))).toList();
        }
    }

    /** {@code <force slug>.xlsx}. */
    public static String fileName(Force force) {
        return force.slug() + ".xlsx";
    }

    /** One row of a force's Queries sheet. */
    public record Query(String reference, Severity severity, String question, String why, String file, String cell,
                        String observed, String expected, String ruleId) {
    }

    /** The queries each force is sent, forces in reference-list order; forces with none are absent. */
    public static Map<Force, List<Query>> queriesByForce(List<Finding> findings, ForceDirectory forces) {
        Map<String, List<Finding>> byCode = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.severity() == Severity.INFO) continue;
            for (Force force : recipients(f, forces)) byCode.computeIfAbsent(force.code(), k -> new ArrayList<>()).add(f);
        }
        Map<Force, List<Query>> out = new LinkedHashMap<>();
        for (Force force : forces.all()) {
            List<Finding> mine = byCode.get(force.code());
            if (mine != null) out.put(force, queries(force, mine));
        }
        return out;
    }

    /** The forces a finding is put to (empty: none can be told). */
    static Set<Force> recipients(Finding f, ForceDirectory forces) {
        Set<Force> to = new LinkedHashSet<>();
        forces.byCode(f.forceCode()).ifPresent(to::add);
        if (to.isEmpty() || f.rule() == Rule.RETURN_FORCE_UNCERTAIN) {
            List<Force> named = f.sourceFile().isEmpty() ? List.of() : forces.forcesNamedInFileName(baseName(f.sourceFile()));
            if (named.size() == 1) to.add(named.get(0));
        }
        return to;
    }

    private static List<Query> queries(Force force, List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt((Finding f) -> f.severity().ordinal())
                .thenComparing(f -> f.sourceFile().isEmpty() ? "\uffff" : f.sourceFile())
                .thenComparing(f -> sortKey(f.location()))
                .thenComparing(f -> f.rule().id()));
        Map<String, Integer> perFileAndRule = new LinkedHashMap<>();
        Map<String, Finding> firstOmitted = new LinkedHashMap<>();
        List<Object> rows = new ArrayList<>(); // Finding, or String key of an omission summary
        for (Finding f : sorted) {
            String key = f.sourceFile() + "\u0000" + f.rule().id();
            int n = perFileAndRule.merge(key, 1, Integer::sum);
            if (n <= MAX_QUERIES_PER_FILE_AND_RULE) {
                rows.add(f);
            } else if (n == MAX_QUERIES_PER_FILE_AND_RULE + 1) {
                firstOmitted.put(key, f);
                rows.add(key);
            }
        }
        List<Query> out = new ArrayList<>();
        java.util.Set<String> asked = new java.util.HashSet<>();
        int i = 1;
        for (Object row : rows) {
            if (row instanceof Finding f) {
                String question = question(f);
                // one cover period off gives a finding per indicator; the force is asked once
                if (!asked.add(question + "\u0000" + f.sourceFile() + "\u0000" + f.location())) continue;
                String ref = String.format(Locale.ROOT, "%s-Q%03d", force.code(), i++);
                out.add(new Query(ref, f.severity(), question, f.rule().explanation(), f.sourceFile(), f.location(),
                        f.observed(), f.expected(), f.rule().id()));
            } else {
                String ref = String.format(Locale.ROOT, "%s-Q%03d", force.code(), i++);
                Finding f = firstOmitted.get((String) row);
                int more = perFileAndRule.get((String) row) - MAX_QUERIES_PER_FILE_AND_RULE;
                out.add(new Query(ref, f.severity(), "There are " + more + " more findings like the "
                        + MAX_QUERIES_PER_FILE_AND_RULE + " above in " + f.sourceFile() + " (the first at "
                        + (f.location().isEmpty() ? "the file" : f.location()) + "). They are not listed one by one here; "
                        + "please treat them together, and tell us how you will correct them.",
                        f.rule().explanation(), f.sourceFile(), f.location(), more + " more", "", f.rule().id()));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- questions

    /** The force's own note beside a blank value, as the return reader quotes it in the finding, or null. */
    static String forcesNote(String message) {
        int at = message.lastIndexOf(" with the note '");
        if (at < 0 || !message.endsWith("'")) return null;
        return message.substring(at + " with the note '".length(), message.length() - 1);
    }

    /**
     * A number as a letter quotes it: a figure as the product displays it ("41.2", "9,533,645", "2.3456", no more
     * decimals than an indicator shows) as it is; one at full precision ("569.7568111172061") or in E-notation ("1.2E7")
     * to four significant figures, written out ("569.8", "12000000"); anything else as it is.
     */
    static String figure(String observed) {
        try {
            double x = Double.parseDouble(observed);
            int dot = observed.indexOf('.');
            boolean exponent = observed.toUpperCase(Locale.ROOT).contains("E");
            if (!exponent && (dot < 0 || observed.length() - dot - 1 <= 6)) return observed;
            return new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return observed;
        }
    }

    /** The force's own note beside a value that could not be used, as the return reader appends it, or null. */
    static String noteBesideRejectedValue(String message) {
        int at = message.lastIndexOf(NOTE_BESIDE);
        if (at < 0 || !message.endsWith("'")) return null;
        return message.substring(at + NOTE_BESIDE.length(), message.length() - 1);
    }

    private static final String NOTE_BESIDE = "; the force's note beside it: '";

    /** The finding as a question the force's performance team can answer. */
    public static String question(Finding f) {
        String note = noteBesideRejectedValue(f.message());
        if (note == null) return questionWithoutNote(f);
        // the question is asked of the finding without the note (whose words could read as another kind of
        // problem), and the force is shown its note, so that its answer can start from it
        String message = f.message().substring(0, f.message().lastIndexOf(NOTE_BESIDE));
        return questionWithoutNote(new Finding(f.severity(), f.rule(), f.sourceFile(), f.location(), f.forceCode(),
                f.indicatorId(), message, f.observed(), f.expected())) + " Your note beside it: '" + note + "'.";
    }

    private static String questionWithoutNote(Finding f) {
        String m = measure(f);
        String what = m.isEmpty() ? (f.indicatorId().isEmpty() ? "this figure" : f.indicatorId()) : m;
        String at = f.location().isEmpty() ? "" : " (" + f.location() + ")";
        String file = f.sourceFile().isEmpty() ? "the data" : f.sourceFile();
        boolean cover = f.location().startsWith("Cover!");
        boolean ret = cover || f.location().startsWith("Return!");
        String seen = f.observed().isEmpty() ? "blank" : "'" + f.observed() + "'";
        String detail = detail(f.message());
        return switch (f.rule()) {
            case VALUE_NOT_SUPPLIED -> {
                String note = forcesNote(f.message());
                yield (ret ? "Your return's value for " : "The value for ") + what + at + (note == null
                        ? " is blank. Please supply it, or tell us it is not available."
                        : " is blank, with your note '" + note + "'. If the figure can be had, please supply it; otherwise "
                        + "there is nothing more to do.");
            }
            case VALUE_NOT_NUMBER -> {
                String start = (ret ? "Your return's value for " : "The value for ") + what + at;
                if (f.observed().startsWith("#")) {
                    yield start + " shows the Excel error " + f.observed() + ", not a figure. Please correct the formula "
                            + "or type the figure in" + expecting(f) + ".";
                }
                if (f.message().contains("a date where")) {
                    yield start + " is a date (" + f.observed() + "), not a figure. Please give the figure as a number"
                            + expecting(f) + ".";
                }
                if (f.message().contains("a number stored as text")) {
                    yield start + " is " + seen + ", stored as text, so it cannot be used as a figure. Please enter it as a "
                            + "number (not text) and send the return again.";
                }
                if (f.message().contains("whole number")) {
                    yield start + " is " + f.observed() + ", but a count must be a whole number. Please give the whole number.";
                }
                yield start + " is " + seen + ", which is not a number. Please give the figure as a number" + expecting(f)
                        + ", or tell us it is not available.";
            }
            case VALUE_NEGATIVE -> (ret ? "Your return's value for " : "The value for ") + what + at + " is " + f.observed()
                    + ". A count cannot be below zero: please correct it.";
            case VALUE_FORMULA_NO_RESULT -> (ret ? "Your return's value for " : "The value for ") + what + at
                    + " is a formula (" + f.observed() + ") saved without its result, so we cannot see the figure. Please "
                    + "open the workbook in Excel, let it calculate and save it, or type the figure in.";
            case VALUE_UNPARSEABLE -> cover
                    ? "The Cover sheet of your return" + at + " cannot be used: " + detail + ". Please correct it"
                            + expecting(f) + " and send the return again."
                    : "The value" + (m.isEmpty() ? "" : " for " + m) + at + " in " + file + " is " + seen
                            + ", which we could not read" + expecting(f) + ". Please check it and tell us the right value.";
            case RECORDS_ROW_NOT_COUNTED -> "A row of your data.police.uk file " + file + at + " could not be counted: "
                    + detail + ". Please tell us whether the published file is damaged.";
            case VALUE_SUPPRESSED -> "The published figure for " + what + at + " in " + file + " is shown as unavailable ("
                    + seen + "). If your force holds this figure, please tell us what it is.";
            case VALUE_PART_EXCEEDS_WHOLE -> capitalise(detail) + ". A part cannot be larger than its "
                    + "whole: please check both figures and tell us which is right.";
            case ROW_DUPLICATE_CONFLICT -> (ret ? "Your return gives " : file + " gives ") + what + " more than once with "
                    + "different values (the row at " + f.location() + " and an earlier row), so neither was used. Please "
                    + "tell us which figure is right.";
            case ROW_DUPLICATE_EXACT -> f.location().isEmpty()
                    // a whole file sent twice (a copy of the return saved beside it) has no one row to point at
                    ? "The file " + file + " repeats figures we already have from another file, with the same values. We "
                            + "have counted them once; please tell us if that is wrong."
                    : "The row at " + f.location() + (ret ? " of your return" : " of " + file)
                    + " repeats an earlier row for " + what + " exactly. We have counted it once; please tell us if that is wrong.";
            case MEASURE_UNKNOWN -> "Your return has a row" + at + " with the measure code " + seen + ", which is not one "
                    + "of the codes we ask for, so its value was not used. Please tell us which measure it is meant to be, "
                    + "or remove the row.";
            case SHEET_MISSING -> "The workbook " + file + " cannot be read as your return: " + detail + ". Please send it "
                    + "again on the template we provided, with its Cover and Return sheets.";
            case COLUMN_MISSING -> cover
                    ? "Your return's Cover sheet" + at + " " + afterReturn(detail) + ". Please fill it in" + expecting(f)
                            + " and send the return again."
                    : "We could not find the header row we need in " + file + at + ": " + detail + ". Please send it "
                            + "again on the template we provided, with the columns Measure code, Measure, Value and Notes.";
            case RETURN_COVER_INVALID -> f.observed().isEmpty()
                    ? "Your return's Cover sheet" + at + " " + afterReturn(detail) + ". Please fill it in" + expecting(f)
                            + " and send the return again."
                    : "The Cover sheet of your return" + at + " cannot be used: " + detail + ". Please correct it"
                            + expecting(f) + " and send the return again.";
            case TABLE_NO_ROWS -> "The file " + file + " has its header row but no figures below it. Please send it again "
                    + "with its data.";
            case SOURCES_DISAGREE -> "Your return's figure for " + what + at + " (" + f.observed() + ") differs from the "
                    + "Home Office funding table (" + f.expected() + "). We have used your return's figure: please confirm it.";
            case PLAUSIBLE_CHANGE -> {
                Matcher moved = MOVED.matcher(f.message());
                yield moved.find()
                        ? "The value we worked out for " + what + " moved from " + moved.group(1) + ", a long way from one "
                                + "collection to the next. Please confirm that the figures behind it are right, or tell us "
                                + "which are not."
                        : "The value we worked out for " + what + (f.observed().isEmpty() ? "" : " (" + figure(f.observed()) + ")")
                                + " has moved a long way since the collection before this one" + (f.expected().isEmpty() ? ""
                                : " (" + f.expected() + ")") + ". Please confirm that the figures behind it are right, or "
                                + "tell us which are not.";
            }
            case RETURN_FORCE_UNCERTAIN -> "We could not tell for sure which force the workbook " + file + " is from: "
                    + detail + ". None of its figures were used. Please check the force name and force code on its "
                    + "Cover sheet and the file name, and send it again.";
            case RETURN_OTHER_COLLECTION -> "The cover of your return " + file + " names the collection '" + f.observed()
                    + "', not this one (" + f.expected() + "). Please check that you sent this collection's return.";
            case RETURN_DUPLICATE_SUBMISSION -> "We received more than one return from your force (" + f.observed()
                    + ", including " + file + "), so none of them was used. Please tell us which one is right.";
            case RETURN_MISSING -> "We have not received your force's return for this collection. Please send it, or tell "
                    + "us when it will arrive.";
            case FILE_UNREADABLE -> "We could not read the file " + file + " (" + (f.observed().isEmpty() ? detail : f.observed())
                    + "), so nothing was taken from it. " + (file.toLowerCase(Locale.ROOT).endsWith(".csv")
                            ? "Please check the file and send it again as CSV saved in UTF-8."
                            : "Please save it again as an Excel workbook (.xlsx), check that it opens, and send it again.");
            case FILE_KIND_UNKNOWN, FILE_STRAY -> "We did not recognise the file " + file + ", so it was not read. Please "
                    + "tell us what it is, or send your figures on the template we provided.";
            case FILE_SOURCE_EMPTY -> "We found nothing to read in " + file + ". Please send the files that belong there.";
            case FORCE_UNKNOWN -> "The file " + file + at + " has figures for " + seen + ", which we cannot match to a "
                    + "force. Please tell us which force they belong to.";
            case ROW_FORCE_UNCERTAIN -> "The file " + file + at + " has a row (" + seen + ") whose code and name are two "
                    + "different forces, so its figures were not used for either. Please tell us which force it belongs to.";
            case FORCE_NOT_TERRITORIAL -> "The file " + file + at + " has figures for " + seen + ", which is not one of "
                    + "the 43 forces, so they were left out. Please tell us if that is wrong.";
            case RECORDS_FALLS_WITHIN_MISMATCH -> "Some rows of your data.police.uk file " + file + " name another force, "
                    + "or something that is not a force, in 'Falls within' (" + f.observed() + "). We counted them for your force; please tell us if that is wrong.";
            case PERIOD_MONTH_MISSING -> "We have no figure for one or more months of the period for " + what + ": "
                    + detail + ". Please tell us whether the figures exist and send them if they do.";
            case PERIOD_MISMATCH -> "The period of your figures" + (f.observed().isEmpty() ? "" : " (" + f.observed() + ")")
                    + " is not the period we asked for" + (f.expected().isEmpty() ? "" : " (" + f.expected() + ")")
                    + ". Please confirm which period they cover.";
            case POPULATION_MISSING -> "Your force is missing from the population table we use (" + detail + "), so its "
                    + "figures per 1,000 population cannot be shown. Please tell us if you know why.";
            case POPULATION_NIL -> "The population table we use (" + file + at + ") gives your force's population as nil, so "
                    + "its figures per 1,000 population cannot be shown. Please tell us if you know why.";
            case FORCE_NO_VALUE -> "We have no value for " + what + " for your force: " + detail + ".";
            // these are about a value worked out from the figures, not a figure the force gave: ask about what it rests on
            case PLAUSIBLE_RANGE -> "The value we worked out for " + what + (f.observed().isEmpty() ? "" : " (" + figure(f.observed()) + ")")
                    + " is outside the range we would expect" + (f.expected().isEmpty() ? "" : " (" + f.expected() + ")")
                    + ". Please confirm that the figures behind it are right, or tell us which are not.";
            case PLAUSIBLE_OUTLIER -> "The value we worked out for " + what + (f.observed().isEmpty() ? "" : " (" + figure(f.observed()) + ")")
                    + " is more than three standard deviations from the other forces' values. Please confirm that the "
                    + "figures behind it are right, and tell us anything that explains it.";
            default -> lowerFirst(detail).isEmpty() ? "Please check this finding and reply." : capitalise(detail) + at
                    + ". Please check this and reply.";
        };
    }

    /** The measure code a finding is about: one of the return's codes where the message names one. */
    static String measure(Finding f) {
        List<String> codes = uk.forcecompare.sources.Measures.codesIn(f.message());
        return codes.stream().filter(uk.forcecompare.sources.Measures.FORCE_RETURN::containsKey).findFirst()
                .orElse(codes.isEmpty() ? "" : codes.get(0));
    }

    private static String expecting(Finding f) {
        return f.expected().isEmpty() ? "" : " (we expect " + f.expected() + ")";
    }

    /** The message after the reader's own "who and what:" prefix, without a final full stop. */
    private static String detail(String message) {
        String d = message;
        int colon = d.indexOf(": ");
        if (colon > 0 && colon < 120) d = d.substring(colon + 2);
        d = d.strip();
        while (d.endsWith(".")) d = d.substring(0, d.length() - 1);
        return d.isEmpty() ? message : d;
    }

    private static String afterReturn(String detail) {
        String d = detail.replaceFirst("^the cover ", "");
        return d.replaceFirst(", so its period is unknown and none of its values are used$", "")
                + ", so we cannot tell which period your figures cover and none of them were used";
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** "Abandoned ..." becomes "abandoned ..."; a code or acronym ("CALLS_101_ABANDONED", "PACE") is left alone. */
    static String lowerFirst(String s) {
        if (s.isEmpty() || (s.length() > 1 && !Character.isLowerCase(s.charAt(1)))) return s;
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String baseName(String path) {
        String p = path.replace('\\', '/');
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** Sheet, then row, then column, so that Return!C10 comes after Return!C9 and line 12 after line 2. */
    static String sortKey(String location) {
        Matcher c = CELL.matcher(location);
        if (c.matches()) {
            String sheet = c.group(1) != null ? c.group(1) : c.group(2);
            String col = c.group(3);
            return sheet + "\u0000" + String.format(Locale.ROOT, "%09d", Integer.parseInt(c.group(4)))
                    + String.format(Locale.ROOT, "%3s", col);
        }
        Matcher l = LINE.matcher(location);
        if (l.matches()) return "\u0000" + String.format(Locale.ROOT, "%09d", Long.parseLong(l.group(1)));
        return location;
    }

    // ---------------------------------------------------------------- the workbook

    /**
     * The Queries sheet's protection: no password; formatting columns and rows, the filter and selecting any cell
     * stay allowed; everything else is locked. fastexcel writes a sheet's protection only with a password (its hash
     * of "" is still a password attribute), so this element is added to the sheet's XML as the package is copied to
     * its file ({@link #copyAddingProtection}). It goes straight after {@code </sheetData>}, where the schema puts it.
     */
    static final String QUERIES_PROTECTION = "<sheetProtection sheet=\"true\" formatColumns=\"false\" formatRows=\"false\" "
            + "autoFilter=\"false\" selectLockedCells=\"false\" selectUnlockedCells=\"false\"/>";
    /**
     * The Queries sheet's part: fastexcel names sheets' parts by their position, and Queries is made second. The copy
     * checks that the part has the frozen header row that only the Queries sheet has.
     */
    private static final String QUERIES_PART = "xl/worksheets/sheet2.xml";
    private static final String END_OF_SHEET_DATA = "</sheetData>";

    private static void writeOne(Path file, String collectionTitle, Force force, List<Query> queries, LocalDate issued) {
        try {
            // written uncompressed into memory first, then copied to the file compressed, with the protection added
            ByteArrayOutputStream built = new ByteArrayOutputStream(64 * 1024);
            Workbook wb = new Workbook(built, "force-compare", null); // the application's name is the creator
            wb.setCompressionLevel(0);
            wb.properties().setTitle("Data queries for " + force.name() + ": " + collectionTitle);
            cover(wb.newWorksheet(COVER), collectionTitle, force, queries, issued);
            queriesSheet(wb.newWorksheet(QUERIES), queries); // second: QUERIES_PART
            wb.setActiveTab(0);
            wb.finish();

            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            // not Files.createTempFile, whose file is readable by its owner alone: published workbooks are read by others
            Path tmp = parent.resolve("." + file.getFileName() + ".tmp");
            try {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                    copyAddingProtection(built, out);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the query workbook " + file, e);
        }
    }

    /**
     * Copies the package's parts, compressed, adding {@link #QUERIES_PROTECTION} to the Queries sheet. The package is
     * read by its central directory (commons-compress, which POI brings): fastexcel's zip writer gives each part a
     * ZIP64 data descriptor without the local header's ZIP64 field, which {@link java.util.zip.ZipInputStream} misreads.
     */
    private static void copyAddingProtection(ByteArrayOutputStream built, OutputStream file) throws IOException {
        boolean protectedQueries = false;
        try (ZipFile in = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(built.toByteArray())).get();
             ZipOutputStream out = new ZipOutputStream(file)) {
            out.setLevel(4); // fastexcel's own choice: close to the smallest files, and fast
            List<ZipArchiveEntry> parts = Collections.list(in.getEntriesInPhysicalOrder());
            // [Content_Types].xml first, as POI and Excel put it, for readers that stream the package
            parts.sort(Comparator.comparing(e -> !e.getName().equals("[Content_Types].xml")));
            for (ZipArchiveEntry e : parts) {
                byte[] part;
                try (InputStream partIn = in.getInputStream(e)) {
                    part = partIn.readAllBytes();
                }
                if (e.getName().equals(QUERIES_PART)) {
                    String xml = new String(part, StandardCharsets.UTF_8);
                    int at = xml.indexOf(END_OF_SHEET_DATA);
                    if (at < 0 || xml.contains("<sheetProtection") || !xml.contains("<pane ")) {
                        throw new IllegalStateException(QUERIES_PART + " is not the sheet data this protection was made for");
                    }
                    at += END_OF_SHEET_DATA.length();
                    part = (xml.substring(0, at) + QUERIES_PROTECTION + xml.substring(at)).getBytes(StandardCharsets.UTF_8);
                    protectedQueries = true;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(part);
                out.closeEntry();
            }
        }
        if (!protectedQueries) throw new IllegalStateException("no " + QUERIES_PART + " in the query workbook");
    }

    private static void cover(Worksheet s, String collectionTitle, Force force, List<Query> queries, LocalDate issued)
            throws IOException {
        long errors = queries.stream().filter(q -> q.severity() == Severity.ERROR).count();
        long warnings = queries.size() - errors;
        int r = 0;
        text(s, r++, 0, "Data queries for " + force.name(), TITLE);
        r++;
        r = fact(s, r, "To", "The performance team, " + force.name() + " (" + force.code() + ")");
        r = fact(s, r, "Collection", collectionTitle);
        text(s, r, 0, "Date", LABEL);
        s.value(r, 1, issued);
        DATE.apply(s.style(r++, 1)).set();
        r = number(s, r, "Queries", queries.size());
        r = number(s, r, "Errors", errors);
        r = number(s, r, "Warnings", warnings);
        r++;
        r = fact(s, r, "Why you have this",
                "We have checked the figures your force sent for " + collectionTitle + ", and the published figures about "
                        + "your force. The " + QUERIES + " sheet lists each point on which we need your answer, one per row, "
                        + "errors first.");
        r = fact(s, r, "Errors", "An error stops a figure from being used in the comparison. Please correct the figure "
                + "(in a revised return, if it came from your return) and tell us what you changed.");
        r = fact(s, r, "Warnings", "A warning does not stop a figure being used by itself. Please confirm the figure "
                + "is right, or correct it.");
        r = fact(s, r, "How to reply", "Type your answer to each query in the 'Force response' column of the "
                + QUERIES + " sheet. Save this workbook under the same name and send it back to the data collection team, "
                + "in reply to the email it came with, with any revised return. If you write separately, quote the "
                + "query's reference (for example " + force.code() + "-Q001).");
        fact(s, r, "Editing", "Only the 'Force response' column can be edited. The sheet is protected without a "
                + "password so that the queries stay as we sent them.");
        s.width(0, 20);
        s.width(1, 100);
        // printed portrait, one page wide and as many tall as it takes
        s.pageOrientation("portrait");
        s.fitToWidth((short) 1);
        s.fitToHeight((short) 0);
        s.finish();
    }

    private static void queriesSheet(Worksheet s, List<Query> queries) throws IOException {
        for (int i = 0; i < COLUMNS.size(); i++) text(s, 0, i, COLUMNS.get(i), i == RESPONSE_COLUMN ? RESPONSE_HEADER : HEADER);
        int r = 1;
        for (Query q : queries) {
            String[] values = {q.reference(), q.severity() == Severity.ERROR ? "Error: must be corrected" : "Warning: please check",
                    q.question(), q.why(), q.file(), q.cell(), q.observed(), q.expected(), q.ruleId()};
            for (int i = 0; i < values.length; i++) s.value(r, i, values[i] == null ? "" : values[i]);
            s.rowHeight(r, height(values));
            r++;
        }
        if (!queries.isEmpty()) {
            // styled a block of cells at a time: one style look-up per range rather than per cell
            int last = queries.size();
            WRAP.apply(s.range(1, 0, last, 0).style()).set();
            WRAP.apply(s.range(1, 2, last, RESPONSE_COLUMN - 1).style()).set();
            for (int i = 1; i <= last; i++) {
                (queries.get(i - 1).severity() == Severity.ERROR ? ERROR : WARNING).apply(s.style(i, 1)).set();
            }
            RESPONSE.apply(s.range(1, RESPONSE_COLUMN, last, RESPONSE_COLUMN).style()).set(); // blank, unlocked
        }
        for (int i = 0; i < WIDTHS.length; i++) s.width(i, WIDTHS[i]);
        s.rowHeight(0, 20);
        s.freezePane(0, 1);
        s.repeatRows(0);
        if (!queries.isEmpty()) s.setAutoFilter(0, 0, queries.size(), COLUMNS.size() - 1);
        // printed landscape, one page wide and as many tall as it takes
        s.pageOrientation("landscape");
        s.fitToWidth((short) 1);
        s.fitToHeight((short) 0);
        // protected without a password (QUERIES_PROTECTION, added as the file is written): the queries stay as
        // sent; the response column is unlocked; columns, rows and the filter can still be used
        s.finish();
    }

    /** Enough lines for the longest wrapped cell of the row, at about 1.1 characters per width unit. */
    private static float height(String[] values) {
        int lines = 1;
        for (int i = 0; i < values.length; i++) {
            int perLine = Math.max(1, (int) (WIDTHS[i] * 1.1));
            lines = Math.max(lines, (values[i].length() + perLine - 1) / perLine);
        }
        return Math.min(409, 15f * lines + 3);
    }

    private static int fact(Worksheet s, int r, String label, String value) {
        text(s, r, 0, label, LABEL);
        text(s, r, 1, value, WRAP);
        s.rowHeight(r, Math.min(409, 15f * Math.max(1, (value.length() + 109) / 110) + 3));
        return r + 1;
    }

    private static int number(Worksheet s, int r, String label, long n) {
        text(s, r, 0, label, LABEL);
        s.value(r, 1, n);
        INTEGER.apply(s.style(r, 1)).set();
        return r + 1;
    }

    private static void text(Worksheet s, int r, int c, String value, UnaryOperator<StyleSetter> style) {
        s.value(r, c, value == null ? "" : value);
        style.apply(s.style(r, c)).set();
    }

    // the cell styles: Calibri 11 unless said (POI's default font, which the workbooks have always had)
    private static final UnaryOperator<StyleSetter> TITLE = st -> st.bold().fontSize(16);
    private static final UnaryOperator<StyleSetter> LABEL = st -> st.bold().verticalAlignment("top");
    private static final UnaryOperator<StyleSetter> WRAP = st -> st.wrapText(true).verticalAlignment("top");
    private static final UnaryOperator<StyleSetter> HEADER = st -> st.bold().wrapText(true).verticalAlignment("top")
            .borderStyle(BorderSide.BOTTOM, BorderStyle.MEDIUM).fillColor("FFF3F2F1");
    private static final UnaryOperator<StyleSetter> RESPONSE_HEADER = st -> HEADER.apply(st).fillColor("FFFFF2CC");
    private static final UnaryOperator<StyleSetter> RESPONSE = st -> st.wrapText(true).verticalAlignment("top")
            .protectionOption(ProtectionOption.LOCKED, false).borderStyle(BorderStyle.THIN).fillColor("FFFFFBE6");
    private static final UnaryOperator<StyleSetter> ERROR = st -> WRAP.apply(st).bold();
    private static final UnaryOperator<StyleSetter> WARNING = WRAP;
    private static final UnaryOperator<StyleSetter> DATE = st -> st.format("d mmmm yyyy").horizontalAlignment("left");
    private static final UnaryOperator<StyleSetter> INTEGER = st -> st.format("#,##0").horizontalAlignment("left");
}
