package uk.forcecompare.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.validation.Rule;

/** The malformed-input corpus: each file gives exactly one structural error and no observations, and never throws. */
class MalformedInputTest {

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @CsvSource({
            "truncated.xlsx,         POLICE_UK_999,  FILE_UNREADABLE, truncated",
            "really-csv.xlsx,        POLICE_UK_999,  FILE_UNREADABLE, text",
            "zip-bomb.xlsx,          POLICE_UK_999,  FILE_UNREADABLE, zip bomb",
            "plain-zip.xlsx,         POLICE_UK_999,  FILE_UNREADABLE, neither",
            "truncated.ods,          HOME_OFFICE_WORKFORCE, FILE_UNREADABLE, truncated",
            "legacy.xls,             POLICE_UK_999,  FILE_UNREADABLE, 97-2003",
            "latin1.csv,             POLICE_UK_999,  FILE_UNREADABLE, UTF-8",
            "unterminated-quote.csv, POLICE_UK_999,  FILE_UNREADABLE, CSV",
            "binary.csv,             POLICE_UK_999,  FILE_UNREADABLE, binary",
            "empty.csv,              POLICE_UK_999,  FILE_UNREADABLE, the file is empty (0 bytes)",
            "empty.ods,              ONS_POPULATION, FILE_UNREADABLE, the file is empty (0 bytes)",
            "empty.xlsx,             FORCE_RETURN,   FILE_UNREADABLE, the file is empty (0 bytes)",
            "missing-column.csv,     POLICE_UK_999,  COLUMN_MISSING,  Calls answered in under 10 seconds",
            "really-csv.xlsx,        FORCE_RETURN,   FILE_UNREADABLE, text",
    })
    void oneErrorAndNothingRead(String file, SourceKind kind, Rule rule, String messagePart) {
        Path path = Fixtures.RESOURCES.resolve("malformed").resolve(file);
        Fixtures.Output out = new Fixtures.Output();
        ReadSummary summary = new Sources(Fixtures.FORCES).read(Fixtures.source(path, "malformed/" + file, kind), out);

        assertThat(out.observations).isEmpty();
        assertThat(out.findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(rule);
            assertThat(f.sourceFile()).isEqualTo("malformed/" + file);
            assertThat(f.message()).containsIgnoringCase(messagePart);
        });
        assertThat(summary.readable()).isEqualTo(rule != Rule.FILE_UNREADABLE);
    }
}
