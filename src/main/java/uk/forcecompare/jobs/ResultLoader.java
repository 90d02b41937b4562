package uk.forcecompare.jobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import uk.forcecompare.collection.Period;
import uk.forcecompare.indicators.ForceValue;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.reference.Force;

/** Rebuilds a run's computed indicators from the database, in the order the run computed them. */
@Component
class ResultLoader {

    private final RunSupport support;
    private final RunRepository repository;

    ResultLoader(RunSupport support, RunRepository repository) {
        this.support = support;
        this.repository = repository;
    }

    /** See {@link RunRepository#publicationTag()}. */
    String publicationTag() {
        return repository.publicationTag();
    }

    /** The run's findings of one rule, from every step so far. */
    List<uk.forcecompare.validation.Finding> findings(long run, uk.forcecompare.validation.Rule rule) {
        return repository.findings(run, rule);
    }

    List<IndicatorResult> results(long run, List<String> order) {
        List<IndicatorResult> out = new ArrayList<>();
        List<String> forceOrder = support.forces.all().stream().map(Force::code).toList();
        for (RunRepository.StoredComparison sc : repository.comparisons(run)) {
            Map<String, ForceValue> byForce = repository.values(run, sc.indicatorId()).stream()
                    .collect(Collectors.toMap(ForceValue::forceCode, Function.identity()));
            List<ForceValue> values = forceOrder.stream().map(byForce::get).toList();
            out.add(new IndicatorResult(support.catalogue.get(sc.indicatorId()).orElseThrow(), Period.parse(sc.period()),
                    values, sc.comparison()));
        }
        out.sort(Comparator.comparingInt((IndicatorResult r) -> {
            int i = order.indexOf(r.definition().id());
            return i < 0 ? Integer.MAX_VALUE : i;
        }).thenComparing(r -> r.definition().id()));
        return out;
    }
}
