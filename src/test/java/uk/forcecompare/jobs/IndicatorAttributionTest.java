package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import uk.forcecompare.collection.Period;
import uk.forcecompare.indicators.IndicatorCalculator;
import uk.forcecompare.indicators.IndicatorCatalogue;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.FindingLog;
import uk.forcecompare.validation.Rule;

class IndicatorAttributionTest {

    private static final ForceDirectory FORCES = ForceDirectory.load(Path.of("data/reference"));
    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.load(Path.of("jobs/indicators"));

    private static List<IndicatorResult> computed(String... ids) {
        IndicatorCalculator calc = new IndicatorCalculator(FORCES, List.of(), Optional.empty(), new FindingLog());
        return java.util.Arrays.stream(ids)
                .map(id -> calc.compute(CATALOGUE.get(id).orElseThrow(), Period.parse("FY2022/23"), Set.of(), false)).toList();
    }

    private static Finding suppressed(String location, String measure) {
        return Finding.of(Rule.VALUE_SUPPRESSED).file("ho/funding.xlsx").at(location).force("E23000026")
                .message("Bedfordshire " + measure + ": unavailable or suppressed ('[x]')").observed("[x]").build();
    }

    @Test
    void aFallbackMeasureIsAttributedToTheOneIndicatorWhoseMeasureItStandsIn() {
        // the Home Office precept stands in for FUNDING_PRECEPT_GBP, which only precept-share uses (funding-per-1000
        // lists that fallback too, but divides the total by population); the total stands in for both indicators
        List<Finding> out = IndicatorAttribution.of(List.of(suppressed("Table_4a!G41", "HO_FUNDING_PRECEPT_GBP"),
                suppressed("Table_4a!H41", "HO_FUNDING_TOTAL_GBP")), computed("funding-per-1000", "precept-share"));

        assertThat(out).extracting(Finding::location, Finding::indicatorId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Table_4a!G41", "precept-share"),
                        org.assertj.core.groups.Tuple.tuple("Table_4a!H41", ""));
    }

    @Test
    void measuresThatAllFeedTheSameIndicatorAreAttributedToIt() {
        Finding searches = Finding.of(Rule.RECORDS_ROW_NOT_COUNTED).file("records/2023-01-kent-stop-and-search.csv")
                .at("line 3").force("E23000032").message("A stop-and-search row of Kent (2023-01) has no Date; the row is "
                        + "not counted in RECORDS_STOP_SEARCHES or RECORDS_STOP_SEARCH_FINDS").build();
        Finding street = Finding.of(Rule.RECORDS_ROW_NOT_COUNTED).file("records/2023-01-kent-street.csv")
                .at("line 3").force("E23000032").message("Malformed row in the data.police.uk file of Kent (2023-01): 7 "
                        + "fields where the header has 12; the row is not counted in RECORDS_ASB_INCIDENTS or RECORDS_CRIMES").build();

        List<Finding> out = IndicatorAttribution.of(List.of(searches, street),
                computed("stop-search-find-rate", "asb-incidents-per-1000", "crimes-per-1000"));

        // both stop-and-search measures feed only the find rate; the street row's two measures feed two indicators
        assertThat(out).extracting(Finding::indicatorId).containsExactly("stop-search-find-rate", "");
    }
}
