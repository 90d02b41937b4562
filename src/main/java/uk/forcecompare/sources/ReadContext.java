package uk.forcecompare.sources;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import uk.forcecompare.collection.CollectionLoader;
import uk.forcecompare.collection.Period;
import uk.forcecompare.collection.SourceFile;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.reference.ForceMatch;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Rule;

/**
 * Everything read from one file, held back until the file has been read to its end: a file that turns out
 * truncated or unreadable half way gives one FILE_UNREADABLE finding and nothing else, never half its values.
 */
final class ReadContext {

    /** Country and region rows (England and Wales, England, the English regions, Wales) are totals, not forces. */
    private static final Pattern AGGREGATE_CODE = Pattern.compile("(K04|E92|E12|W92)\\d{6}", Pattern.CASE_INSENSITIVE);
    /** What published tables print for unavailable or suppressed values (contract section 2). */
    private static final Set<String> SUPPRESSED = Set.of("..", "*", "[x]", "[c]", "[X]", "[C]", "N/A", "n/a");

    final SourceFile file;
    final ForceDirectory forces;
    private final List<Finding> findings = new ArrayList<>();
    private final List<String[]> quarantined = new ArrayList<>();
    private final List<Rule> quarantineRules = new ArrayList<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final List<Observation> ungrouped = new ArrayList<>();
    long rowsRead;

    ReadContext(SourceFile file, ForceDirectory forces) {
        this.file = file;
        this.forces = forces;
    }

    String fileName() {
        return file.relativePath();
    }

    // ---- findings

    void report(Rule rule, String location, String forceCode, String message, String observed, String expected) {
        findings.add(Finding.of(rule).file(fileName()).at(location).force(forceCode).message(message)
                .observed(observed).expected(expected).build());
    }

    void quarantine(TableRow row, Rule rule) {
        quarantined.add(new String[] {row.location(), row.rawText()});
        quarantineRules.add(rule);
    }

    // ---- forces

    /** The two forces the last row read by {@link #force} may be for, by its code and by its name; else none. */
    private List<Force> uncertain = List.of();

    /**
     * Where the last row's code and name are two forces: both, the code's first. A table whose forces' values are sums
     * of rows leaves the row's measures missing for both, as either sum without it would be short.
     */
    List<Force> uncertainForces() {
        return uncertain;
    }

    static boolean isAggregateCode(String code) {
        return code != null && AGGREGATE_CODE.matcher(Text.strip(code)).matches();
    }

    /**
     * The force a row is for, by code and name as printed. A body that is not one of the 43 is logged as info and
     * its row left out; a name or code that matches nothing is an error and the row is quarantined, never guessed.
     */
    Optional<Force> force(String codeText, String nameText, TableRow row, String what) {
        uncertain = List.of();
        String code = Text.strip(codeText);
        String name = Text.clean(nameText);
        ForceMatch m;
        if (!code.isEmpty() && forces.byCode(code).isEmpty()) {
            // an unknown code is only excused by a name that is a known non-territorial body
            ForceMatch byName = forces.match(name);
            m = byName instanceof ForceMatch.NotTerritorial ? byName : new ForceMatch.Unknown(code + " / " + name);
        } else {
            m = forces.match(code, name);
        }
        String printed = code.isEmpty() ? name : name.isEmpty() ? code : code + " " + name;
        if (m instanceof ForceMatch.Territorial t) return Optional.of(t.force());
        Optional<Force> byCode = forces.byCode(code);
        if (byCode.isPresent() && forces.match(name) instanceof ForceMatch.Territorial byName) {
            // both are known, as two forces: which one the row is for cannot be told, and "matches none" would be untrue
            report(Rule.ROW_FORCE_UNCERTAIN, row.location(), byCode.get().code(),
                    "'" + printed + "' in " + what + ": the code " + code + " is " + byCode.get().name() + "'s and the name '"
                            + name + "' is " + byName.force().name() + "'s, so the row's force cannot be told; row quarantined",
                    printed, "the code and name of one force");
            quarantine(row, Rule.ROW_FORCE_UNCERTAIN);
            uncertain = List.of(byCode.get(), byName.force());
            return Optional.empty();
        }
        if (m instanceof ForceMatch.NotTerritorial nt) {
            report(Rule.FORCE_NOT_TERRITORIAL, row.location(), "",
                    "row for " + nt.body() + " excluded from " + what + ": " + nt.why(), printed, "one of the 43 territorial forces");
            return Optional.empty();
        }
        report(Rule.FORCE_UNKNOWN, row.location(), "",
                "'" + printed + "' in " + what + " matches none of the 43 forces nor a known non-territorial body; row quarantined",
                printed, "a force name or ONS code from reference/forces.csv");
        quarantine(row, Rule.FORCE_UNKNOWN);
        return Optional.empty();
    }

    // ---- published-table values

    /** A value from a published table, or the reason there is none (already reported). */
    record Value(BigDecimal number, String missingReason) {
        static Value of(BigDecimal n) {
            return new Value(n, "");
        }

        static Value missing(String reason) {
            return new Value(null, reason);
        }

        boolean present() {
            return number != null;
        }
    }

    /**
     * Reads a published-table cell: a number (thousands separators allowed), {@code -} for nil, a suppression
     * marker or blank for missing (warning). Anything else, and any negative number, is an error.
     */
    Value published(TableCell cell, Force force, String measure) {
        String who = force.name() + " " + measure;
        if (cell.formulaWithoutResult()) {
            report(Rule.VALUE_FORMULA_NO_RESULT, cell.location(), force.code(),
                    who + ": a formula with no saved result", cell.text(), "a number");
            return Value.missing("formula without a saved result");
        }
        if (cell.excelError() != null) {
            report(Rule.VALUE_UNPARSEABLE, cell.location(), force.code(),
                    who + ": an Excel error value", cell.excelError(), "a number, '-' or a suppression marker");
            return Value.missing("Excel error " + cell.excelError());
        }
        BigDecimal n = cell.number();
        String t = cell.stripped();
        if (n == null && cell.date() == null) {
            if (t.isEmpty() || SUPPRESSED.contains(t)) {
                String shown = t.isEmpty() ? "blank" : "'" + t + "'";
                report(Rule.VALUE_SUPPRESSED, cell.location(), force.code(),
                        who + ": unavailable or suppressed (" + shown + ")", t, "a number");
                return Value.missing(t.isEmpty() ? "left blank" : "suppressed, shown as " + shown);
            }
            if (t.equals("-")) return Value.of(BigDecimal.ZERO);
            n = Numbers.parse(t);
        }
        if (n == null) {
            report(Rule.VALUE_UNPARSEABLE, cell.location(), force.code(),
                    who + ": not a number nor a suppression marker", cell.text(), "a number, '-' or one of .. * [x] [c] N/A");
            return Value.missing("unreadable value '" + cell.text() + "'");
        }
        if (n.signum() < 0) {
            report(Rule.VALUE_NEGATIVE, cell.location(), force.code(), who + ": negative", n.toPlainString(), ">= 0");
            return Value.missing("negative value " + n.toPlainString());
        }
        return Value.of(n);
    }

    Observation observation(Force force, String measure, Period period, String dims, Value v, TableCell cell) {
        return v.present()
                ? Observation.of(force.code(), measure, period, dims, v.number(), fileName(), cell.location())
                : Observation.missing(force.code(), measure, period, dims, v.missingReason(), fileName(), cell.location());
    }

    // ---- duplicates

    private static final class Group {
        final String firstLocation;
        final String signature;
        final Map<String, Observation> byMeasure = new LinkedHashMap<>();
        final List<String> conflicting = new ArrayList<>();

        Group(String firstLocation, String signature, List<Observation> obs) {
            this.firstLocation = firstLocation;
            this.signature = signature;
            obs.forEach(o -> byMeasure.put(o.measure(), o));
        }
    }

    private static String signature(List<Observation> obs) {
        StringBuilder b = new StringBuilder();
        for (Observation o : obs) {
            b.append(o.measure()).append('=')
                    .append(o.value().map(v -> v.stripTrailingZeros().toPlainString()).orElse("missing")).append(';');
        }
        return b.toString();
    }

    /**
     * Keeps one row's observations. A row repeating an earlier one (same force, period and dimensions) is counted
     * once if identical; if its values differ, that force's values from those rows become missing.
     */
    void emit(TableRow row, List<Observation> observations) {
        Map<String, List<Observation>> byKey = new LinkedHashMap<>();
        for (Observation o : observations) {
            byKey.computeIfAbsent(o.forceCode() + "|" + o.period().text() + "|" + o.dimensions(), k -> new ArrayList<>()).add(o);
        }
        // the measures are part of what a row is about: a return's rows differ only in their measure code
        Map<String, List<Observation>> keyed = new LinkedHashMap<>();
        byKey.forEach((k, obs) -> keyed.put(k + "|" + String.join(",", obs.stream().map(Observation::measure).toList()), obs));
        byKey = keyed;
        boolean repeated = false;
        List<String> conflicts = new ArrayList<>();
        for (Map.Entry<String, List<Observation>> e : byKey.entrySet()) {
            String sig = signature(e.getValue());
            Group g = groups.get(e.getKey());
            if (g == null) {
                groups.put(e.getKey(), new Group(row.location(), sig, e.getValue()));
            } else if (g.signature.equals(sig)) {
                repeated = true;
            } else {
                g.conflicting.add(row.location());
                e.getValue().forEach(o -> g.byMeasure.putIfAbsent(o.measure(), o));
                conflicts.add(g.firstLocation);
            }
        }
        Observation first = observations.isEmpty() ? null : observations.get(0);
        if (first == null) return;
        String who = forces.byCode(first.forceCode()).map(Force::name).orElse(first.forceCode());
        String measures = String.join(", ", observations.stream().map(Observation::measure).distinct().toList());
        String what = who + " " + measures + " " + first.period().text()
                + (first.dimensions().isEmpty() ? "" : " [" + first.dimensions() + "]");
        if (!conflicts.isEmpty()) {
            report(Rule.ROW_DUPLICATE_CONFLICT, row.location(), first.forceCode(),
                    what + ": this row repeats the row at " + String.join(", ", conflicts) + " with different values;"
                            + " the values from both are left out", row.rawText(), "one row per force, period and dimensions");
            quarantine(row, Rule.ROW_DUPLICATE_CONFLICT);
        } else if (repeated) {
            report(Rule.ROW_DUPLICATE_EXACT, row.location(), first.forceCode(),
                    what + ": the same row is repeated; counted once", row.rawText(), "each row once");
        }
    }

    /**
     * An observation that is not keyed by a row: a return's submission marker, or a value the file lacks entirely
     * (a deleted row), kept so that what it removes can be traced.
     */
    void emitAlone(Observation o) {
        ungrouped.add(o);
    }

    List<Observation> observations() {
        List<Observation> out = new ArrayList<>(ungrouped);
        for (Group g : groups.values()) {
            for (Observation o : g.byMeasure.values()) {
                if (g.conflicting.isEmpty()) {
                    out.add(o);
                } else {
                    out.add(Observation.missing(o.forceCode(), o.measure(), o.period(), o.dimensions(),
                            "conflicting duplicate rows at " + g.firstLocation + " and " + String.join(", ", g.conflicting),
                            o.sourceFile(), o.location()));
                }
            }
        }
        return out;
    }

    /** Hands everything over once the file has been read to its end. */
    ReadSummary commit(SourceOutput out, String kind) {
        findings.forEach(out::report);
        for (int i = 0; i < quarantined.size(); i++) {
            out.quarantine(fileName(), quarantined.get(i)[0], quarantineRules.get(i), quarantined.get(i)[1]);
        }
        List<Observation> obs = observations();
        obs.forEach(out::observation);
        return new ReadSummary(fileName(), kind, rowsRead, obs.size(), true);
    }

    /**
     * The force a return's file name stands for ("gwent.xlsx"): a file that could not be read far enough to say whose
     * it is is still that force's to correct, and its finding goes to that force.
     */
    Optional<Force> forceOfFileName() {
        return forces.forceNamedByFileName(file.path().getFileName().toString());
    }

    /** Drops everything read so far and reports the file as unreadable instead. */
    ReadSummary unreadable(SourceOutput out, String kind, String why) {
        String file = kind.isEmpty() ? "file" : kind + " file";
        // a workbook of no kind that could be told is most likely a return (as the one-return-per-force check takes it)
        boolean aReturn = "force-return".equals(kind) || kind.isEmpty() && CollectionLoader.isWorkbook(this.file.path());
        Optional<Force> force = aReturn ? forceOfFileName() : Optional.empty();
        out.report(Finding.of(Rule.FILE_UNREADABLE).file(fileName()).force(force.map(Force::code).orElse(""))
                .message(force.map(f -> f.name() + " return: ").orElse("") + "the " + file
                        + " cannot be read, so nothing is taken from it: " + why)
                .observed(why).expected("a readable " + file + " (" + expectedFormat(kind) + ")").build());
        return new ReadSummary(fileName(), kind, 0, 0, false);
    }

    private static String expectedFormat(String kind) {
        return "force-return".equals(kind) ? "XLSX or ODS" : "CSV, XLSX or ODS";
    }

    /** A structural problem that leaves nothing to read in the file (missing sheet or columns). */
    void structural(Rule rule, String location, String message, String observed, String expected) {
        report(rule, location, "", message, observed, expected);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
