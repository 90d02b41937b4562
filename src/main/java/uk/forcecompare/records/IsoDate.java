package uk.forcecompare.records;

import java.time.YearMonth;

/**
 * The month of an ISO 8601 date or date-time as written in a data.police.uk stop-and-search {@code Date}
 * ({@code 2023-01-05T10:20:00+00:00}), read from bytes: a month's file has tens of thousands of rows, and a
 * {@code java.time} parse of each cost more than scanning it.
 *
 * <p>Accepted, with spaces or tabs around it: {@code YYYY-MM-DD}, optionally followed by {@code T} (or a space) and
 * {@code hh:mm}, {@code hh:mm:ss} or {@code hh:mm:ss.fraction}, then optionally {@code Z} or an offset {@code ±hh},
 * {@code ±hhmm} or {@code ±hh:mm}. The date must exist (no 2023-02-30). The month is the one written, whatever the
 * offset: the file is the force's month as it published it.
 */
final class IsoDate {

    /** What {@link #month} returns for text that is not such a date (blank included). */
    static final int NONE = -1;

    private IsoDate() {
    }

    /** A month as {@link #month} gives it: year × 12 + month − 1. */
    static int index(YearMonth m) {
        return m.getYear() * 12 + m.getMonthValue() - 1;
    }

    /** The month of {@code b[from..to)} as year × 12 + month − 1, or {@link #NONE}. */
    static int month(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) from++;
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) to--;
        if (to - from < 10 || b[from + 4] != '-' || b[from + 7] != '-') return NONE;
        int year = digits(b, from, 4), month = digits(b, from + 5, 2), day = digits(b, from + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) return NONE;
        int p = from + 10;
        if (p < to && !time(b, p, to)) return NONE;
        return year * 12 + month - 1;
    }

    /** Whether {@code b[p..to)} is a separator, a time of day and an optional offset. */
    private static boolean time(byte[] b, int p, int to) {
        if (b[p] != 'T' && b[p] != 't' && b[p] != ' ') return false;
        p++;
        if (to - p < 5 || b[p + 2] != ':' || !below(b, p, 24) || !below(b, p + 3, 60)) return false;
        p += 5;
        if (p < to && b[p] == ':') {
            if (to - p < 3 || !below(b, p + 1, 60)) return false;
            p += 3;
            if (p < to && b[p] == '.') {
                int start = ++p;
                while (p < to && p - start < 9 && isDigit(b[p])) p++;
                if (p == start) return false;
            }
        }
        if (p == to) return true;
        if (b[p] == 'Z' || b[p] == 'z') return p + 1 == to;
        if (b[p] != '+' && b[p] != '-') return false;
        p++;
        if (to - p < 2 || !below(b, p, 19)) return false;
        p += 2;
        if (p == to) return true;
        if (b[p] == ':') p++;
        return to - p == 2 && below(b, p, 60);
    }

    private static int lengthOfMonth(int year, int month) {
        if (month == 2) return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Whether the two digits at {@code p} make a number below {@code limit}. */
    private static boolean below(byte[] b, int p, int limit) {
        int n = digits(b, p, 2);
        return n >= 0 && n < limit;
    }

    private static int digits(byte[] b, int p, int n) {
        int v = 0;
        for (int i = p; i < p + n; i++) {
            if (!isDigit(b[i])) return -1;
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
