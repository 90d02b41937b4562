package uk.forcecompare.reference;

import java.util.List;

/** One of the 43 territorial police forces of England and Wales. {@code code} is the ONS police force area code. */
public record Force(String code, String name, String region, String country, String slug, List<String> aliases) {

    public Force {
        aliases = List.copyOf(aliases);
    }
}
