package uk.forcecompare.collection;

import java.util.List;

/**
 * How forces are compared. The inspectorate's method is the default: the sample standard deviation (n - 1)
 * around the unweighted mean of every force with a value.
 *
 * @param sd {@code sample} or {@code population}
 * @param exclude force codes left out of mean, SD and limits (for example City of London), named under charts
 */
public record ComparisonSettings(String sd, List<String> exclude) {

    public static final ComparisonSettings DEFAULT = new ComparisonSettings("sample", List.of());

    public ComparisonSettings {
        if (!sd.equals("sample") && !sd.equals("population")) {
            throw new ManifestException("comparison.sd must be 'sample' or 'population', not '" + sd + "'");
        }
        exclude = List.copyOf(exclude);
    }

    public boolean populationSd() {
        return sd.equals("population");
    }
}
