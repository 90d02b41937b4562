package uk.forcecompare.collection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How forces are compared. The inspectorate's method is the default: the sample standard deviation (n - 1)
 * around the unweighted mean of every force with a value.
 *
 * @param sd {@code sample} or {@code population}
 * @param exclude forces (as names, aliases or codes) left out of every indicator's mean, SD and limits, named under charts
 * @param excludeByIndicator forces left out of one indicator's only: City of London's small resident population
 *        stretches a per-1,000 indicator's band, but not a percentage's
 */
public record ComparisonSettings(String sd, List<String> exclude, Map<String, List<String>> excludeByIndicator) {

    public static final ComparisonSettings DEFAULT = new ComparisonSettings("sample", List.of(), Map.of());

    public ComparisonSettings {
        if (!sd.equals("sample") && !sd.equals("population")) {
            throw new ManifestException("comparison.sd must be 'sample' or 'population', not '" + sd + "'");
        }
        exclude = List.copyOf(exclude);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        excludeByIndicator.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        excludeByIndicator = java.util.Collections.unmodifiableMap(copy);
    }

    public ComparisonSettings(String sd, List<String> exclude) {
        this(sd, exclude, Map.of());
    }

    public boolean populationSd() {
        return sd.equals("population");
    }

    /** The forces left out of one indicator: those of every indicator, then its own. */
    public List<String> excludedFrom(String indicatorId) {
        LinkedHashSet<String> names = new LinkedHashSet<>(exclude);
        names.addAll(excludeByIndicator.getOrDefault(indicatorId, List.of()));
        return new ArrayList<>(names);
    }

    /**
     * Refuses a name that is not one of the 43 forces: a misspelt exclusion would otherwise leave the force in the
     * mean without a word.
     */
    public void requireForces(Predicate<String> isForce) {
        List<String> where = new ArrayList<>();
        for (String e : exclude) if (!isForce.test(e)) where.add("'" + e + "' in comparison.exclude");
        excludeByIndicator.forEach((id, names) -> {
            for (String e : names) if (!isForce.test(e)) where.add("'" + e + "' in indicators." + id + ".exclude");
        });
        if (!where.isEmpty()) {
            throw new ManifestException("collection.yml: " + String.join(", ", where) + (where.size() == 1 ? " is" : " are")
                    + " not one of the 43 forces; write a force's name, alias or ONS code as data/reference/forces.csv has it");
        }
    }
}
