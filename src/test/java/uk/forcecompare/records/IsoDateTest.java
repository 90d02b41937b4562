package uk.forcecompare.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class IsoDateTest {

    static int month(String text) {
        byte[] b = ("x" + text + "y").getBytes(StandardCharsets.UTF_8);
        return IsoDate.month(b, 1, b.length - 1);
    }

    @Test
    void theMonthAsWritten() {
        int jan2023 = IsoDate.index(YearMonth.of(2023, 1));
        assertThat(jan2023).isEqualTo(2023 * 12);
        assertThat(month("2023-01-05T10:20:00+00:00")).isEqualTo(jan2023);
        assertThat(month("2023-01-31T23:30:00-01:00")).isEqualTo(jan2023); // 1 February in UTC: the month written counts
        assertThat(month("2023-01-05")).isEqualTo(jan2023);
        assertThat(month(" 2023-01-05T10:20:00Z\t")).isEqualTo(jan2023);
        assertThat(month("2023-01-05 10:20")).isEqualTo(jan2023);
        assertThat(month("2023-01-05T10:20:00.123456+0100")).isEqualTo(jan2023);
        assertThat(month("2024-02-29T00:00:00+00:00")).isEqualTo(IsoDate.index(YearMonth.of(2024, 2)));
        for (String none : new String[] {"", "  ", "2023-01", "2023-1-05", "2023-13-05", "2023-00-05", "2023-02-29", "2023-01-32",
                "2023-01-00", "05/01/2023", "2023-01-05T", "2023-01-05T24:00", "2023-01-05T10:60", "2023-01-05T10:20:61",
                "2023-01-05X10:20", "2023-01-05T10:20:00+", "2023-01-05T10:20:00+1", "2023-01-05T10:20:00+01:0",
                "2023-01-05T10:20:00.", "2023-01-05T10:20:00ZZ", "2023-01-05T10:20:00 +00:00", "yesterday", "2023-01-05 and more"}) {
            assertThat(month(none)).as("'%s'", none).isEqualTo(IsoDate.NONE);
        }
    }

    /** Every date-time java.time writes in the forms data.police.uk uses is read, in its written month. */
    @Test
    void whatJavaTimeWritesIsRead() {
        SplittableRandom r = new SplittableRandom(5);
        DateTimeFormatter[] forms = {DateTimeFormatter.ISO_OFFSET_DATE_TIME, DateTimeFormatter.ISO_LOCAL_DATE_TIME,
                DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ISO_INSTANT};
        for (int i = 0; i < 50_000; i++) {
            LocalDateTime t = LocalDateTime.of(LocalDate.ofEpochDay(r.nextLong(-700_000, 2_900_000)),
                    java.time.LocalTime.ofNanoOfDay(r.nextLong(86_400_000_000_000L)));
            if (r.nextBoolean()) t = t.withNano(0);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(r.nextInt(-18 * 60, 18 * 60 + 1) * 60);
            OffsetDateTime o = OffsetDateTime.of(t, offset);
            DateTimeFormatter form = forms[r.nextInt(forms.length)];
            String text = form.format(form == DateTimeFormatter.ISO_INSTANT ? o.toInstant() : o);
            YearMonth written = YearMonth.from(form == DateTimeFormatter.ISO_INSTANT ? o.toInstant().atOffset(ZoneOffset.UTC) : o);
            assertThat(month(text)).as(text).isEqualTo(IsoDate.index(written));
        }
    }

    /** Nothing is read as a date that java.time does not read as one, in the same month. */
    @Test
    void whatIsReadJavaTimeReadsToo() {
        SplittableRandom r = new SplittableRandom(9);
        String alphabet = "0123456789-:T+Z. 0123456789";
        String[] seeds = {"2023-01-05T10:20:00+00:00", "2024-02-29", "2023-12-31T23:59:59.5Z", "2023-06-01 08:00"};
        int read = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder(seeds[r.nextInt(seeds.length)]);
            for (int k = r.nextInt(3); k >= 0; k--) {
                int at = r.nextInt(sb.length());
                switch (r.nextInt(3)) {
                    case 0 -> sb.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
                    case 1 -> sb.deleteCharAt(at);
                    default -> sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                }
            }
            String text = sb.toString();
            int m = month(text);
            if (m == IsoDate.NONE) continue;
            read++;
            assertThat(IsoDate.index(YearMonth.from(javaTime(text.strip().replace(' ', 'T'))))).as(text).isEqualTo(m);
        }
        assertThat(read).isGreaterThan(10_000);
    }

    private static TemporalAccessor javaTime(String text) {
        try {
            return DateTimeFormatter.ISO_DATE_TIME.parse(text);
        } catch (DateTimeParseException e) {
            // a date alone; an offset without a colon (+0100), which ISO_DATE_TIME does not take
            if (!text.contains("T")) return DateTimeFormatter.ISO_LOCAL_DATE.parse(text);
            return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS][.S][XX][X]").parse(text);
        }
    }
}
