package uk.forcecompare.sources;

import java.util.Arrays;
import java.util.List;

/**
 * A column a reader needs, by the header names it goes by across releases. Headers are compared by
 * {@link Text#key}, so "Total (FTE)", "Total FTE" and "total_fte" are one variant.
 *
 * @param name how messages name the column: the contract's spelling
 */
record Column(String name, List<String> keys) {

    static Column of(String name, String... variants) {
        List<String> keys = new java.util.ArrayList<>();
        keys.add(Text.key(name));
        Arrays.stream(variants).map(Text::key).forEach(keys::add);
        return new Column(name, List.copyOf(keys));
    }
}
