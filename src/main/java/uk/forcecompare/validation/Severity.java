package uk.forcecompare.validation;

/** How much a finding matters. Only errors change a run's exit status (3). */
public enum Severity {
    ERROR, WARNING, INFO;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
