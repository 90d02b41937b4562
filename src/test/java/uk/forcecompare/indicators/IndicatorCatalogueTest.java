package uk.forcecompare.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.collection.ManifestException;

/**
 * An analyst's mistake in an indicator file is refused with the file and the setting named, before anything runs:
 * never ignored (a misspelt target would drop the target line without a word), never a crash later in the run.
 */
class IndicatorCatalogueTest {

    @TempDir
    Path folder;

    private static final String ABANDONED = """
            id: calls-101-abandonment-rate
            title: 101 call abandonment rate
            chart-subject: Proportion of 101 calls abandoned
            kind: proportion
            unit: percent
            numerator: [CALLS_101_ABANDONED]
            denominator: [CALLS_101_RECEIVED]
            part-of-whole: true
            decimals: 1
            axis-label: Percentage of 101 calls abandoned
            source-note: "Source: HMICFRS data collection"
            plausible-range: [0, 60]
            """;

    private Path write(String yaml) throws IOException {
        return Files.writeString(folder.resolve("calls-101-abandonment-rate.yml"), yaml);
    }

    private void assertRefused(String yaml, String... message) throws IOException {
        Path f = write(yaml);
        assertThatThrownBy(() -> IndicatorCatalogue.load(folder)).isInstanceOf(ManifestException.class)
                .hasMessageContaining(f.toString()).hasMessageContainingAll(message);
    }

    @Test
    void theStockDefinitionLoads() throws IOException {
        write(ABANDONED);
        IndicatorDefinition d = IndicatorCatalogue.load(folder).get("calls-101-abandonment-rate").orElseThrow();
        assertThat(d.partOfWhole()).isTrue();
        assertThat(d.decimals()).isEqualTo(1);
        assertThat(d.plausibleRange().orElseThrow()).containsExactly(0, 60);
    }

    @Test
    void mistakesAreRefusedNamingTheSetting() throws IOException {
        assertRefused(ABANDONED + "targt: 90\n", "unknown setting 'targt'");
        assertRefused(ABANDONED + "target: 150\n", "target 150 is not a percentage (0 to 100)");
        assertRefused(ABANDONED + "target: ninety\n", "target must be a number, not 'ninety'");
        assertRefused(ABANDONED.replace("plausible-range: [0, 60]", "plausible-range: [60, 0]"),
                "plausible-range [60, 0] runs backwards");
        assertRefused(ABANDONED.replace("decimals: 1", "decimals: one"), "decimals must be a whole number from 0 to 6, not 'one'");
        assertRefused(ABANDONED.replace("part-of-whole: true", "part-of-whole: maybe"), "part-of-whole must be true or false, not 'maybe'");
        assertRefused(ABANDONED.replace("title: 101 call abandonment rate", "title: [a, b]"), "'title' must be text");
        assertRefused(ABANDONED + "target-label: [x]\n", "'target-label' must be text");
        assertRefused(ABANDONED.replace("[CALLS_101_ABANDONED]", "{a: 1}"), "'numerator' must list measure codes");
        assertRefused(ABANDONED + "target: [90]\n", "target must be a number");
        assertRefused(ABANDONED.replace("[CALLS_101_ABANDONED]", "[CALLS_101_ABANDOND]"),
                "numerator names measure 'CALLS_101_ABANDOND', which no source gives", "CALLS_101_ABANDONED");
        Files.delete(folder.resolve("calls-101-abandonment-rate.yml"));
        Files.writeString(folder.resolve("QA_Bad.yml"), ABANDONED.replace("id: calls-101-abandonment-rate", "id: QA_Bad"));
        assertThatThrownBy(() -> IndicatorCatalogue.load(folder)).isInstanceOf(ManifestException.class)
                .hasMessageContaining("id 'QA_Bad' may contain only a-z, 0-9 and '-'");
    }

    @Test
    void aProportionIsAlwaysCheckedForAPartAboveItsWhole() throws IOException {
        // without the line, a part above its whole would reach the funnel plot as a proportion above 1
        write(ABANDONED.replace("part-of-whole: true\n", ""));
        assertThat(IndicatorCatalogue.load(folder).get("calls-101-abandonment-rate").orElseThrow().partOfWhole()).isTrue();
    }

    @Test
    void anEditedDefinitionHasAnotherDigest() throws IOException {
        write(ABANDONED);
        String before = IndicatorCatalogue.load(folder).sha256();
        assertThat(IndicatorCatalogue.load(folder).sha256()).isEqualTo(before).hasSize(64);
        write(ABANDONED + "target: 10\n");
        assertThat(IndicatorCatalogue.load(folder).sha256()).isNotEqualTo(before);
    }
}
