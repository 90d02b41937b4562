package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void saysRowsReadShareDoneRateAndTimeLeft() {
        Progress p = new Progress("records", 1000);
        p.advance(250, 1_000_000);
        String line = p.line();
        assertThat(line).startsWith("records: 1,000,000 rows read (25%), ").contains(" rows/s, ").endsWith(" left");
        p.advance(750, 3_000_000);
        assertThat(p.line()).contains("4,000,000 rows read (100%)").endsWith("0 s left");
    }
}
