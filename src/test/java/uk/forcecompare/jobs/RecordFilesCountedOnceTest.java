package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import uk.forcecompare.collection.Collection;
import uk.forcecompare.collection.ComparisonSettings;
import uk.forcecompare.collection.Period;
import uk.forcecompare.indicators.IndicatorCatalogue;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.sources.Measures;
import uk.forcecompare.sources.Observation;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.FindingLog;
import uk.forcecompare.validation.Rule;

/** Two different data.police.uk files for one force and month: the conflict says what it leaves out. */
class RecordFilesCountedOnceTest {

    static final String KENT = "E23000032";
    static final String FIRST = "records/2023-02/2023-02-kent-street.csv", SECOND = "records/resend/2023-02-kent-street.csv";

    final CollectionChecks checks = new CollectionChecks(ForceDirectory.load(Path.of("data/reference")),
            IndicatorCatalogue.load(Path.of("jobs/indicators")));

    static List<Observation> twoStreetFiles() {
        Period feb = Period.month(YearMonth.of(2023, 2));
        return new ArrayList<>(List.of(
                Observation.of(KENT, Measures.RECORDS_ASB_INCIDENTS, feb, "", BigDecimal.valueOf(40), FIRST, ""),
                Observation.of(KENT, Measures.RECORDS_CRIMES, feb, "", BigDecimal.valueOf(90), FIRST, ""),
                Observation.of(KENT, Measures.RECORDS_ASB_INCIDENTS, feb, "", BigDecimal.valueOf(40), SECOND, ""),
                Observation.of(KENT, Measures.RECORDS_CRIMES, feb, "", BigDecimal.valueOf(89), SECOND, "")));
    }

    static Collection collection(Map<String, Optional<Period>> indicators) {
        return new Collection("qa", "qa", Path.of("."), Optional.of("sha"), Optional.of(2020), List.of(), indicators,
                ComparisonSettings.DEFAULT, List.of(), List.of());
    }

    List<Finding> conflicts(Collection c, List<Observation> observations) {
        FindingLog log = new FindingLog();
        Invalidated invalidated = new Invalidated();
        checks.checkRecordFilesCountedOnce(c, observations, log, invalidated);
        assertThat(invalidated.files).containsExactly(FIRST, SECOND);
        return log.all().stream().filter(f -> f.rule() == Rule.ROW_DUPLICATE_CONFLICT).toList();
    }

    @Test
    void theConflictNamesTheMeasuresAndTheIndicatorsItLeavesOut() {
        Map<String, Optional<Period>> indicators = new LinkedHashMap<>();
        indicators.put("crimes-per-1000", Optional.of(Period.parse("2023-01..2023-03")));
        indicators.put("asb-incidents-per-1000", Optional.of(Period.parse("2023-01..2023-03")));
        indicators.put("stop-search-find-rate", Optional.of(Period.parse("2023-01..2023-03")));
        List<Finding> found = conflicts(collection(indicators), twoStreetFiles());

        assertThat(found).hasSize(2).extracting(Finding::sourceFile).containsExactly(FIRST, SECOND);
        // each file's values are missing naming both files: one alone reads as if the other were right
        Invalidated invalidated = new Invalidated();
        checks.checkRecordFilesCountedOnce(collection(indicators), twoStreetFiles(), new FindingLog(), invalidated);
        assertThat(invalidated.reasons).hasSize(2).containsOnly("2 different street files for 2023-02, " + FIRST + " and " + SECOND);
        assertThat(found).allSatisfy(f -> assertThat(f.message()).isEqualTo("The data.police.uk street file of Kent for 2023-02 "
                + "is in the collection 2 times (" + FIRST + ", " + SECOND + ") with different counts; which is right cannot be "
                + "told, so Kent's 2023-02 RECORDS_ASB_INCIDENTS and RECORDS_CRIMES are missing, and with them its "
                + "asb-incidents-per-1000 and crimes-per-1000 for any period that includes 2023-02"));
    }

    @Test
    void anIndicatorWhosePeriodLeavesTheMonthOutIsNotNamed() {
        Map<String, Optional<Period>> indicators = new LinkedHashMap<>();
        indicators.put("crimes-per-1000", Optional.of(Period.parse("2023-03..2023-05")));
        indicators.put("asb-incidents-per-1000", Optional.empty());
        assertThat(conflicts(collection(indicators), twoStreetFiles()).get(0).message())
                .endsWith("so Kent's 2023-02 RECORDS_ASB_INCIDENTS and RECORDS_CRIMES are missing, and with them its "
                        + "asb-incidents-per-1000 for any period that includes 2023-02");

        Map<String, Optional<Period>> neither = Map.of("crimes-per-1000", Optional.of(Period.parse("2023-03")),
                "calls-999-per-1000", Optional.empty());
        assertThat(conflicts(collection(neither), twoStreetFiles()).get(0).message())
                .endsWith("so Kent's 2023-02 RECORDS_ASB_INCIDENTS and RECORDS_CRIMES are missing (no indicator of this "
                        + "collection is computed from them for 2023-02)");
    }

    @Test
    void withoutIndicatorsInTheManifestEveryIndicatorComputedFromTheMeasuresIsNamed() {
        Period feb = Period.month(YearMonth.of(2023, 2));
        String first = "records/2023-02/2023-02-kent-stop-and-search.csv", second = "records/copy/2023-02-kent-stop-and-search.csv";
        List<Observation> searches = new ArrayList<>(List.of(
                Observation.of(KENT, Measures.RECORDS_STOP_SEARCHES, feb, "", BigDecimal.valueOf(300), first, ""),
                Observation.of(KENT, Measures.RECORDS_STOP_SEARCH_FINDS, feb, "", BigDecimal.valueOf(60), first, ""),
                Observation.of(KENT, Measures.RECORDS_STOP_SEARCHES, feb, "", BigDecimal.valueOf(301), second, ""),
                Observation.of(KENT, Measures.RECORDS_STOP_SEARCH_FINDS, feb, "", BigDecimal.valueOf(60), second, "")));
        FindingLog log = new FindingLog();
        checks.checkRecordFilesCountedOnce(collection(Map.of()), searches, log, new Invalidated());
        assertThat(log.all()).hasSize(2).allSatisfy(f -> assertThat(f.message()).endsWith("so Kent's 2023-02 "
                + "RECORDS_STOP_SEARCHES and RECORDS_STOP_SEARCH_FINDS are missing, and with them its stop-search-find-rate for any "
                + "period that includes 2023-02"));
    }

    /** The files whose values a conflict makes missing. */
    static final class Invalidated implements CollectionChecks.Invalidation {
        final List<String> files = new ArrayList<>(), reasons = new ArrayList<>();

        @Override
        public void invalidate(String forceCode, String sourceFile, String reason) {
            files.add(sourceFile);
            reasons.add(reason);
        }

        @Override
        public void drop(String forceCode, String sourceFile) {
        }

        @Override
        public void dropOne(Observation o) {
        }

        @Override
        public void invalidateOne(Observation o, String reason) {
        }
    }
}
