package uk.forcecompare.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.forcecompare.sources.Fixtures.BLANK;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.collection.Period;
import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.validation.Rule;

class PopulationTableTest {

    @TempDir
    Path dir;

    private static final Period MID_2018 = Period.asAt(LocalDate.of(2018, 6, 30));

    @Test
    void readsTheRealOnsTableP3WithItsTitleLineAggregatesAndUncodedRow() {
        Fixtures.Output out = Fixtures.read(Fixtures.RESOURCES.resolve("population-pfa-ons-table-p3-mid2018.csv"), SourceKind.ONS_POPULATION);

        assertThat(out.errors()).isEmpty();
        assertThat(out.observations).hasSize(43).allMatch(o -> o.period().equals(MID_2018) && o.hasValue());
        assertThat(out.value("E23000013", Measures.POPULATION)).isEqualByComparingTo("567700"); // Cleveland
        assertThat(out.value("E23000034", Measures.POPULATION)).isEqualByComparingTo("8700"); // City of London
        assertThat(out.value("W15000003", Measures.POPULATION)).isEqualByComparingTo("1331000"); // South Wales
        // ',Beds Cambs Herts' has no code: an info, not a force and not an error
        assertThat(out.findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.FORCE_NOT_TERRITORIAL);
            assertThat(f.observed()).isEqualTo("Beds Cambs Herts");
            assertThat(f.location()).isEqualTo("line 36");
        });
        assertThat(out.only(o -> o.forceCode().equals("E23000013")).location()).isEqualTo("line 6");
    }

    @Test
    void readsTheLongTableEveryYearOfEveryForce() {
        Fixtures.Output out = Fixtures.read(Fixtures.RESOURCES.resolve("population-pfa-mid2001-2020-derived.csv"), SourceKind.ONS_POPULATION);

        assertThat(out.findings).isEmpty();
        assertThat(out.observations).hasSize(860);
        BigDecimal sum2020 = out.observations.stream().filter(o -> o.period().start().getYear() == 2020)
                .map(o -> o.value().orElseThrow()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum2020).isEqualByComparingTo("59719724"); // the file's own stated check
        assertThat(out.only(o -> o.forceCode().equals("E23000001") && o.period().equals(MID_2018)).value())
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("8899375"));
    }

    private static final List<List<Object>> P3 = List.of(
            List.of("Police force area data tables"),
            List.of("Table P3: population, mid-2018"),
            List.of(),
            List.of("Area\u00a0Code", "Area Name", "Population\nmid-2018", "Population mid-2019"),
            List.of("K04000001", "ENGLAND AND WALES", 59115800, 59439800),
            List.of("E12000001", "North East", 2657900, 2669900),
            List.of("E23000013", "Cleveland", 567700, 568000),
            List.of("E23000034", "London, City of", 8700, ".."),
            List.of("W15000004", "Dyfed-Powys", "518,100", 519000),
            List.of("E23000099", "Nowhere", 1, 1),
            List.of("Source: Office for National Statistics", BLANK, BLANK, BLANK));

    @Test
    void theSameWideTableInCsvXlsxAndOdsGivesIdenticalObservations() {
        Path csv = Fixtures.csv(dir, "p3.csv", Fixtures.csvText(P3));
        Path xlsx = Fixtures.xlsx(dir.resolve("p3.xlsx"), List.of(new Fixtures.SheetData("Contents", List.of(List.of("Contents"))),
                new Fixtures.SheetData("Table P3", P3)));
        Path ods = Fixtures.ods(dir.resolve("p3.ods"), List.of(new Fixtures.SheetData("Table P3", P3)));

        Fixtures.Output fromCsv = Fixtures.read(csv, SourceKind.ONS_POPULATION);
        Fixtures.Output fromXlsx = Fixtures.read(xlsx, SourceKind.ONS_POPULATION);
        Fixtures.Output fromOds = Fixtures.read(ods, SourceKind.ONS_POPULATION);

        assertThat(values(fromXlsx)).isEqualTo(values(fromCsv)).isEqualTo(values(fromOds)).containsExactly(
                "E23000013 2018-06-30 567700", "E23000013 2019-06-30 568000",
                "E23000034 2018-06-30 8700", "E23000034 2019-06-30 -",
                "W15000004 2018-06-30 518100", "W15000004 2019-06-30 519000");
        for (Fixtures.Output out : List.of(fromCsv, fromXlsx, fromOds)) {
            assertThat(out.findings(Rule.VALUE_SUPPRESSED)).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("City of London").contains(Measures.POPULATION));
            assertThat(out.findings(Rule.FORCE_UNKNOWN)).singleElement().satisfies(f -> assertThat(f.observed()).contains("E23000099"));
            assertThat(out.quarantined).hasSize(1);
        }
        assertThat(fromXlsx.only(o -> o.forceCode().equals("E23000013") && o.period().start().getYear() == 2018).location())
                .isEqualTo("'Table P3'!C7");
        assertThat(fromCsv.only(o -> o.forceCode().equals("E23000013") && o.period().start().getYear() == 2018).location())
                .isEqualTo("line 8"); // the header's quoted line break makes the header two physical lines
    }

    @Test
    void bomCrlfAndQuotedLineBreaksInTheLongHeader() {
        String text = "\uFEFFMid-year population\r\n\r\n\"pfa_code\",\"pfa\r\nname\",\"MID_YEAR\",\" Population \"\r\nE23000002,Cumbria,2020,\"500,012\"\r\n";
        Fixtures.Output out = Fixtures.read(Fixtures.csv(dir, "long.csv", text), SourceKind.ONS_POPULATION);

        assertThat(out.findings).isEmpty();
        Observation o = out.only(x -> true);
        assertThat(o.forceCode()).isEqualTo("E23000002");
        assertThat(o.value()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("500012"));
        assertThat(o.period()).isEqualTo(Period.asAt(LocalDate.of(2020, 6, 30)));
        assertThat(o.location()).isEqualTo("line 5");
    }

    @Test
    void aTableWithoutTheColumnsIsOneColumnMissingError() {
        Fixtures.Output out = Fixtures.read(Fixtures.csv(dir, "x.csv", "area,people\nCumbria,5\n"), SourceKind.ONS_POPULATION);
        assertThat(out.observations).isEmpty();
        assertThat(out.findings).singleElement().satisfies(f -> assertThat(f.rule()).isEqualTo(Rule.COLUMN_MISSING));
    }

    static List<String> values(Fixtures.Output out) {
        return out.observations.stream().sorted(Comparator.comparing(Observation::forceCode).thenComparing(Observation::period))
                .map(o -> o.forceCode() + " " + o.period().text() + " " + o.value().map(BigDecimal::toPlainString).orElse("-")).toList();
    }
}
