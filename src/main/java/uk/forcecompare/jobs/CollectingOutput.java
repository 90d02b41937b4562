package uk.forcecompare.jobs;

import java.util.ArrayList;
import java.util.List;

import uk.forcecompare.sources.Observation;
import uk.forcecompare.sources.SourceOutput;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Findings;
import uk.forcecompare.validation.Rule;

/** Collects what a reader hands on from one file; findings and rejected rows go where the caller says. */
final class CollectingOutput implements SourceOutput {

    interface Quarantine {
        void keep(String sourceFile, String location, Rule rule, String rawText);
    }

    final List<Observation> observations = new ArrayList<>();
    private final Findings findings;
    private final Quarantine quarantine;

    CollectingOutput(Findings findings, Quarantine quarantine) {
        this.findings = findings;
        this.quarantine = quarantine;
    }

    @Override
    public void observation(Observation o) {
        observations.add(o);
    }

    @Override
    public void quarantine(String sourceFile, String location, Rule rule, String rawText) {
        quarantine.keep(sourceFile, location, rule, rawText);
    }

    @Override
    public void report(Finding f) {
        findings.report(f);
    }
}
