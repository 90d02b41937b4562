package uk.forcecompare.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFilesTest {

    @TempDir
    Path tmp;

    @Test
    void anEmptyFirstFieldIsBareLikeEveryOtherEmptyField() throws Exception {
        Path file = tmp.resolve("data.csv");
        CsvFiles.write(file, List.of("rank", "force_code", "force_name", "value", "note"), List.of(
                List.of("1", "E23000024", "Norfolk", "87.1", ""),
                List.of("", "W15000002", "Gwent", "", "no data: no return from the force"),
                List.of("", "E23000032", "Kent, \"the garden\"", "", "")));
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("rank,force_code,force_name,value,note\n"
                + "1,E23000024,Norfolk,87.1,\n"
                + ",W15000002,Gwent,,no data: no return from the force\n"
                + ",E23000032,\"Kent, \"\"the garden\"\"\",,\n");
    }

    @Test
    void aRecordOfOneEmptyFieldIsStillQuotedSoItIsNotABlankLine() throws Exception {
        Path file = tmp.resolve("one.csv");
        CsvFiles.write(file, List.of("note"), List.of(List.of(""), List.of("x")));
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("note\n\"\"\nx\n");
    }
}
