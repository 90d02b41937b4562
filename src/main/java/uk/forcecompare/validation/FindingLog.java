package uk.forcecompare.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps findings in the order they were reported. Not thread-safe: one per reader or step. */
public final class FindingLog implements Findings {

    private final List<Finding> findings = new ArrayList<>();

    @Override
    public void report(Finding finding) {
        findings.add(finding);
    }

    public List<Finding> all() {
        return Collections.unmodifiableList(findings);
    }
}
