package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.indicators.IndicatorCatalogue;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Rule;
import uk.forcecompare.validation.Severity;

/** The population table's coverage of the 43 forces, as a run and {@code validate} check it. */
class PopulationChecksTest {

    private static final ForceDirectory FORCES = ForceDirectory.load(Path.of("data/reference"));
    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.load(Path.of("jobs/indicators"));
    private static final String GWENT = "W15000002";

    @TempDir
    Path collection;

    /** A mid-2020 population of 1,000,000 for every force, Gwent's on line 2 as given (null: no row for Gwent). */
    private List<Finding> validateWithGwent(String gwentsPopulation) throws Exception {
        Files.writeString(collection.resolve("collection.yml"), """
                id: qa-population
                title: Population checks
                population:
                  mid-year: 2020
                sources:
                  - file: ons/pop.csv
                    kind: ons-population
                """);
        StringBuilder csv = new StringBuilder("Area Code,Area Name,mid_year,population\n");
        if (gwentsPopulation != null) csv.append(GWENT).append(",Gwent,2020,").append(gwentsPopulation).append('\n');
        for (Force f : FORCES.all()) {
            if (!f.code().equals(GWENT)) csv.append(f.code()).append(',').append(f.name()).append(",2020,1000000\n");
        }
        Files.createDirectories(collection.resolve("ons"));
        Files.writeString(collection.resolve("ons/pop.csv"), csv);
        return new Validator(FORCES, CATALOGUE).validate(collection).findings();
    }

    @Test
    void aForceMissingFromThePopulationTableIsAWarningAtThatTable() throws Exception {
        List<Finding> findings = validateWithGwent(null);

        assertThat(findings).filteredOn(f -> f.rule() == Rule.POPULATION_MISSING).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.forceCode()).isEqualTo(GWENT);
            assertThat(f.sourceFile()).isEqualTo("ons/pop.csv");
            // contract 5: the message names the force and the measure code it concerns
            assertThat(f.message()).isEqualTo("Gwent is not in the population table for mid-2020 (POPULATION); its rates "
                    + "per 1,000 population are missing");
        });
    }

    @Test
    void aNilPopulationIsAWarningAtItsLineNamingTheForce() throws Exception {
        List<Finding> findings = validateWithGwent("-");

        assertThat(findings).noneMatch(f -> f.rule() == Rule.POPULATION_MISSING);
        assertThat(findings).filteredOn(f -> f.rule() == Rule.POPULATION_NIL).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.sourceFile()).isEqualTo("ons/pop.csv");
            assertThat(f.location()).isEqualTo("line 2");
            assertThat(f.forceCode()).isEqualTo(GWENT);
            assertThat(f.message()).isEqualTo("Gwent's mid-2020 POPULATION is nil (0): nothing can be divided by it, so its "
                    + "rates per 1,000 population are missing");
            assertThat(f.observed()).isEqualTo("0");
        });
    }
}
