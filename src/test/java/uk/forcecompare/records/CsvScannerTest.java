package uk.forcecompare.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvScannerTest {

    record Rec(long line, List<String> fields, CsvScanner.Problem problem, String raw) {
    }

    static List<Rec> scan(String text, int buffer, int expect) throws IOException {
        return scan(text.getBytes(StandardCharsets.UTF_8), buffer, expect);
    }

    static List<Rec> scan(byte[] bytes, int buffer, int expect) throws IOException {
        List<Rec> out = new ArrayList<>();
        try (CsvScanner s = new CsvScanner(new ByteArrayInputStream(bytes), buffer)) {
            s.skipBom();
            s.expectFields(expect);
            while (s.next()) {
                List<String> f = new ArrayList<>();
                for (int i = 0; i < Math.min(s.fieldCount(), CsvScanner.MAX_FIELDS); i++) f.add(s.fieldString(i));
                out.add(new Rec(s.line(), f, s.problem(), s.recordText()));
            }
        }
        return out;
    }

    @Test
    void fieldsQuotesAndLineEnds() throws IOException {
        String text = "\uFEFFa,\"b,c\",\"d \"\"e\"\"\"\r\nf,,g\rh,i,j\n\n\"k\nl\",m,n";
        for (int buffer : new int[] {16, 17, 19, 23, 64, 1 << 20}) {
            List<Rec> r = scan(text, buffer, 3);
            assertThat(r).extracting(Rec::fields).containsExactly(
                    List.of("a", "b,c", "d \"e\""), List.of("f", "", "g"), List.of("h", "i", "j"), List.of(""),
                    List.of("k\nl", "m", "n"));
            assertThat(r).extracting(Rec::line).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(r).extracting(Rec::problem).containsOnlyNulls();
        }
    }

    @Test
    void aStrayQuoteCostsOneLineOnly() throws IOException {
        String text = "a,b,c\n1,\"2,3\n4,5,6\n7,\"8\",9\n";
        for (int buffer : new int[] {16, 21, 1 << 20}) {
            List<Rec> r = scan(text, buffer, 3);
            assertThat(r).extracting(Rec::problem).containsExactly(null, CsvScanner.Problem.UNTERMINATED_QUOTE, null, null);
            assertThat(r.get(1).raw()).isEqualTo("1,\"2,3");
            assertThat(r).extracting(Rec::line).containsExactly(1L, 2L, 3L, 4L);
            assertThat(r.get(3).fields()).containsExactly("7", "8", "9");
        }
    }

    @Test
    void quoteOpenAtEndOfFile() throws IOException {
        List<Rec> r = scan("a,b\n1,\"2", 16, 2);
        assertThat(r).extracting(Rec::problem).containsExactly(null, CsvScanner.Problem.UNTERMINATED_QUOTE);
        assertThat(r.get(1).raw()).isEqualTo("1,\"2");
    }

    @Test
    void textAfterAClosingQuote() throws IOException {
        List<Rec> r = scan("a,b\n\"1\"x,2\n3,4\n", 1 << 20, 2);
        assertThat(r).extracting(Rec::problem).containsExactly(null, CsvScanner.Problem.TEXT_AFTER_QUOTE, null);
    }

    @Test
    void aVeryLongLineIsSkippedAndTheNextIsRead() throws IOException {
        String text = "a,b\n" + "x".repeat(CsvScanner.MAX_LINE_BYTES * 3) + ",1\r\n2,3\n";
        List<Rec> r = scan(text, 1 << 16, 2);
        assertThat(r).extracting(Rec::problem).containsExactly(null, CsvScanner.Problem.LINE_TOO_LONG, null);
        assertThat(r.get(2).fields()).containsExactly("2", "3");
        assertThat(r.get(2).line()).isEqualTo(3);
    }

    /** Random well-formed CSV with every kind of quoting: every field as commons-csv reads it, at any buffer size. */
    @Test
    void sameFieldsAsCommonsCsvOnRandomInput() throws IOException {
        SplittableRandom rnd = new SplittableRandom(20240601);
        String[] pieces = {"a", "Anti-social behaviour", ",", "\"", " ", "é", "On or near", "'", "x;y", "\n", "\r\n", ""};
        for (int round = 0; round < 200; round++) {
            int width = 1 + rnd.nextInt(6);
            StringBuilder sb = new StringBuilder();
            int rows = rnd.nextInt(40);
            String eol = rnd.nextBoolean() ? "\n" : "\r\n";
            for (int r = 0; r < rows; r++) {
                int breaks = 0;
                for (int f = 0; f < width; f++) {
                    if (f > 0) sb.append(',');
                    StringBuilder v = new StringBuilder();
                    int n = rnd.nextInt(4);
                    for (int k = 0; k < n; k++) {
                        String piece = pieces[rnd.nextInt(pieces.length)];
                        // a record may run over at most CsvScanner.MAX_SPAN_LINES lines
                        if (piece.contains("\n") && ++breaks > CsvScanner.MAX_SPAN_LINES - 1) piece = "b";
                        v.append(piece);
                    }
                    String s = v.toString();
                    boolean mustQuote = s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                            || (f == 0 && width == 1 && s.isEmpty());
                    if (mustQuote || rnd.nextInt(5) == 0) sb.append('"').append(s.replace("\"", "\"\"")).append('"');
                    else sb.append(s);
                }
                if (r < rows - 1 || rnd.nextBoolean()) sb.append(eol);
            }
            String text = sb.toString();
            List<List<String>> expected = new ArrayList<>();
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get().parse(new StringReader(text))) {
                expected.add(rec.toList());
            }
            for (int buffer : new int[] {16, 29, 4096}) {
                List<Rec> got = scan(text, buffer, width);
                // line breaks inside fields may exceed the span limits only in pathological cases; not generated here
                assertThat(got).as("round %d buffer %d: %s", round, buffer, text).extracting(Rec::fields).isEqualTo(expected);
                assertThat(got).allSatisfy(x -> assertThat(x.problem()).isNull());
            }
        }
    }

    /**
     * fieldEqualsFolded against the header folding ({@link RecordFileReader#normalise}) of crime types typed by hand:
     * "Anti-social behaviour" with its case, spacing and letters changed, quoted or not.
     */
    @Test
    void fieldEqualsFoldedIsTheHeaderFoldingOfACrimeType() throws IOException {
        String asb = "Anti-social behaviour";
        byte[] folded = RecordFileReader.normalise(asb).getBytes(StandardCharsets.UTF_8);
        char[] spaces = {' ', '\t', '\n', '\r', '\u000B', '\f', '\uFEFF', '\u00A0', '\u2028'};
        char[] others = {'\u212A', '\u0130', '\u0131', '\u00E9', '"', ',', '-', 'a', 'I', 'S'};
        SplittableRandom r = new SplittableRandom(17);
        int same = 0, different = 0;
        for (int round = 0; round < 30_000; round++) {
            StringBuilder sb = new StringBuilder(asb);
            for (int k = r.nextInt(5); k > 0 && sb.length() > 0; k--) {
                int at = r.nextInt(sb.length());
                switch (r.nextInt(4)) {
                    case 0 -> sb.setCharAt(at, Character.isUpperCase(sb.charAt(at))
                            ? Character.toLowerCase(sb.charAt(at)) : Character.toUpperCase(sb.charAt(at)));
                    case 1 -> sb.insert(r.nextBoolean() ? sb.length() : at, spaces[r.nextInt(spaces.length)]);
                    case 2 -> sb.setCharAt(at, others[r.nextInt(others.length)]);
                    default -> sb.deleteCharAt(at);
                }
            }
            String text = sb.toString();
            boolean expected = RecordFileReader.normalise(text).equals(RecordFileReader.normalise(asb));
            List<String> lines = new ArrayList<>(List.of("x,\"" + text.replace("\"", "\"\"") + "\",y\n"));
            if (text.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) lines.add("x," + text + ",y\n");
            for (String line : lines) {
                try (CsvScanner s = new CsvScanner(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), 64)) {
                    assertThat(s.next()).isTrue();
                    assertThat(s.fieldString(1)).isEqualTo(text);
                    assertThat(s.fieldEqualsFolded(1, folded)).as("[%s] in %s", text, line).isEqualTo(expected);
                }
            }
            if (expected) same++;
            else different++;
        }
        assertThat(same).isGreaterThan(3_000);
        assertThat(different).isGreaterThan(3_000);
    }

    // ---- the fast scanner against the plain byte loop it replaced (ReferenceCsvScanner)

    /** Everything a caller can see of one record. */
    record Seen(long line, int fieldCount, String problem, boolean blank, String raw, List<String> fields, List<Integer> lengths,
            List<Boolean> blanks, List<String> bytes, List<Boolean> equalities) {
    }

    /** Texts that fieldEquals and fieldEqualsIgnoreCase are asked about, besides each field's own text. */
    private static final byte[][] PROBES = {"Anti-social behaviour".getBytes(StandardCharsets.UTF_8),
            "ANTI-SOCIAL BEHAVIOUR".getBytes(StandardCharsets.UTF_8), "True".getBytes(StandardCharsets.UTF_8),
            "true".getBytes(StandardCharsets.UTF_8), "".getBytes(StandardCharsets.UTF_8), "a\"b".getBytes(StandardCharsets.UTF_8)};

    static List<Seen> seenByNew(byte[] input, int buffer, int expect) throws IOException {
        List<Seen> out = new ArrayList<>();
        try (CsvScanner s = new CsvScanner(new ByteArrayInputStream(input), buffer)) {
            boolean bom = s.skipBom();
            if (expect >= 0) s.expectFields(expect);
            while (s.next()) {
                int n = Math.min(s.fieldCount(), CsvScanner.MAX_FIELDS);
                List<String> f = new ArrayList<>(), b = new ArrayList<>();
                List<Integer> len = new ArrayList<>();
                List<Boolean> blank = new ArrayList<>(), eq = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    f.add(s.fieldString(i));
                    len.add(s.fieldLength(i));
                    blank.add(s.fieldBlank(i));
                    byte[] own = s.fieldBytes(i);
                    b.add(Arrays.toString(own));
                    for (byte[] probe : probesFor(own)) {
                        eq.add(s.fieldEquals(i, probe));
                        eq.add(s.fieldEqualsIgnoreCase(i, probe));
                    }
                }
                out.add(new Seen(s.line(), s.fieldCount(), s.problem() == null ? null : s.problem().name(), s.isBlank(),
                        s.recordText(), f, len, blank, b, eq));
            }
            out.add(new Seen(-1, bom ? 1 : 0, "end", false, "bytes read " + s.bytesRead(), List.of(), List.of(), List.of(), List.of(),
                    List.of()));
        }
        return out;
    }

    /** The same as {@link #seenByNew} with the reference scanner: keep the two in step. */
    static List<Seen> seenByReference(byte[] input, int buffer, int expect) throws IOException {
        List<Seen> out = new ArrayList<>();
        try (ReferenceCsvScanner s = new ReferenceCsvScanner(new ByteArrayInputStream(input), buffer)) {
            boolean bom = s.skipBom();
            if (expect >= 0) s.expectFields(expect);
            while (s.next()) {
                int n = Math.min(s.fieldCount(), ReferenceCsvScanner.MAX_FIELDS);
                List<String> f = new ArrayList<>(), b = new ArrayList<>();
                List<Integer> len = new ArrayList<>();
                List<Boolean> blank = new ArrayList<>(), eq = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    f.add(s.fieldString(i));
                    len.add(s.fieldLength(i));
                    blank.add(s.fieldBlank(i));
                    byte[] own = s.fieldBytes(i);
                    b.add(Arrays.toString(own));
                    for (byte[] probe : probesFor(own)) {
                        eq.add(s.fieldEquals(i, probe));
                        eq.add(s.fieldEqualsIgnoreCase(i, probe));
                    }
                }
                out.add(new Seen(s.line(), s.fieldCount(), s.problem() == null ? null : s.problem().name(), s.isBlank(),
                        s.recordText(), f, len, blank, b, eq));
            }
            out.add(new Seen(-1, bom ? 1 : 0, "end", false, "bytes read " + s.bytesRead(), List.of(), List.of(), List.of(), List.of(),
                    List.of()));
        }
        return out;
    }

    private static List<byte[]> probesFor(byte[] own) {
        List<byte[]> p = new ArrayList<>(Arrays.asList(PROBES));
        p.add(own);
        p.add(new String(own, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        if (own.length > 0) {
            byte[] changed = own.clone();
            changed[changed.length - 1] ^= 0x20;
            p.add(changed);
        }
        return p;
    }

    /** Fails at the first record where the two scanners differ, with the input and buffer size. */
    static void assertSameAsReference(byte[] input, int buffer, int expect, String what) throws IOException {
        List<Seen> want = seenByReference(input, buffer, expect);
        List<Seen> got = seenByNew(input, buffer, expect);
        String text = new String(input, StandardCharsets.UTF_8);
        String shown = text.length() <= 2000 ? text : text.substring(0, 2000) + "... (" + text.length() + " chars)";
        for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
            assertThat(got.get(i)).as("%s, buffer %d, expect %d, record %d of input [%s]", what, buffer, expect, i, shown)
                    .isEqualTo(want.get(i));
        }
        assertThat(got).as("%s, buffer %d, expect %d: number of records, input [%s]", what, buffer, expect, shown).hasSameSizeAs(want);
    }

    private static final String[] TEXTS = {"a", "Anti-social behaviour", "On or near Parking Area", "2023-05", "-1.222992",
            "53.348839", "é", " ", "\t", "'", "x;y", "1eaf03e1cac95c45d8d80887237898eebf0fd2b20904d91a902c4ba177c13705", "True"};

    /** Random field text without specials, of any length: short, eight bytes and around, long. */
    private static String text(SplittableRandom rnd) {
        if (rnd.nextInt(4) == 0) return TEXTS[rnd.nextInt(TEXTS.length)];
        int n = switch (rnd.nextInt(4)) {
            case 0 -> rnd.nextInt(3);
            case 1 -> 6 + rnd.nextInt(5);
            case 2 -> rnd.nextInt(20);
            default -> rnd.nextInt(90);
        };
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append((char) ('a' + rnd.nextInt(26)));
        return sb.toString();
    }

    private static String lineEnd(SplittableRandom rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> "\r\n";
            case 1 -> "\r";
            default -> "\n";
        };
    }

    /** Rows of about {@code width} fields: plain, quoted, quoted over line ends, damaged; every line end; odd widths. */
    private static String rows(SplittableRandom rnd, int width) {
        StringBuilder sb = new StringBuilder();
        int rows = rnd.nextInt(25);
        boolean sameEnds = rnd.nextBoolean();
        String eol = lineEnd(rnd);
        for (int r = 0; r < rows; r++) {
            int w = rnd.nextInt(8) == 0 ? Math.max(1, width + rnd.nextInt(5) - 2) : width;
            boolean wide = rnd.nextInt(60) == 0; // around MAX_FIELDS fields, most of them plain
            if (wide) w = CsvScanner.MAX_FIELDS - 1 + rnd.nextInt(4);
            for (int f = 0; f < w; f++) {
                if (f > 0) sb.append(',');
                switch (rnd.nextInt(wide ? 200 : 12)) {
                    case 0, 1 -> sb.append('"').append(text(rnd)).append('"');
                    case 2 -> sb.append('"').append(text(rnd)).append(", ").append(text(rnd)).append('"');
                    case 3 -> sb.append('"').append(text(rnd)).append("\"\"").append(text(rnd)).append("\"\"\"");
                    case 4 -> {
                        // quoted over line ends: accepted or not depending on the width and the span limits
                        sb.append('"').append(text(rnd));
                        int breaks = 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 12 : 3);
                        for (int k = 0; k < breaks; k++) sb.append(lineEnd(rnd)).append(text(rnd));
                        sb.append('"');
                    }
                    case 5 -> {
                        // damage: text after a closing quote, a quote never closed, a quote inside unquoted text
                        switch (rnd.nextInt(3)) {
                            case 0 -> sb.append('"').append(text(rnd)).append('"').append(text(rnd)).append(rnd.nextBoolean() ? "\"" : "");
                            case 1 -> sb.append('"').append(text(rnd));
                            default -> sb.append(text(rnd)).append('"').append(text(rnd));
                        }
                    }
                    default -> sb.append(text(rnd));
                }
            }
            if (r < rows - 1 || rnd.nextBoolean()) sb.append(sameEnds ? eol : lineEnd(rnd));
            if (rnd.nextInt(15) == 0) sb.append(lineEnd(rnd)); // a blank line
        }
        return sb.toString();
    }

    /** Specials and text in any order: quotes anywhere, runs of line ends, empty fields. */
    private static String soup(SplittableRandom rnd) {
        String[] tokens = {",", ",", "\"", "\"\"", "\n", "\r", "\r\n", ",\"", "\",", "\"\n", "\r\"", ",,,,,,,,"};
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(120);
        for (int i = 0; i < n; i++) sb.append(rnd.nextInt(3) == 0 ? text(rnd) : tokens[rnd.nextInt(tokens.length)]);
        return sb.toString();
    }

    /**
     * The eight-bytes-at-a-time scanner reads every input exactly as the byte loop it replaced: the same records,
     * lines, field counts, problems, fields (escaped or not), raw text, comparisons and bytes read, at buffer sizes
     * that put words and records across every kind of buffer boundary.
     */
    @Test
    void sameRecordsAsTheByteLoopOnRandomInput() throws IOException {
        SplittableRandom rnd = new SplittableRandom(20260601);
        Map<CsvScanner.Problem, Integer> problems = new EnumMap<>(CsvScanner.Problem.class);
        int multiLine = 0, escaped = 0, records = 0;
        for (int round = 0; round < 3000; round++) {
            int width = 1 + rnd.nextInt(12);
            String body = rnd.nextInt(4) == 0 ? soup(rnd) : rows(rnd, width);
            String text = (rnd.nextInt(5) == 0 ? "\uFEFF" : "") + body;
            byte[] input = text.getBytes(StandardCharsets.UTF_8);
            int expect = rnd.nextInt(4) == 0 ? -1 : rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(12) : width;
            for (int buffer : new int[] {16, 17, 31, 64, 16 + rnd.nextInt(300), 1 << 20}) {
                assertSameAsReference(input, buffer, expect, "round " + round);
            }
            // what the rounds covered, so that the comparison above is not vacuous
            List<Seen> seen = seenByNew(input, 1 << 20, expect);
            for (int i = 0; i < seen.size() - 1; i++) {
                Seen r = seen.get(i);
                records++;
                if (r.problem() != null) problems.merge(CsvScanner.Problem.valueOf(r.problem()), 1, Integer::sum);
                if (i + 1 < seen.size() - 1 && seen.get(i + 1).line() > r.line() + 1 && r.problem() == null) multiLine++;
                for (String f : r.fields()) if (f.contains("\"")) escaped++;
            }
        }
        assertThat(records).isGreaterThan(20_000);
        assertThat(problems.keySet()).contains(CsvScanner.Problem.UNTERMINATED_QUOTE, CsvScanner.Problem.TEXT_AFTER_QUOTE,
                CsvScanner.Problem.TOO_MANY_FIELDS);
        assertThat(multiLine).isGreaterThan(100);
        assertThat(escaped).isGreaterThan(100);
    }

    /** Lines near and over the longest line the buffer grows to: the same buffer growth and LINE_TOO_LONG handling. */
    @Test
    void sameLongLinesAsTheByteLoop() throws IOException {
        int longest = CsvScanner.MAX_LINE_BYTES + CsvScanner.MAX_SPAN_BYTES;
        SplittableRandom rnd = new SplittableRandom(7);
        for (int length : new int[] {5000, 1 << 20, 2 * longest - 40, 2 * longest + 3, 3 * CsvScanner.MAX_LINE_BYTES}) {
            StringBuilder sb = new StringBuilder("a,b\n");
            while (sb.length() < length) sb.append(text(rnd)).append(rnd.nextInt(10) == 0 ? "," : "");
            sb.append(rnd.nextBoolean() ? ",\"1\"\r" : ",1\r\n").append("2,3\n\"4\",5");
            byte[] input = sb.toString().getBytes(StandardCharsets.UTF_8);
            for (int buffer : new int[] {16, 1 << 16, 1 << 20}) {
                assertSameAsReference(input, buffer, 2, "line of " + length);
            }
        }
    }

    /** The comparison itself can fail: two inputs that differ by one byte do not read the same. */
    @Test
    void theComparisonSeesADifference() throws IOException {
        byte[] input = "a,b\n\"c,d\",e\n".getBytes(StandardCharsets.UTF_8);
        byte[] other = "a,b\n\"c,d\"x,e\n".getBytes(StandardCharsets.UTF_8);
        assertThat(seenByNew(input, 16, 2)).isEqualTo(seenByReference(input, 16, 2));
        assertThat(seenByNew(other, 16, 2)).isNotEqualTo(seenByReference(input, 16, 2));
        assertThatThrownBy(() -> {
            List<Seen> want = seenByReference(input, 16, 2);
            List<Seen> got = seenByNew(other, 16, 2);
            for (int i = 0; i < want.size(); i++) assertThat(got.get(i)).isEqualTo(want.get(i));
        }).isInstanceOf(AssertionError.class);
    }
}
