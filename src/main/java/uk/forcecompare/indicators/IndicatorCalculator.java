package uk.forcecompare.indicators;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import uk.forcecompare.collection.Period;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.sources.Measures;
import uk.forcecompare.sources.Observation;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Findings;
import uk.forcecompare.validation.Rule;

/**
 * Computes indicators for the 43 forces from a collection's observations (contract sections 3 and 4).
 * A force lacks a value when any observation it needs is missing or removed, when a month of the period is
 * missing (never a partial sum), when its data covers another period, or when a part exceeds its whole;
 * each of these is reported, and the force is named as missing rather than dropped.
 */
public final class IndicatorCalculator {

    /** The date within a mid-year that ONS population estimates refer to. */
    public static final MonthDay MID_YEAR = MonthDay.of(6, 30);
    static final String RETURN_SUBMITTED = Measures.RETURN_SUBMITTED;

    private final ForceDirectory forces;
    private final Map<String, Map<String, List<Observation>>> byMeasureThenForce;
    private final Optional<Integer> populationMidYear;
    /** force -> the indicators and periods it has no data.police.uk file for at all: one warning each, said with the months missing */
    private final Map<Force, Map<String, String>> noRecordFiles = new LinkedHashMap<>();
    /** force|indicator|file of returns already warned of being for another period than the indicator's */
    private final java.util.Set<String> returnPeriodSaid = new java.util.HashSet<>();
    private final Set<String> forcesWithReturn;
    private final Map<String, String> unusableReturns;
    private final Findings findings;
    private final List<Rejected.Row> rejectedRows = new ArrayList<>();
    private final List<Rejected.File> rejectedFiles = new ArrayList<>();
    /** (force, source files) -> the months it lacks there: one warning each, however many measures and indicators they remove */
    private final Map<List<String>, MonthsMissing> monthsMissing = new LinkedHashMap<>();

    /**
     * @param populationMidYear the manifest's mid-year, or empty to use the latest in the population source
     */
    public IndicatorCalculator(ForceDirectory forces, Collection<Observation> observations,
                               Optional<Integer> populationMidYear, Findings findings) {
        this(forces, observations, populationMidYear, findings, Map.of());
    }

    /**
     * @param unusableReturns the forces that sent a return the run could not use, each with that file: their values
     *     from returns are missing because of that file, not because no return came
     */
    public IndicatorCalculator(ForceDirectory forces, Collection<Observation> observations,
                               Optional<Integer> populationMidYear, Findings findings, Map<String, String> unusableReturns) {
        this.unusableReturns = Map.copyOf(unusableReturns);
        this.forces = forces;
        this.findings = findings;
        this.byMeasureThenForce = observations.stream().collect(Collectors.groupingBy(Observation::measure,
                Collectors.groupingBy(Observation::forceCode)));
        this.populationMidYear = populationMidYear.isPresent() ? populationMidYear : latestPopulationYear();
        this.forcesWithReturn = byMeasureThenForce.getOrDefault(RETURN_SUBMITTED, Map.of()).keySet();
    }

    private boolean returnsDeclared;
    /** Set while {@link #compute} runs for a period of the wrong form, whose one finding stands for every force's. */
    private boolean periodSaidOnce;

    /**
     * Whether the collection asks the forces for returns (a {@code force-return} source). Without one, and with no
     * return among the files, a force's missing return figure is "no figure for ... in the collection": it was never
     * asked for a return, so "no return from the force" would blame it.
     */
    public IndicatorCalculator returnsDeclared(boolean declared) {
        this.returnsDeclared = declared;
        return this;
    }

    /**
     * The rows and files errors kept out of the observations: a force's value missing because of one says so, where it
     * would otherwise read as a row or a figure the collection lacks.
     */
    public IndicatorCalculator rejected(Collection<? extends Rejected> rejected) {
        for (Rejected r : rejected) {
            if (r instanceof Rejected.Row row) rejectedRows.add(row);
            if (r instanceof Rejected.File file) rejectedFiles.add(file);
        }
        return this;
    }

    public Optional<Integer> populationMidYear() {
        return populationMidYear;
    }

    private Optional<Integer> latestPopulationYear() {
        return byMeasureThenForce.getOrDefault(Measures.POPULATION, Map.of()).values().stream()
                .flatMap(List::stream).map(o -> o.period().end().getYear()).max(Integer::compare);
    }

    /** Whether the collection holds any data for every measure of the indicator (population aside). */
    /** Whether some force has a figure for the measure. */
    public boolean hasDataFor(String measure) {
        return !byMeasureThenForce.getOrDefault(measure, Map.of()).isEmpty();
    }

    public boolean hasDataFor(IndicatorDefinition def) {
        return def.measures().stream().allMatch(m -> !byMeasureThenForce.getOrDefault(m, Map.of()).isEmpty()
                || (def.fallback().containsKey(m) && !byMeasureThenForce.getOrDefault(def.fallback().get(m), Map.of()).isEmpty()));
    }

    private List<Observation> observationsOf(IndicatorDefinition def) {
        return def.measures().stream().filter(m -> !m.equals(Measures.POPULATION))
                .flatMap(m -> def.fallback().containsKey(m) ? java.util.stream.Stream.of(m, def.fallback().get(m)) : java.util.stream.Stream.of(m))
                .flatMap(m -> byMeasureThenForce.getOrDefault(m, Map.of()).values().stream().flatMap(List::stream))
                .toList();
    }

    /**
     * Why a period cannot suit the indicator's sources, where it is of the wrong form: a day ("2023-12-31") for counts
     * made over months, or a span of months for a count made on a day (officers as at 31 March). Every force would be
     * missing for the same reason, so it is said once.
     */
    private Optional<String> periodFormMismatch(IndicatorDefinition def, Period period) {
        List<Observation> obs = observationsOf(def);
        if (obs.isEmpty()) return Optional.empty();
        Period first = obs.stream().map(Observation::period).min(Comparator.naturalOrder()).orElseThrow();
        if (period.isStock() && obs.stream().noneMatch(o -> o.period().isStock())) {
            return Optional.of(def.id() + "'s period " + period.text() + " is a day, but its sources count over periods ("
                    + first.text() + ", for example): give a range such as " + first.start().getYear() + "-01.."
                    + first.start().getYear() + "-12 or a financial year such as FY2022/23");
        }
        if (!period.isStock() && obs.stream().allMatch(o -> o.period().isStock())) {
            return Optional.of(def.id() + "'s period " + period.text() + " is a span of time, but its sources count on a day ("
                    + first.text() + ", for example): give a date such as " + first.text());
        }
        return Optional.empty();
    }

    /**
     * The indicator's period when the manifest gives none: the latest year that most of the forces with data for it have
     * complete. For monthly data a year is a calendar year, complete for a force that has every month of it; otherwise
     * it is a period the data gives (a financial year, a stock date), complete for a force that has it. "Most" is more
     * than half: one force a year ahead of the others (Kent alone in 2024) does not move every force to a year only it
     * has, and one short of a month does not hold the others back (it is warned of the month it lacks). Where no year is
     * complete for more than half of them, the year complete for the most forces, the latest of equals.
     */
    public Optional<Period> defaultPeriod(IndicatorDefinition def) {
        List<Observation> obs = observationsOf(def);
        if (obs.isEmpty()) return Optional.empty();
        Map<Period, Set<String>> completeFor = new HashMap<>();
        boolean monthly = obs.stream().allMatch(o -> o.period().form() == Period.Form.MONTH);
        if (monthly) {
            Map<String, Set<YearMonth>> monthsByForce = new HashMap<>();
            for (Observation o : obs) {
                monthsByForce.computeIfAbsent(o.forceCode(), k -> new HashSet<>()).add(YearMonth.from(o.period().start()));
            }
            monthsByForce.forEach((force, months) -> months.stream().map(YearMonth::getYear).distinct().forEach(y -> {
                Period year = Period.months(YearMonth.of(y, 1), YearMonth.of(y, 12));
                if (months.containsAll(year.months())) completeFor.computeIfAbsent(year, k -> new HashSet<>()).add(force);
            }));
        } else {
            obs.forEach(o -> completeFor.computeIfAbsent(o.period(), k -> new HashSet<>()).add(o.forceCode()));
        }
        long forcesWithData = obs.stream().map(Observation::forceCode).distinct().count();
        // where several end together, the one most forces have, then the longest
        Comparator<Period> latest = Comparator.comparing(Period::end).thenComparing(p -> completeFor.get(p).size())
                .thenComparing(Period::start, Comparator.reverseOrder());
        Optional<Period> forMost = completeFor.keySet().stream().filter(p -> completeFor.get(p).size() * 2L > forcesWithData)
                .max(latest);
        return forMost.or(() -> completeFor.keySet().stream()
                .max(Comparator.comparing((Period p) -> completeFor.get(p).size()).thenComparing(latest)));
    }

    public IndicatorResult compute(IndicatorDefinition def, Period period, Set<String> excludedForceCodes, boolean populationSd) {
        // a period of the wrong form leaves every force without a value for one reason: said once, for the indicator
        Optional<String> wrongForm = periodFormMismatch(def, period);
        wrongForm.ifPresent(why -> findings.report(Finding.of(Rule.PERIOD_MISMATCH).indicator(def.id()).file("collection.yml")
                .message(why).observed(period.text()).expected("a period of the form its sources give")));
        List<ForceValue> values = new ArrayList<>();
        periodSaidOnce = wrongForm.isPresent();
        try {
            for (Force f : forces.all()) {
                values.add(forceValue(def, period, f));
            }
        } finally {
            periodSaidOnce = false;
        }
        double mult = def.unit().multiplier();
        List<String> excluded = forces.all().stream().map(Force::code).filter(excludedForceCodes::contains).toList();
        double[] compared = values.stream().filter(v -> v.hasValue() && !excludedForceCodes.contains(v.forceCode()))
                .mapToDouble(v -> v.value().getAsDouble()).toArray();
        BigDecimal sumNum = BigDecimal.ZERO, sumDen = BigDecimal.ZERO;
        for (ForceValue v : values) {
            if (v.hasValue()) {
                sumNum = sumNum.add(v.numerator().orElseThrow());
                sumDen = sumDen.add(v.denominator().orElseThrow());
            }
        }
        double ewRate = sumDen.signum() == 0 ? Double.NaN : sumNum.doubleValue() / sumDen.doubleValue() * mult;
        Comparison cmp = Comparison.of(compared, populationSd, ewRate, excluded);

        List<ForceValue> banded = new ArrayList<>();
        for (ForceValue v : values) {
            if (v.hasValue()) {
                banded.add(new ForceValue(v.forceCode(), v.numerator(), v.denominator(), v.value(),
                        cmp.bandOf(v.value().getAsDouble()), ""));
            } else {
                banded.add(v);
                Force f = forces.byCode(v.forceCode()).orElseThrow();
                findings.report(Finding.of(Rule.FORCE_NO_VALUE).force(f.code()).indicator(def.id())
                        .message(f.name() + " has no value for " + def.id() + " in " + period.text() + ": " + v.missingReason()
                                + ". It is left out of the mean and SD and named under the chart."));
            }
        }
        queryImplausible(def, banded);
        return new IndicatorResult(def, period, banded, cmp);
    }

    private ForceValue forceValue(IndicatorDefinition def, Period period, Force f) {
        Map<String, Aggregate> parts = new LinkedHashMap<>();
        String reason = null;
        for (String m : def.measures()) {
            Aggregate a = m.equals(Measures.POPULATION) ? population(def, f) : aggregate(def, period, f, measureFor(def, period, f, m));
            parts.put(m, a);
            if (reason == null && a.missingReason != null) reason = a.missingReason;
        }
        Optional<BigDecimal> num = sum(def.numerator(), parts);
        Optional<BigDecimal> den = sum(def.denominator(), parts);
        if (reason == null && def.partOfWhole()) reason = partExceedsWhole(def, period, f, parts);
        if (reason == null && den.orElseThrow().signum() == 0) {
            reason = "no " + def.denominator().stream().map(Measures::inWords).collect(Collectors.joining(" or ")) + " to divide by (0)";
        }
        if (reason != null) {
            return new ForceValue(f.code(), num, den, OptionalDouble.empty(), Band.MISSING, reason);
        }
        double value = num.orElseThrow().doubleValue() / den.orElseThrow().doubleValue() * def.unit().multiplier();
        return new ForceValue(f.code(), num, den, OptionalDouble.of(value), Band.WITHIN, "");
    }

    /** The sum of the measures where every one is known, else empty. */
    private static Optional<BigDecimal> sum(List<String> measures, Map<String, Aggregate> parts) {
        BigDecimal total = BigDecimal.ZERO;
        for (String m : measures) {
            Aggregate a = parts.get(m);
            if (a.total == null) return Optional.empty();
            total = total.add(a.total);
        }
        return Optional.of(total);
    }

    /**
     * The measure itself, or its fallback where the force has no usable value of it in the period but has the fallback.
     * A force with no figure of the measure at all, for any period, and none asked of it in a return, takes the
     * fallback even for other periods: that table is where its figure was looked for, so the years it holds are the
     * reason to give (a period mismatch), not "no figure in the collection".
     */
    private String measureFor(IndicatorDefinition def, Period period, Force f, String measure) {
        String alternative = def.fallback().get(measure);
        if (alternative == null) return measure;
        List<Observation> own = byMeasureThenForce.getOrDefault(measure, Map.of()).getOrDefault(f.code(), List.of());
        List<Observation> others = byMeasureThenForce.getOrDefault(alternative, Map.of()).getOrDefault(f.code(), List.of());
        boolean usable = own.stream().anyMatch(o -> o.hasValue() && period.contains(o.period()));
        boolean alternativeThere = others.stream().anyMatch(o -> period.contains(o.period()));
        boolean onlyAlternative = own.isEmpty() && !others.isEmpty() && !returnAwaited(f, measure);
        return !usable && (alternativeThere || onlyAlternative) ? alternative : measure;
    }

    /** A return measure the collection asks the force for, where no return of the force's came. */
    private boolean returnAwaited(Force f, String measure) {
        boolean returnsAsked = returnsDeclared || !forcesWithReturn.isEmpty() || !unusableReturns.isEmpty();
        return Measures.FORCE_RETURN.containsKey(measure) && returnsAsked && !forcesWithReturn.contains(f.code());
    }

    private Aggregate population(IndicatorDefinition def, Force f) {
        if (populationMidYear.isEmpty()) {
            return Aggregate.missing(rejectedFile(f, Measures.POPULATION).map(r -> r.sourceFile() + " could not be used: " + r.why())
                    .orElse("the collection has no population estimate"));
        }
        LocalDate at = MID_YEAR.atYear(populationMidYear.get());
        List<Observation> obs = byMeasureThenForce.getOrDefault(Measures.POPULATION, Map.of()).getOrDefault(f.code(), List.of())
                .stream().filter(o -> o.period().end().equals(at) || o.period().end().getYear() == at.getYear()).toList();
        if (obs.isEmpty()) {
            return Aggregate.missing("not in the population table for mid-" + populationMidYear.get());
        }
        Observation o = obs.get(0);
        if (!o.hasValue()) return Aggregate.missing("its mid-" + populationMidYear.get() + " population is unavailable: " + o.missingReason());
        if (o.value().get().signum() == 0) {
            // a nil ('-') population is in the table, but there is nothing to divide by: said where it is, as a warning
            // at the cell is (jobs/CollectionChecks), not as a force with no people
            return Aggregate.missing("its mid-" + populationMidYear.get() + " population is nil (0) at " + o.sourceFile()
                    + (o.location().isEmpty() ? "" : " " + o.location()) + ", so there is nothing to divide by");
        }
        return Aggregate.of(o.value().get(), Map.of(o.period(), o.value().get()), Map.of(o.period(), o));
    }

    private Aggregate aggregate(IndicatorDefinition def, Period period, Force f, String measure) {
        List<Observation> all = byMeasureThenForce.getOrDefault(measure, Map.of()).getOrDefault(f.code(), List.of());
        if (all.isEmpty()) {
            boolean returnMeasure = Measures.FORCE_RETURN.containsKey(measure);
            if (returnAwaited(f, measure)) {
                String file = unusableReturns.get(f.code());
                if (file == null) return Aggregate.missing("no return from the force");
                // why, where the error that kept it out says: "the file is empty (0 bytes)", not only that it was not used
                Optional<String> why = rejectedFiles.stream().filter(r -> r.sourceFile().equals(file)).map(Rejected.File::why).findFirst();
                return Aggregate.missing("its return " + file + " could not be used" + why.map(w -> ": " + w).orElse(""));
            }
            // the figure was sent, in a file or sheet an error kept out: that file is the reason, not the collection
            Optional<Rejected.File> rejectedFile = rejectedFile(f, measure);
            if (rejectedFile.isPresent()) {
                Rejected.File r = rejectedFile.get();
                return Aggregate.missing((returnMeasure ? "its return " : "") + r.sourceFile() + " could not be used: " + r.why());
            }
            if (measure.startsWith("RECORDS_")) {
                // every month missing, not a count of nothing: warned as missing months are, once per force and source
                noRecordFiles.computeIfAbsent(f, k -> new LinkedHashMap<>()).putIfAbsent(def.id(), period.text());
                return Aggregate.missing("no data.police.uk file for any month of " + period.text());
            }
            // "no figure for", not "no 999 calls": the collection lacks the figure, the force did not count zero
            return Aggregate.missing("no figure for " + Measures.inWords(measure) + " in the collection");
        }
        if (Measures.FORCE_RETURN.containsKey(measure)) {
            Aggregate otherPeriod = returnOfAnotherPeriod(def, period, f, measure, all);
            if (otherPeriod != null) return otherPeriod;
        }
        List<Observation> inPeriod = all.stream().filter(o -> period.contains(o.period())).toList();
        if (inPeriod.isEmpty()) {
            Observation first = all.stream().min(Comparator.comparing(Observation::period)).orElseThrow();
            String covered = all.stream().map(o -> o.period().text()).distinct().sorted().collect(Collectors.joining(", "));
            if (!periodSaidOnce) {
                findings.report(Finding.of(Rule.PERIOD_MISMATCH).file(first.sourceFile()).at(first.location()).force(f.code())
                        .indicator(def.id())
                        .message(f.name() + "'s " + measure + " covers " + covered + ", not the indicator's period " + period.text())
                        .observed(covered).expected(period.text()));
            }
            return Aggregate.missing(Measures.inWords(measure) + " cover " + covered + ", not " + period.text());
        }
        TreeMap<Period, BigDecimal> slices = new TreeMap<>();
        Map<Period, Observation> firstInSlice = new HashMap<>();
        for (Observation o : inPeriod) {
            firstInSlice.putIfAbsent(o.period(), o);
            if (!o.hasValue()) {
                String at = o.location().isEmpty() ? "" : " " + o.location();
                // a data.police.uk file nothing of which is used takes every measure it gives: said of the file, as
                // one with no rows is, not of this measure's value
                if (measure.startsWith("RECORDS_") && rejectedFiles.stream()
                        .anyMatch(r -> r.sourceFile().equals(o.sourceFile()) && r.forceCode().equals(f.code()))) {
                    return Aggregate.missing("its file " + o.sourceFile() + " could not be used: " + o.missingReason()
                            + (o.location().isEmpty() ? "" : " (" + o.location() + ")"));
                }
                // where it was is added here, once, unless the reason names it already: the reason says what was wrong with it
                return Aggregate.missing(Measures.inWords(measure) + ": " + o.missingReason()
                        + (o.missingReason().contains(o.sourceFile()) ? "" : ", " + o.sourceFile() + at));
            }
            slices.merge(o.period(), o.value().get(), BigDecimal::add);
        }
        String gap = coverageGap(period, slices.keySet());
        if (gap != null && !period.isStock() && slices.keySet().stream().allMatch(p -> p.form() == Period.Form.MONTH)) {
            return monthsMissing(def, period, f, measure, inPeriod, slices.keySet());
        }
        if (gap != null) {
            boolean monthly = slices.keySet().stream().allMatch(p -> p.form() == Period.Form.MONTH);
            Observation first = firstInSlice.get(slices.firstKey());
            Rule rule = monthly ? Rule.PERIOD_MONTH_MISSING : Rule.PERIOD_MISMATCH;
            findings.report(Finding.of(rule).file(first.sourceFile()).force(f.code()).indicator(def.id())
                    .message(f.name() + ": " + measure + " " + gap + " within " + period.text() + "; no partial sum is used")
                    .observed(slices.keySet().stream().map(Period::text).collect(Collectors.joining(", ")))
                    .expected("every month of " + period.text()));
            return Aggregate.missing(Measures.inWords(measure) + ": " + gap.replaceFirst("^is ", ""));
        }
        BigDecimal total = slices.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return Aggregate.of(total, slices, firstInSlice);
    }

    /**
     * A return covers its cover's one period for all its measures: one for another period than the indicator's is one
     * warning for the force and indicator, at the cover's period cells, not one per measure at its value cells (a
     * reviewer corrects the cover, not seven values). Null where the return is for the indicator's period.
     */
    private Aggregate returnOfAnotherPeriod(IndicatorDefinition def, Period period, Force f, String measure, List<Observation> all) {
        if (all.stream().anyMatch(o -> o.period().start().equals(period.start()) && o.period().end().equals(period.end()))) {
            return null;
        }
        Set<String> measures = new java.util.LinkedHashSet<>();
        def.measures().stream().filter(Measures.FORCE_RETURN::containsKey).forEach(measures::add);
        measures.add(measure);
        Map<String, Observation> byFile = new TreeMap<>();
        all.forEach(o -> byFile.putIfAbsent(o.sourceFile(), o));
        byFile.forEach((file, first) -> {
            if (periodSaidOnce || !returnPeriodSaid.add(f.code() + "|" + def.id() + "|" + file)) return;
            findings.report(Finding.of(Rule.PERIOD_MISMATCH).file(file).at(coverPeriodCells(f, file, first.location()))
                    .force(f.code()).indicator(def.id())
                    .message(f.name() + "'s return is for " + first.period().text() + " (its cover's period), not " + def.id()
                            + "'s period " + period.text() + ", so its " + String.join(", ", measures) + " are not used for it")
                    .observed(first.period().text()).expected(period.text()));
        });
        String covered = all.stream().map(o -> o.period().text()).distinct().sorted().collect(Collectors.joining(", "));
        return Aggregate.missing("its return is for " + covered + ", not " + period.text());
    }

    /** Where the return's cover gives its period ("Cover!B6:B7"), as read with it; else {@code otherwise}. */
    private String coverPeriodCells(Force f, String file, String otherwise) {
        String prefix = Measures.PERIOD_CELLS + "=";
        return byMeasureThenForce.getOrDefault(RETURN_SUBMITTED, Map.of()).getOrDefault(f.code(), List.of()).stream()
                .filter(o -> o.sourceFile().equals(file))
                .flatMap(o -> java.util.Arrays.stream(o.dimensions().split("\\|")))
                .filter(d -> d.startsWith(prefix)).map(d -> d.substring(prefix.length())).filter(d -> !d.isEmpty())
                .findFirst().orElse(otherwise);
    }

    /** The file, or the force's return, that would have given the measure, where an error kept all of it out. */
    private Optional<Rejected.File> rejectedFile(Force f, String measure) {
        return rejectedFiles.stream().filter(r -> r.measures().contains(measure)
                && (r.forceCode().isEmpty() || r.forceCode().equals(f.code()))).findFirst();
    }

    /**
     * Months of the period the force lacks in its monthly source. Where rows of the force's were rejected by an error
     * that is the reason given, and their error the one finding; otherwise the months are noted for one warning per
     * force and source, said by {@link #reportMonthsMissing()} once every indicator is computed.
     */
    private Aggregate monthsMissing(IndicatorDefinition def, Period period, Force f, String measure, List<Observation> inPeriod,
                                    Set<Period> present) {
        Set<YearMonth> have = present.stream().map(p -> YearMonth.from(p.start())).collect(Collectors.toSet());
        List<YearMonth> lacking = period.months().stream().filter(m -> !have.contains(m)).toList();
        TreeSet<String> files = inPeriod.stream().map(Observation::sourceFile).collect(Collectors.toCollection(TreeSet::new));
        MonthsMissing gap = monthsMissing.computeIfAbsent(List.of(f.code(), String.join("|", files)),
                k -> new MonthsMissing(f, measure.startsWith("RECORDS_"), files,
                        inPeriod.stream().min(Comparator.comparing(Observation::period)).orElseThrow().sourceFile(),
                        rejectedRows.stream().filter(r -> files.contains(r.sourceFile())).toList(), inPeriod)
                        .unreadable(rejectedFiles.stream().filter(r -> r.forceCode().equals(f.code())).toList()));
        gap.months.addAll(lacking);
        gap.measures.add(measure);
        gap.indicators.add(def.id());
        gap.periods.add(period.text());
        return Aggregate.missing(gap.reason(new TreeSet<>(lacking)));
    }

    /**
     * Says each force's missing months once per source: one warning naming every measure and indicator they remove.
     * None where rows the force's own were rejected account for them: the error on each row is the finding, and the
     * force's missing value names the row. Call once, after every indicator is computed.
     */
    public void reportMonthsMissing() {
        for (MonthsMissing gap : monthsMissing.values()) {
            if (gap.explained(gap.months)) continue;
            List<Rejected.Row> candidates = gap.candidates();
            String indicators = String.join(" and ", gap.indicators);
            // a data.police.uk month lacks its own file: the force's other months' files are not where it is missing
            findings.report(Finding.of(Rule.PERIOD_MONTH_MISSING).file(gap.records ? "" : gap.firstFile)
                    .at(candidates.size() == 1 ? candidates.get(0).location() : "").force(gap.force.code())
                    .indicator(gap.indicators.size() == 1 ? gap.indicators.iterator().next() : "")
                    .message(gap.force.name() + ": " + gap.reason(gap.months) + " (" + String.join(", ", gap.measures) + "); "
                            + indicators + (gap.indicators.size() == 1 ? " is" : " are") + " missing for this force, as no partial sum is used")
                    .observed("no figure for " + gap.account(gap.months).missing().stream().map(YearMonth::toString)
                            .collect(Collectors.joining(", ")))
                    .expected("every month of " + String.join(" and ", gap.periods)));
        }
        monthsMissing.clear();
        noRecordFiles.forEach((force, indicators) -> {
            String periods = String.join(" and ", new java.util.LinkedHashSet<>(indicators.values()));
            findings.report(Finding.of(Rule.PERIOD_MONTH_MISSING).force(force.code())
                    .indicator(indicators.size() == 1 ? indicators.keySet().iterator().next() : "")
                    .message(force.name() + ": no data.police.uk file for any month of " + periods + "; "
                            + String.join(" and ", indicators.keySet()) + (indicators.size() == 1 ? " is" : " are")
                            + " missing for this force")
                    .observed("no file").expected("every month of " + periods));
        });
        noRecordFiles.clear();
    }

    /** What one force lacks in one monthly source, gathered over the measures and indicators that need it. */
    static final class MonthsMissing {
        final Force force;
        final boolean records;
        final Set<String> files;
        final String firstFile;
        /** rows rejected from the source: the force's own, and those whose force could not be told */
        final List<Rejected.Row> ownRows, unknownRows;
        final TreeSet<YearMonth> months = new TreeSet<>();
        final Set<String> measures = new java.util.LinkedHashSet<>(), indicators = new java.util.LinkedHashSet<>(),
                periods = new java.util.LinkedHashSet<>();

        /** the force's rows that were read, by file and row number: where a rejected row sits among them tells its month */
        private final Map<String, TreeMap<Integer, YearMonth>> rowsRead = new HashMap<>();
        /** the force's files nothing was read from (data.police.uk): a month whose file is one is that file's error */
        private List<Rejected.File> unreadable = List.of();

        MonthsMissing(Force force, boolean records, Set<String> files, String firstFile, List<Rejected.Row> rejected,
                      List<Observation> read) {
            this.force = force;
            this.records = records;
            this.files = files;
            this.firstFile = firstFile;
            this.ownRows = rejected.stream().filter(r -> r.forceCode().equals(force.code())).toList();
            this.unknownRows = rejected.stream().filter(r -> r.forceCode().isEmpty()).toList();
            for (Observation o : read) {
                rowNumber(o.location()).ifPresent(n -> rowsRead.computeIfAbsent(o.sourceFile(), k -> new TreeMap<>())
                        .put(n, YearMonth.from(o.period().start())));
            }
        }

        MonthsMissing unreadable(List<Rejected.File> files) {
            this.unreadable = files;
            return this;
        }

        /** The force's data.police.uk file of the month, of the type that gives these measures, that could not be read. */
        private Optional<Rejected.File> unreadableFile(YearMonth m) {
            boolean street = measures.stream().anyMatch(x -> x.equals(Measures.RECORDS_ASB_INCIDENTS) || x.equals(Measures.RECORDS_CRIMES));
            String suffix = street ? "-street.csv" : "-stop-and-search.csv";
            return unreadable.stream().filter(r -> {
                String name = java.nio.file.Path.of(r.sourceFile()).getFileName().toString().toLowerCase(Locale.ROOT);
                return name.startsWith(m + "-") && name.endsWith(suffix);
            }).findFirst();
        }

        /** Every month is a rejected row or unreadable file of the force's own: their errors are the findings. */
        boolean explained(Set<YearMonth> lacking) {
            return account(lacking).missing.isEmpty();
        }

        /**
         * Which lacking months the force's rejected rows are, and which are missing. A row is the month its text names
         * ("2023-05,Norfolk…"). A row whose month cannot be told ("2023-13") is at most one month: the one lacking month
         * between the force's rows read before and after it in the file, as a reviewer reading the file would take it
         * (the sample lists month by month); where its place does not tell, it is the one month otherwise unexplained,
         * if only one is. A row that is neither stays a row that may be one of the missing months, and they are warned of.
         */
        Accounting account(Set<YearMonth> lacking) {
            if (records) {
                Map<YearMonth, Rejected.File> files = new TreeMap<>();
                lacking.forEach(m -> unreadableFile(m).ifPresent(r -> files.put(m, r)));
                TreeSet<YearMonth> missing = lacking.stream().filter(m -> !files.containsKey(m))
                        .collect(Collectors.toCollection(TreeSet::new));
                return new Accounting(Map.of(), files, missing, ownRows);
            }
            Map<YearMonth, Rejected.Row> rejectedMonths = new TreeMap<>();
            List<Rejected.Row> untold = new ArrayList<>();
            for (Rejected.Row r : ownRows) {
                Optional<YearMonth> named = lacking.stream().filter(m -> !rejectedMonths.containsKey(m) && names(r.rawText(), m)).findFirst();
                if (named.isPresent()) rejectedMonths.put(named.get(), r);
                else untold.add(r);
            }
            List<Rejected.Row> unplaced = new ArrayList<>();
            for (Rejected.Row r : untold) {
                List<YearMonth> between = between(r, lacking).stream().filter(m -> !rejectedMonths.containsKey(m)).toList();
                if (between.size() == 1) rejectedMonths.put(between.get(0), r);
                else unplaced.add(r);
            }
            List<YearMonth> left = lacking.stream().filter(m -> !rejectedMonths.containsKey(m)).toList();
            if (left.size() == 1 && !unplaced.isEmpty()) {
                rejectedMonths.put(left.get(0), unplaced.remove(0));
            }
            TreeSet<YearMonth> missing = lacking.stream().filter(m -> !rejectedMonths.containsKey(m))
                    .collect(Collectors.toCollection(TreeSet::new));
            return new Accounting(rejectedMonths, Map.of(), missing, unplaced);
        }

        /** The lacking months between the force's rows read just before and just after the rejected row in its file. */
        private List<YearMonth> between(Rejected.Row r, Set<YearMonth> lacking) {
            TreeMap<Integer, YearMonth> read = rowsRead.get(r.sourceFile());
            Optional<Integer> at = rowNumber(r.location());
            if (read == null || read.isEmpty() || at.isEmpty()) return List.of();
            var before = read.lowerEntry(at.get());
            var after = read.higherEntry(at.get());
            return lacking.stream().filter(m -> (before == null || m.isAfter(before.getValue()))
                    && (after == null || m.isBefore(after.getValue()))).toList();
        }

        private static final java.util.regex.Pattern ROW_NUMBER = java.util.regex.Pattern.compile("(\\d+)$");

        /** 207 of "line 207", 12 of "Table_4a!A12" */
        private static Optional<Integer> rowNumber(String location) {
            java.util.regex.Matcher m = ROW_NUMBER.matcher(location);
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        }

        /** The months the force's rejected rows are, the months missing, and its rejected rows that are neither. */
        record Accounting(Map<YearMonth, Rejected.Row> rejected, Map<YearMonth, Rejected.File> unreadable, TreeSet<YearMonth> missing,
                          List<Rejected.Row> unplaced) {
        }

        /** The rejected rows that may be the missing ones. */
        List<Rejected.Row> candidates() {
            Accounting a = account(months);
            List<Rejected.Row> all = new ArrayList<>(a.unplaced());
            all.addAll(unknownRows(a.missing()));
            return all;
        }

        /**
         * The rows whose force could not be told that name one of the months: another force's missing month is not
         * pointed to a row of a different month.
         */
        private List<Rejected.Row> unknownRows(Set<YearMonth> lacking) {
            return unknownRows.stream().filter(r -> lacking.stream().anyMatch(m -> names(r.rawText(), m))).toList();
        }

        /** Whether a row's text names the month as the monthly tables print it: 2023-08, August 2023, Aug 2023, Aug-23. */
        static boolean names(String rawText, YearMonth m) {
            String text = rawText.toLowerCase(Locale.ROOT);
            String full = m.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.UK).toLowerCase(Locale.ROOT);
            String shortName = full.substring(0, 3);
            return text.contains(m.toString()) || text.contains(full + " " + m.getYear()) || text.contains(shortName + " " + m.getYear())
                    || text.contains(shortName + "-" + String.format(Locale.ROOT, "%02d", m.getYear() % 100));
        }

        /**
         * "its 2023-05 row, line 207 of bt/999-calls-2023.csv, was rejected", "its 2023-09 row is missing from
         * bt/999-calls-2023.csv": a reader of the footnote learns where to look, not only that a month is short.
         */
        String reason(Set<YearMonth> lacking) {
            String where = and(List.copyOf(files));
            Accounting a = account(lacking);
            if (records) {
                List<String> parts = new ArrayList<>();
                a.unreadable().values().stream().distinct().forEach(r -> parts.add("its file " + r.sourceFile() + " could not be used: " + r.why()));
                if (!a.missing().isEmpty()) {
                    parts.add("no data.police.uk file for " + months(a.missing()) + rowsRejected(", but ", ownRows, a.missing()));
                }
                return String.join(", and ", parts);
            }
            if (a.missing().isEmpty() && !a.unplaced().isEmpty()) {
                boolean one = lacking.size() == 1;
                return "its " + months(lacking) + (one ? " row is" : " rows are") + " among its rows rejected from " + where
                        + " (" + at(ownRows) + ")";
            }
            List<String> parts = new ArrayList<>();
            if (!a.rejected().isEmpty()) {
                boolean one = a.rejected().size() == 1;
                parts.add("its " + months(a.rejected().keySet()) + (one ? " row, " : " rows, ") + at(List.copyOf(a.rejected().values()))
                        + " of " + where + (one ? ", was" : ", were") + " rejected");
            }
            if (!a.missing().isEmpty()) {
                boolean one = a.missing().size() == 1;
                parts.add("its " + months(a.missing()) + (one ? " row is" : " rows are") + " missing from " + where
                        + rowsRejected("; ", a.unplaced(), a.missing()));
            }
            return String.join(", and ", parts);
        }

        private static String months(Set<YearMonth> months) {
            return and(new TreeSet<>(months).stream().map(YearMonth::toString).toList());
        }

        /** The rejected rows a reviewer should look at where they do not account for every month. */
        private String rowsRejected(String lead, List<Rejected.Row> ownRows, Set<YearMonth> lacking) {
            List<Rejected.Row> unknownRows = unknownRows(lacking);
            String out = "";
            if (!ownRows.isEmpty()) {
                out += lead + "its " + (ownRows.size() == 1 ? "row at " : "rows at ") + at(ownRows)
                        + (ownRows.size() == 1 ? " was" : " were") + " rejected";
            }
            if (!unknownRows.isEmpty()) {
                boolean forceUnknown = unknownRows.stream().allMatch(r -> r.rule().equals(Rule.FORCE_UNKNOWN.id()));
                out += (out.isEmpty() ? lead : ", and ") + at(unknownRows) + ", rejected "
                        + (forceUnknown ? "as " + (unknownRows.size() == 1 ? "its" : "their") + " force could not be told"
                                : "(" + unknownRows.stream().map(Rejected.Row::rule).distinct().collect(Collectors.joining(", ")) + ")")
                        + ", may be " + (unknownRows.size() == 1 ? "it" : "among them") + " ("
                        + unknownRows.stream().map(r -> "'" + r.observed() + "'").collect(Collectors.joining(", ")) + ")";
            }
            return out;
        }

        /** "line 207", "lines 207 and 250", "Table!A12 and Table!A40" */
        private static String at(List<Rejected.Row> rows) {
            List<String> where = rows.stream().map(Rejected.Row::location).toList();
            if (where.size() > 1 && where.stream().allMatch(w -> w.startsWith("line "))) {
                return "lines " + and(where.stream().map(w -> w.substring("line ".length())).toList());
            }
            return and(where);
        }

        private static String and(List<String> items) {
            if (items.size() <= 1) return String.join("", items);
            return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
        }
    }

    /** Null when the slices tile the period exactly; otherwise what is wrong, in words. */
    static String coverageGap(Period period, Set<Period> slices) {
        if (period.isStock()) {
            return slices.equals(Set.of(period)) ? null : "is not as at " + period.text();
        }
        List<String> missingMonths = new ArrayList<>();
        LocalDate cursor = period.start();
        for (Period p : new TreeSet<>(slices)) {
            if (p.start().isBefore(cursor)) return "has overlapping periods (" + p.text() + ")";
            if (p.start().isAfter(cursor)) {
                Period hole = new Period(cursor, p.start().minusDays(1), Period.Form.DATE_RANGE);
                missingMonths.addAll(hole.months().stream().map(YearMonth::toString).toList());
            }
            cursor = p.end().plusDays(1);
        }
        if (!cursor.isAfter(period.end())) {
            Period hole = new Period(cursor, period.end(), Period.Form.DATE_RANGE);
            missingMonths.addAll(hole.months().stream().map(YearMonth::toString).toList());
        }
        if (missingMonths.isEmpty()) return null;
        return (missingMonths.size() == 1 ? "is missing month " : "is missing months ") + String.join(", ", missingMonths);
    }

    /** Checks part <= whole in every period slice the two share, and overall. */
    private String partExceedsWhole(IndicatorDefinition def, Period period, Force f, Map<String, Aggregate> parts) {
        Aggregate part = parts.get(def.numerator().get(0));
        Aggregate whole = parts.get(def.denominator().get(0));
        if (def.numerator().size() != 1 || def.denominator().size() != 1 || part.total == null || whole.total == null) return null;
        List<Observation[]> rows = rowsWithPartExceedingWhole(def, period, f);
        if (!rows.isEmpty()) return reportRowsPartExceedsWhole(def, period, f, rows, part.total, whole.total);
        for (var e : part.slices.entrySet()) {
            BigDecimal w = whole.slices.get(e.getKey());
            if (w != null && e.getValue().compareTo(w) > 0) {
                return reportPartExceedsWhole(def, f, e.getKey(), e.getValue(), w, part.firstInSlice.get(e.getKey()));
            }
        }
        if (part.total.compareTo(whole.total) > 0) {
            return reportPartExceedsWhole(def, f, period, part.total, whole.total, part.firstInSlice.values().iterator().next());
        }
        return null;
    }

    /** Rows of a force and indicator past which each further row above its whole is counted but not listed. */
    static final int MAX_ROW_FINDINGS = 100;

    /**
     * Part and whole from the same row of a table with dimensions (a stop-and-search row by legislation and ethnicity),
     * each pair [part, whole] in the order read: a row's excess can hide in the force's yearly totals (375 arrests in
     * 370 searches beside rows with fewer).
     */
    private List<Observation[]> rowsWithPartExceedingWhole(IndicatorDefinition def, Period period, Force f) {
        String partMeasure = measureFor(def, period, f, def.numerator().get(0));
        String wholeMeasure = measureFor(def, period, f, def.denominator().get(0));
        Map<String, Observation> wholeRows = new HashMap<>();
        for (Observation o : byMeasureThenForce.getOrDefault(wholeMeasure, Map.of()).getOrDefault(f.code(), List.of())) {
            if (o.hasValue() && !o.dimensions().isEmpty() && period.contains(o.period())) wholeRows.put(rowKey(o), o);
        }
        List<Observation[]> out = new ArrayList<>();
        if (wholeRows.isEmpty()) return out;
        for (Observation o : byMeasureThenForce.getOrDefault(partMeasure, Map.of()).getOrDefault(f.code(), List.of())) {
            if (!o.hasValue() || o.dimensions().isEmpty() || !period.contains(o.period())) continue;
            Observation w = wholeRows.get(rowKey(o));
            if (w != null && o.value().get().compareTo(w.value().get()) > 0) out.add(new Observation[] {o, w});
        }
        return out;
    }

    private static String rowKey(Observation o) {
        return o.sourceFile() + "|" + o.period().text() + "|" + o.dimensions();
    }

    /**
     * Rows whose part is above their whole. Where the force's totals are above too, the error is about the totals
     * and says how many rows; otherwise a row's figures are not the force's for the year (244 arrests in 239 searches
     * in a row, beside 793 in 5,173 in indicators.csv), so it says how many rows and names the first: its line and
     * dimensions. Every further row has an error of its own at its line, for a reviewer to reach each one.
     */
    private String reportRowsPartExceedsWhole(IndicatorDefinition def, Period period, Force f, List<Observation[]> rows,
                                              BigDecimal partTotal, BigDecimal wholeTotal) {
        NumberFormat nf = NumberFormat.getNumberInstance(Locale.UK);
        String partCode = def.numerator().get(0), wholeCode = def.denominator().get(0);
        Observation first = rows.get(0)[0], firstWhole = rows.get(0)[1];
        BigDecimal p = first.value().orElseThrow(), w = firstWhole.value().orElseThrow();
        String firstRow = first.location() + " [" + dimensionsInWords(first.dimensions()) + "]";
        String count = rows.size() == 1 ? "one row" : rows.size() + " rows";
        String leftOut = "; " + def.id() + " is left out for this force";
        String listed = rows.size() > MAX_ROW_FINDINGS ? "; the first " + MAX_ROW_FINDINGS + " have an error each" : "";
        boolean totals = partTotal.compareTo(wholeTotal) > 0;
        Finding.Builder summary = Finding.of(Rule.VALUE_PART_EXCEEDS_WHOLE).file(first.sourceFile()).at(first.location())
                .force(f.code()).indicator(def.id());
        String inWords = "more " + Measures.inWords(partCode) + " than " + Measures.inWords(wholeCode);
        String reason;
        if (totals) {
            summary.message(f.name() + ", " + period.text() + ": " + partCode + " " + nf.format(partTotal) + " is greater than "
                            + wholeCode + " " + nf.format(wholeTotal) + ", and in " + count + (rows.size() == 1 ? ", " : ", the first ")
                            + firstRow + " (" + nf.format(p) + " against " + nf.format(w) + ")" + listed + leftOut)
                    .observed(partTotal.toPlainString()).expected("at most " + wholeTotal.toPlainString());
            reason = inWords + ": " + nf.format(partTotal) + " against " + nf.format(wholeTotal) + " in " + period.describe()
                    + ", and in " + count + (rows.size() == 1 ? ", " : ", the first ") + first.sourceFile() + " " + firstRow;
        } else {
            summary.message(f.name() + ", " + first.period().text() + ": in " + count + (rows.size() == 1 ? ", " : ", the first ")
                            + firstRow + ", " + partCode + " " + nf.format(p) + " is greater than " + wholeCode + " " + nf.format(w)
                            + " (the force's totals for " + period.text() + ": " + partCode + " " + nf.format(partTotal)
                            + ", " + wholeCode + " " + nf.format(wholeTotal) + ")" + listed + leftOut)
                    .observed(p.toPlainString()).expected("at most " + w.toPlainString());
            reason = inWords + " in " + count + (rows.size() == 1 ? ", " : ", the first ") + first.sourceFile() + " " + firstRow
                    + ": " + nf.format(p) + " against " + nf.format(w) + " in " + first.period().describe();
        }
        findings.report(summary);
        for (int i = 1; i < Math.min(rows.size(), MAX_ROW_FINDINGS); i++) {
            Observation[] row = rows.get(i);
            BigDecimal rp = row[0].value().orElseThrow(), rw = row[1].value().orElseThrow();
            findings.report(Finding.of(Rule.VALUE_PART_EXCEEDS_WHOLE).file(row[0].sourceFile()).at(row[0].location())
                    .force(f.code()).indicator(def.id())
                    .message(f.name() + ", " + row[0].period().text() + ": row " + (i + 1) + " of " + rows.size() + ", "
                            + row[0].location() + " [" + dimensionsInWords(row[0].dimensions()) + "], " + partCode + " " + nf.format(rp)
                            + " is greater than " + wholeCode + " " + nf.format(rw) + leftOut)
                    .observed(rp.toPlainString()).expected("at most " + rw.toPlainString()));
        }
        return reason;
    }

    /** "legislation=Section 1 (PACE)|reason=Drugs" as "legislation Section 1 (PACE), reason Drugs"; blank ones left out. */
    private static String dimensionsInWords(String dimensions) {
        List<String> out = new ArrayList<>();
        for (String d : dimensions.split("\\|")) {
            int eq = d.indexOf('=');
            if (eq < 0 || eq == d.length() - 1) continue;
            out.add(d.substring(0, eq).replace('_', ' ') + " " + d.substring(eq + 1));
        }
        return String.join(", ", out);
    }

    private String reportPartExceedsWhole(IndicatorDefinition def, Force f, Period slice, BigDecimal part, BigDecimal whole,
                                          Observation at) {
        NumberFormat nf = NumberFormat.getNumberInstance(Locale.UK);
        String what = def.numerator().get(0) + " " + nf.format(part) + " is greater than " + def.denominator().get(0)
                + " " + nf.format(whole);
        findings.report(Finding.of(Rule.VALUE_PART_EXCEEDS_WHOLE).file(at.sourceFile()).at(at.location()).force(f.code())
                .indicator(def.id())
                .message(f.name() + ", " + slice.text() + ": " + what + "; " + def.id() + " is left out for this force")
                .observed(part.toPlainString()).expected("at most " + whole.toPlainString()));
        // the log keeps the codes; the footnote and sentence say it in words
        return "more " + Measures.inWords(def.numerator().get(0)) + " than " + Measures.inWords(def.denominator().get(0))
                + ": " + nf.format(part) + " against " + nf.format(whole) + " in " + slice.describe();
    }

    /**
     * Queries, never removals: a real outlier such as City of London is real. The figures are quoted as the charts show
     * them ({@link ShownFigures}), in the message and in its observed and expected columns alike, which a force reads in
     * its query workbook; indicators.csv keeps the value at full precision.
     */
    private void queryImplausible(IndicatorDefinition def, List<ForceValue> values) {
        List<ForceValue> with = values.stream().filter(ForceValue::hasValue).toList();
        for (ForceValue v : with) {
            double x = v.value().getAsDouble();
            Force f = forces.byCode(v.forceCode()).orElseThrow();
            def.plausibleRange().ifPresent(r -> {
                if (x < r[0] || x > r[1]) {
                    List<String> shown = ShownFigures.of(def, x, r[0], r[1]);
                    findings.report(Finding.of(Rule.PLAUSIBLE_RANGE).force(f.code()).indicator(def.id())
                            .message(f.name() + "'s " + def.id() + " of " + shown.get(0) + " is outside the plausible range of "
                                    + shown.get(1) + " to " + shown.get(2) + "; please confirm it")
                            .observed(shown.get(0)).expected(shown.get(1) + " to " + shown.get(2)));
                }
            });
            double[] others = with.stream().filter(o -> o != v).mapToDouble(o -> o.value().getAsDouble()).toArray();
            Comparison c = Comparison.of(others, false, Double.NaN, List.of());
            if (others.length >= 3 && c.sd() > 0 && Math.abs(x - c.mean()) > 3 * c.sd()) {
                List<String> shown = ShownFigures.of(def, x, c.mean(), c.mean() - 3 * c.sd(), c.mean() + 3 * c.sd());
                findings.report(Finding.of(Rule.PLAUSIBLE_OUTLIER).force(f.code()).indicator(def.id())
                        .message(f.name() + "'s " + def.id() + " of " + shown.get(0) + " is more than 3 SD from the other forces' mean of "
                                + shown.get(1) + "; please confirm it")
                        .observed(shown.get(0)).expected(shown.get(2) + " to " + shown.get(3)));
            }
        }
    }

    private static final class Aggregate {
        final BigDecimal total;
        final String missingReason;
        final Map<Period, BigDecimal> slices;
        final Map<Period, Observation> firstInSlice;

        private Aggregate(BigDecimal total, String missingReason, Map<Period, BigDecimal> slices, Map<Period, Observation> first) {
            this.total = total;
            this.missingReason = missingReason;
            this.slices = slices;
            this.firstInSlice = first;
        }

        static Aggregate of(BigDecimal total, Map<Period, BigDecimal> slices, Map<Period, Observation> first) {
            return new Aggregate(total, null, slices, first);
        }

        static Aggregate missing(String reason) {
            return new Aggregate(null, reason, Map.of(), Map.of());
        }
    }
}
