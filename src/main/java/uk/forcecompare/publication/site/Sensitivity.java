package uk.forcecompare.publication.site;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.indicators.methods.ComparisonMethods;
import uk.forcecompare.indicators.methods.ForceInput;
import uk.forcecompare.indicators.methods.IndicatorKind;
import uk.forcecompare.indicators.methods.MethodSensitivity;
import uk.forcecompare.reference.ForceDirectory;

/**
 * The method-sensitivity table of every indicator, worked out from the results as {@code method-sensitivity.csv} is:
 * the kind from the indicator's YAML, the unit's multiplier, the forces left out by configuration and the SD method
 * the run used.
 */
final class Sensitivity {

    /** Column headings of the methods, as tables print them. */
    private static final Map<String, String> HEADINGS = Map.of(
            MethodSensitivity.SD1, "±1 SD (the published band)",
            ComparisonMethods.SD1_LEAVE_ONE_OUT, "±1 SD without the force",
            ComparisonMethods.MEDIAN_MAD, "Median ± MAD",
            ComparisonMethods.WILSON_95, "95% Wilson interval",
            ComparisonMethods.FUNNEL_95, "95% funnel",
            ComparisonMethods.FUNNEL_998, "99.8% funnel",
            ComparisonMethods.FUNNEL_998_OD, "99.8% funnel allowing for overdispersion",
            ComparisonMethods.BYAR_95, "95% Byar interval");

    /** Every method any kind has, in the order the workbook's columns show them. */
    static final List<String> ALL_METHODS = List.of(MethodSensitivity.SD1, ComparisonMethods.SD1_LEAVE_ONE_OUT,
            ComparisonMethods.MEDIAN_MAD, ComparisonMethods.WILSON_95, ComparisonMethods.FUNNEL_95,
            ComparisonMethods.FUNNEL_998, ComparisonMethods.FUNNEL_998_OD, ComparisonMethods.BYAR_95);

    /**
     * One indicator's table.
     *
     * @param methods {@link MethodSensitivity#SD1} then the methods of the indicator's kind
     * @param entries the forces whose band depends on the method, in force order
     */
    record Table(IndicatorResult result, IndicatorKind kind, List<String> methods, List<MethodSensitivity.Entry> entries) {

        String indicatorId() {
            return result.definition().id();
        }

        Optional<MethodSensitivity.Entry> entryFor(String forceCode) {
            return entries.stream().filter(e -> e.forceCode().equals(forceCode)).findFirst();
        }
    }

    private Sensitivity() {
    }

    static String heading(String method) {
        return HEADINGS.getOrDefault(method, method);
    }

    static List<Table> all(List<IndicatorResult> results, ForceDirectory forces) {
        Map<String, String> names = new LinkedHashMap<>();
        forces.all().forEach(f -> names.put(f.code(), f.name()));
        List<Table> out = new ArrayList<>();
        for (IndicatorResult r : results) {
            out.add(of(r, names));
        }
        return out;
    }

    static Table of(IndicatorResult r, Map<String, String> names) {
        IndicatorKind kind = IndicatorKind.byId(r.definition().kind());
        double multiplier = r.definition().unit().multiplier();
        Set<String> excluded = new HashSet<>(r.comparison().excluded());
        List<String> methods = new ArrayList<>();
        methods.add(MethodSensitivity.SD1);
        methods.addAll(ComparisonMethods.methodsFor(kind));
        return new Table(r, kind, List.copyOf(methods), MethodSensitivity.analyse(kind, multiplier, inputs(r), excluded,
                names, populationSd(r)));
    }

    /** The run's SD method, as every output states it: {@code population (n)} or {@code sample (n-1)}. */
    static boolean populationSd(IndicatorResult r) {
        String m = r.comparison().sdMethod();
        return m != null && m.startsWith("population");
    }

    static List<ForceInput> inputs(IndicatorResult r) {
        return ForceInput.allOf(r);
    }
}
