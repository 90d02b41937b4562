package uk.forcecompare.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.collection.ManifestException;
import uk.forcecompare.collection.SourceKind;

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
    void aDefinitionInTwoFilesIsRefusedNamingBoth() throws IOException {
        write(ABANDONED);
        Path yaml = Files.writeString(folder.resolve("calls-101-abandonment-rate.yaml"),
                ABANDONED.replace("[CALLS_101_ABANDONED]", "[CALLS_101_RECEIVED]"));
        assertThatThrownBy(() -> IndicatorCatalogue.load(folder)).isInstanceOf(ManifestException.class)
                .hasMessage(yaml + " and " + folder.resolve("calls-101-abandonment-rate.yml")
                        + " both define indicator 'calls-101-abandonment-rate'; keep one of them");
    }

    @Test
    void aDefinitionWhoseExtensionIsInCapitalsIsReadAndCountsAsASecondFile() throws IOException {
        Path upper = Files.writeString(folder.resolve("calls-101-abandonment-rate.YML"), ABANDONED);
        assertThat(IndicatorCatalogue.load(folder).get("calls-101-abandonment-rate")).isPresent();
        Path lower = write(ABANDONED);
        assertThatThrownBy(() -> IndicatorCatalogue.load(folder)).isInstanceOf(ManifestException.class)
                .hasMessage(upper + " and " + lower + " both define indicator 'calls-101-abandonment-rate'; keep one of them");
    }

    @Test
    void aReloadSeesAnEditAndABrokenFolderKeepsWhatWasLoaded() throws IOException {
        write(ABANDONED);
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(folder);
        String before = catalogue.sha256();
        write(ABANDONED.replace("decimals: 1\n", "decimals: 2\n"));
        catalogue.reload();
        assertThat(catalogue.get("calls-101-abandonment-rate").orElseThrow().decimals()).isEqualTo(2);
        assertThat(catalogue.sha256()).isNotEqualTo(before);
        String edited = catalogue.sha256();

        write(ABANDONED + "target-label: [unclosed\n");
        assertThatThrownBy(catalogue::reload).isInstanceOf(ManifestException.class).hasMessageContaining("not valid YAML");
        assertThat(catalogue.get("calls-101-abandonment-rate").orElseThrow().decimals()).isEqualTo(2);
        assertThat(catalogue.sha256()).isEqualTo(edited);
    }

    @Test
    void populationIsADenominatorOnItsOwn() throws IOException {
        String perHead = ABANDONED.replace("kind: proportion", "kind: count-rate").replace("unit: percent", "unit: per-1000")
                .replace("part-of-whole: true\n", "");
        assertRefused(perHead.replace("[CALLS_101_RECEIVED]", "[CALLS_101_RECEIVED, POPULATION]"),
                ": denominator CALLS_101_RECEIVED, POPULATION adds POPULATION to other measures");
        assertRefused(ABANDONED.replace("[CALLS_101_RECEIVED]", "[CALLS_101_RECEIVED, POPULATION]"),
                "kind proportion needs a whole the numerator is part of, but the denominator includes POPULATION");
        // POPULATION alone, per 1,000: as every per-head indicator is
        write(perHead.replace("[CALLS_101_RECEIVED]", "[POPULATION]"));
        assertThat(IndicatorCatalogue.load(folder).get("calls-101-abandonment-rate")).isPresent();
    }

    @Test
    void aKeyGivenTwiceSaysWhichLine() throws IOException {
        // ABANDONED is 12 lines and gives decimals on line 9: the second one is line 13
        assertRefused(ABANDONED + "decimals: 2\n", "is not valid YAML: Duplicate Object property \"decimals\"", " at line 13");
    }

    @Test
    void aYamlMistakeSaysWhereItIs() throws IOException {
        // ABANDONED is 12 lines; the '[' of "target-label: [" is column 15 of line 13, and the file ends at line 14
        assertRefused(ABANDONED + "target-label: [unclosed\n", "is not valid YAML: while parsing a flow sequence at line 13, "
                + "column 15; expected ',' or ']', but got <stream end> at line 14, column 1. Fix the YAML and run again.");
        // the token met is ':', the first one on line 3 ("  kind: : proportion"), at column 7
        assertRefused("id: x\ntitle: [unclosed\n  kind: : proportion\n", "is not valid YAML: while parsing a flow sequence at "
                + "line 2, column 8; expected ',' or ']', but got : at line 3, column 7.");
    }

    @Test
    void aProportionOfThePopulationIsRefused() throws IOException {
        assertRefused(ABANDONED.replace("[CALLS_101_RECEIVED]", "[POPULATION]"),
                ": kind proportion needs a whole the numerator is part of, but the denominator is POPULATION; "
                        + "a rate per head of population is kind: count-rate");
        write(ABANDONED.replace("[CALLS_101_RECEIVED]", "[POPULATION]").replace("kind: proportion", "kind: count-rate")
                .replace("part-of-whole: true\n", ""));
        assertThat(IndicatorCatalogue.load(folder).get("calls-101-abandonment-rate")).isPresent();
    }

    private static final String FUNDING = """
            id: funding-per-1000
            title: Funding per head
            chart-subject: Funding per head of population
            kind: amount
            unit: per-1000
            numerator: [FUNDING_TOTAL_GBP]
            denominator: [POPULATION]
            axis-label: Funding per 1,000 people
            source-note: "Source: returns"
            fallback:
              FUNDING_TOTAL_GBP: HO_FUNDING_TOTAL_GBP
            """;

    @Test
    void aCollectionMayAskOnlyForIndicatorsItsSourcesCanGive() throws IOException {
        write(ABANDONED);
        Files.writeString(folder.resolve("funding-per-1000.yml"), FUNDING);
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(folder);
        Set<SourceKind> sample = EnumSet.of(SourceKind.ONS_POPULATION, SourceKind.POLICE_UK_999, SourceKind.FORCE_RETURN);
        catalogue.requireRunnable(List.of("calls-101-abandonment-rate", "funding-per-1000"), sample);
        // the Home Office funding table stands in for the returns' funding
        catalogue.requireRunnable(List.of("funding-per-1000"), EnumSet.of(SourceKind.ONS_POPULATION, SourceKind.HOME_OFFICE_FUNDING));

        assertThatThrownBy(() -> catalogue.requireRunnable(List.of("calls-101-abandonment-rate"),
                EnumSet.of(SourceKind.ONS_POPULATION, SourceKind.POLICE_UK_999)))
                .isInstanceOf(ManifestException.class)
                .hasMessage("collection.yml asks for calls-101-abandonment-rate, which needs CALLS_101_ABANDONED (101 calls abandoned); "
                        + "none of its sources (ons-population, police-uk-999) gives that: add a force-return source, or take "
                        + "calls-101-abandonment-rate out of its indicators");
        assertThatThrownBy(() -> catalogue.requireRunnable(List.of("funding-per-1000"), EnumSet.of(SourceKind.FORCE_RETURN)))
                .isInstanceOf(ManifestException.class)
                .hasMessage("collection.yml asks for funding-per-1000, which needs POPULATION (population); none of its sources "
                        + "(force-return) gives that: add an ons-population source, or take funding-per-1000 out of its indicators");
        assertThatThrownBy(() -> catalogue.requireRunnable(List.of("funding-per-1000"),
                EnumSet.of(SourceKind.ONS_POPULATION, SourceKind.HOME_OFFICE_WORKFORCE)))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("needs FUNDING_TOTAL_GBP or HO_FUNDING_TOTAL_GBP (total funding)")
                .hasMessageContaining("add a home-office-funding or force-return source");
        assertThatThrownBy(() -> catalogue.requireRunnable(List.of("no-such"), sample)).isInstanceOf(ManifestException.class)
                .hasMessageContaining("collection.yml names indicator 'no-such', which is not defined");
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
