package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What `changes` and run.json say of two runs' indicator definitions. */
class DefinitionChangesTest {

    private static Map<String, String> settings(String decimals, String target, String title) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("title", title);
        s.put("decimals", decimals);
        s.put("target", target);
        return s;
    }

    @Test
    void editedSettingsThenIndicatorsAddedAndRemoved() {
        Map<String, Map<String, String>> before = new LinkedHashMap<>();
        before.put("calls-999-answered-within-10s", settings("1", "90", "999 calls"));
        before.put("precept-share", settings("1", "", "Precept share"));
        Map<String, Map<String, String>> after = new LinkedHashMap<>();
        after.put("calls-999-answered-within-10s", settings("0", "", "999 calls answered"));
        after.put("inj-share", settings("1", "", "Injunctions"));

        var changes = DefinitionChanges.between(before, after);
        assertThat(changes).extracting(Object::toString).containsExactly(
                "calls-999-answered-within-10s: title '999 calls' -> '999 calls answered'; decimals 1 -> 0; target 90 -> (none)",
                "inj-share: added",
                "precept-share: removed");
        assertThat(changes).extracting(DefinitionChanges.Change::line).containsExactly(
                "Definition changed: calls-999-answered-within-10s: title '999 calls' -> '999 calls answered'; decimals 1 -> 0; "
                        + "target 90 -> (none)",
                "Indicator added: inj-share",
                "Indicator removed: precept-share (no longer published)");
    }

    @Test
    void aRunFromBeforeDefinitionsWereKeptIsNotCompared() {
        assertThat(DefinitionChanges.between(Map.of(), Map.of("inj-share", settings("1", "", "Injunctions")))).isEmpty();
        // the same settings: nothing to say
        assertThat(DefinitionChanges.between(Map.of("a", settings("1", "", "A")), Map.of("a", settings("1", "", "A"))))
                .isEmpty();
    }
}
