package uk.forcecompare.reference;

import java.util.List;

/**
 * One of the 43 territorial police forces of England and Wales. {@code code} is the ONS police force area code;
 * {@code name} the short name charts use ("Norfolk"), {@code fullName} the force's own name, as a report's sentences
 * give it ("Norfolk Constabulary").
 */
public record Force(String code, String name, String region, String country, String slug, List<String> aliases,
                    String fullName) {

    public Force {
        aliases = List.copyOf(aliases);
        fullName = fullName == null || fullName.isBlank() ? name : fullName.strip();
    }

    public Force(String code, String name, String region, String country, String slug, List<String> aliases) {
        this(code, name, region, country, slug, aliases, name);
    }
}
