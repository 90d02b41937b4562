package uk.forcecompare.records;

import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a data.police.uk file name says: {@code YYYY-MM-<slug>-street.csv}, {@code -stop-and-search.csv} or
 * {@code -outcomes.csv}. The folder it sits in ({@code YYYY-MM/} in the published archives) does not matter.
 */
record RecordFileName(YearMonth month, String slug, Type type) {

    enum Type {
        STREET("street"), STOP_AND_SEARCH("stop-and-search"), OUTCOMES("outcomes");

        final String suffix;

        Type(String suffix) {
            this.suffix = suffix;
        }
    }

    private static final Pattern NAME =
            Pattern.compile("(\\d{4})-(\\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)-(street|stop-and-search|outcomes)\\.csv");

    /** Parses the last segment of a path or a bare file name. */
    static Optional<RecordFileName> parse(String pathOrName) {
        Matcher m = matcher(pathOrName);
        if (m == null) return Optional.empty();
        YearMonth month = month(m);
        if (month == null) return Optional.empty();
        Type type = switch (m.group(4)) {
            case "street" -> Type.STREET;
            case "stop-and-search" -> Type.STOP_AND_SEARCH;
            default -> Type.OUTCOMES;
        };
        return Optional.of(new RecordFileName(month, m.group(3), type));
    }

    /**
     * The month of a name that has a data.police.uk file name's shape but whose month is none ("2023-13", "2023-00"),
     * with the slug it names; empty for every other name.
     */
    static Optional<NotAMonth> monthNotAMonth(String pathOrName) {
        Matcher m = matcher(pathOrName);
        if (m == null || month(m) != null) return Optional.empty();
        return Optional.of(new NotAMonth(m.group(1) + "-" + m.group(2), m.group(3)));
    }

    /** "2023-13" and "norfolk" of {@code 2023-13-norfolk-street.csv}. */
    record NotAMonth(String month, String slug) {
    }

    private static Matcher matcher(String pathOrName) {
        if (pathOrName == null) return null;
        String n = pathOrName.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        Matcher m = NAME.matcher(n);
        return m.matches() ? m : null;
    }

    private static YearMonth month(Matcher m) {
        try {
            return YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
