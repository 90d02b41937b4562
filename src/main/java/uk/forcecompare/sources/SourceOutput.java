package uk.forcecompare.sources;

import uk.forcecompare.validation.Findings;
import uk.forcecompare.validation.Rule;

/** What a source reader hands on: observations, findings, and the raw text of rows it had to reject. */
public interface SourceOutput extends Findings {

    void observation(Observation observation);

    /** Keeps a rejected row's raw text so that nothing read is ever lost. */
    void quarantine(String sourceFile, String location, Rule rule, String rawText);
}
