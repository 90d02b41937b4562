package uk.forcecompare.reference;

/** What a name, code or slug seen in a published file turned out to be. */
public sealed interface ForceMatch {

    /** One of the 43 forces. */
    record Territorial(Force force) implements ForceMatch {}

    /** A body that appears in police data but is never compared, such as British Transport Police. */
    record NotTerritorial(String body, String why) implements ForceMatch {}

    /** Matches nothing known: an error, never a guess. */
    record Unknown(String text) implements ForceMatch {}
}
