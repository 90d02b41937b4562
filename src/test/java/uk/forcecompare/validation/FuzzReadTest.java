package uk.forcecompare.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.reference.Force;
import uk.forcecompare.sources.Observation;
import uk.forcecompare.sources.ReadSummary;
import uk.forcecompare.sources.Sources;

/**
 * Thousands of seeded random mutations of three valid inputs (a 999 CSV, a population CSV and a force-return
 * XLSX, mutated as raw bytes and, for the workbook, as the XML inside the zip). Every read must finish within
 * {@link #PER_READ_SECONDS}, never throw, and end either with findings or as a clean read:
 * <ul>
 * <li>no findings: the file was readable and every value read is present;</li>
 * <li>a file reported unreadable gives no value at all (contract 4a);</li>
 * <li>a value left out is always explained by an error or warning;</li>
 * <li>every value kept belongs to one of the 43 forces and is not negative.</li>
 * </ul>
 * Reproducible: case {@code i} of seed {@code s} uses {@code new Random(s * 1_000_003 + i)}. On failure the seed,
 * case, input and mutations are printed and the mutated file is kept under {@code fuzz-failures/} of the build
 * folder. {@code -Dfc.fuzz.seed=..} and {@code -Dfc.fuzz.cases=..} (per input) change the run.
 */
class FuzzReadTest {

    static final long SEED = Long.getLong("fc.fuzz.seed", 20240417L);
    static final int CASES_PER_INPUT = Integer.getInteger("fc.fuzz.cases", 1_000);
    static final int PER_READ_SECONDS = 15;
    static final Set<String> FORCE_CODES = CorpusFixtures.FORCES.all().stream().map(Force::code).collect(Collectors.toSet());

    @TempDir
    Path dir;

    enum Input {
        CALLS_999("calls-999.csv", SourceKind.POLICE_UK_999),
        POPULATION("pfa-population.csv", SourceKind.ONS_POPULATION),
        FORCE_RETURN("kent-return.xlsx", SourceKind.FORCE_RETURN);

        final String fileName;
        final SourceKind kind;

        Input(String fileName, SourceKind kind) {
            this.fileName = fileName;
            this.kind = kind;
        }
    }

    static byte[] seed(Input in) {
        return switch (in) {
            case CALLS_999 -> {
                List<String> forces = CorpusFixtures.FORCES.all().subList(0, 10).stream().map(Force::name).toList();
                yield CorpusFixtures.utf8("999 calls answered, by force and month\n\n"
                        + CorpusFixtures.csv(CorpusFixtures.calls999Rows(forces, List.of("2023-01", "2023-02", "2023-03")), "\r\n"));
            }
            case POPULATION -> {
                StringBuilder b = new StringBuilder("pfa_code,pfa_name,mid_year,population\n");
                int i = 0;
                for (Force f : CorpusFixtures.FORCES.all().subList(20, 35)) {
                    b.append(f.code()).append(',').append(f.name().contains(",") ? '"' + f.name() + '"' : f.name())
                            .append(",2022,\"").append(String.format("%,d", 500_000 + 37_123 * i++)).append("\"\n");
                }
                yield CorpusFixtures.utf8(b.toString());
            }
            case FORCE_RETURN -> CorpusFixtures.Return.of("kent").bytes();
        };
    }

    /** One mutated input: its bytes and what was done, in words. */
    record Mutant(byte[] bytes, List<String> ops) {
    }

    // ---------------------------------------------------------------- mutations

    static final String[] NOT_NUMBERS = {"n/a", "..", "[x]", "[c]", "*", "-", "", " ", "abc", "1e9", "-5", "12.5", "#DIV/0!",
            "\uFF11\uFF12\uFF13", "NaN", "Infinity", "99999999999999999999999999999", "0x1F", "1,2,3", "\u00a01 234\u00a0",
            "=SUM(A1:A2)", "TRUE", "2023-03-31", "\"", "\u202e123", "\uFEFF42", "-0", "+7", ".5", "5.", "1_000"};
    static final String[] SPLICES = {"\"", ",", "\n", "\r", "\r\n", "\"\"", ",,,,", "\u0000", "\uFEFF", "\u00e9", "\u00a3",
            "\uD83D\uDE93", "<", "&", "]]>", "\t", "Police Scotland", "British Transport Police", "Gotham", "E23000099",
            "K04000001", "Month", "Force", "Total calls"};
    static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(\\.\\d+)?");

    static Mutant mutateText(byte[] seed, Random rnd) {
        List<String> ops = new ArrayList<>();
        byte[] b = seed;
        int n = 1 + rnd.nextInt(3);
        for (int k = 0; k < n; k++) {
            int op = rnd.nextInt(10);
            switch (op) {
                case 0 -> {
                    b = flipBytes(b, rnd, ops);
                }
                case 1 -> {
                    int at = rnd.nextInt(b.length + 1);
                    b = Arrays.copyOf(b, at);
                    ops.add("truncate at byte " + at);
                }
                case 2 -> {
                    List<String> lines = lines(b);
                    int i = rnd.nextInt(lines.size());
                    int times = 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 200 : 3);
                    for (int t = 0; t < times; t++) lines.add(i, lines.get(i));
                    b = join(lines);
                    ops.add("duplicate line " + (i + 1) + " x" + times);
                }
                case 3 -> {
                    List<String> lines = lines(b);
                    int i = rnd.nextInt(lines.size());
                    lines.remove(i);
                    b = join(lines);
                    ops.add("delete line " + (i + 1));
                }
                case 4 -> {
                    List<String> lines = lines(b);
                    int i = rnd.nextInt(lines.size());
                    List<String> fields = new ArrayList<>(Arrays.asList(lines.get(i).split(",", -1)));
                    if (fields.size() > 1) {
                        int x = rnd.nextInt(fields.size()), y = rnd.nextInt(fields.size());
                        Collections.swap(fields, x, y);
                        lines.set(i, String.join(",", fields));
                        ops.add("swap fields " + x + " and " + y + " on line " + (i + 1));
                    }
                    b = join(lines);
                }
                case 5, 6 -> {
                    String s = SPLICES[rnd.nextInt(SPLICES.length)];
                    int at = rnd.nextInt(b.length + 1);
                    b = splice(b, at, 0, s.getBytes(StandardCharsets.UTF_8));
                    ops.add("insert " + printable(s) + " at byte " + at);
                }
                case 7, 8 -> {
                    String text = new String(b, StandardCharsets.UTF_8);
                    List<int[]> numbers = new ArrayList<>();
                    Matcher m = NUMBER.matcher(text);
                    while (m.find()) numbers.add(new int[] {m.start(), m.end()});
                    if (!numbers.isEmpty()) {
                        int[] at = numbers.get(rnd.nextInt(numbers.size()));
                        String with = NOT_NUMBERS[rnd.nextInt(NOT_NUMBERS.length)];
                        ops.add("replace number '" + text.substring(at[0], at[1]) + "' at char " + at[0] + " with " + printable(with));
                        b = (text.substring(0, at[0]) + with + text.substring(at[1])).getBytes(StandardCharsets.UTF_8);
                    }
                }
                default -> {
                    int len = 1 + rnd.nextInt(Math.max(1, b.length / 4));
                    int from = rnd.nextInt(Math.max(1, b.length - len + 1));
                    int to = rnd.nextInt(b.length + 1);
                    byte[] chunk = Arrays.copyOfRange(b, Math.min(from, b.length), Math.min(from + len, b.length));
                    b = splice(b, to, 0, chunk);
                    ops.add("copy " + chunk.length + " bytes from " + from + " to " + to);
                }
            }
        }
        return new Mutant(b, ops);
    }

    static final List<String> XML_ENTRIES = List.of("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/sharedStrings.xml",
            "xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels", "_rels/.rels");
    static final String[] CELL_TYPES = {"s", "n", "b", "e", "str", "inlineStr", "d", "x"};

    static Mutant mutateWorkbook(byte[] seed, Random rnd) {
        List<String> ops = new ArrayList<>();
        if (rnd.nextInt(4) == 0) {
            // the zip itself: flips, truncation, a copied range
            byte[] b = seed;
            switch (rnd.nextInt(3)) {
                case 0 -> b = flipBytes(b, rnd, ops);
                case 1 -> {
                    int at = rnd.nextInt(b.length + 1);
                    b = Arrays.copyOf(b, at);
                    ops.add("zip: truncate at byte " + at);
                }
                default -> {
                    int at = rnd.nextInt(b.length), len = 1 + rnd.nextInt(64);
                    b = splice(b, at, Math.min(len, b.length - at), new byte[0]);
                    ops.add("zip: delete " + len + " bytes at " + at);
                }
            }
            return new Mutant(b, ops);
        }
        LinkedHashMap<String, byte[]> entries = CorpusFixtures.unzip(seed);
        int n = 1 + rnd.nextInt(3);
        for (int k = 0; k < n; k++) {
            // the sheets most often: that is where the values are
            String entry = rnd.nextInt(3) > 0 ? XML_ENTRIES.get(rnd.nextInt(2)) : XML_ENTRIES.get(rnd.nextInt(XML_ENTRIES.size()));
            byte[] xml = entries.get(entry);
            if (xml == null) continue;
            String s = new String(xml, StandardCharsets.UTF_8);
            String before = s;
            String what;
            switch (rnd.nextInt(9)) {
                case 0 -> {
                    List<String> o = new ArrayList<>();
                    xml = flipBytes(xml, rnd, o);
                    s = new String(xml, StandardCharsets.ISO_8859_1);
                    entries.put(entry, xml);
                    ops.add(entry + ": " + o.get(0));
                    continue;
                }
                case 1 -> {
                    int at = rnd.nextInt(s.length() + 1);
                    s = s.substring(0, at);
                    what = "truncate at char " + at;
                }
                case 2 -> {
                    String with = NOT_NUMBERS[rnd.nextInt(NOT_NUMBERS.length)];
                    s = replaceRandom(s, Pattern.compile("<v>([^<]*)</v>"), "<v>" + xmlEscape(with) + "</v>", rnd);
                    what = "a <v> becomes " + printable(with);
                }
                case 3 -> {
                    String t = CELL_TYPES[rnd.nextInt(CELL_TYPES.length)];
                    s = replaceRandom(s, Pattern.compile("<c r=\"([A-Z]+\\d+)\"( s=\"\\d+\")?( t=\"[a-zA-Z]+\")?"),
                            m -> "<c r=\"" + m.group(1) + "\"" + (m.group(2) == null ? "" : m.group(2)) + " t=\"" + t + "\"", rnd);
                    what = "a cell's type becomes t=\"" + t + "\"";
                }
                case 4 -> {
                    String ref = (char) ('A' + rnd.nextInt(26)) + String.valueOf(rnd.nextInt(5) == 0 ? 1_048_577 : 1 + rnd.nextInt(40));
                    s = replaceRandom(s, Pattern.compile("r=\"[A-Z]+\\d+\""), "r=\"" + ref + "\"", rnd);
                    what = "a cell reference becomes " + ref;
                }
                case 5 -> {
                    Matcher m = Pattern.compile("<row [^>]*>.*?</row>", Pattern.DOTALL).matcher(s);
                    List<int[]> rows = new ArrayList<>();
                    while (m.find()) rows.add(new int[] {m.start(), m.end()});
                    if (rows.isEmpty()) {
                        what = "no row to duplicate";
                    } else {
                        int[] r = rows.get(rnd.nextInt(rows.size()));
                        String row = s.substring(r[0], r[1]);
                        s = rnd.nextBoolean() ? s.substring(0, r[1]) + row + s.substring(r[1]) : s.substring(0, r[0]) + s.substring(r[1]);
                        what = (s.length() > before.length() ? "duplicate" : "delete") + " the row at char " + r[0];
                    }
                }
                case 6 -> {
                    String with = SPLICES[rnd.nextInt(SPLICES.length)];
                    int at = rnd.nextInt(s.length() + 1);
                    s = s.substring(0, at) + with + s.substring(at);
                    what = "insert " + printable(with) + " at char " + at;
                }
                case 7 -> {
                    int big = rnd.nextInt(3) == 0 ? Integer.MAX_VALUE : rnd.nextInt(100);
                    s = replaceRandom(s, Pattern.compile("(s|sheetId|count)=\"\\d+\""), m -> m.group(1) + "=\"" + big + "\"", rnd);
                    what = "an index attribute becomes " + big;
                }
                default -> {
                    s = replaceRandom(s, Pattern.compile("<t( [^>]*)?>[^<]*</t>"),
                            "<t>" + xmlEscape(SPLICES[rnd.nextInt(SPLICES.length)]) + "</t>", rnd);
                    what = "a string becomes another";
                }
            }
            entries.put(entry, s.getBytes(StandardCharsets.UTF_8));
            ops.add(entry + ": " + what);
        }
        return new Mutant(CorpusFixtures.zip(entries), ops);
    }

    static String replaceRandom(String s, Pattern p, String with, Random rnd) {
        return replaceRandom(s, p, m -> with, rnd);
    }

    static String replaceRandom(String s, Pattern p, java.util.function.Function<Matcher, String> with, Random rnd) {
        Matcher m = p.matcher(s);
        List<int[]> hits = new ArrayList<>();
        List<String> repl = new ArrayList<>();
        while (m.find()) {
            hits.add(new int[] {m.start(), m.end()});
            repl.add(with.apply(m));
        }
        if (hits.isEmpty()) return s;
        int i = rnd.nextInt(hits.size());
        return s.substring(0, hits.get(i)[0]) + repl.get(i) + s.substring(hits.get(i)[1]);
    }

    static byte[] flipBytes(byte[] b, Random rnd, List<String> ops) {
        if (b.length == 0) return b;
        byte[] out = b.clone();
        int k = 1 + rnd.nextInt(8);
        StringBuilder what = new StringBuilder("flip bytes at");
        for (int i = 0; i < k; i++) {
            int at = rnd.nextInt(out.length);
            out[at] = (byte) rnd.nextInt(256);
            what.append(' ').append(at);
        }
        ops.add(what.toString());
        return out;
    }

    static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    static List<String> lines(byte[] b) {
        return new ArrayList<>(Arrays.asList(new String(b, StandardCharsets.ISO_8859_1).split("\n", -1)));
    }

    static byte[] join(List<String> lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('\'').toString();
    }

    static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("\u0000", "");
    }

    // ---------------------------------------------------------------- the run

    record Failure(String what) {
    }

    @Test
    void mutatedInputsNeverCrashOrHangAndEndInFindingsOrACleanRead() throws Exception {
        // every reader must leave its input as it was: for workbooks this guards the fix for a damaged workbook being
        // saved over its source (see MalformedCorpusTest)
        quietly(() -> run(List.of(Input.values()), Set.of(Input.values())));
    }

    interface Body {
        void run() throws Exception;
    }

    /** POI logs every broken part it meets at ERROR: thousands of lines that say nothing here. */
    static void quietly(Body body) throws Exception {
        ch.qos.logback.classic.Logger poi = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.poi");
        ch.qos.logback.classic.Level poiLevel = poi.getLevel();
        poi.setLevel(ch.qos.logback.classic.Level.OFF);
        try {
            body.run();
        } finally {
            poi.setLevel(poiLevel);
        }
    }

    private void run(List<Input> inputs, Set<Input> mustStayUnchanged) throws Exception {
        Sources sources = new Sources(CorpusFixtures.FORCES);
        for (Input in : Input.values()) {
            CorpusFixtures.Output out = new CorpusFixtures.Output();
            Path p = CorpusFixtures.write(dir.resolve("seed").resolve(in.fileName), seed(in));
            sources.read(CorpusFixtures.source(p, in.fileName, in.kind), out);
            assertThat(out.findings).as("the unmutated %s reads clean", in).isEmpty();
            assertThat(out.observations).as("the unmutated %s gives values", in).isNotEmpty().allMatch(Observation::hasValue);
        }

        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fuzz-read");
            t.setDaemon(true);
            return t;
        });
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger withFindings = new AtomicInteger(), clean = new AtomicInteger(), unreadable = new AtomicInteger();
        long[] slowest = {0};
        String[] slowestCase = {""};
        long t0 = System.nanoTime();
        try {
            List<Future<?>> pending = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (Input in : inputs) {
                byte[] seed = seed(in);
                for (int n = 0; n < CASES_PER_INPUT; n++) {
                    final int i = n;
                    long caseSeed = SEED * 1_000_003 + in.ordinal() * 1_000_000L + i;
                    Mutant m = in == Input.FORCE_RETURN ? mutateWorkbook(seed, new Random(caseSeed)) : mutateText(seed, new Random(caseSeed));
                    Path file = CorpusFixtures.write(dir.resolve(in.name() + "-" + i).resolve(in.fileName), m.bytes());
                    String label = "seed " + SEED + " input " + in + " case " + i + " (Random(" + caseSeed + ")): " + m.ops();
                    labels.add(label);
                    pending.add(pool.submit(() -> {
                        long s = System.nanoTime();
                        CorpusFixtures.Output out = new CorpusFixtures.Output();
                        ReadSummary summary;
                        try {
                            summary = sources.read(CorpusFixtures.source(file, in.fileName, in.kind), out);
                        } catch (Throwable e) {
                            StringWriter w = new StringWriter();
                            e.printStackTrace(new PrintWriter(w));
                            failures.add(new Failure(label + "\n  threw " + w));
                            keep(m.bytes(), in, i);
                            return;
                        }
                        long ms = (System.nanoTime() - s) / 1_000_000;
                        synchronized (slowest) {
                            if (ms > slowest[0]) {
                                slowest[0] = ms;
                                slowestCase[0] = label;
                            }
                        }
                        String broken = check(summary, out, in.fileName);
                        if (broken == null && mustStayUnchanged.contains(in) && !Arrays.equals(readBytes(file), m.bytes())) {
                            broken = "the read changed the input file on disk (" + m.bytes().length + " bytes before, "
                                    + readBytes(file).length + " after)";
                        }
                        if (broken != null) {
                            failures.add(new Failure(label + "\n  " + broken));
                            keep(m.bytes(), in, i);
                        }
                        if (out.findings.isEmpty()) clean.incrementAndGet();
                        else withFindings.incrementAndGet();
                        if (!summary.readable()) unreadable.incrementAndGet();
                        try {
                            Files.deleteIfExists(file);
                        } catch (java.io.IOException ignored) {
                            // the temp folder goes anyway
                        }
                    }));
                }
            }
            for (int i = 0; i < pending.size(); i++) {
                try {
                    pending.get(i).get(PER_READ_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    pending.get(i).cancel(true);
                    failures.add(new Failure(labels.get(i) + "\n  did not finish within " + PER_READ_SECONDS + " s (a hang)"));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long seconds = (System.nanoTime() - t0) / 1_000_000_000;
        int total = CASES_PER_INPUT * inputs.size();
        System.out.printf("fuzz: %d mutations (seed %d) in %d s on %d threads: %d ended with findings (%d unreadable), %d clean; "
                + "slowest read %d ms: %s%n", total, SEED, seconds, threads, withFindings.get(), unreadable.get(), clean.get(),
                slowest[0], slowestCase[0]);
        assertThat(failures).as("mutations that crashed, hung or broke an invariant").isEmpty();
        assertThat(withFindings.get() + clean.get()).isEqualTo(total);
    }

    /** What is wrong with the outcome of one read, or null. */
    static String check(ReadSummary summary, CorpusFixtures.Output out, String relative) {
        List<Finding> findings = new ArrayList<>(out.findings);
        List<Observation> obs = new ArrayList<>(out.observations);
        if (findings.isEmpty()) {
            if (!summary.readable()) return "unreadable without a finding";
            if (obs.stream().anyMatch(o -> !o.hasValue())) return "a value left out without a finding: " + obs;
        }
        if (!summary.readable() && findings.isEmpty()) return "not readable and no finding";
        if (findings.stream().anyMatch(f -> f.rule() == Rule.FILE_UNREADABLE) && !obs.isEmpty()) {
            return "FILE_UNREADABLE but " + obs.size() + " values kept: " + findings;
        }
        if (obs.stream().anyMatch(o -> !o.hasValue())
                && findings.stream().noneMatch(f -> f.severity() == Severity.ERROR || f.severity() == Severity.WARNING)) {
            return "values left out but no error or warning: " + findings;
        }
        for (Finding f : findings) {
            if (!f.sourceFile().equals(relative)) return "a finding names another file: " + f;
            if (!f.forceCode().isEmpty() && !FORCE_CODES.contains(f.forceCode())) return "a finding names no force: " + f;
        }
        for (Observation o : obs) {
            if (!FORCE_CODES.contains(o.forceCode())) return "a value for no force: " + o;
            if (o.value().isPresent() && o.value().get().signum() < 0) return "a negative value kept: " + o;
        }
        return null;
    }

    static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }

    static void keep(byte[] bytes, Input in, int i) {
        try {
            String db = System.getProperty("force-compare.test.db");
            Path build = db == null ? Path.of("target") : Path.of(db).getParent();
            Path keep = build.resolve("fuzz-failures").resolve(in.name() + "-" + i + "-" + in.fileName);
            Files.createDirectories(keep.getParent());
            Files.write(keep, bytes);
        } catch (Exception ignored) {
            // best effort: the seed reproduces it anyway
        }
    }
}
