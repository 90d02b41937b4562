package uk.forcecompare.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an analyst changed in the indicator definitions between two publications: an edited target or number of
 * decimals republishes every chart and sentence without moving a value, and the report author needs to see why.
 */
final class DefinitionChanges {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DefinitionChanges() {
    }

    static String toJson(Map<String, String> settings) {
        return JSON.writeValueAsString(settings);
    }

    static Map<String, String> fromJson(String json) {
        return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
    }

    /** One indicator's change: its settings that moved ("decimals 1 -> 0; target 90 -> 85"), or added or removed. */
    record Change(String indicatorId, String what) {
        static final String ADDED = "added";
        static final String REMOVED = "removed";

        /** as run.json lists it: "calls-999-answered-within-10s: decimals 1 -> 0", "precept-share: removed" */
        @Override
        public String toString() {
            return indicatorId + ": " + what;
        }

        /** as {@code changes} prints it */
        String line() {
            return switch (what) {
                case ADDED -> "Indicator added: " + indicatorId;
                case REMOVED -> "Indicator removed: " + indicatorId + " (no longer published)";
                default -> "Definition changed: " + this;
            };
        }
    }

    /**
     * Each indicator whose settings differ, then those one run computed and the other did not (a chart that
     * appeared or went). Nothing where the earlier run's definitions are not known (a run from before they were kept).
     */
    static List<Change> between(Map<String, Map<String, String>> before, Map<String, Map<String, String>> after) {
        List<Change> out = new ArrayList<>();
        if (before.isEmpty()) return out;
        for (var e : after.entrySet()) {
            Map<String, String> was = before.get(e.getKey());
            if (was == null) continue;
            List<String> settings = new ArrayList<>();
            Map<String, String> is = e.getValue();
            List<String> names = new ArrayList<>(is.keySet());
            was.keySet().stream().filter(k -> !is.containsKey(k)).forEach(names::add);
            for (String name : names) {
                String a = was.getOrDefault(name, ""), b = is.getOrDefault(name, "");
                if (!a.equals(b)) settings.add(name + " " + shown(a) + " -> " + shown(b));
            }
            if (!settings.isEmpty()) out.add(new Change(e.getKey(), String.join("; ", settings)));
        }
        after.keySet().stream().filter(id -> !before.containsKey(id)).forEach(id -> out.add(new Change(id, Change.ADDED)));
        before.keySet().stream().filter(id -> !after.containsKey(id)).forEach(id -> out.add(new Change(id, Change.REMOVED)));
        return out;
    }

    /** a setting as the line quotes it: a word or number bare, text with spaces in quotes, nothing as "(none)" */
    private static String shown(String v) {
        if (v.isEmpty()) return "(none)";
        return v.matches("[\\w.+-]+") ? v : "'" + v + "'";
    }
}
