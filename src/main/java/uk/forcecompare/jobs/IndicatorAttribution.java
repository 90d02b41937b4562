package uk.forcecompare.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import uk.forcecompare.indicators.IndicatorDefinition;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.sources.Measures;
import uk.forcecompare.validation.Finding;

/**
 * A finding at a cell or line is made as the file is read, before any indicator is: it names its measure, not an
 * indicator. Where that measure feeds exactly one of the run's indicators, the published log names the indicator too,
 * so that a reviewer who filters the log by indicator sees the blank or rejected cell behind a missing value. A measure
 * that feeds several (a population, the 999 total) is left without one, as the contract's one column cannot hold them.
 */
final class IndicatorAttribution {

    private IndicatorAttribution() {
    }

    static List<Finding> of(List<Finding> findings, List<IndicatorResult> computed) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            String indicator = f.indicatorId().isEmpty() && !f.location().isEmpty() ? onlyIndicatorOf(f, computed) : "";
            out.add(indicator.isEmpty() ? f : new Finding(f.severity(), f.rule(), f.sourceFile(), f.location(),
                    f.forceCode(), indicator, f.message(), f.observed(), f.expected()));
        }
        return out;
    }

    /**
     * The one indicator that every measure the message names feeds, if there is one: a stop-and-search row "not counted
     * in RECORDS_STOP_SEARCHES or RECORDS_STOP_SEARCH_FINDS" takes nothing but the find rate.
     */
    private static String onlyIndicatorOf(Finding f, List<IndicatorResult> computed) {
        Set<String> measures = new TreeSet<>(Measures.codesIn(f.message()));
        measures.retainAll(Measures.known());
        if (measures.isEmpty()) return "";
        Set<String> fed = new TreeSet<>();
        for (IndicatorResult r : computed) {
            IndicatorDefinition d = r.definition();
            if (measures.stream().anyMatch(m -> feeds(d, m))) fed.add(d.id());
        }
        return fed.size() == 1 ? fed.iterator().next() : "";
    }

    /**
     * The indicator's own measures, and the fallback of each of them. A definition may list a fallback for a measure
     * it does not use (funding-per-1000 lists the precept's beside the total's): that feeds nothing of it.
     */
    private static boolean feeds(IndicatorDefinition d, String measure) {
        return d.measures().stream().anyMatch(m -> m.equals(measure) || measure.equals(d.fallback().get(m)));
    }
}
