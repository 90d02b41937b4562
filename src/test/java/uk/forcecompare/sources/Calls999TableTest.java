package uk.forcecompare.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.collection.Period;
import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.validation.Rule;
import uk.forcecompare.validation.Severity;

class Calls999TableTest {

    @TempDir
    Path dir;

    private static final String HEADER = "Month,Force,Total calls,Calls answered in under 10 seconds,Percentage answered in under 10 seconds\n";

    @Test
    void readsCountsAndExcludesScotlandAndNorthernIrelandWithAnInfo() {
        String text = "999 calls by force\n\n" + HEADER
                + "2023-01,Cumbria Constabulary,\"5,656\",\"5,000\",88.4\n"
                + "2023-01,Police Scotland,40000,39000,97.5\n"
                + "2023-01,Police Service of Northern Ireland,9000,8000,88.9\n"
                + "2023-01,Metropolitan Police Service,100,120,120\n";
        Fixtures.Output out = Fixtures.read(Fixtures.csv(dir, "999.csv", text), SourceKind.POLICE_UK_999);

        Period jan = Period.month(YearMonth.of(2023, 1));
        assertThat(out.value("E23000002", Measures.CALLS_999_TOTAL)).isEqualByComparingTo("5656");
        assertThat(out.value("E23000002", Measures.CALLS_999_UNDER_10S)).isEqualByComparingTo("5000");
        assertThat(out.observations).allMatch(o -> o.period().equals(jan));
        // answered > total is the indicator stage's finding: both values kept as read
        assertThat(out.value("E23000001", Measures.CALLS_999_UNDER_10S)).isEqualByComparingTo("120");
        assertThat(out.errors()).isEmpty();
        assertThat(out.findings(Rule.FORCE_NOT_TERRITORIAL)).hasSize(2).allMatch(f -> f.severity() == Severity.INFO)
                .extracting(f -> f.location()).containsExactly("line 5", "line 6");
        assertThat(out.findings(Rule.FORCE_NOT_TERRITORIAL).get(0).message()).contains("Police Scotland");
        assertThat(out.observations).noneMatch(o -> o.forceCode().isEmpty());
    }

    @Test
    void suppressedNilNegativeUnreadableAndUnknownForce() {
        String text = HEADER
                + "2023-02,Kent,..,*,\n"                // line 2: both suppressed
                + "2023-02,Essex,-,-,\n"                // line 3: nil
                + "2023-02,Surrey,-5,3,\n"              // line 4: negative
                + "2023-02,Sussex,twelve,n/a,\n"        // line 5: unparseable, suppressed
                + "2023-02,Gotham City Police,10,9,\n"  // line 6: unknown
                + "Feb 2023,Dorset,10,[c],\n";          // line 7: month in words, [c] suppressed
        Fixtures.Output out = Fixtures.read(Fixtures.csv(dir, "999.csv", text), SourceKind.POLICE_UK_999);

        Observation kent = out.only(o -> o.forceCode().equals("E23000032") && o.measure().equals(Measures.CALLS_999_TOTAL));
        assertThat(kent.hasValue()).isFalse();
        assertThat(kent.missingReason()).contains("suppressed");
        assertThat(kent.location()).isEqualTo("line 2");
        assertThat(out.value("E23000028", Measures.CALLS_999_TOTAL)).isZero();
        assertThat(out.value("E23000028", Measures.CALLS_999_UNDER_10S)).isZero();
        assertThat(out.only(o -> o.forceCode().equals("E23000031") && o.measure().equals(Measures.CALLS_999_TOTAL)).hasValue()).isFalse();
        assertThat(out.value("E23000031", Measures.CALLS_999_UNDER_10S)).isEqualByComparingTo("3");
        assertThat(out.value("E23000039", Measures.CALLS_999_TOTAL)).isEqualByComparingTo("10");
        assertThat(out.only(o -> o.forceCode().equals("E23000039") && o.measure().equals(Measures.CALLS_999_TOTAL)).period())
                .isEqualTo(Period.month(YearMonth.of(2023, 2)));

        assertThat(out.findings(Rule.VALUE_SUPPRESSED)).extracting(f -> f.location())
                .containsExactly("line 2", "line 2", "line 5", "line 7");
        assertThat(out.findings(Rule.VALUE_NEGATIVE)).singleElement().satisfies(f -> {
            assertThat(f.forceCode()).isEqualTo("E23000031");
            assertThat(f.message()).contains("Surrey").contains(Measures.CALLS_999_TOTAL);
            assertThat(f.observed()).isEqualTo("-5");
        });
        assertThat(out.findings(Rule.VALUE_UNPARSEABLE)).singleElement().satisfies(f -> assertThat(f.observed()).isEqualTo("twelve"));
        assertThat(out.findings(Rule.FORCE_UNKNOWN)).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("line 6");
            assertThat(f.message()).contains("Gotham City Police");
        });
        assertThat(out.quarantined).singleElement().asString().contains("Gotham City Police,10,9");
        assertThat(out.observations).noneMatch(o -> o.forceCode().isEmpty());
    }

    @Test
    void aRepeatedRowCountsOnceAndConflictingRowsLeaveThatForceMissing() {
        String text = HEADER
                + "2023-03,Kent,100,90,\n"
                + "2023-03,Kent,100,90,\n"
                + "2023-03,Essex,200,150,\n"
                + "2023-03,Essex,201,150,\n"
                + "2023-04,Essex,300,250,\n";
        Fixtures.Output out = Fixtures.read(Fixtures.csv(dir, "999.csv", text), SourceKind.POLICE_UK_999);

        assertThat(out.findings(Rule.ROW_DUPLICATE_EXACT)).singleElement().satisfies(f -> assertThat(f.location()).isEqualTo("line 3"));
        assertThat(out.observations(Measures.CALLS_999_TOTAL).stream().filter(o -> o.forceCode().equals("E23000032"))).hasSize(1);
        assertThat(out.value("E23000032", Measures.CALLS_999_TOTAL)).isEqualByComparingTo("100");

        assertThat(out.findings(Rule.ROW_DUPLICATE_CONFLICT)).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("line 5");
            assertThat(f.message()).contains("Essex").contains("line 4");
        });
        List<Observation> essexMarch = out.observations.stream()
                .filter(o -> o.forceCode().equals("E23000028") && o.period().text().equals("2023-03")).toList();
        assertThat(essexMarch).hasSize(2).noneMatch(Observation::hasValue)
                .allMatch(o -> o.missingReason().contains("conflicting duplicate rows"));
        // the force's other months are untouched
        assertThat(out.only(o -> o.forceCode().equals("E23000028") && o.period().text().equals("2023-04")
                && o.measure().equals(Measures.CALLS_999_TOTAL)).value()).isPresent();
    }

    /** Every spelling observed in published sources, in every column, resolves to the right force code. */
    @Test
    void everyObservedForceSpellingResolves() throws IOException {
        List<String[]> expected = new ArrayList<>(); // {code, spelling}
        try (Reader r = Files.newBufferedReader(Fixtures.RESOURCES.resolve("force-name-variants-observed.csv"))) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                for (int i = 1; i < rec.size(); i++) {
                    if (!rec.get(i).isBlank()) expected.add(new String[] {rec.get(0), rec.get(i)});
                }
            }
        }
        assertThat(expected).hasSizeGreaterThan(43 * 6);
        StringBuilder csv = new StringBuilder(HEADER);
        YearMonth month = YearMonth.of(2000, 1);
        for (String[] e : expected) {
            csv.append(month).append(',').append(Text.csvQuote(e[1])).append(",10,9,\n");
            month = month.plusMonths(1);
        }
        Fixtures.Output out = Fixtures.read(Fixtures.csv(dir, "names.csv", csv.toString()), SourceKind.POLICE_UK_999);

        assertThat(out.findings).isEmpty();
        List<Observation> totals = out.observations(Measures.CALLS_999_TOTAL).stream()
                .sorted(java.util.Comparator.comparing(Observation::period)).toList();
        assertThat(totals).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(totals.get(i).forceCode()).as("spelling '%s'", expected.get(i)[1]).isEqualTo(expected.get(i)[0]);
        }
    }

    @Test
    void britishTransportPoliceAndActionFraudAreExcludedWithInfoNamingTheBody() {
        String text = HEADER + "2023-01,BTP,10,9,\n2023-01,British Transport Police,10,9,\n2023-01,Action Fraud,1,1,\n";
        Fixtures.Output out = Fixtures.read(Fixtures.csv(dir, "999.csv", text), SourceKind.POLICE_UK_999);
        assertThat(out.observations).isEmpty();
        assertThat(out.findings).hasSize(3).allMatch(f -> f.rule() == Rule.FORCE_NOT_TERRITORIAL && f.severity() == Severity.INFO);
        assertThat(out.findings.get(0).message()).contains("British Transport Police");
        assertThat(out.findings.get(2).message()).contains("Action Fraud");
    }
}
