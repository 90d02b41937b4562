package uk.forcecompare.indicators.methods;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

import uk.forcecompare.indicators.Band;
import uk.forcecompare.indicators.methods.ComparisonMethods.Interval;

/**
 * The method-sensitivity table: every force whose band differs between the contract's ±1 SD band and the methods
 * of {@link ComparisonMethods}, with one plain-English sentence each saying which methods put it where, and why
 * where that can be shown from the figures.
 */
public final class MethodSensitivity {

    /** The key of the contract's own ±1 SD band (section 4) in {@link Entry#bands()}. */
    public static final String SD1 = "sd1";

    private static final Map<String, String> LABELS = Map.of(
            SD1, "±1 SD",
            ComparisonMethods.SD1_LEAVE_ONE_OUT, "±1 SD without its own value",
            ComparisonMethods.MEDIAN_MAD, "median ± MAD",
            ComparisonMethods.WILSON_95, "its 95% Wilson interval",
            ComparisonMethods.FUNNEL_95, "the 95% funnel",
            ComparisonMethods.FUNNEL_998, "the 99.8% funnel",
            ComparisonMethods.FUNNEL_998_OD, "the 99.8% funnel allowing for overdispersion",
            ComparisonMethods.BYAR_95, "its 95% Byar interval");

    private MethodSensitivity() {
    }

    /**
     * One force whose band depends on the method.
     *
     * @param bands the band under each method, starting with {@link #SD1}, then in {@link ComparisonMethods}
     *              order
     */
    public record Entry(String forceCode, String forceName, Band defaultBand, Map<String, Band> bands,
            String sentence) {

        public Entry {
            bands = Collections.unmodifiableMap(new LinkedHashMap<>(bands));
        }
    }

    /** A method's name as the sentences give it, e.g. "median ± MAD"; the {@link #SD1} key gives "±1 SD". */
    public static String label(String method) {
        return LABELS.getOrDefault(method, method);
    }

    /** {@link #analyse(IndicatorKind, double, List, Set, Map, boolean)} with the sample SD. */
    public static List<Entry> analyse(IndicatorKind kind, double multiplier, List<ForceInput> forces,
            Set<String> excludedForceCodes, Map<String, String> forceNames) {
        return analyse(kind, multiplier, forces, excludedForceCodes, forceNames, false);
    }

    /**
     * Every force (in the order given) whose band is not the same under every method, the contract's ±1 SD band
     * included. Forces without a value are missing under every method and never listed.
     *
     * @param forceNames force code → name; a force not in it is named by its code
     */
    public static List<Entry> analyse(IndicatorKind kind, double multiplier, List<ForceInput> forces,
            Set<String> excludedForceCodes, Map<String, String> forceNames, boolean populationSd) {
        Objects.requireNonNull(forceNames, "forceNames");
        List<MethodResult> results = ComparisonMethods.compute(kind, multiplier, forces, excludedForceCodes,
                populationSd);
        Map<String, Band> defaults = ComparisonMethods.defaultBands(forces, excludedForceCodes, populationSd);
        Context context = new Context(kind, multiplier, forces, excludedForceCodes, forceNames, populationSd);

        Map<String, Map<String, MethodResult>> byForce = new LinkedHashMap<>();
        for (MethodResult result : results) {
            byForce.computeIfAbsent(result.forceCode(), code -> new LinkedHashMap<>()).put(result.method(), result);
        }
        List<Entry> entries = new ArrayList<>();
        for (ForceInput force : forces) {
            if (!force.hasValue()) {
                continue;
            }
            Map<String, Band> bands = new LinkedHashMap<>();
            bands.put(SD1, defaults.get(force.forceCode()));
            byForce.get(force.forceCode()).forEach((method, result) -> bands.put(method, result.band()));
            if (bands.values().stream().distinct().count() > 1) {
                String name = context.name(force.forceCode());
                entries.add(new Entry(force.forceCode(), name, bands.get(SD1), bands,
                        sentence(context, force, name, bands, byForce.get(force.forceCode()))));
            }
        }
        return List.copyOf(entries);
    }

    /** The sentences of {@link #analyse(IndicatorKind, double, List, Set, Map)}, in order (sample SD). */
    public static List<String> sentences(IndicatorKind kind, double multiplier, List<ForceInput> forces,
            Set<String> excludedForceCodes, Map<String, String> forceNames) {
        return sentences(kind, multiplier, forces, excludedForceCodes, forceNames, false);
    }

    /** The sentences of {@link #analyse(IndicatorKind, double, List, Set, Map, boolean)}, in order. */
    public static List<String> sentences(IndicatorKind kind, double multiplier, List<ForceInput> forces,
            Set<String> excludedForceCodes, Map<String, String> forceNames, boolean populationSd) {
        return analyse(kind, multiplier, forces, excludedForceCodes, forceNames, populationSd).stream()
                .map(Entry::sentence).toList();
    }

    private record Context(IndicatorKind kind, double multiplier, List<ForceInput> forces, Set<String> excluded,
            Map<String, String> names, boolean populationSd) {

        String name(String code) {
            return names.getOrDefault(code, code);
        }

        List<ForceInput> pool() {
            return forces.stream().filter(f -> f.hasValue() && !excluded.contains(f.forceCode())).toList();
        }
    }

    private static String sentence(Context context, ForceInput force, String name, Map<String, Band> bands,
            Map<String, MethodResult> results) {
        Map<Band, List<String>> groups = new LinkedHashMap<>();
        bands.forEach((method, band) -> groups.computeIfAbsent(band, b -> new ArrayList<>()).add(label(method)));
        StringBuilder main = new StringBuilder(name);
        if (context.excluded().contains(force.forceCode())) {
            main.append(" (left out of the mean, SD and limits)");
        }
        main.append(" is ");
        int group = 0;
        for (Map.Entry<Band, List<String>> entry : groups.entrySet()) {
            if (group > 0) {
                main.append(group == 1 ? ", but " : ", and ");
            }
            main.append(group == 0 ? bandWords(entry.getKey()) : bandWordsAgain(entry.getKey()))
                    .append(" under ").append(join(entry.getValue()));
            group++;
        }

        List<String> reasons = new ArrayList<>();
        Band sd1 = bands.get(SD1);
        Band looBand = bands.get(ComparisonMethods.SD1_LEAVE_ONE_OUT);
        if (looBand != sd1) {
            reasons.add(leaveOneOutReason(context, force));
        }
        Band madBand = bands.get(ComparisonMethods.MEDIAN_MAD);
        if (madBand != sd1) {
            reasons.add(medianMadReason(context, force, madBand, results.get(ComparisonMethods.MEDIAN_MAD)));
        }
        MethodResult f95 = results.get(ComparisonMethods.FUNNEL_95);
        MethodResult f998 = results.get(ComparisonMethods.FUNNEL_998);
        MethodResult od = results.get(ComparisonMethods.FUNNEL_998_OD);
        if (f95 != null && f95.band() != Band.WITHIN && f998.band() == Band.WITHIN) {
            reasons.add("it is outside the 95% funnel (" + range(f95) + ") but inside the 99.8% funnel ("
                    + range(f998) + ")");
        }
        if (f998 != null && f998.band() != Band.WITHIN && od.band() == Band.WITHIN) {
            reasons.add("overdispersion between forces widens the 99.8% funnel from " + range(f998) + " to "
                    + range(od));
        }
        MethodResult own = results.containsKey(ComparisonMethods.WILSON_95)
                ? results.get(ComparisonMethods.WILSON_95) : results.get(ComparisonMethods.BYAR_95);
        if (own != null && own.band() != sd1 && own.low() != null) {
            OptionalDouble benchmark = ComparisonMethods.benchmarkRate(context.kind(), context.multiplier(),
                    context.forces(), context.excluded());
            String where = switch (own.band()) {
                case ABOVE -> "lies wholly above";
                case BELOW -> "lies wholly below";
                default -> "includes";
            };
            reasons.add(label(own.method()) + " (" + range(own) + ") " + where + " the England and Wales rate ("
                    + number(benchmark.orElseThrow()) + ")");
        }
        return reasons.isEmpty() ? main + "." : main + ": " + String.join("; ", reasons) + ".";
    }

    private static String leaveOneOutReason(Context context, ForceInput force) {
        double[] pool = values(context.pool());
        double[] others = values(context.pool().stream()
                .filter(f -> !f.forceCode().equals(force.forceCode())).toList());
        double sdAll = Stats.sd(pool, context.populationSd());
        double sdOthers = Stats.sd(others, context.populationSd());
        return sdOthers < sdAll ? "its own value widens the SD it is measured against"
                : "its own value pulls the mean it is measured against towards itself";
    }

    private static String medianMadReason(Context context, ForceInput force, Band madBand, MethodResult mad) {
        List<ForceInput> pool = context.pool();
        double[] all = values(pool);
        Interval sd1 = ComparisonMethods.meanSd(all, context.populationSd());
        double mean = Stats.mean(all);
        ForceInput outlier = null;
        for (ForceInput other : pool) {
            if (!other.forceCode().equals(force.forceCode()) && (outlier == null
                    || Math.abs(other.value() - mean) > Math.abs(outlier.value() - mean))) {
                outlier = other;
            }
        }
        if (outlier != null && pool.size() > 2) {
            String outlierCode = outlier.forceCode();
            double[] without = values(pool.stream().filter(f -> !f.forceCode().equals(outlierCode)).toList());
            Interval band = ComparisonMethods.meanSd(without, context.populationSd());
            if (ComparisonMethods.band(force.value(), band.low(), band.high()) == madBand) {
                boolean widens = Stats.sd(without, context.populationSd()) < Stats.sd(all, context.populationSd());
                String outlierName = context.name(outlierCode);
                return outlierName + "'s outlying value (" + number(outlier.value()) + ") "
                        + (widens ? "widens the SD" : "moves the mean") + ", and without " + outlierName
                        + " it would be " + bandWords(madBand) + " under ±1 SD too";
            }
        }
        return "median ± MAD runs " + range(mad) + ", mean ± SD " + number(sd1.low()) + "–" + number(sd1.high());
    }

    private static double[] values(List<ForceInput> forces) {
        return forces.stream().mapToDouble(ForceInput::value).toArray();
    }

    private static String bandWords(Band band) {
        return switch (band) {
            case ABOVE -> "above the band";
            case BELOW -> "below the band";
            case WITHIN -> "within the band";
            case MISSING -> "missing";
        };
    }

    private static String bandWordsAgain(Band band) {
        return switch (band) {
            case ABOVE -> "above it";
            case BELOW -> "below it";
            case WITHIN -> "within it";
            case MISSING -> "missing";
        };
    }

    private static String join(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static String range(MethodResult result) {
        return number(result.low()) + "–" + number(result.high());
    }

    /** Display only, never fed back into a calculation: 2 decimals from 1 up, else 3 significant figures. */
    static String number(double x) {
        if (!Double.isFinite(x)) {
            return String.valueOf(x);
        }
        if (x == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(x);
        if (Math.abs(x) >= 1) {
            return exact.setScale(2, RoundingMode.HALF_UP).toPlainString();
        }
        return exact.round(new MathContext(3, RoundingMode.HALF_UP)).toPlainString();
    }
}
