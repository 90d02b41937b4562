package uk.forcecompare.jobs;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the command line shows a time: to the second, always with its seconds. LocalDateTime.toString() drops ":00"
 * seconds, so that a run started at 20:47:00 read "20:47" beside another's "20:47:21".
 */
final class ShownTime {
    private static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

    private ShownTime() {
    }

    static String of(LocalDateTime t) {
        return t.format(PATTERN);
    }

    /** In this machine's time zone, as history shows the same run's start. */
    static String of(OffsetDateTime t) {
        return of(t.atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime());
    }
}
