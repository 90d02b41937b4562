package uk.forcecompare.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RecordFileReaderTest {

    /** The regex normalise() was before it became a loop. */
    private static String byRegex(String headerName) {
        return headerName.replace("\uFEFF", "").replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    @Test
    void normaliseIsTheRegexItReplaced() {
        assertThat(RecordFileReader.normalise("\uFEFFFalls\r\n within ")).isEqualTo("fallswithin");
        // \s is ASCII whitespace only: a no-break space or a line separator stays
        assertThat(RecordFileReader.normalise("Crime\u00A0type\u2028")).isEqualTo("crime\u00A0type\u2028");
        char[] alphabet = {'a', 'Z', 'İ', 'é', ' ', '\t', '\n', '\u000B', '\f', '\r', '\uFEFF', '\u00A0', '\u2028', '\u3000', '\u001C',
                '_', '-', '\uD83D', '\uDE00'};
        SplittableRandom rnd = new SplittableRandom(11);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(12);
            for (int i = 0; i < n; i++) sb.append(alphabet[rnd.nextInt(alphabet.length)]);
            String s = sb.toString();
            assertThat(RecordFileReader.normalise(s)).as("[%s]", s).isEqualTo(byRegex(s));
        }
    }
}
