package uk.forcecompare.collection;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A period as the contract writes it, always from text: {@code YYYY-MM} (one month), {@code YYYY-MM..YYYY-MM}
 * (months inclusive, summed), {@code FY2022/23} (April to March) or {@code YYYY-MM-DD} (a stock "as at" date).
 * Flows cover {@code start..end} inclusive; a stock has {@code start == end}.
 */
public record Period(LocalDate start, LocalDate end, Form form) implements Comparable<Period> {

    public enum Form { MONTH, MONTH_RANGE, FINANCIAL_YEAR, AS_AT, DATE_RANGE }

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2})\\s*\\.\\.\\s*(\\d{4}-\\d{2})");
    private static final Pattern FY = Pattern.compile("FY\\s*(\\d{4})\\s*/\\s*(\\d{2}|\\d{4})", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\s*\\.\\.\\s*(\\d{4}-\\d{2}-\\d{2})");
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    public Period {
        Objects.requireNonNull(start);
        Objects.requireNonNull(end);
        if (end.isBefore(start)) throw new IllegalArgumentException("period ends before it starts: " + start + ".." + end);
    }

    public static Period parse(String text) {
        if (text == null) throw new IllegalArgumentException("no period given");
        String t = text.strip();
        Matcher m;
        try {
            if ((m = RANGE.matcher(t)).matches()) {
                YearMonth a = YearMonth.parse(m.group(1)), b = YearMonth.parse(m.group(2));
                if (b.isBefore(a)) throw new IllegalArgumentException("month range ends before it starts: " + t);
                return new Period(a.atDay(1), b.atEndOfMonth(), a.equals(b) ? Form.MONTH : Form.MONTH_RANGE);
            }
            if (MONTH.matcher(t).matches()) return month(YearMonth.parse(t));
            if ((m = FY.matcher(t)).matches()) {
                int y = Integer.parseInt(m.group(1));
                String end = m.group(2);
                int endYear = end.length() == 2 ? (y / 100) * 100 + Integer.parseInt(end) : Integer.parseInt(end);
                if (endYear != y + 1 && !(end.length() == 2 && endYear + 100 == y + 1)) {
                    throw new IllegalArgumentException("a financial year runs April to March of the next year: " + t);
                }
                return financialYear(y);
            }
            if (DATE.matcher(t).matches()) return asAt(LocalDate.parse(t));
            if ((m = DATE_RANGE.matcher(t)).matches()) return between(LocalDate.parse(m.group(1)), LocalDate.parse(m.group(2)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a valid period: '" + t + "'", e);
        }
        throw new IllegalArgumentException("not a period: '" + t + "'; use YYYY-MM, YYYY-MM..YYYY-MM, FY2022/23 or YYYY-MM-DD");
    }

    public static Period month(YearMonth month) {
        return new Period(month.atDay(1), month.atEndOfMonth(), Form.MONTH);
    }

    public static Period months(YearMonth first, YearMonth last) {
        return new Period(first.atDay(1), last.atEndOfMonth(), first.equals(last) ? Form.MONTH : Form.MONTH_RANGE);
    }

    /** The financial year starting in April of {@code startYear}. */
    public static Period financialYear(int startYear) {
        return new Period(LocalDate.of(startYear, 4, 1), LocalDate.of(startYear + 1, 3, 31), Form.FINANCIAL_YEAR);
    }

    public static Period asAt(LocalDate date) {
        return new Period(date, date, Form.AS_AT);
    }

    /** A cover period as a force return states it (start and end dates); named in the contract's form where it has one. */
    public static Period between(LocalDate start, LocalDate end) {
        if (start.equals(end)) return asAt(start);
        if (start.getMonthValue() == 4 && start.getDayOfMonth() == 1 && end.equals(start.plusYears(1).minusDays(1))) {
            return financialYear(start.getYear());
        }
        if (start.getDayOfMonth() == 1 && end.equals(YearMonth.from(end).atEndOfMonth())) {
            return months(YearMonth.from(start), YearMonth.from(end));
        }
        return new Period(start, end, Form.DATE_RANGE);
    }

    public boolean isStock() {
        return form == Form.AS_AT;
    }

    public boolean contains(Period other) {
        return !other.start.isBefore(start) && !other.end.isAfter(end);
    }

    /**
     * Whether a value for this period can be set beside one for {@code other}: both stock dates, or both spans of the
     * same length (a financial year and a 12-month span, four months and four months). A count over four months is about
     * a third of one over twelve, so the two values differ without anything having changed.
     */
    public boolean sameLengthAndKind(Period other) {
        if (isStock() || other.isStock()) return isStock() && other.isStock();
        if (wholeMonths() && other.wholeMonths()) return months().size() == other.months().size();
        return java.time.temporal.ChronoUnit.DAYS.between(start, end) == java.time.temporal.ChronoUnit.DAYS.between(other.start, other.end);
    }

    private boolean wholeMonths() {
        return start.getDayOfMonth() == 1 && end.equals(YearMonth.from(end).atEndOfMonth());
    }

    /** The months of a flow period, first to last. */
    public java.util.List<YearMonth> months() {
        java.util.List<YearMonth> out = new java.util.ArrayList<>();
        for (YearMonth m = YearMonth.from(start); !m.isAfter(YearMonth.from(end)); m = m.plusMonths(1)) out.add(m);
        return out;
    }

    /** The contract's text form, which round-trips through {@link #parse}. */
    public String text() {
        return switch (form) {
            case MONTH -> YearMonth.from(start).toString();
            case MONTH_RANGE -> YearMonth.from(start) + ".." + YearMonth.from(end);
            case FINANCIAL_YEAR -> String.format(Locale.ROOT, "FY%d/%02d", start.getYear(), (start.getYear() + 1) % 100);
            case AS_AT -> start.toString();
            case DATE_RANGE -> start + ".." + end;
        };
    }

    /** The period as a report title says it: "the year ending 31 December 2023", "31 March 2023". */
    public String describe() {
        return switch (form) {
            case AS_AT -> LONG.format(start);
            case MONTH -> start.format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK));
            default -> {
                long months = months().size();
                boolean wholeMonths = wholeMonths();
                if (wholeMonths && months == 12) yield "the year ending " + LONG.format(end);
                if (wholeMonths) yield "the " + months + " months ending " + LONG.format(end);
                yield "the period " + LONG.format(start) + " to " + LONG.format(end);
            }
        };
    }

    @Override
    public int compareTo(Period o) {
        int c = start.compareTo(o.start);
        return c != 0 ? c : end.compareTo(o.end);
    }

    @Override
    public String toString() {
        return text();
    }
}
