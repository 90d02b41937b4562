package uk.forcecompare.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Rule;

/**
 * A QA reviewer works through the log file by file and indicator by indicator: the report counts findings per file
 * and lets every row be filtered by indicator and file as well as force, severity and rule.
 */
class ValidationReportTest {

    private static final ForceDirectory FORCES = ForceDirectory.load(Path.of("data/reference"));

    @Test
    void countsFindingsPerFileAndTagsEveryRowWithItsIndicatorAndFile() {
        List<Finding> findings = List.of(
                Finding.of(Rule.VALUE_NOT_NUMBER).file("returns/norfolk.xlsx").at("Return!C10").force("E23000024")
                        .indicator("calls-101-abandonment-rate").message("Norfolk CALLS_101_ABANDONED: 'n/a'").build(),
                Finding.of(Rule.VALUE_NOT_SUPPLIED).file("returns/norfolk.xlsx").at("Return!C11").force("E23000024")
                        .indicator("asb-civil-order-ratio").message("Norfolk ASB_INCIDENTS blank").build(),
                Finding.of(Rule.RETURN_MISSING).force("E23000002").message("Cumbria sent no return").build());

        String html = ValidationReport.html("test collection", findings, FORCES);

        // returns/norfolk.xlsx: 1 error and 1 warning; the coverage finding has no file
        assertThat(html).contains("<h2>By file</h2>")
                .contains("<tr><td>returns/norfolk.xlsx</td><td>1</td><td>1</td><td>0</td></tr>")
                .contains("<tr><td>(no file)</td><td>0</td><td>1</td><td>0</td></tr>");
        assertThat(html).contains("data-indicator=\"calls-101-abandonment-rate\" data-file=\"returns/norfolk.xlsx\"")
                .contains("data-indicator=\"(no indicator)\" data-file=\"(no file)\"");
        assertThat(html).contains("<select data-filter=\"indicator\"><option value=\"\">all</option><option>(no indicator)</option>"
                + "<option>asb-civil-order-ratio</option><option>calls-101-abandonment-rate</option></select>");
        assertThat(html).contains("<select data-filter=\"file\"><option value=\"\">all</option><option>(no file)</option>"
                + "<option>returns/norfolk.xlsx</option></select>");
        assertThat(html).contains("id=\"text-filter\"").contains("<p id=\"shown\">Showing all 3 findings.</p>");
    }
}
