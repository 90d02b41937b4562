package uk.forcecompare.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What a run records of each definition: every setting a file may have, as the analyst wrote it. */
class IndicatorDefinitionSettingsTest {

    @Test
    void everySettingAFileMayHaveIsRecordedUnderItsOwnName() {
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(Path.of("jobs/indicators"));
        for (IndicatorDefinition d : catalogue.all()) {
            // a setting added to the files but not recorded would let an edit go unseen by `changes`
            assertThat(d.settings().keySet()).as(d.id()).containsExactlyElementsOf(IndicatorCatalogue.FIELDS);
        }
        // jobs/indicators/calls-999-answered-within-10s.yml, as written there
        Map<String, String> calls = catalogue.get("calls-999-answered-within-10s").orElseThrow().settings();
        assertThat(calls).containsEntry("id", "calls-999-answered-within-10s").containsEntry("kind", "proportion")
                .containsEntry("unit", "percent").containsEntry("numerator", "CALLS_999_ANSWERED_UNDER_10S")
                .containsEntry("denominator", "CALLS_999_TOTAL").containsEntry("part-of-whole", "true")
                .containsEntry("decimals", "1").containsEntry("target", "90")
                .containsEntry("target-label", "National standard: 90% within 10 seconds")
                .containsEntry("plausible-range", "30 to 100").containsEntry("fallback", "");
    }
}
