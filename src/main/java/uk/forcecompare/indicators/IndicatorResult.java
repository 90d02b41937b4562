package uk.forcecompare.indicators;

import java.util.List;

import uk.forcecompare.collection.Period;

/** One indicator computed for all 43 forces, in the order of the force reference list. */
public record IndicatorResult(IndicatorDefinition definition, Period period, List<ForceValue> forces, Comparison comparison) {

    public IndicatorResult {
        forces = List.copyOf(forces);
    }
}
