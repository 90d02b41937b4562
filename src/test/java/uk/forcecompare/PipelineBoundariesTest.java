package uk.forcecompare;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * Data flows one way through the pipeline's packages: collection and reference data, sources, validation,
 * indicators, charts, publication, jobs. No stage reaches back into a later one, and no two stages depend on
 * each other.
 */
class PipelineBoundariesTest {

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            // by location, not ImportOption.DO_NOT_INCLUDE_TESTS, which only knows target/test-classes (see -Dfc.build.dir)
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("uk.forcecompare");

    @Test
    void thePipelineStagesHaveNoCycles() {
        slices().matching("uk.forcecompare.(*)..").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void readingNeverDependsOnWhatComesAfterIt() {
        noClasses().that().resideInAnyPackage("..collection..", "..reference..", "..validation..", "..sources..", "..records..")
                .should().dependOnClassesThat().resideInAnyPackage("..indicators..", "..charts..", "..publication..", "..jobs..")
                .check(PRODUCT);
    }

    @Test
    void computingNeverDependsOnChartsPublicationOrJobs() {
        noClasses().that().resideInAPackage("..indicators..")
                .should().dependOnClassesThat().resideInAnyPackage("..charts..", "..publication..", "..jobs..", "..records..")
                .check(PRODUCT);
    }

    @Test
    void chartsAndPublicationNeverDependOnTheJobs() {
        noClasses().that().resideInAnyPackage("..charts..", "..publication..")
                .should().dependOnClassesThat().resideInAnyPackage("..jobs..", "..database..")
                .check(PRODUCT);
        noClasses().that().resideInAPackage("..charts..")
                .should().dependOnClassesThat().resideInAnyPackage("..publication..", "..sources..", "..records..")
                .check(PRODUCT);
    }
}
