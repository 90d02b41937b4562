package uk.forcecompare.validation;

/** Where every stage reports what it found. Reporting never throws: the run goes on. */
@FunctionalInterface
public interface Findings {

    void report(Finding finding);

    default void report(Finding.Builder finding) {
        report(finding.build());
    }
}
