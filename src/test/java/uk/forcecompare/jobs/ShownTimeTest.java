package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** The command line shows every time with its seconds, ":00" included, and nothing finer. */
class ShownTimeTest {

    @Test
    void aTimeOnTheMinuteKeepsItsSeconds() {
        assertThat(ShownTime.of(LocalDateTime.of(2026, 12, 7, 20, 47, 0, 70_000_000))).isEqualTo("2026-12-07 20:47:00");
        assertThat(ShownTime.of(LocalDateTime.of(2026, 12, 7, 20, 58))).isEqualTo("2026-12-07 20:58:00");
        assertThat(ShownTime.of(LocalDateTime.of(2026, 12, 7, 20, 47, 21, 999_000_000))).isEqualTo("2026-12-07 20:47:21");
    }

    @Test
    void aPublicationTimeIsShownInThisMachinesZoneAsHistoryShowsItsRun() {
        LocalDateTime local = LocalDateTime.of(2026, 12, 7, 20, 47, 0);
        OffsetDateTime published = local.atZone(ZoneId.systemDefault()).toOffsetDateTime()
                .withOffsetSameInstant(java.time.ZoneOffset.ofHours(-7));
        assertThat(ShownTime.of(published)).isEqualTo("2026-12-07 20:47:00");
    }
}
