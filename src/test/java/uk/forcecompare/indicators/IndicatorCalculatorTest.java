package uk.forcecompare.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import uk.forcecompare.collection.Period;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.sources.Measures;
import uk.forcecompare.sources.Observation;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.FindingLog;
import uk.forcecompare.validation.Rule;

class IndicatorCalculatorTest {

    private static final ForceDirectory FORCES = ForceDirectory.load(Path.of("data/reference"));
    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.load(Path.of("jobs/indicators"));
    private static final String NORFOLK = "E23000024", SUFFOLK = "E23000025", ESSEX = "E23000028", KENT = "E23000032", DORSET = "E23000039";
    private static final Period YEAR_2023 = Period.parse("2023-01..2023-12");
    private static final Period FY = Period.parse("FY2022/23");

    private final List<Observation> obs = new ArrayList<>();
    private final FindingLog findings = new FindingLog();

    private void monthly(String force, int total, int answered, int... skipMonths) {
        for (int m = 1; m <= 12; m++) {
            final int month = m;
            if (java.util.Arrays.stream(skipMonths).anyMatch(s -> s == month)) continue;
            Period p = Period.month(YearMonth.of(2023, m));
            obs.add(Observation.of(force, Measures.CALLS_999_TOTAL, p, "", BigDecimal.valueOf(total), "bt/999.csv", "line " + m));
            obs.add(Observation.of(force, Measures.CALLS_999_UNDER_10S, p, "", BigDecimal.valueOf(answered), "bt/999.csv", "line " + m));
        }
    }

    private void returned(String force, Period p, String measure, long value) {
        obs.add(Observation.of(force, measure, p, "", BigDecimal.valueOf(value), "returns/" + force + ".xlsx", "Return!C4"));
    }

    private IndicatorResult compute(String id, Period p) {
        IndicatorCalculator calc = new IndicatorCalculator(FORCES, obs, Optional.empty(), findings);
        IndicatorResult r = calc.compute(CATALOGUE.get(id).orElseThrow(), p, Set.of(), false);
        calc.reportMonthsMissing();
        return r;
    }

    /** Both 999 indicators from one calculator, as a run computes them, with the rows and files errors rejected. */
    private List<IndicatorResult> both999(List<Rejected> rejected) {
        for (String force : List.of(NORFOLK, SUFFOLK, ESSEX, DORSET)) {
            obs.add(Observation.of(force, Measures.POPULATION, Period.asAt(LocalDate.of(2022, 6, 30)), "",
                    BigDecimal.valueOf(1_000_000), "ons/p.csv", "line 2"));
        }
        IndicatorCalculator calc = new IndicatorCalculator(FORCES, obs, Optional.empty(), findings).rejected(rejected);
        List<IndicatorResult> out = List.of(
                calc.compute(CATALOGUE.get("calls-999-answered-within-10s").orElseThrow(), YEAR_2023, Set.of(), false),
                calc.compute(CATALOGUE.get("calls-999-per-1000").orElseThrow(), YEAR_2023, Set.of(), false));
        calc.reportMonthsMissing();
        return out;
    }

    @Test
    void aRowNamesAMonthAsTheMonthlyTablesPrintIt() {
        YearMonth aug = YearMonth.of(2023, 8);
        assertThat(List.of("2023-08,Dorsett Police,1,1", "August 2023,Dorsett Police", "Aug 2023,x", "AUG-23,x"))
                .allMatch(t -> IndicatorCalculator.MonthsMissing.names(t, aug));
        assertThat(List.of("2023-09,Dorsett Police", "July 2023,x", "Aug 2022,x", "Aug-24,x"))
                .noneMatch(t -> IndicatorCalculator.MonthsMissing.names(t, aug));
    }

    private List<Finding> monthsMissing() {
        return findings.all().stream().filter(f -> f.rule() == Rule.PERIOD_MONTH_MISSING).toList();
    }

    @Test
    void aMonthAbsentFromTheFileIsOneWarningNamingEveryMeasureAndIndicatorItRemoves() {
        monthly(NORFOLK, 100, 90);
        monthly(ESSEX, 100, 60, 9);
        List<IndicatorResult> r = both999(List.of());

        // two measures in two indicators, one row absent: one warning, for no one indicator
        assertThat(monthsMissing()).singleElement().satisfies(w -> {
            assertThat(w.forceCode()).isEqualTo(ESSEX);
            assertThat(w.sourceFile()).isEqualTo("bt/999.csv");
            assertThat(w.indicatorId()).isEmpty();
            assertThat(w.message()).isEqualTo("Essex: its 2023-09 row is missing from bt/999.csv (CALLS_999_ANSWERED_UNDER_10S, "
                    + "CALLS_999_TOTAL); calls-999-answered-within-10s and calls-999-per-1000 are missing for this force, "
                    + "as no partial sum is used");
            assertThat(w.expected()).isEqualTo("every month of 2023-01..2023-12");
        });
        assertThat(valueOf(r.get(0), ESSEX).missingReason()).isEqualTo("its 2023-09 row is missing from bt/999.csv");
        assertThat(valueOf(r.get(1), ESSEX).missingReason()).isEqualTo("its 2023-09 row is missing from bt/999.csv");
    }

    @Test
    void aMissingMonthOfOneIndicatorNamesThatIndicator() {
        monthly(ESSEX, 100, 60, 3, 4);
        compute("calls-999-answered-within-10s", YEAR_2023);
        assertThat(monthsMissing()).singleElement().satisfies(w -> {
            assertThat(w.indicatorId()).isEqualTo("calls-999-answered-within-10s");
            assertThat(w.message()).startsWith("Essex: its 2023-03 and 2023-04 rows are missing from bt/999.csv (");
        });
    }

    @Test
    void aMonthWhoseRowWasRejectedIsTheRowsErrorAndTheReasonNamesTheRow() {
        monthly(NORFOLK, 100, 90, 5);
        monthly(SUFFOLK, 200, 150);
        List<IndicatorResult> r = both999(List.of(new Rejected.Row("bt/999.csv", "line 207", NORFOLK, "value.unparseable", "2023-5", "2023-5,Norfolk Constabulary,16257,13969,85.9,8.0")));

        // the value.unparseable error on line 207 is the finding: no warning as if the row were absent
        assertThat(monthsMissing()).isEmpty();
        assertThat(valueOf(r.get(0), NORFOLK).missingReason())
                .isEqualTo("its 2023-05 row, line 207 of bt/999.csv, was rejected");
        assertThat(valueOf(r.get(1), NORFOLK).missingReason())
                .isEqualTo("its 2023-05 row, line 207 of bt/999.csv, was rejected");
    }

    @Test
    void aRejectedRowIsTheMonthWhereItSitsAndAnotherMonthOfTheForceIsStillMissing() {
        // rows are numbered by month here: the rejected row at line 5 sits between Norfolk's 2023-04 and 2023-06 rows
        monthly(NORFOLK, 100, 90, 5, 7);
        monthly(SUFFOLK, 200, 150);
        List<IndicatorResult> r = both999(List.of(new Rejected.Row("bt/999.csv", "line 5", NORFOLK, "value.unparseable", "2023-13",
                "2023-13,Norfolk Constabulary,16257,13969,85.9,8.0")));

        String reason = "its 2023-05 row, line 5 of bt/999.csv, was rejected, and its 2023-07 row is missing from bt/999.csv";
        assertThat(valueOf(r.get(0), NORFOLK).missingReason()).isEqualTo(reason);
        assertThat(valueOf(r.get(1), NORFOLK).missingReason()).isEqualTo(reason);
        assertThat(monthsMissing()).singleElement().satisfies(w -> {
            assertThat(w.forceCode()).isEqualTo(NORFOLK);
            assertThat(w.location()).isEmpty();
            assertThat(w.observed()).isEqualTo("no figure for 2023-07");
        });
    }

    @Test
    void aRejectedRowNamingItsMonthIsThatMonthWhereverItSits() {
        monthly(NORFOLK, 100, 90, 5, 7);
        List<IndicatorResult> r = both999(List.of(new Rejected.Row("bt/999.csv", "line 99", NORFOLK, "value.unparseable", "x",
                "2023-07,Norfolk Constabulary,x,13969,85.9,8.0")));
        assertThat(valueOf(r.get(0), NORFOLK).missingReason())
                .isEqualTo("its 2023-07 row, line 99 of bt/999.csv, was rejected, and its 2023-05 row is missing from bt/999.csv");
        assertThat(monthsMissing()).singleElement().satisfies(w -> assertThat(w.observed()).isEqualTo("no figure for 2023-05"));
    }

    @Test
    void aRejectedRowWhoseMonthCannotBeToldIsNotGuessedAmongSeveralMonths() {
        // at the end of the file, after the force's 2023-12 row: it could be 2023-05 or 2023-07
        monthly(NORFOLK, 100, 90, 5, 7);
        List<IndicatorResult> r = both999(List.of(new Rejected.Row("bt/999.csv", "line 99", NORFOLK, "value.unparseable", "2023-13",
                "2023-13,Norfolk Constabulary,16257,13969,85.9,8.0")));
        assertThat(valueOf(r.get(0), NORFOLK).missingReason())
                .isEqualTo("its 2023-05 and 2023-07 rows are missing from bt/999.csv; its row at line 99 was rejected");
        assertThat(monthsMissing()).singleElement().satisfies(w -> {
            assertThat(w.location()).isEqualTo("line 99");
            assertThat(w.observed()).isEqualTo("no figure for 2023-05, 2023-07");
        });
    }

    @Test
    void aRejectedRowInAnotherFileDoesNotExplainAMissingMonth() {
        monthly(NORFOLK, 100, 90, 5);
        List<IndicatorResult> r = both999(List.of(new Rejected.Row("bt/other.csv", "line 207", NORFOLK, "value.unparseable", "2023-5", "2023-5,Norfolk Constabulary,16257,13969,85.9,8.0")));
        assertThat(monthsMissing()).singleElement().satisfies(w -> assertThat(w.location()).isEmpty());
        assertThat(valueOf(r.get(0), NORFOLK).missingReason()).isEqualTo("its 2023-05 row is missing from bt/999.csv");
    }

    @Test
    void aMonthPerhapsInARowWhoseForceCouldNotBeToldIsOneWarningPointingToThatRow() {
        monthly(DORSET, 100, 90, 8);
        monthly(SUFFOLK, 200, 150);
        monthly(ESSEX, 100, 60, 9);
        List<IndicatorResult> r = both999(List.of(new Rejected.Row("bt/999.csv", "line 328", "", "force.unknown", "Dorsett Police", "2023-08,Dorsett Police,12708,10730,84.4,7.3")));

        // Essex lacks 2023-09: a rejected row of 2023-08 is not pointed to
        assertThat(monthsMissing()).filteredOn(w -> w.forceCode().equals(ESSEX)).singleElement()
                .satisfies(w -> assertThat(w.location()).isEmpty());
        assertThat(valueOf(r.get(0), ESSEX).missingReason()).isEqualTo("its 2023-09 row is missing from bt/999.csv");
        assertThat(monthsMissing()).filteredOn(w -> w.forceCode().equals(DORSET)).singleElement().satisfies(w -> {
            assertThat(w.forceCode()).isEqualTo(DORSET);
            assertThat(w.location()).isEqualTo("line 328");
            assertThat(w.message()).startsWith("Dorset: its 2023-08 row is missing from bt/999.csv; line 328, rejected as its force "
                    + "could not be told, may be it ('Dorsett Police') (");
        });
        assertThat(valueOf(r.get(1), DORSET).missingReason()).isEqualTo("its 2023-08 row is missing from bt/999.csv; line 328, "
                + "rejected as its force could not be told, may be it ('Dorsett Police')");
    }

    @Test
    void aFigureInAFileNothingWasReadFromNamesThatFile() {
        monthly(NORFOLK, 100, 90);
        returned(NORFOLK, FY, "CALLS_101_RECEIVED", 1000);
        returned(NORFOLK, FY, "CALLS_101_ABANDONED", 100);
        obs.add(Observation.of(KENT, Measures.RETURN_SUBMITTED, FY, "collection=2024-spring", BigDecimal.ONE, "returns/kent.xlsx",
                "Cover!B2"));
        List<Rejected> rejected = List.of(
                new Rejected.File("bt/999-2023.csv", "", Set.of(Measures.CALLS_999_TOTAL, Measures.CALLS_999_UNDER_10S),
                        "it has no Total calls column"),
                new Rejected.File("returns/kent.xlsx", KENT, Measures.FORCE_RETURN.keySet(),
                        "the Return sheet has no header row with Value"));
        IndicatorCalculator calc = new IndicatorCalculator(FORCES, obs, Optional.empty(), findings).returnsDeclared(true)
                .rejected(rejected);

        IndicatorResult calls = calc.compute(CATALOGUE.get("calls-999-answered-within-10s").orElseThrow(), YEAR_2023, Set.of(), false);
        assertThat(valueOf(calls, NORFOLK).hasValue()).isTrue();
        assertThat(valueOf(calls, SUFFOLK).missingReason()).isEqualTo("bt/999-2023.csv could not be used: it has no Total calls column");
        IndicatorResult abandoned = calc.compute(CATALOGUE.get("calls-101-abandonment-rate").orElseThrow(), FY, Set.of(), false);
        assertThat(valueOf(abandoned, KENT).missingReason())
                .isEqualTo("its return returns/kent.xlsx could not be used: the Return sheet has no header row with Value");
        // a rejected return is one force's: another force without a return sent none
        assertThat(valueOf(abandoned, SUFFOLK).missingReason()).isEqualTo("no return from the force");
    }

    private static ForceValue valueOf(IndicatorResult r, String code) {
        return r.forces().stream().filter(v -> v.forceCode().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void publishedCivilOrderRatio() {
        // Norfolk, year ending 31 March 2023: 285 civil orders in 9,950 incidents = 2.864...%, shown as 2.9
        returned(NORFOLK, FY, "ASB_INCIDENTS", 9950);
        returned(NORFOLK, FY, "ASB_CRIMINAL_BEHAVIOUR_ORDERS", 9);
        returned(NORFOLK, FY, "ASB_COMMUNITY_PROTECTION_NOTICES", 241);
        returned(NORFOLK, FY, "ASB_CIVIL_INJUNCTIONS", 14);
        returned(NORFOLK, FY, "ASB_S34_DISPERSALS", 21);
        IndicatorResult r = compute("asb-civil-order-ratio", FY);
        ForceValue norfolk = valueOf(r, NORFOLK);
        assertThat(norfolk.numerator()).contains(new BigDecimal("285"));
        assertThat(norfolk.denominator()).contains(new BigDecimal("9950"));
        assertThat(norfolk.value().getAsDouble()).isEqualTo(2.8643216080402012);
        assertThat(r.forces()).hasSize(43);
        assertThat(r.comparison().nForces()).isEqualTo(1);
        // 42 forces without a value are each named, with the reason
        assertThat(findings.all().stream().filter(f -> f.rule() == Rule.FORCE_NO_VALUE)).hasSize(42);
    }

    @Test
    void monthsSumAndAMissingMonthRemovesTheForceWithAWarning() {
        monthly(NORFOLK, 100, 90);        // 1080 / 1200 = 90%
        monthly(SUFFOLK, 200, 150);       // 75%
        monthly(ESSEX, 100, 60, 3);       // March missing: no partial sum
        IndicatorResult r = compute("calls-999-answered-within-10s", YEAR_2023);
        assertThat(valueOf(r, NORFOLK).value().getAsDouble()).isEqualTo(90.0);
        assertThat(valueOf(r, NORFOLK).numerator()).contains(new BigDecimal("1080"));
        assertThat(valueOf(r, SUFFOLK).value().getAsDouble()).isEqualTo(75.0);
        ForceValue essex = valueOf(r, ESSEX);
        assertThat(essex.hasValue()).isFalse();
        assertThat(essex.band()).isEqualTo(Band.MISSING);
        assertThat(essex.missingReason()).contains("2023-03");
        Finding w = findings.all().stream().filter(f -> f.rule() == Rule.PERIOD_MONTH_MISSING).findFirst().orElseThrow();
        assertThat(w.forceCode()).isEqualTo(ESSEX);
        assertThat(w.indicatorId()).isEqualTo("calls-999-answered-within-10s");
        assertThat(w.severity().label()).isEqualTo("warning");
        // mean of 90 and 75 = 82.5; sample sd = sqrt((7.5^2 * 2) / 1) = 10.606601717798213
        assertThat(r.comparison().mean()).isEqualTo(82.5);
        assertThat(r.comparison().sd()).isEqualTo(Math.sqrt(112.5));
        // England and Wales rate: (1080 + 1800) / (1200 + 2400) = 80%, not the unweighted 82.5
        assertThat(r.comparison().englandWalesRate()).isEqualTo(2880.0 / 3600.0 * 100);
    }

    @Test
    void answeredAboveTotalInAnyMonthIsAnErrorRemovingTheIndicatorForThatForce() {
        monthly(NORFOLK, 100, 90);
        monthly(KENT, 100, 80);
        obs.removeIf(o -> o.forceCode().equals(KENT) && o.measure().equals(Measures.CALLS_999_UNDER_10S)
                && o.period().start().equals(LocalDate.of(2023, 5, 1)));
        obs.add(Observation.of(KENT, Measures.CALLS_999_UNDER_10S, Period.month(YearMonth.of(2023, 5)), "",
                BigDecimal.valueOf(120), "bt/999.csv", "line 77"));
        IndicatorResult r = compute("calls-999-answered-within-10s", YEAR_2023);
        assertThat(valueOf(r, KENT).hasValue()).isFalse();
        Finding e = findings.all().stream().filter(f -> f.rule() == Rule.VALUE_PART_EXCEEDS_WHOLE).findFirst().orElseThrow();
        assertThat(e.severity().label()).isEqualTo("error");
        assertThat(e.forceCode()).isEqualTo(KENT);
        assertThat(e.location()).isEqualTo("line 77");
        assertThat(e.observed()).isEqualTo("120");
        assertThat(valueOf(r, NORFOLK).value().getAsDouble()).isEqualTo(90.0);
    }

    @Test
    void aReturnForAnotherPeriodIsAWarningNotAValue() {
        returned(NORFOLK, Period.financialYear(2021), "CALLS_101_RECEIVED", 1000);
        returned(NORFOLK, Period.financialYear(2021), "CALLS_101_ABANDONED", 100);
        IndicatorResult r = compute("calls-101-abandonment-rate", FY);
        assertThat(valueOf(r, NORFOLK).hasValue()).isFalse();
        assertThat(findings.all()).anyMatch(f -> f.rule() == Rule.PERIOD_MISMATCH && f.forceCode().equals(NORFOLK)
                && f.observed().equals("FY2021/22") && f.expected().equals("FY2022/23"));
    }

    @Test
    void aReturnForAnotherPeriodIsOneWarningAtItsCoverNotOnePerMeasure() {
        // Norfolk's cover says FY2021/22; Suffolk's covers only half of FY2022/23: neither return is for the period
        Period half = Period.between(LocalDate.of(2022, 4, 1), LocalDate.of(2022, 9, 30));
        for (var e : java.util.Map.of(NORFOLK, Period.financialYear(2021), SUFFOLK, half).entrySet()) {
            returned(e.getKey(), e.getValue(), "CALLS_101_RECEIVED", 1000);
            returned(e.getKey(), e.getValue(), "CALLS_101_ABANDONED", 100);
            obs.add(Observation.of(e.getKey(), Measures.RETURN_SUBMITTED, e.getValue(),
                    "collection=2024-spring|collection-cell=Cover!B5|period-cells=Cover!B6:B7", BigDecimal.ONE,
                    "returns/" + e.getKey() + ".xlsx", "Cover!B3"));
        }
        IndicatorResult r = compute("calls-101-abandonment-rate", FY);

        assertThat(valueOf(r, NORFOLK).hasValue()).isFalse();
        assertThat(valueOf(r, SUFFOLK).hasValue()).isFalse();
        List<Finding> mismatch = findings.all().stream().filter(f -> f.rule() == Rule.PERIOD_MISMATCH).toList();
        assertThat(mismatch).extracting(Finding::forceCode).containsExactlyInAnyOrder(NORFOLK, SUFFOLK);
        assertThat(mismatch).allSatisfy(f -> {
            assertThat(f.location()).isEqualTo("Cover!B6:B7");
            assertThat(f.sourceFile()).isEqualTo("returns/" + f.forceCode() + ".xlsx");
            assertThat(f.indicatorId()).isEqualTo("calls-101-abandonment-rate");
            assertThat(f.expected()).isEqualTo("FY2022/23");
            assertThat(f.message()).contains("CALLS_101_ABANDONED").contains("CALLS_101_RECEIVED");
        });
        assertThat(mismatch).filteredOn(f -> f.forceCode().equals(NORFOLK)).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("Norfolk's return is for FY2021/22"));
        assertThat(valueOf(r, NORFOLK).missingReason()).isEqualTo("its return is for FY2021/22, not FY2022/23");
    }

    @Test
    void aMissingValueCarriesItsReasonThrough() {
        obs.add(Observation.missing(SUFFOLK, "CALLS_101_ABANDONED", FY, "", "not supplied", "returns/suffolk.xlsx", "Return!C10"));
        returned(SUFFOLK, FY, "CALLS_101_RECEIVED", 5000);
        IndicatorResult r = compute("calls-101-abandonment-rate", FY);
        ForceValue suffolk = valueOf(r, SUFFOLK);
        assertThat(suffolk.hasValue()).isFalse();
        assertThat(suffolk.denominator()).contains(new BigDecimal("5000"));
        assertThat(suffolk.numerator()).isEmpty();
        // what was wrong, then where, once, with no brackets inside the footnote's own
        assertThat(suffolk.missingReason()).isEqualTo("101 calls abandoned: not supplied, returns/suffolk.xlsx Return!C10");
    }

    /** Norfolk's funding in the Home Office table for FY2021/22 and FY2023/24 only; Suffolk's for FY2022/23 too. */
    private void fundingTableWithoutNorfolksFY2022() {
        Period at = Period.asAt(LocalDate.of(2020, 6, 30));
        obs.add(Observation.of(NORFOLK, Measures.POPULATION, at, "", BigDecimal.valueOf(1_000_000), "ons/p.csv", "line 2"));
        obs.add(Observation.of(SUFFOLK, Measures.POPULATION, at, "", BigDecimal.valueOf(800_000), "ons/p.csv", "line 3"));
        Period fy2021 = Period.financialYear(2021), fy2023 = Period.financialYear(2023);
        obs.add(Observation.of(NORFOLK, Measures.HO_FUNDING_PRECEPT_GBP, fy2021, "", new BigDecimal("100000000"), "ho/funding.xlsx", "Table_4a!D9"));
        obs.add(Observation.of(NORFOLK, Measures.HO_FUNDING_TOTAL_GBP, fy2021, "", new BigDecimal("250000000"), "ho/funding.xlsx", "Table_4a!E9"));
        obs.add(Observation.of(NORFOLK, Measures.HO_FUNDING_PRECEPT_GBP, fy2023, "", new BigDecimal("110000000"), "ho/funding.xlsx", "Table_4a!J9"));
        obs.add(Observation.of(NORFOLK, Measures.HO_FUNDING_TOTAL_GBP, fy2023, "", new BigDecimal("270000000"), "ho/funding.xlsx", "Table_4a!K9"));
        obs.add(Observation.of(SUFFOLK, Measures.HO_FUNDING_TOTAL_GBP, FY, "", new BigDecimal("180500000"), "ho/funding.xlsx", "Table_4a!H10"));
        obs.add(Observation.of(SUFFOLK, Measures.HO_FUNDING_PRECEPT_GBP, FY, "", new BigDecimal("90250000"), "ho/funding.xlsx", "Table_4a!G10"));
    }

    @Test
    void aFundingTableWithoutTheYearIsAPeriodMismatchNamingTheYearsItHolds() {
        fundingTableWithoutNorfolksFY2022();
        IndicatorResult perHead = compute("funding-per-1000", FY);
        IndicatorResult share = compute("precept-share", FY);

        // the table has Norfolk's funding, for other years: said as the other tables say it, not "no figure"
        assertThat(valueOf(perHead, NORFOLK).missingReason()).isEqualTo("total funding cover FY2021/22, FY2023/24, not FY2022/23");
        assertThat(valueOf(share, NORFOLK).missingReason()).isEqualTo("precept funding cover FY2021/22, FY2023/24, not FY2022/23");
        List<Finding> mismatches = findings.all().stream().filter(f -> f.rule() == Rule.PERIOD_MISMATCH).toList();
        assertThat(mismatches).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(uk.forcecompare.validation.Severity.WARNING);
            assertThat(f.forceCode()).isEqualTo(NORFOLK);
            assertThat(f.sourceFile()).isEqualTo("ho/funding.xlsx");
            assertThat(f.observed()).isEqualTo("FY2021/22, FY2023/24");
            assertThat(f.expected()).isEqualTo("FY2022/23");
        });
        assertThat(mismatches).extracting(Finding::indicatorId, Finding::location, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("funding-per-1000", "Table_4a!E9",
                        "Norfolk's HO_FUNDING_TOTAL_GBP covers FY2021/22, FY2023/24, not the indicator's period FY2022/23"),
                org.assertj.core.groups.Tuple.tuple("precept-share", "Table_4a!D9",
                        "Norfolk's HO_FUNDING_PRECEPT_GBP covers FY2021/22, FY2023/24, not the indicator's period FY2022/23"),
                org.assertj.core.groups.Tuple.tuple("precept-share", "Table_4a!E9",
                        "Norfolk's HO_FUNDING_TOTAL_GBP covers FY2021/22, FY2023/24, not the indicator's period FY2022/23"));
        // Suffolk's year is there: £180.5m / 800,000 x 1,000 = £225,625 per 1,000; £90.25m of £180.5m = 50%
        assertThat(valueOf(perHead, SUFFOLK).value().getAsDouble()).isEqualTo(225_625.0);
        assertThat(valueOf(share, SUFFOLK).value().getAsDouble()).isEqualTo(50.0);
    }

    @Test
    void aForceAskedForAReturnThatSentNoneIsStillMissingForWantOfItsReturn() {
        fundingTableWithoutNorfolksFY2022();
        IndicatorCalculator calc = new IndicatorCalculator(FORCES, obs, Optional.empty(), findings).returnsDeclared(true);
        ForceValue norfolk = valueOf(calc.compute(CATALOGUE.get("funding-per-1000").orElseThrow(), FY, Set.of(), false), NORFOLK);
        assertThat(norfolk.missingReason()).isEqualTo("no return from the force");
    }

    @Test
    void aNilPopulationRemovesTheRatesPerThousandNamingItsCell() {
        Period at = Period.asAt(LocalDate.of(2020, 6, 30));
        obs.add(Observation.of(NORFOLK, Measures.POPULATION, at, "", BigDecimal.ZERO, "ons/pop.csv", "line 42"));
        obs.add(Observation.of(SUFFOLK, Measures.POPULATION, at, "", BigDecimal.valueOf(800_000), "ons/pop.csv", "line 43"));
        obs.add(Observation.of(NORFOLK, Measures.HO_FUNDING_TOTAL_GBP, FY, "", new BigDecimal("260000000"), "ho/funding.ods", "Table_4a!E9"));
        obs.add(Observation.of(SUFFOLK, Measures.HO_FUNDING_TOTAL_GBP, FY, "", new BigDecimal("180500000"), "ho/funding.ods", "Table_4a!E10"));
        IndicatorResult r = compute("funding-per-1000", FY);

        ForceValue norfolk = valueOf(r, NORFOLK);
        assertThat(norfolk.band()).isEqualTo(Band.MISSING);
        assertThat(norfolk.numerator()).contains(new BigDecimal("260000000"));
        assertThat(norfolk.missingReason()).isEqualTo("its mid-2020 population is nil (0) at ons/pop.csv line 42, so there is "
                + "nothing to divide by");
        assertThat(valueOf(r, SUFFOLK).value().getAsDouble()).isEqualTo(225_625.0);
    }

    @Test
    void perPopulationUsesTheChosenMidYear() {
        monthly(NORFOLK, 1000, 900);
        obs.add(Observation.of(NORFOLK, Measures.POPULATION, Period.asAt(LocalDate.of(2020, 6, 30)), "", BigDecimal.valueOf(914_039), "ons/p.csv", "line 2"));
        obs.add(Observation.of(NORFOLK, Measures.POPULATION, Period.asAt(LocalDate.of(2019, 6, 30)), "", BigDecimal.valueOf(907_760), "ons/p.csv", "line 3"));
        IndicatorCalculator calc = new IndicatorCalculator(FORCES, obs, Optional.of(2019), findings);
        IndicatorResult r = calc.compute(CATALOGUE.get("calls-999-per-1000").orElseThrow(), YEAR_2023, Set.of(), false);
        assertThat(valueOf(r, NORFOLK).value().getAsDouble()).isEqualTo(12000.0 / 907760.0 * 1000);
        // without a mid-year the latest estimate is used
        IndicatorCalculator latest = new IndicatorCalculator(FORCES, obs, Optional.empty(), findings);
        assertThat(latest.populationMidYear()).contains(2020);
    }

    @Test
    void defaultPeriodIsTheLatestCompleteYear() {
        monthly(NORFOLK, 100, 90);
        obs.add(Observation.of(NORFOLK, Measures.CALLS_999_TOTAL, Period.month(YearMonth.of(2024, 1)), "", BigDecimal.TEN, "f", "line 1"));
        IndicatorCalculator calc = new IndicatorCalculator(FORCES, obs, Optional.empty(), findings);
        assertThat(calc.defaultPeriod(CATALOGUE.get("calls-999-answered-within-10s").orElseThrow())).contains(YEAR_2023);
    }

    /** A force's 999 call totals for every month of {@code year} but those skipped. */
    private void calls999(String force, int year, int... skipMonths) {
        for (int m = 1; m <= 12; m++) {
            final int month = m;
            if (java.util.Arrays.stream(skipMonths).anyMatch(s -> s == month)) continue;
            obs.add(Observation.of(force, Measures.CALLS_999_TOTAL, Period.month(YearMonth.of(year, m)), "", BigDecimal.TEN,
                    "bt/999.csv", "line " + m));
        }
    }

    private Optional<Period> defaultPeriod(String indicator) {
        return new IndicatorCalculator(FORCES, obs, Optional.empty(), findings).defaultPeriod(CATALOGUE.get(indicator).orElseThrow());
    }

    @Test
    void oneForceAYearAheadDoesNotMoveTheDefaultPeriodForTheOthers() {
        // Norfolk, Suffolk and Essex have 2023; Kent has 2023 and all of 2024: 2024 is complete for 1 force of 4
        for (String force : List.of(NORFOLK, SUFFOLK, ESSEX, KENT)) calls999(force, 2023);
        calls999(KENT, 2024);
        assertThat(defaultPeriod("calls-999-per-1000")).contains(YEAR_2023);
        // with Essex too, 2 of 4 have 2024: half is not most
        calls999(ESSEX, 2024);
        assertThat(defaultPeriod("calls-999-per-1000")).contains(YEAR_2023);
        // with Suffolk, 3 of 4 have 2024
        calls999(SUFFOLK, 2024);
        assertThat(defaultPeriod("calls-999-per-1000")).contains(Period.parse("2024-01..2024-12"));
    }

    @Test
    void oneForceShortOfAMonthDoesNotHoldTheDefaultPeriodBack() {
        // 2024 is complete for Norfolk, Suffolk and Essex (3 of 4); Kent lacks 2024-11 and keeps its warning for it
        for (String force : List.of(NORFOLK, SUFFOLK, ESSEX, KENT)) calls999(force, 2023);
        for (String force : List.of(NORFOLK, SUFFOLK, ESSEX)) calls999(force, 2024);
        calls999(KENT, 2024, 11);
        Period y2024 = Period.parse("2024-01..2024-12");
        assertThat(defaultPeriod("calls-999-per-1000")).contains(y2024);
        obs.add(Observation.of(KENT, Measures.POPULATION, Period.asAt(LocalDate.of(2022, 6, 30)), "", BigDecimal.valueOf(1_000_000),
                "ons/p.csv", "line 2"));
        IndicatorResult r = compute("calls-999-per-1000", y2024);
        assertThat(valueOf(r, KENT).hasValue()).isFalse();
        assertThat(monthsMissing()).singleElement().satisfies(w -> {
            assertThat(w.forceCode()).isEqualTo(KENT);
            assertThat(w.message()).startsWith("Kent: its 2024-11 row is missing from bt/999.csv");
        });
    }

    @Test
    void whereNoYearIsCompleteForMostForcesTheDefaultIsTheYearCompleteForTheMost() {
        // of 5 forces, 2023 is complete for Norfolk and Suffolk (Essex, Kent and Dorset lack June), 2024 for Kent alone
        for (String force : List.of(NORFOLK, SUFFOLK)) calls999(force, 2023);
        for (String force : List.of(ESSEX, KENT, DORSET)) calls999(force, 2023, 6);
        calls999(KENT, 2024);
        assertThat(defaultPeriod("calls-999-per-1000")).contains(YEAR_2023);
    }

    @Test
    void oneReturnForALaterYearDoesNotMoveTheDefaultPeriodForTheOthers() {
        Period later = Period.parse("FY2023/24");
        for (String force : List.of(NORFOLK, SUFFOLK, ESSEX)) {
            returned(force, FY, "CALLS_101_RECEIVED", 1000);
            returned(force, FY, "CALLS_101_ABANDONED", 100);
        }
        returned(KENT, later, "CALLS_101_RECEIVED", 1000);
        returned(KENT, later, "CALLS_101_ABANDONED", 100);
        assertThat(defaultPeriod("calls-101-abandonment-rate")).contains(FY);
    }

    @Test
    void oneForceCountedOnALaterDateDoesNotMoveTheDefaultStockDate() {
        Period march2023 = Period.asAt(LocalDate.of(2023, 3, 31));
        for (String force : List.of(NORFOLK, SUFFOLK, ESSEX, KENT)) {
            obs.add(Observation.of(force, Measures.OFFICER_FTE, Period.asAt(LocalDate.of(2022, 3, 31)), "", BigDecimal.TEN, "hr/w.csv", "line 2"));
            obs.add(Observation.of(force, Measures.OFFICER_FTE, march2023, "", BigDecimal.TEN, "hr/w.csv", "line 3"));
        }
        obs.add(Observation.of(KENT, Measures.OFFICER_FTE, Period.asAt(LocalDate.of(2024, 3, 31)), "", BigDecimal.TEN, "hr/w.csv", "line 4"));
        assertThat(defaultPeriod("officers-per-1000")).contains(march2023);
    }

    @Test
    void excludedForcesKeepTheirValueButLeaveMeanAndSd() {
        monthly(NORFOLK, 100, 90);
        monthly(SUFFOLK, 100, 70);
        monthly("E23000034", 100, 10); // City of London
        IndicatorCalculator calc = new IndicatorCalculator(FORCES, obs, Optional.empty(), findings);
        IndicatorResult r = calc.compute(CATALOGUE.get("calls-999-answered-within-10s").orElseThrow(), YEAR_2023,
                Set.of("E23000034"), false);
        assertThat(r.comparison().mean()).isEqualTo(80.0);
        assertThat(r.comparison().nForces()).isEqualTo(2);
        assertThat(r.comparison().excluded()).containsExactly("E23000034");
        assertThat(valueOf(r, "E23000034").band()).isEqualTo(Band.BELOW);
    }

    @Test
    void fundingComesFromTheReturnOrElseFromTheHomeOfficeTable() {
        Period at = Period.asAt(LocalDate.of(2020, 6, 30));
        obs.add(Observation.of(NORFOLK, Measures.POPULATION, at, "", BigDecimal.valueOf(1_000_000), "ons/p.csv", "line 2"));
        obs.add(Observation.of(SUFFOLK, Measures.POPULATION, at, "", BigDecimal.valueOf(800_000), "ons/p.csv", "line 3"));
        returned(NORFOLK, FY, "FUNDING_TOTAL_GBP", 250_000_000L);
        obs.add(Observation.of(NORFOLK, Measures.HO_FUNDING_TOTAL_GBP, FY, "", new BigDecimal("260000000"), "ho/funding.ods", "Table_4a!E9"));
        obs.add(Observation.of(SUFFOLK, Measures.HO_FUNDING_TOTAL_GBP, FY, "", new BigDecimal("180500000"), "ho/funding.ods", "Table_4a!E10"));
        IndicatorResult r = compute("funding-per-1000", FY);
        // Norfolk: its return's £250m (not the table's £260m) / 1,000,000 people x 1,000 = £250,000 per 1,000
        assertThat(valueOf(r, NORFOLK).value().getAsDouble()).isEqualTo(250_000.0);
        // Suffolk sent no funding figure: the table's £180.5m / 800,000 x 1,000 = £225,625 per 1,000
        assertThat(valueOf(r, SUFFOLK).value().getAsDouble()).isEqualTo(225_625.0);
    }

    @Test
    void messagesQuoteFiguresAtTheIndicatorsDecimalsWithThousandsGrouped() {
        assertThat(ShownFigures.of(0, 9_533_645.36)).containsExactly("9,533,645");
        assertThat(ShownFigures.of(0, 12_000_000.0)).containsExactly("12,000,000"); // Double.toString gives 1.2E7
        assertThat(ShownFigures.of(1, 6232 * 1000.0 / 10938)).containsExactly("569.8");
        assertThat(ShownFigures.of(2, 3.7600000000000002)).containsExactly("3.76");
        // half up on the figure as written, as data.csv rounds it; never "-0.0"
        assertThat(ShownFigures.of(1, 2.85, -0.04)).containsExactly("2.9", "0.0");
        // 60.04 against a range ending at 60 would read "60.0 ... to 60.0": every figure takes a decimal more
        assertThat(ShownFigures.of(1, 60.04, 0, 60)).containsExactly("60.04", "0.00", "60.00");
        // equal figures may read alike
        assertThat(ShownFigures.of(1, 5.0, 5.0)).containsExactly("5.0", "5.0");
    }

    /** A force's funding per 1,000 from its return: total funding (£) in FY2022/23, and its mid-2020 population. */
    private void funding(String force, String totalGbp, long population) {
        obs.add(Observation.of(force, Measures.POPULATION, Period.asAt(LocalDate.of(2020, 6, 30)), "", BigDecimal.valueOf(population),
                "ons/p.csv", "line 2"));
        obs.add(Observation.of(force, "FUNDING_TOTAL_GBP", FY, "", new BigDecimal(totalGbp), "returns/" + force + ".xlsx", "Return!C14"));
    }

    @Test
    void plausibilityQueriesQuoteFiguresAsTheChartShowsThem() {
        String city = "E23000034";
        // £76,269,162.88 for 8,000 residents: 9,533,645.36 per 1,000, shown to funding-per-1000's 0 decimals
        funding(city, "76269162.88", 8_000);
        // the others: 200,000, 222,500 and 245,000 per 1,000; mean 222,500, sample SD 22,500, so 3 SD is 155,000 to 290,000
        funding(NORFOLK, "200000000", 1_000_000);
        funding(SUFFOLK, "222500000", 1_000_000);
        funding(ESSEX, "245000000", 1_000_000);
        compute("funding-per-1000", FY);
        assertThat(findings.all()).filteredOn(f -> f.rule() == Rule.PLAUSIBLE_RANGE).singleElement().satisfies(f -> {
            assertThat(f.forceCode()).isEqualTo(city);
            assertThat(f.message()).isEqualTo("City of London's funding-per-1000 of 9,533,645 is outside the plausible range of "
                    + "100,000 to 2,000,000; please confirm it");
            assertThat(f.observed()).isEqualTo("9,533,645");
            assertThat(f.expected()).isEqualTo("100,000 to 2,000,000");
        });
        assertThat(findings.all()).filteredOn(f -> f.rule() == Rule.PLAUSIBLE_OUTLIER).singleElement().satisfies(f -> {
            assertThat(f.forceCode()).isEqualTo(city);
            assertThat(f.message()).isEqualTo("City of London's funding-per-1000 of 9,533,645 is more than 3 SD from the other "
                    + "forces' mean of 222,500; please confirm it");
            assertThat(f.observed()).isEqualTo("9,533,645");
            assertThat(f.expected()).isEqualTo("155,000 to 290,000");
        });
    }

    @Test
    void aValueJustOutsideItsRangeIsQuotedWithTheDecimalsThatShowIt() {
        // 60,040 of 100,000 calls abandoned: 60.04%, outside 0 to 60, which at 1 decimal would read "60.0"
        returned(NORFOLK, FY, "CALLS_101_RECEIVED", 100_000);
        returned(NORFOLK, FY, "CALLS_101_ABANDONED", 60_040);
        compute("calls-101-abandonment-rate", FY);
        assertThat(findings.all()).filteredOn(f -> f.rule() == Rule.PLAUSIBLE_RANGE).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo("Norfolk's calls-101-abandonment-rate of 60.04 is outside the plausible range of "
                    + "0.00 to 60.00; please confirm it");
            assertThat(f.expected()).isEqualTo("0.00 to 60.00");
        });
    }

    @Test
    void aStopSearchRowWithMoreArrestsThanSearchesRemovesTheArrestRateNotTheSearches() {
        // Essex's totals pass (380 arrests in 447 searches); one row of them does not (375 in 370)
        Period fy = Period.parse("FY2021/22");
        String white = "legislation=Section 1 (PACE)|reason=Drugs|ethnicity=White - British";
        String asian = "legislation=Section 1 (PACE)|reason=Drugs|ethnicity=Asian - Indian";
        obs.add(Observation.of(ESSEX, Measures.STOP_SEARCH_S1_SEARCHES, fy, white, BigDecimal.valueOf(370), "ho/ss.csv", "line 2"));
        obs.add(Observation.of(ESSEX, Measures.STOP_SEARCH_S1_ARRESTS, fy, white, BigDecimal.valueOf(375), "ho/ss.csv", "line 2"));
        obs.add(Observation.of(ESSEX, Measures.STOP_SEARCH_S1_SEARCHES, fy, asian, BigDecimal.valueOf(77), "ho/ss.csv", "line 3"));
        obs.add(Observation.of(ESSEX, Measures.STOP_SEARCH_S1_ARRESTS, fy, asian, BigDecimal.valueOf(5), "ho/ss.csv", "line 3"));
        obs.add(Observation.of(KENT, Measures.STOP_SEARCH_S1_SEARCHES, fy, white, BigDecimal.valueOf(1000), "ho/ss.csv", "line 4"));
        obs.add(Observation.of(KENT, Measures.STOP_SEARCH_S1_ARRESTS, fy, white, BigDecimal.valueOf(120), "ho/ss.csv", "line 4"));
        IndicatorResult r = compute("stop-search-arrest-rate", fy);

        ForceValue essex = valueOf(r, ESSEX);
        assertThat(essex.band()).isEqualTo(Band.MISSING);
        // what is known stays known (contract 5): 380 arrests, 447 searches
        assertThat(essex.numerator()).contains(new BigDecimal("380"));
        assertThat(essex.denominator()).contains(new BigDecimal("447"));
        // the figures are one row's, not the force's year (380 and 447): the error says so, and which row
        assertThat(findings.all()).filteredOn(f -> f.rule() == Rule.VALUE_PART_EXCEEDS_WHOLE).singleElement().satisfies(f -> {
            assertThat(f.forceCode()).isEqualTo(ESSEX);
            assertThat(f.location()).isEqualTo("line 2");
            assertThat(f.observed()).isEqualTo("375");
            assertThat(f.message()).isEqualTo("Essex, FY2021/22: in one row, line 2 [legislation Section 1 (PACE), reason Drugs, "
                    + "ethnicity White - British], STOP_SEARCH_S1_ARRESTS 375 is greater than STOP_SEARCH_S1_SEARCHES 370 (the "
                    + "force's totals for FY2021/22: STOP_SEARCH_S1_ARRESTS 380, STOP_SEARCH_S1_SEARCHES 447); stop-search-arrest-rate "
                    + "is left out for this force");
        });
        assertThat(valueOf(r, KENT).value().getAsDouble()).isEqualTo(12.0);
        // the footnote (and the sentence, which quotes it) says it in words; the log keeps the codes
        assertThat(essex.missingReason()).isEqualTo("more arrests from section 1 stop and searches than section 1 stop and "
                + "searches in one row, ho/ss.csv line 2 [legislation Section 1 (PACE), reason Drugs, ethnicity White - British]: "
                + "375 against 370 in the year ending 31 March 2022");
    }

    /** One Section 1 stop-search row of FY2022/23: its searches and arrests at its line. */
    private void stopSearchRow(String force, String ethnicity, int searches, int arrests, int line) {
        Period fy = Period.parse("FY2022/23");
        String dims = "legislation=Section 1 (PACE)|reason=Drugs|ethnicity=" + ethnicity;
        obs.add(Observation.of(force, Measures.STOP_SEARCH_S1_SEARCHES, fy, dims, BigDecimal.valueOf(searches), "ho/ss.csv", "line " + line));
        obs.add(Observation.of(force, Measures.STOP_SEARCH_S1_ARRESTS, fy, dims, BigDecimal.valueOf(arrests), "ho/ss.csv", "line " + line));
    }

    @Test
    void twoStopSearchRowsWithMoreArrestsThanSearchesAreTwoRowsEachWithItsError() {
        // Kent: lines 3555 (68 in 66) and 3556 (41 in 39) exceed; 3557 (10 in 200) does not: totals 119 in 305 pass
        stopSearchRow(KENT, "White - British", 66, 68, 3555);
        stopSearchRow(KENT, "White - Irish", 39, 41, 3556);
        stopSearchRow(KENT, "Asian - Indian", 200, 10, 3557);
        stopSearchRow(ESSEX, "White - British", 1000, 120, 10);
        IndicatorResult r = compute("stop-search-arrest-rate", Period.parse("FY2022/23"));

        assertThat(valueOf(r, KENT).band()).isEqualTo(Band.MISSING);
        assertThat(findings.all()).filteredOn(f -> f.rule() == Rule.VALUE_PART_EXCEEDS_WHOLE)
                .extracting(Finding::forceCode, Finding::location, Finding::observed, Finding::expected, Finding::message)
                .containsExactly(
                        tuple(KENT, "line 3555", "68", "at most 66", "Kent, FY2022/23: in 2 rows, the first line 3555 [legislation "
                                + "Section 1 (PACE), reason Drugs, ethnicity White - British], STOP_SEARCH_S1_ARRESTS 68 is greater "
                                + "than STOP_SEARCH_S1_SEARCHES 66 (the force's totals for FY2022/23: STOP_SEARCH_S1_ARRESTS 119, STOP_SEARCH_S1_SEARCHES 305); "
                                + "stop-search-arrest-rate is left out for this force"),
                        tuple(KENT, "line 3556", "41", "at most 39", "Kent, FY2022/23: row 2 of 2, line 3556 [legislation "
                                + "Section 1 (PACE), reason Drugs, ethnicity White - Irish], STOP_SEARCH_S1_ARRESTS 41 is greater "
                                + "than STOP_SEARCH_S1_SEARCHES 39; stop-search-arrest-rate is left out for this force"));
        assertThat(valueOf(r, KENT).missingReason()).isEqualTo("more arrests from section 1 stop and searches than section 1 "
                + "stop and searches in 2 rows, the first ho/ss.csv line 3555 [legislation Section 1 (PACE), reason Drugs, "
                + "ethnicity White - British]: 68 against 66 in the year ending 31 March 2023");
        assertThat(valueOf(r, ESSEX).value().getAsDouble()).isEqualTo(12.0);
    }

    @Test
    void stopSearchTotalsWithMoreArrestsThanSearchesAreSaidAsTheTotalsWithHowManyRows() {
        // every Essex row is one arrest above its searches: 11 in 10, 21 in 20, 6 in 5; totals 38 in 35
        stopSearchRow(ESSEX, "White - British", 10, 11, 3362);
        stopSearchRow(ESSEX, "White - Irish", 20, 21, 3363);
        stopSearchRow(ESSEX, "Asian - Indian", 5, 6, 3364);
        IndicatorResult r = compute("stop-search-arrest-rate", Period.parse("FY2022/23"));

        ForceValue essex = valueOf(r, ESSEX);
        assertThat(essex.band()).isEqualTo(Band.MISSING);
        assertThat(essex.numerator()).contains(new BigDecimal("38"));
        assertThat(essex.denominator()).contains(new BigDecimal("35"));
        List<Finding> errors = findings.all().stream().filter(f -> f.rule() == Rule.VALUE_PART_EXCEEDS_WHOLE).toList();
        assertThat(errors).extracting(Finding::location).containsExactly("line 3362", "line 3363", "line 3364");
        assertThat(errors.get(0).message()).isEqualTo("Essex, FY2022/23: STOP_SEARCH_S1_ARRESTS 38 is greater than "
                + "STOP_SEARCH_S1_SEARCHES 35, and in 3 rows, the first line 3362 [legislation Section 1 (PACE), reason Drugs, "
                + "ethnicity White - British] (11 against 10); stop-search-arrest-rate is left out for this force");
        assertThat(errors.get(0).observed()).isEqualTo("38");
        assertThat(errors.get(0).expected()).isEqualTo("at most 35");
        assertThat(errors.get(2).message()).isEqualTo("Essex, FY2022/23: row 3 of 3, line 3364 [legislation Section 1 (PACE), "
                + "reason Drugs, ethnicity Asian - Indian], STOP_SEARCH_S1_ARRESTS 6 is greater than STOP_SEARCH_S1_SEARCHES 5; "
                + "stop-search-arrest-rate is left out for this force");
        assertThat(essex.missingReason()).isEqualTo("more arrests from section 1 stop and searches than section 1 stop and "
                + "searches: 38 against 35 in the year ending 31 March 2023, and in 3 rows, the first ho/ss.csv line 3362 "
                + "[legislation Section 1 (PACE), reason Drugs, ethnicity White - British]");
    }

    @Test
    void aStopSearchRowThatMayBeEitherOfTwoForcesLeavesBothMissingNotShort() {
        // line 3170: Norfolk's code with Suffolk's name, 62 searches and 14 arrests; the reader leaves both forces' year
        // missing for it. Norfolk's 4,651 and Suffolk's 900 from their other rows are sums short of it.
        Period fy = Period.parse("FY2022/23");
        String dims = "legislation=Section 1 (PACE)|reason=Drugs|ethnicity=White - British";
        String why = "a row with Norfolk's code E23000024 and Suffolk's name, which may be either force's";
        stopSearchRow(NORFOLK, "Asian - Indian", 4651, 500, 3169);
        stopSearchRow(SUFFOLK, "White - British", 900, 90, 3300);
        for (String force : List.of(NORFOLK, SUFFOLK)) {
            for (String m : List.of(Measures.STOP_SEARCH_S1_SEARCHES, Measures.STOP_SEARCH_S1_ARRESTS)) {
                obs.add(Observation.missing(force, m, fy, dims, why, "ho/ss.csv", "line 3170"));
            }
        }
        stopSearchRow(ESSEX, "White - British", 1000, 120, 10);
        IndicatorResult r = compute("stop-search-arrest-rate", fy);

        for (String force : List.of(NORFOLK, SUFFOLK)) {
            ForceValue v = valueOf(r, force);
            assertThat(v.band()).isEqualTo(Band.MISSING);
            assertThat(v.missingReason()).endsWith(": " + why + ", ho/ss.csv line 3170");
        }
        assertThat(valueOf(r, ESSEX).value().getAsDouble()).isEqualTo(12.0);
    }

    @Test
    void stopSearchRowsAboveTheirWholeBeyondTheCapAreCountedNotEachListed() {
        for (int i = 0; i < IndicatorCalculator.MAX_ROW_FINDINGS + 5; i++) stopSearchRow(ESSEX, "e" + i, 1, 2, 10 + i);
        compute("stop-search-arrest-rate", Period.parse("FY2022/23"));
        List<Finding> errors = findings.all().stream().filter(f -> f.rule() == Rule.VALUE_PART_EXCEEDS_WHOLE).toList();
        assertThat(errors).hasSize(IndicatorCalculator.MAX_ROW_FINDINGS);
        assertThat(errors.get(0).message()).contains("and in 105 rows, the first line 10 ").contains("; the first 100 have an error each;");
    }

    @Test
    void aForceWithNoRecordFileAtAllIsWarnedOnceAndNotReadAsCountingNothing() {
        Period q1 = Period.parse("2023-01..2023-03");
        for (int m = 1; m <= 3; m++) {
            Period month = Period.month(YearMonth.of(2023, m));
            String file = "records/2023-0" + m + "-norfolk-stop-and-search.csv";
            obs.add(Observation.of(NORFOLK, Measures.RECORDS_STOP_SEARCHES, month, "", BigDecimal.valueOf(100), file, ""));
            obs.add(Observation.of(NORFOLK, Measures.RECORDS_STOP_SEARCH_FINDS, month, "", BigDecimal.valueOf(25), file, ""));
        }
        IndicatorResult r = compute("stop-search-find-rate", q1);

        assertThat(valueOf(r, NORFOLK).value().getAsDouble()).isEqualTo(25.0);
        assertThat(valueOf(r, SUFFOLK).missingReason()).isEqualTo("no data.police.uk file for any month of 2023-01..2023-03");
        // one warning for each of the 42 forces without files, though the indicator has two measures
        List<Finding> warned = findings.all().stream().filter(f -> f.rule() == Rule.PERIOD_MONTH_MISSING).toList();
        assertThat(warned).hasSize(42).extracting(Finding::forceCode).doesNotHaveDuplicates().doesNotContain(NORFOLK);
        assertThat(warned).filteredOn(f -> f.forceCode().equals(SUFFOLK)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(uk.forcecompare.validation.Severity.WARNING);
            assertThat(f.message()).isEqualTo("Suffolk: no data.police.uk file for any month of 2023-01..2023-03; "
                    + "stop-search-find-rate is missing for this force");
        });
    }

    private void streetFiles(String force, String slug, int... months) {
        for (int m : months) {
            Period month = Period.month(YearMonth.of(2023, m));
            String file = "police/2023-0" + m + "/2023-0" + m + "-" + slug + "-street.csv";
            obs.add(Observation.of(force, Measures.RECORDS_ASB_INCIDENTS, month, "", BigDecimal.valueOf(10), file, ""));
            obs.add(Observation.of(force, Measures.RECORDS_CRIMES, month, "", BigDecimal.valueOf(90), file, ""));
        }
    }

    /** asb-incidents-per-1000 and crimes-per-1000 over 2023-01..2023-03 from one calculator, as a run computes them. */
    private List<IndicatorResult> bothStreet(List<Rejected> rejected) {
        Period q1 = Period.parse("2023-01..2023-03");
        IndicatorCalculator calc = new IndicatorCalculator(FORCES, obs, Optional.empty(), findings).rejected(rejected);
        List<IndicatorResult> out = List.of(calc.compute(CATALOGUE.get("asb-incidents-per-1000").orElseThrow(), q1, Set.of(), false),
                calc.compute(CATALOGUE.get("crimes-per-1000").orElseThrow(), q1, Set.of(), false));
        calc.reportMonthsMissing();
        return out;
    }

    @Test
    void aForceWithNoRecordFileAtAllIsOneWarningNamingEveryIndicator() {
        streetFiles(NORFOLK, "norfolk", 1, 2, 3);
        bothStreet(List.of());
        List<Finding> warned = monthsMissing();
        assertThat(warned).hasSize(42).extracting(Finding::forceCode).doesNotHaveDuplicates().doesNotContain(NORFOLK);
        assertThat(warned).filteredOn(f -> f.forceCode().equals(SUFFOLK)).singleElement().satisfies(f -> {
            assertThat(f.indicatorId()).isEmpty();
            assertThat(f.message()).isEqualTo("Suffolk: no data.police.uk file for any month of 2023-01..2023-03; "
                    + "asb-incidents-per-1000 and crimes-per-1000 are missing for this force");
        });
    }

    @Test
    void aMonthWhoseRecordFileCouldNotBeReadIsThatFilesErrorAndTheReasonNamesTheFile() {
        streetFiles(NORFOLK, "norfolk", 1, 3);
        streetFiles(SUFFOLK, "suffolk", 1, 3);
        String empty = "police/2023-02/2023-02-norfolk-street.csv";
        List<IndicatorResult> r = bothStreet(List.of(new Rejected.File(empty, NORFOLK,
                Set.of(Measures.RECORDS_ASB_INCIDENTS, Measures.RECORDS_CRIMES, Measures.RECORDS_STOP_SEARCHES,
                        Measures.RECORDS_STOP_SEARCH_FINDS), "the file is empty (0 bytes)")));

        String why = "its file " + empty + " could not be used: the file is empty (0 bytes)";
        assertThat(valueOf(r.get(0), NORFOLK).missingReason()).isEqualTo(why);
        assertThat(valueOf(r.get(1), NORFOLK).missingReason()).isEqualTo(why);
        assertThat(valueOf(r.get(1), SUFFOLK).missingReason()).isEqualTo("no data.police.uk file for 2023-02");
        // the unreadable file's error stands alone; Suffolk's missing month is not filed under its January file
        assertThat(monthsMissing()).noneMatch(f -> f.forceCode().equals(NORFOLK));
        assertThat(monthsMissing()).filteredOn(f -> f.forceCode().equals(SUFFOLK)).singleElement().satisfies(f -> {
            assertThat(f.sourceFile()).isEmpty();
            assertThat(f.observed()).isEqualTo("no figure for 2023-02");
        });
    }

    @Test
    void aRecordFileNothingOfWhichIsUsedIsSaidOfTheFileNotOfTheFirstMeasureItGives() {
        streetFiles(NORFOLK, "norfolk", 1, 3);
        String february = "police/2023-02/2023-02-norfolk-street.csv";
        Period feb = Period.month(YearMonth.of(2023, 2));
        for (String m : List.of(Measures.RECORDS_ASB_INCIDENTS, Measures.RECORDS_CRIMES)) {
            obs.add(Observation.missing(NORFOLK, m, feb, "", "12 of its 23 rows are not rows of 2023-02", february, "line 2"));
        }
        // as jobs/CollectionChecks makes it of the reader's file.unreadable error
        List<IndicatorResult> r = bothStreet(List.of(new Rejected.File(february, NORFOLK,
                Set.of(Measures.RECORDS_ASB_INCIDENTS, Measures.RECORDS_CRIMES, Measures.RECORDS_STOP_SEARCHES,
                        Measures.RECORDS_STOP_SEARCH_FINDS), "12 of 23 rows not counted")));

        // both indicators lose the file, not "antisocial behaviour incidents: ..." in each
        String why = "its file " + february + " could not be used: 12 of its 23 rows are not rows of 2023-02 (line 2)";
        assertThat(valueOf(r.get(0), NORFOLK).missingReason()).isEqualTo(why);
        assertThat(valueOf(r.get(1), NORFOLK).missingReason()).isEqualTo(why);
    }

    @Test
    void aMissingValueWhoseReasonNamesItsFileDoesNotNameItTwice() {
        streetFiles(NORFOLK, "norfolk", 1, 3);
        String first = "police/2023-02/2023-02-norfolk-street.csv", second = "police/extra/2023-02-norfolk-street.csv";
        String conflict = "2 different street files for 2023-02, " + first + " and " + second;
        Period feb = Period.month(YearMonth.of(2023, 2));
        for (String file : List.of(first, second)) {
            for (String m : List.of(Measures.RECORDS_ASB_INCIDENTS, Measures.RECORDS_CRIMES)) {
                obs.add(Observation.missing(NORFOLK, m, feb, "", conflict, file, ""));
            }
        }
        List<IndicatorResult> r = bothStreet(List.of());

        assertThat(valueOf(r.get(0), NORFOLK).missingReason()).isEqualTo("antisocial behaviour incidents: " + conflict);
        assertThat(valueOf(r.get(1), NORFOLK).missingReason()).isEqualTo("street-level crimes: " + conflict);
    }

    @Test
    void aForceIsSaidToHaveSentNoReturnOnlyWhereReturnsWereAskedFor() {
        // no return anywhere, and none asked for: the collection lacks the figure
        IndicatorCalculator notAsked = new IndicatorCalculator(FORCES, obs, Optional.empty(), findings);
        assertThat(valueOf(notAsked.compute(CATALOGUE.get("calls-101-abandonment-rate").orElseThrow(), FY, Set.of(), false), NORFOLK)
                .missingReason()).isEqualTo("no figure for 101 calls abandoned in the collection");
        // a force-return source declared: the force sent none
        IndicatorCalculator asked = new IndicatorCalculator(FORCES, obs, Optional.empty(), findings).returnsDeclared(true);
        assertThat(valueOf(asked.compute(CATALOGUE.get("calls-101-abandonment-rate").orElseThrow(), FY, Set.of(), false), NORFOLK)
                .missingReason()).isEqualTo("no return from the force");
    }
}
