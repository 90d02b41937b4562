package uk.forcecompare.records;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small RFC 4180 scanner over a large byte buffer: one record at a time, no object per row or per field.
 * Each field is an offset pair into the buffer; only the fields a caller asks for become strings.
 * Memory is the buffer, whatever the number of rows.
 *
 * <p>Accepted: a UTF-8 byte order mark, CRLF, LF or a bare CR as line end, quoted fields with commas and
 * doubled quotes, a last line without a line end. A quote inside an unquoted field is kept as text.
 *
 * <p>A quoted field may run over a line end (RFC 4180), but only into a record that then has exactly the
 * expected number of fields and stays within {@link #MAX_SPAN_LINES} lines and {@link #MAX_SPAN_BYTES} bytes.
 * Otherwise the first physical line alone is reported as {@link Problem#UNTERMINATED_QUOTE} and scanning
 * resumes on the next line, so that one stray quote cannot swallow the rest of a file.
 *
 * <p>Speed: a data.police.uk file is millions of ~220-byte rows of ~12 short fields, nearly all on one line
 * and unquoted. Such a record is read eight bytes at a time ({@link #scanSimple}: SWAR, one {@code long} per
 * step, finding every comma, quote and line end in it at once); any other record, and any record that
 * reaches the last bytes of the buffer, is read by the plain byte loop ({@link #scan}), which decides every
 * odd case. The two read every input alike; the tests compare them with the byte loop as it was before
 * ({@code ReferenceCsvScanner}) on random input.
 */
final class CsvScanner implements Closeable {

    enum Problem {
        /** A quote opened a field and nothing closed it on that line. */
        UNTERMINATED_QUOTE,
        /** Text after a closing quote and before the next comma or line end. */
        TEXT_AFTER_QUOTE,
        /** A line longer than {@link #MAX_LINE_BYTES}: skipped whole. */
        LINE_TOO_LONG,
        /** More fields than the scanner keeps offsets for. */
        TOO_MANY_FIELDS
    }

    static final int MAX_FIELDS = 64;
    static final int MAX_SPAN_LINES = 8;
    static final int MAX_SPAN_BYTES = 64 * 1024;
    static final int MAX_LINE_BYTES = 1 << 20;
    static final int DEFAULT_BUFFER = 1 << 20;

    /** Eight bytes of a byte[] as one little-endian long: the byte at the lowest position is the lowest byte. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long COMMAS = 0x0101010101010101L * ',';
    private static final long LFS = 0x0101010101010101L * '\n';
    private static final long CRS = 0x0101010101010101L * '\r';
    private static final long QUOTES = 0x0101010101010101L * '"';

    private final InputStream in;
    private byte[] buf;
    private int limit;
    private int pos;
    private boolean eof;
    private long bytesRead;

    /** Fields a multi-line record must have to be accepted; -1 until the header is known. */
    private int expectFields = -1;
    private long nextLine = 1;

    // the current record
    private int recStart;
    private int recEnd;
    private long line;
    private int fieldCount;
    private Problem problem;
    /** the record ran to the end of the input with no line end: the last line of a file, perhaps cut short */
    private boolean noLineEnd;
    private final int[] fs = new int[MAX_FIELDS];
    private final int[] fe = new int[MAX_FIELDS];
    private final boolean[] escaped = new boolean[MAX_FIELDS];

    CsvScanner(InputStream in) {
        this(in, DEFAULT_BUFFER);
    }

    CsvScanner(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[Math.max(bufferSize, 16)];
    }

    void expectFields(int n) {
        expectFields = n;
    }

    /** Skips a UTF-8 byte order mark; call once, before the first {@link #next()}. */
    boolean skipBom() throws IOException {
        while (limit < 3 && !eof) fill();
        if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
            pos = 3;
            return true;
        }
        return false;
    }

    long bytesRead() {
        return bytesRead;
    }

    /** Moves to the next record; false at the end of the input. */
    boolean next() throws IOException {
        // the common record first; every other case (buffer end, end of input, odd quoting) as it always was
        int r = scanSimple(pos);
        if (r >= 0) {
            pos = r;
            return true;
        }
        return nextAnyRecord();
    }

    private boolean nextAnyRecord() throws IOException {
        while (true) {
            if (pos >= limit) {
                if (eof) return false;
                compactAndFill();
                continue;
            }
            int r = scan(pos);
            if (r >= 0) {
                pos = r;
                return true;
            }
            // ran out of buffer in the middle of the record: keep it, read more, scan it again
            if (eof) throw new IllegalStateException("scanner needs input after end of file");
            if (pos == 0 && limit == buf.length) {
                if (buf.length >= MAX_LINE_BYTES + MAX_SPAN_BYTES) {
                    skipLongLine();
                    return true;
                }
                byte[] bigger = new byte[buf.length * 2];
                System.arraycopy(buf, 0, bigger, 0, limit);
                buf = bigger;
            }
            compactAndFill();
        }
    }

    /** What {@link #scanSimple} returns for a record it leaves to {@link #scan}. */
    private static final int NOT_SIMPLE = -2;

    // where scanSimple is in the current field; ESCAPED is or'ed in once a quoted field has had a doubled quote
    private static final int UNQUOTED = 0, QUOTED = 1, AFTER_QUOTE = 2, ESCAPED = 4;

    /**
     * The common record, fast: one line, every field unquoted or quoted without a line end inside, no text after
     * a closing quote, at most {@link #MAX_FIELDS} fields, and all of it (line end included) in whole words before
     * the buffer's limit. Returns the position after it, having set the record as {@link #scan} would; or
     * {@link #NOT_SIMPLE}, having set nothing that {@code scan} does not set again, for every other record.
     *
     * <p>It visits the record's "specials" (comma, quote, LF, CR) in order: {@code m} holds those of the eight
     * bytes from {@code wp} not yet visited, one bit each, and the next is the lowest bit. A word often holds
     * more than one special, so there is one load and one {@link #specials} per eight bytes, not per field.
     * Which part of a field it is in is a variable, not a place in the code, so that words are read in one place
     * only: the JIT then sees one rarely taken "out of words" branch, not one per kind of field (each such branch
     * costs a deoptimisation and a recompilation the first time it is taken). Few local variables, so that the
     * loop's state stays in registers.
     */
    private int scanSimple(final int start) {
        final byte[] b = buf;
        int wp = start - Long.BYTES;
        long m = 0;
        int nf = 0;
        int p = start; // the start of the current field
        int state = UNQUOTED;
        int quote = 0; // in AFTER_QUOTE: where the quote that may close the field is
        while (true) {
            while (m == 0) {
                // limit - 8: the last position a whole word may be read from
                if ((wp += Long.BYTES) > limit - Long.BYTES) return NOT_SIMPLE;
                m = specials((long) LONGS.get(b, wp));
            }
            int q = wp + (Long.numberOfTrailingZeros(m) >>> 3);
            m &= m - 1;
            byte c = b[q];
            if (state == UNQUOTED) {
                if (c == '"') {
                    // a quote opens a field only as its first byte; later it is text
                    if (q == p) state = QUOTED;
                    continue;
                }
                if (nf == MAX_FIELDS) return NOT_SIMPLE;
                fs[nf] = p;
                fe[nf] = q;
                escaped[nf] = false;
            } else if ((state & ~ESCAPED) == QUOTED) {
                if (c == ',') continue;
                if (c != '"') return NOT_SIMPLE; // a line end inside quotes: a multi-line record, scan's rules
                state += AFTER_QUOTE - QUOTED;
                quote = q;
                continue;
            } else {
                // a closing quote is followed at once by a comma or line end, a doubled quote by a quote
                if (q != quote + 1) return NOT_SIMPLE; // text after the closing quote
                if (c == '"') {
                    state = QUOTED | ESCAPED;
                    continue;
                }
                if (nf == MAX_FIELDS) return NOT_SIMPLE;
                fs[nf] = p + 1;
                fe[nf] = quote;
                escaped[nf] = state != AFTER_QUOTE;
            }
            // c, a comma or a line end, ends the field
            nf++;
            if (c == ',') {
                p = q + 1;
                state = UNQUOTED;
                continue;
            }
            if (c == '\n') return finish(start, q, q + 1, nf, 1, null, -1, -1);
            // CR: whether LF follows decides where the next record starts
            if (q + 1 >= limit) return NOT_SIMPLE;
            return finish(start, q, b[q + 1] == '\n' ? q + 2 : q + 1, nf, 1, null, -1, -1);
        }
    }

    /**
     * 0x80 in each byte of {@code w} that is a comma, quote, LF or CR, 0 in every other byte; exact for every
     * byte, not only the first. For each character c sought, {@code (w7 ^ c) + 0x7F} (w7: the low seven bits of
     * each byte) has bit 7 set in each byte that differs from c, and cannot carry into the next byte; a byte is
     * found when that bit is clear for some c and its own bit 7 is clear too (c is ASCII, so UTF-8 never matches).
     */
    private static long specials(long w) {
        long w7 = w & LOW7;
        long differs = ((w7 ^ COMMAS) + LOW7) & ((w7 ^ QUOTES) + LOW7) & ((w7 ^ LFS) + LOW7) & ((w7 ^ CRS) + LOW7);
        return ~(differs | w | LOW7);
    }

    /**
     * Scans one record from {@code p}. Returns the position after it (past its line end), or -1 when the
     * buffer ends first and more input may follow.
     */
    private int scan(int p) {
        final byte[] b = buf;
        final int lim = limit;
        final int start = p;
        int nf = 0;
        int lines = 1;
        int firstLineEnd = -1;
        int firstLineNext = -1;
        Problem prob = null;
        while (true) {
            // start of a field
            if (p < lim && b[p] == '"') {
                int cs = ++p;
                boolean esc = false;
                while (true) {
                    if (p >= lim) {
                        if (!eof) return -1;
                        // end of input inside a quote
                        return unterminated(start, firstLineEnd, firstLineNext, lim);
                    }
                    byte c = b[p];
                    if (c == '"') {
                        if (p + 1 < lim && b[p + 1] == '"') {
                            esc = true;
                            p += 2;
                            continue;
                        }
                        if (p + 1 >= lim && !eof) return -1;
                        break;
                    }
                    if (c == '\n' || c == '\r') {
                        if (c == '\r' && p + 1 >= lim && !eof) return -1;
                        boolean crlf = c == '\r' && p + 1 < lim && b[p + 1] == '\n';
                        if (firstLineEnd < 0) {
                            firstLineEnd = p;
                            firstLineNext = crlf ? p + 2 : p + 1;
                        }
                        if (crlf) p++;
                        lines++;
                        if (lines > MAX_SPAN_LINES || p - start > MAX_SPAN_BYTES) {
                            return unterminated(start, firstLineEnd, firstLineNext, lim);
                        }
                    }
                    p++;
                }
                if (nf < MAX_FIELDS) {
                    fs[nf] = cs;
                    fe[nf] = p;
                    escaped[nf] = esc;
                } else if (prob == null) {
                    prob = Problem.TOO_MANY_FIELDS;
                }
                nf++;
                p++; // past the closing quote
                if (p < lim) {
                    byte c = b[p];
                    if (c != ',' && c != '\n' && c != '\r') {
                        if (prob == null) prob = Problem.TEXT_AFTER_QUOTE;
                        // the rest of the field up to a comma or line end is part of the damage
                        while (p < lim && b[p] != ',' && b[p] != '\n' && b[p] != '\r') p++;
                        if (p >= lim && !eof) return -1;
                    }
                }
            } else {
                int cs = p;
                while (p < lim) {
                    byte c = b[p];
                    if (c == ',' || c == '\n' || c == '\r') break;
                    p++;
                }
                if (p >= lim && !eof) return -1;
                if (nf < MAX_FIELDS) {
                    fs[nf] = cs;
                    fe[nf] = p;
                    escaped[nf] = false;
                } else if (prob == null) {
                    prob = Problem.TOO_MANY_FIELDS;
                }
                nf++;
            }
            // after a field: a comma, a line end, or the end of the input
            if (p >= lim) {
                return finish(start, lim, lim, nf, lines, prob, firstLineEnd, firstLineNext);
            }
            byte c = b[p];
            if (c == ',') {
                p++;
                continue;
            }
            int end = p;
            if (c == '\r') {
                if (p + 1 >= lim && !eof) return -1;
                p += (p + 1 < lim && b[p + 1] == '\n') ? 2 : 1;
            } else {
                p++;
            }
            return finish(start, end, p, nf, lines, prob, firstLineEnd, firstLineNext);
        }
    }

    private int finish(int start, int end, int next, int nf, int lines, Problem prob, int firstLineEnd, int firstLineNext) {
        if (lines > 1 && expectFields >= 0 && (nf != expectFields || prob != null)) {
            return unterminated(start, firstLineEnd, firstLineNext, end);
        }
        recStart = start;
        recEnd = end;
        fieldCount = nf;
        problem = prob;
        noLineEnd = next == end;
        line = nextLine;
        nextLine += lines;
        return next;
    }

    /** The first physical line of a record whose quote never closed, reported alone. */
    private int unterminated(int start, int firstLineEnd, int firstLineNext, int end) {
        recStart = start;
        recEnd = firstLineEnd >= 0 ? firstLineEnd : end;
        fieldCount = 0;
        problem = Problem.UNTERMINATED_QUOTE;
        noLineEnd = firstLineEnd < 0;
        line = nextLine;
        nextLine += 1;
        return firstLineEnd >= 0 ? firstLineNext : end;
    }

    /** A line longer than the buffer may grow: reported with its first bytes, the rest skipped. */
    private void skipLongLine() throws IOException {
        recStart = 0;
        recEnd = Math.min(limit, 200);
        fieldCount = 0;
        problem = Problem.LINE_TOO_LONG;
        noLineEnd = false;
        line = nextLine;
        nextLine++;
        String head = new String(buf, 0, recEnd, StandardCharsets.UTF_8);
        while (true) {
            for (int p = 0; p < limit; p++) {
                byte c = buf[p];
                if (c == '\n' || c == '\r') {
                    int q = p + 1;
                    if (c == '\r') {
                        if (q >= limit && !eof) {
                            limit = 0;
                            fill();
                            q = (limit > 0 && buf[0] == '\n') ? 1 : 0;
                            keepHead(head, q);
                            return;
                        }
                        if (q < limit && buf[q] == '\n') q++;
                    }
                    keepHead(head, q);
                    return;
                }
            }
            if (eof) {
                keepHead(head, limit);
                return;
            }
            limit = 0;
            fill();
        }
    }

    /** Puts the reported head of a skipped line in front of the unread input. */
    private void keepHead(String head, int resumeAt) {
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        int rest = limit - resumeAt;
        byte[] nb = new byte[Math.max(buf.length, h.length + rest + 16)];
        System.arraycopy(h, 0, nb, 0, h.length);
        System.arraycopy(buf, resumeAt, nb, h.length, rest);
        buf = nb;
        recStart = 0;
        recEnd = h.length;
        pos = h.length;
        limit = h.length + rest;
    }

    private void compactAndFill() throws IOException {
        if (pos > 0) {
            int rest = limit - pos;
            System.arraycopy(buf, pos, buf, 0, rest);
            limit = rest;
            pos = 0;
        }
        fill();
    }

    private void fill() throws IOException {
        while (limit < buf.length) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                return;
            }
            if (n == 0) return;
            limit += n;
            bytesRead += n;
            if (limit >= buf.length) return;
        }
    }

    // ---- the current record

    /** Whether the record ended with the input rather than a line end (a well-formed last line may, too). */
    boolean noLineEnd() {
        return noLineEnd;
    }

    /** The physical line (1-based) the record starts on. */
    long line() {
        return line;
    }

    int fieldCount() {
        return fieldCount;
    }

    Problem problem() {
        return problem;
    }

    boolean isBlank() {
        return recEnd == recStart && problem == null;
    }

    /** Whether field {@code i} is exactly the ASCII text {@code expected} (already-escaped fields are compared unescaped). */
    boolean fieldEquals(int i, byte[] expected) {
        if (escaped[i]) return fieldString(i).equals(new String(expected, StandardCharsets.UTF_8));
        int s = fs[i];
        int len = fe[i] - s;
        if (len != expected.length) return false;
        for (int k = 0; k < len; k++) {
            if (buf[s + k] != expected[k]) return false;
        }
        return true;
    }

    /**
     * As {@link #fieldEquals} once ASCII spaces, tabs and U+FEFF around the field are left out (" 2023-01 " of a file
     * edited by hand). Slower than {@link #fieldEquals}: call it where that has said no.
     */
    boolean fieldEqualsTrimmed(int i, byte[] expected) {
        byte[] b = escaped[i] ? fieldBytes(i) : buf;
        int from = escaped[i] ? 0 : fs[i], to = escaped[i] ? b.length : fe[i];
        while (from < to) {
            if (b[from] == ' ' || b[from] == '\t') from++;
            else if (isBom(b, from, to)) from += 3;
            else break;
        }
        while (to > from) {
            if (b[to - 1] == ' ' || b[to - 1] == '\t') to--;
            else if (to - from >= 3 && isBom(b, to - 3, to)) to -= 3;
            else break;
        }
        return Arrays.equals(b, from, to, expected, 0, expected.length);
    }

    /** Whether U+FEFF (EF BB BF) starts at {@code p}. */
    private static boolean isBom(byte[] b, int p, int to) {
        return p + 2 < to && (b[p] & 0xFF) == 0xEF && (b[p + 1] & 0xFF) == 0xBB && (b[p + 2] & 0xFF) == 0xBF;
    }

    /** As {@link #fieldEquals} ignoring ASCII case. */
    boolean fieldEqualsIgnoreCase(int i, byte[] expected) {
        if (escaped[i]) return fieldString(i).equalsIgnoreCase(new String(expected, StandardCharsets.UTF_8));
        int s = fs[i];
        int len = fe[i] - s;
        if (len != expected.length) return false;
        for (int k = 0; k < len; k++) {
            int a = buf[s + k], e = expected[k];
            if (a != e && (a | 0x20) != (e | 0x20)) return false;
            if (a != e && ((a | 0x20) < 'a' || (a | 0x20) > 'z')) return false;
        }
        return true;
    }

    /**
     * Whether field {@code i} is {@code folded} (ASCII, lower case, no white space) once its ASCII white space and
     * U+FEFF are left out and its ASCII letters put in lower case, as header names are compared. Other characters are
     * not folded: a field with one is never equal to an ASCII text.
     */
    boolean fieldEqualsFolded(int i, byte[] folded) {
        if (escaped[i]) {
            byte[] unescaped = fieldBytes(i);
            return equalsFolded(unescaped, 0, unescaped.length, folded);
        }
        return equalsFolded(buf, fs[i], fe[i], folded);
    }

    private static boolean equalsFolded(byte[] b, int from, int to, byte[] folded) {
        int k = 0;
        for (int p = from; p < to; p++) {
            int c = b[p] & 0xFF;
            if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') continue;
            if (isBom(b, p, to)) {
                p += 2;
                continue;
            }
            if (c >= 0x80) return false;
            if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
            if (k == folded.length || folded[k++] != c) return false;
        }
        return k == folded.length;
    }

    int fieldLength(int i) {
        return fe[i] - fs[i];
    }

    /** Whether the field holds only spaces or nothing. */
    boolean fieldBlank(int i) {
        for (int k = fs[i]; k < fe[i]; k++) {
            if (buf[k] != ' ' && buf[k] != '\t') return false;
        }
        return true;
    }

    /**
     * The month of field {@code i} read as an ISO 8601 date or date-time ({@link IsoDate}): year × 12 + month − 1, or
     * {@link IsoDate#NONE} where it is none. A field with a doubled quote in it is none.
     */
    int fieldIsoMonth(int i) {
        return escaped[i] ? IsoDate.NONE : IsoDate.month(buf, fs[i], fe[i]);
    }

    /** The field's raw bytes (quotes removed, doubled quotes unescaped), for caching by content. */
    byte[] fieldBytes(int i) {
        if (escaped[i]) return fieldString(i).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[fe[i] - fs[i]];
        System.arraycopy(buf, fs[i], out, 0, out.length);
        return out;
    }

    String fieldString(int i) {
        String s = new String(buf, fs[i], fe[i] - fs[i], StandardCharsets.UTF_8);
        return escaped[i] ? s.replace("\"\"", "\"") : s;
    }

    /** The record's raw text, without its line end. */
    String recordText() {
        return new String(buf, recStart, recEnd - recStart, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
