package uk.forcecompare.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.collection.SourceFile;
import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.validation.Rule;

class KindDetectionTest {

    @TempDir
    Path dir;

    private final Sources sources = new Sources(Fixtures.FORCES);

    @Test
    void tellsEachKindFromItsHeaderOrSheetsOrName() {
        assertThat(sources.detectKind(Fixtures.RESOURCES.resolve("population-pfa-ons-table-p3-mid2018.csv"))).contains(SourceKind.ONS_POPULATION);
        assertThat(sources.detectKind(Fixtures.RESOURCES.resolve("population-pfa-mid2001-2020-derived.csv"))).contains(SourceKind.ONS_POPULATION);
        assertThat(sources.detectKind(Fixtures.csv(dir, "a.csv", "Title\nMonth,Force,Total calls,Calls answered in under 10 seconds\n")))
                .contains(SourceKind.POLICE_UK_999);
        assertThat(sources.detectKind(Fixtures.csv(dir, "b.csv", "financial_year,geocode,police_force_area,region,legislation,"
                + "reason_for_search,self_defined_ethnicity_group,self_defined_ethnicity,number_of_searches\n")))
                .contains(SourceKind.HOME_OFFICE_STOP_SEARCH);
        assertThat(sources.detectKind(Fixtures.xlsx(dir.resolve("w.xlsx"), "Data", List.of("As at 31 March", "Geocode", "Force name",
                "Region", "Sex", "Rank", "Worker type", "Total (Headcount)", "Total (FTE)")))).contains(SourceKind.HOME_OFFICE_WORKFORCE);
        assertThat(sources.detectKind(Fixtures.xlsx(dir.resolve("f.xlsx"), "Table_4a", List.of("Table 4a"), List.of("2023-24"),
                List.of("ONS code", "Name", "Government Funding", "Precept", "Total")))).contains(SourceKind.HOME_OFFICE_FUNDING);
        Path ret = dir.resolve("r.xlsx");
        ForceReturnTemplate.write(ret, null, null, null);
        assertThat(sources.detectKind(ret)).contains(SourceKind.FORCE_RETURN);
        assertThat(sources.detectKind(Fixtures.csv(dir, "2024-03-avon-and-somerset-street.csv", "Crime ID,Month\n")))
                .contains(SourceKind.POLICE_UK_RECORDS);
    }

    @Test
    void anUnknownFileIsAWarningNotACrash() {
        Path p = Fixtures.csv(dir, "notes.csv", "what,is,this\n1,2,3\n");
        assertThat(sources.detectKind(p)).isEmpty();
        assertThat(sources.detectKind(Fixtures.RESOURCES.resolve("malformed/truncated.xlsx"))).isEmpty();
        Fixtures.Output out = new Fixtures.Output();
        ReadSummary s = sources.read(new SourceFile(p, "notes.csv", Optional.empty(), "", 0), out);
        assertThat(s.readable()).isFalse();
        assertThat(out.findings).singleElement().satisfies(f -> assertThat(f.rule()).isEqualTo(Rule.FILE_KIND_UNKNOWN));
    }

    @Test
    void recordLevelFilesAreSkippedWithAWarning() {
        Path p = Fixtures.csv(dir, "2024-03-kent-street.csv", "Crime ID,Month,Reported by,Falls within\n");
        Fixtures.Output out = Fixtures.read(p, SourceKind.POLICE_UK_RECORDS);
        assertThat(out.observations).isEmpty();
        assertThat(out.findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.FILE_KIND_UNKNOWN);
            assertThat(f.message()).contains("not read yet");
        });
    }

    @Test
    void readWithoutADeclaredKindDetectsIt() {
        Path p = Fixtures.csv(dir, "calls.csv", "Month,Force,Total calls,Calls answered in under 10 seconds\n2023-05,Kent,10,8\n");
        Fixtures.Output out = new Fixtures.Output();
        ReadSummary s = sources.read(new SourceFile(p, "calls.csv", Optional.empty(), "", 0), out);
        assertThat(s.kind()).isEqualTo("police-uk-999");
        assertThat(s.rowsRead()).isEqualTo(1);
        assertThat(out.value("E23000032", Measures.CALLS_999_UNDER_10S)).isEqualByComparingTo("8");
    }
}
