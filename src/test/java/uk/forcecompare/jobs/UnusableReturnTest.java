package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A force that sent a return the run could not use did send one: the log has the error about that file and no
 * "sent no return" warning, and its missing values say the return could not be used, so that nobody tells the
 * force it sent nothing.
 */
class UnusableReturnTest {

    private static final String NORFOLK = "E23000024", GWENT = "W15000002";

    @TempDir
    Path tmp;

    @Test
    void aReturnOfGarbageBytesIsUnusableNotMissing() throws IOException {
        Path collection = tmp.resolve("2024-spring");
        RestartAfterCrashTest.copyTree(Path.of("data/sample/2024-spring"), collection);
        Files.write(collection.resolve("returns/norfolk.xlsx"), new byte[] {0x13, 0x37, 0x00, 0x42, 0x7f, 0x01, 0x02, 0x03});
        Path out = tmp.resolve("out");

        CommandLineRuns.Outcome o = CommandLineRuns.run("run", collection.toString(), "--out", out.toString());
        assertThat(o.exitStatus()).as(o.output()).isEqualTo(3);

        List<Map<String, String>> log = CsvTables.read(out.resolve("2024-spring/validation-log.csv"));
        assertThat(log).filteredOn(r -> r.get("source_file").equals("returns/norfolk.xlsx"))
                .extracting(r -> r.get("rule")).containsExactly("file.unreadable");
        // the sample has no return from Gwent, which did not send one: that warning alone remains
        assertThat(log).filteredOn(r -> r.get("rule").equals("coverage.no-return")).extracting(r -> r.get("force_code"))
                .containsExactly(GWENT);

        // the 101 abandonment rate comes from the returns alone: Norfolk has no value, for the reason that holds
        List<Map<String, String>> table = CsvTables.read(out.resolve("2024-spring/calls-101-abandonment-rate/data.csv"));
        assertThat(table).filteredOn(r -> r.get("force_code").equals(NORFOLK)).singleElement().satisfies(r -> {
            assertThat(r.get("value")).isEmpty();
            assertThat(r.get("note")).isEqualTo("no data: its return returns/norfolk.xlsx could not be used: "
                    + "binary content that is neither CSV, XLSX nor ODS");
        });
    }
}
