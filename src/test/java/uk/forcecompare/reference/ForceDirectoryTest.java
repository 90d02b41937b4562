package uk.forcecompare.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ForceDirectoryTest {

    private final ForceDirectory forces = ForceDirectory.load(Path.of("data/reference"));

    @Test
    void fortyThreeForces() {
        assertThat(forces.all()).hasSize(43);
    }

    @Test
    void publishedSpellingsResolve() {
        assertThat(code("Avon & Somerset Constabulary")).isEqualTo("E23000036");
        assertThat(code("London, City of")).isEqualTo("E23000034");
        assertThat(code("Metropolitan Police Service")).isEqualTo("E23000001");
        assertThat(code("Dyfed Powys Police")).isEqualTo("W15000004");
        assertThat(code("Hampshire and Isle of Wight")).isEqualTo("E23000030");
        assertThat(code("north-yorkshire")).isEqualTo("E23000009");
        assertThat(code("NORFOLK CONSTABULARY")).isEqualTo("E23000024");
    }

    @Test
    void bodiesThatAreNotForcesAreRecognisedNotGuessed() {
        assertThat(forces.match("British Transport Police")).isInstanceOf(ForceMatch.NotTerritorial.class);
        assertThat(forces.match("btp")).isInstanceOf(ForceMatch.NotTerritorial.class);
        assertThat(forces.match("Police Scotland")).isInstanceOf(ForceMatch.NotTerritorial.class);
        assertThat(forces.match("Norfok")).isInstanceOf(ForceMatch.Unknown.class);
        assertThat(forces.match("Yorkshire")).isInstanceOf(ForceMatch.Unknown.class);
    }

    @Test
    void codeAndNameMustAgree() {
        assertThat(forces.match("E23000024", "Norfolk")).isInstanceOf(ForceMatch.Territorial.class);
        assertThat(forces.match("E23000024", "Suffolk")).isInstanceOf(ForceMatch.Unknown.class);
    }

    @Test
    void fileNamesNameTheLongestSlug() {
        assertThat(forces.forcesNamedInFileName("2024-spring-north-yorkshire-return.xlsx")).extracting(Force::code)
                .containsExactly("E23000009");
        assertThat(forces.forcesNamedInFileName("returns-final.xlsx")).isEmpty();
    }

    private String code(String name) {
        return ((ForceMatch.Territorial) forces.match(name)).force().code();
    }
}
