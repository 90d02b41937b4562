package uk.forcecompare.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static uk.forcecompare.sources.Fixtures.BLANK;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.collection.Period;
import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.validation.Rule;
import uk.forcecompare.validation.Severity;

class HomeOfficeTablesTest {

    @TempDir
    Path dir;

    // ---- stop and search

    private static final List<Object> OLD_HEADER = List.of("Financial Year", "Geocode", "Force Name", "Region", "Legislation",
            "Reason for search / arrest", "Ethnic Group (self-defined - new style)", "Ethnicity (self-defined)", "Searches",
            "Resultant arrests", "Weapons arrests (S60 only)");

    @Test
    void oldEraStopSearchSheetKeepsOnlySection1PaceRows() {
        Path xlsx = Fixtures.xlsx(dir.resolve("stop-search-open-data-tables-ppp.xlsx"), "S&S_OD",
                List.of("Stop and search open data"),
                OLD_HEADER,
                List.of("2018/19", "E23000014", "West Midlands", "West Midlands", "Section 1 (PACE)", "Drugs", "Black or Black British",
                        "Black or Black British African", 124, 9, ".."),
                List.of("2018/19", "E23000014", "West Midlands", "West Midlands", "section 1 (PACE) and associated legislation",
                        "Drugs", "White", "White British", "1,204", "-", ".."),
                List.of("2018/19", "E23000014", "West Midlands", "West Midlands", "Section 60", "Weapons", "White", "White British",
                        50, 2, 1),
                List.of("2018/19", "E23000014", "West Midlands", "West Midlands", "Section 1 (PACE)", "Stolen property", "White",
                        "White Irish", 7, ".."),
                List.of("2018/19", "", "British Transport Police", "BTP", "Section 1 (PACE)", "Drugs", "White", "White British", 5, 1));
        Fixtures.Output out = Fixtures.read(xlsx, SourceKind.HOME_OFFICE_STOP_SEARCH);

        assertThat(out.errors()).isEmpty();
        List<Observation> searches = out.observations(Measures.STOP_SEARCH_S1_SEARCHES);
        assertThat(searches).hasSize(3).allMatch(o -> o.forceCode().equals("E23000014") && o.period().equals(Period.financialYear(2018)));
        assertThat(searches.stream().map(o -> o.value().orElseThrow()).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("1335"); // 124 + 1,204 + 7: section 60 left out
        Observation first = searches.get(0);
        assertThat(first.dimensions()).isEqualTo(
                "legislation=Section 1 (PACE)|reason=Drugs|ethnicity_group=Black or Black British|ethnicity=Black or Black British African");
        assertThat(first.location()).isEqualTo("'S&S_OD'!I3");
        List<Observation> arrests = out.observations(Measures.STOP_SEARCH_S1_ARRESTS);
        assertThat(arrests).extracting(o -> o.value().map(BigDecimal::toPlainString).orElse("missing"))
                .containsExactly("9", "0", "missing");
        assertThat(out.findings(Rule.VALUE_SUPPRESSED)).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("'S&S_OD'!J6");
            assertThat(f.message()).contains("West Midlands").contains(Measures.STOP_SEARCH_S1_ARRESTS);
        });
        assertThat(out.findings(Rule.FORCE_NOT_TERRITORIAL)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("British Transport Police"));
    }

    @Test
    void newEraSnakeCaseWithoutArrestsGivesSearchesOnly() {
        String csv = "financial_year,financial_year_quarter,geocode,police_force_area,region,legislation,reason_for_search,"
                + "self_defined_ethnicity_group,self_defined_ethnicity,number_of_searches\n"
                + "2021/22,1,E23000036,Avon and Somerset,South West,Section 1 (PACE),Offensive weapons,White,White - British,30\n"
                + "2021/22,2,E23000036,Avon and Somerset,South West,Section 1 (PACE),Offensive weapons,White,White - British,31\n"
                + "2021/22,2,E23000035,Devon and Cornwall,South West,Section 60 (Criminal Justice and Public Order Act 1994),,,,4\n";
        Fixtures.Output out = Fixtures.read(Fixtures.csv(dir, "ss_open_22.csv", csv), SourceKind.HOME_OFFICE_STOP_SEARCH);

        assertThat(out.findings).isEmpty();
        assertThat(out.observations(Measures.STOP_SEARCH_S1_ARRESTS)).isEmpty();
        assertThat(out.observations).hasSize(2).allMatch(o -> o.period().equals(Period.financialYear(2021)));
        // the quarter tells the two rows apart: not duplicates
        assertThat(out.observations).extracting(Observation::dimensions).containsExactly(
                "legislation=Section 1 (PACE)|reason=Offensive weapons|ethnicity_group=White|ethnicity=White - British|financial_year_quarter=1",
                "legislation=Section 1 (PACE)|reason=Offensive weapons|ethnicity_group=White|ethnicity=White - British|financial_year_quarter=2");
    }

    @Test
    void aRowWhoseCodeAndNameAreTwoForcesIsAnErrorAndLeavesBothForcesYearMissing() {
        String csv = "financial_year,geocode,police_force_area,region,legislation,reason_for_search,"
                + "self_defined_ethnicity_group,self_defined_ethnicity,number_of_searches,number_of_arrests\n"
                + "2022/23,E23000031,Surrey,South East,Section 1 (PACE),Drugs,White,White - British,40,4\n"
                + "2022/23,E23000031,Essex,South East,Section 1 (PACE),Drugs,White,White - Irish,10,1\n"
                + "2022/23,E23000028,Essex,East,Section 1 (PACE),Drugs,White,White - British,70,7\n";
        Fixtures.Output out = Fixtures.read(Fixtures.csv(dir, "ss.csv", csv), SourceKind.HOME_OFFICE_STOP_SEARCH);

        // E23000031 is Surrey's code and Essex is Essex's name: the row's 10 searches are one of theirs, which cannot be told
        assertThat(out.findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.ROW_FORCE_UNCERTAIN);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.location()).isEqualTo("line 3");
            assertThat(f.forceCode()).isEqualTo("E23000031");
            assertThat(f.message()).isEqualTo("'E23000031 Essex' in the stop and search table: the code E23000031 is Surrey's "
                    + "and the name 'Essex' is Essex's, so the row's force cannot be told; row quarantined");
        });
        assertThat(out.quarantined).singleElement().satisfies(q -> assertThat(q).startsWith("line 3 "));
        // Surrey's 40 and Essex's 70 are each a sum short of the row's figures: both forces' searches and arrests for
        // 2022/23 carry a missing value naming the row, so neither is published as 40 or 70
        String why = "a row with Surrey's code E23000031 and Essex's name, which may be either force's";
        assertThat(out.observations).filteredOn(o -> !o.hasValue())
                .extracting(o -> o.forceCode() + " " + o.measure() + " " + o.period().text() + " " + o.location() + " " + o.missingReason())
                .containsExactlyInAnyOrder(
                        "E23000031 STOP_SEARCH_S1_SEARCHES FY2022/23 line 3 " + why,
                        "E23000031 STOP_SEARCH_S1_ARRESTS FY2022/23 line 3 " + why,
                        "E23000028 STOP_SEARCH_S1_SEARCHES FY2022/23 line 3 " + why,
                        "E23000028 STOP_SEARCH_S1_ARRESTS FY2022/23 line 3 " + why);
        assertThat(out.observations).filteredOn(Observation::hasValue)
                .extracting(o -> o.forceCode() + " " + o.value().orElseThrow().toPlainString())
                .containsExactlyInAnyOrder("E23000031 40", "E23000031 4", "E23000028 70", "E23000028 7");
    }

    // ---- workforce

    @Test
    void workforceSampleWithThe2022HeaderNamesSumsToTheHandCountedOfficerFte() throws IOException {
        List<String> lines = Files.readAllLines(Fixtures.RESOURCES.resolve("police_workforce_open_data_sample_rows.csv"));
        // the sample is a cleaned copy: put back the names of the Jul-2022 release
        lines.set(1, "As at 31 March,Geo code,Force name,Region,Sex,Rank description,Worker type,Total headcount,Total FTE");
        Path csv = Fixtures.csv(dir, "workforce.csv", String.join("\n", lines) + "\n");
        Fixtures.Output out = Fixtures.read(csv, SourceKind.HOME_OFFICE_WORKFORCE);

        assertThat(out.findings).isEmpty();
        Period march2022 = Period.asAt(LocalDate.of(2022, 3, 31));
        List<Observation> avon2022 = out.observations.stream()
                .filter(o -> o.forceCode().equals("E23000036") && o.period().equals(march2022)).toList();
        assertThat(avon2022).hasSize(35); // counted with awk from the sample: officer rows for 2022
        // the sample carries float noise from its R export (189.03000000000003): kept as read, never rounded here
        assertThat(avon2022.stream().map(o -> o.value().orElseThrow()).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isCloseTo(new BigDecimal("3057.46"), within(new BigDecimal("0.000001")));
        assertThat(out.only(o -> o.period().equals(march2022) && o.dimensions().equals("sex=Female|rank=Chief Inspector")).location())
                .isEqualTo("line " + (lines.indexOf(lines.stream().filter(l -> l.startsWith("2022-03-01") && l.contains(",Female,Chief Inspector,"))
                        .findFirst().orElseThrow()) + 1));
        assertThat(out.observations.stream().filter(o -> o.period().start().getYear() == 2007)
                .map(o -> o.value().orElseThrow()).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isCloseTo(new BigDecimal("3697.91"), within(new BigDecimal("0.000001")));
        assertThat(avon2022).allMatch(o -> o.measure().equals(Measures.OFFICER_FTE) && o.dimensions().matches("sex=[^|]+\\|rank=.+"));
    }

    @Test
    void workforceOdsDataSheetWithTheCurrentHeaderNames() {
        List<List<Object>> rows = List.of(
                List.of("As at 31 March", "Geocode", "Force name", "Region", "Sex", "Rank", "Worker type", "Total (Headcount)", "Total (FTE)"),
                List.of(2025, "E23000034", "London, City of", "London", "Female", "Constable", "Police Officer", 200, 195.5),
                List.of(2025, "E23000030", "Hampshire and Isle of Wight", "South East", "Male", "Sergeant", "Police Officer", 300, 298.25),
                List.of(2025, "E23000030", "Hampshire and Isle of Wight", "South East", "Male", "Police Staff", "Police Staff", 900, 850),
                List.of(2025, "E23000030", "Hampshire and Isle of Wight", "South East", "Female", "Sergeant", "Police Officer", 9, "[c]"),
                List.of(2025, "", "British Transport Police", "", "Male", "Constable", "Police Officer", 2000, 1990));
        Path ods = Fixtures.ods(dir.resolve("open-data-table-police-workforce.ods"),
                List.of(new Fixtures.SheetData("Cover", List.of(List.of("Police workforce open data"))), new Fixtures.SheetData("Data", rows)));
        Fixtures.Output out = Fixtures.read(ods, SourceKind.HOME_OFFICE_WORKFORCE);

        Period march2025 = Period.asAt(LocalDate.of(2025, 3, 31));
        assertThat(out.observations).hasSize(3).allMatch(o -> o.period().equals(march2025));
        assertThat(out.value("E23000034", Measures.OFFICER_FTE)).isEqualByComparingTo("195.5");
        assertThat(out.only(o -> o.dimensions().equals("sex=Male|rank=Sergeant")).value())
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("298.25"));
        assertThat(out.only(o -> o.dimensions().equals("sex=Female|rank=Sergeant")).hasValue()).isFalse();
        assertThat(out.findings(Rule.VALUE_SUPPRESSED)).singleElement().satisfies(f -> assertThat(f.location()).isEqualTo("Data!I5"));
        assertThat(out.findings(Rule.FORCE_NOT_TERRITORIAL)).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
    }

    // ---- funding

    private static final List<List<Object>> FUNDING = List.of(
            List.of("Table 4a: Police funding for England and Wales, £ million"),
            List.of(),
            List.of(BLANK, BLANK, "2023-24", BLANK, BLANK, "2024 to 2025"),
            List.of("ONS code", "Police force area", "Government Funding", "Precept", "Total", "Government Funding", "Precept", "Total"),
            List.of("K04000001", "England and Wales", 9000, 5000, 14000, 9500, 5500, 15000),
            List.of("E23000001", "Metropolitan", 2000.5, 1000.25, 3000.75, 2100, 1100.123456, 3200.123456),
            List.of("E23000034", "London, City of", 70.1, BLANK, 70.1, 72, "[x]", 72),
            List.of("W15000001", "North Wales", 90, 110.4, 200.4, 95, 115, 210),
            List.of("Source: Home Office"));

    @Test
    void fundingTable4aInMillionsBecomesExactPoundsPerFinancialYear() {
        Path xlsx = Fixtures.xlsx(dir.resolve("funding.xlsx"), List.of(new Fixtures.SheetData("Table_4a", FUNDING)));
        Path ods = Fixtures.ods(dir.resolve("funding.ods"), List.of(new Fixtures.SheetData("Table_4a", FUNDING)));

        for (Path p : List.of(xlsx, ods)) {
            Fixtures.Output out = Fixtures.read(p, SourceKind.HOME_OFFICE_FUNDING);
            assertThat(out.errors()).isEmpty();
            assertThat(out.observations).hasSize(12);
            assertThat(out.only(o -> o.forceCode().equals("E23000001") && o.measure().equals(Measures.HO_FUNDING_TOTAL_GBP)
                    && o.period().equals(Period.financialYear(2023))).value()).contains(new BigDecimal("3000750000"));
            assertThat(out.only(o -> o.forceCode().equals("E23000001") && o.measure().equals(Measures.HO_FUNDING_PRECEPT_GBP)
                    && o.period().equals(Period.financialYear(2024))).value()).contains(new BigDecimal("1100123456"));
            assertThat(out.only(o -> o.forceCode().equals("W15000001") && o.measure().equals(Measures.HO_FUNDING_PRECEPT_GBP)
                    && o.period().equals(Period.financialYear(2023))).value()).contains(new BigDecimal("110400000"));
            assertThat(out.observations.stream().filter(o -> o.forceCode().equals("E23000034") && !o.hasValue()))
                    .hasSize(2).allMatch(o -> o.measure().equals(Measures.HO_FUNDING_PRECEPT_GBP));
            assertThat(out.findings(Rule.VALUE_SUPPRESSED)).hasSize(2).extracting(f -> f.location())
                    .containsExactly("Table_4a!D7", "Table_4a!G7");
        }
    }
}
