package uk.forcecompare.publication.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.indicators.Comparison;
import uk.forcecompare.indicators.ForceValue;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.indicators.methods.ComparisonMethods;
import uk.forcecompare.indicators.methods.ForceInput;
import uk.forcecompare.indicators.methods.IndicatorKind;
import uk.forcecompare.indicators.methods.MethodSensitivity;
import uk.forcecompare.reference.Force;

/**
 * The method-sensitivity table in the site and the workbook: exactly the forces {@link MethodSensitivity#analyse}
 * returns for each indicator, with their sentences, worked out here from the results independently of the site's own
 * plumbing, and the same rows as {@code method-sensitivity.csv}.
 */
class MethodSensitivityPagesTest {

    @TempDir
    static Path tmp;
    static List<IndicatorResult> results;
    static Path site;
    static final Map<String, String> NAMES = new LinkedHashMap<>();

    @BeforeAll
    static void write() {
        SiteFixture.FORCES.all().forEach(f -> NAMES.put(f.code(), f.name()));
        results = SiteFixture.allResults();
        site = SiteFixture.publication(tmp.resolve("pub"), results, true);
        ReportSite.write(site, SiteFixture.TITLE, results, SiteFixture.FORCES, SiteFixture.findings());
    }

    /** What analyse returns for a result, from its own fields. */
    static List<MethodSensitivity.Entry> expected(IndicatorResult r) {
        List<ForceInput> inputs = new ArrayList<>();
        for (ForceValue v : r.forces()) {
            Double n = v.numerator().map(java.math.BigDecimal::doubleValue).orElse(null);
            Double d = v.denominator().map(java.math.BigDecimal::doubleValue).orElse(null);
            inputs.add(v.hasValue() ? new ForceInput(v.forceCode(), n, d, v.value().getAsDouble()) : ForceInput.missing(v.forceCode(), n, d));
        }
        return MethodSensitivity.analyse(IndicatorKind.byId(r.definition().kind()), r.definition().unit().multiplier(),
                inputs, new HashSet<>(r.comparison().excluded()), NAMES, r.comparison().sdMethod().startsWith("population"));
    }

    record Listed(String slug, String name, String sentence) {
    }

    private static final Pattern ROW = Pattern.compile(
            "<tr><th scope=\"row\"><a href=\"(?:\\.\\./)?forces/([^\"]+)\\.html\">([^<]*)</a></th>.*?<td class=\"explain\">([^<]*)</td></tr>");

    /** The rows of the sensitivity table of one indicator on a page. */
    static List<Listed> table(String html, String indicatorId) {
        String marker = "<table class=\"sensitivity\" id=\"sens-" + indicatorId + "\">";
        int start = html.indexOf(marker);
        if (start < 0) return List.of();
        String t = html.substring(start, html.indexOf("</table>", start));
        List<Listed> out = new ArrayList<>();
        Matcher m = ROW.matcher(t);
        while (m.find()) out.add(new Listed(m.group(1), m.group(2), m.group(3)));
        return out;
    }

    static List<Listed> listed(List<MethodSensitivity.Entry> entries) {
        return entries.stream().map(e -> {
            Force f = SiteFixture.force(e.forceCode());
            return new Listed(f.slug(), Html.esc(f.name()), Html.esc(e.sentence()));
        }).toList();
    }

    @Test
    void methodsPageListsExactlyTheForcesAnalyseReturnsWithTheirSentences() {
        String html = SiteTest.read(site.resolve("methods.html"));
        int total = 0;
        for (IndicatorResult r : results) {
            List<MethodSensitivity.Entry> entries = expected(r);
            total += entries.size();
            String id = r.definition().id();
            assertThat(html).contains("<section aria-labelledby=\"m-" + id + "\">");
            assertThat(table(html, id)).as(id).containsExactlyElementsOf(listed(entries));
            if (entries.isEmpty()) {
                assertThat(html).doesNotContain("id=\"sens-" + id + "\"");
            }
            // the indicator's own page has the same table
            assertThat(table(SiteTest.read(site.resolve("indicators/" + id + ".html")), id)).as(id)
                    .containsExactlyElementsOf(listed(entries));
        }
        assertThat(total).as("the fixture puts some forces in a different band under some method").isGreaterThan(10);
        // the index gives the count, and says what it does not mean
        assertThat(SiteTest.read(site.resolve("index.html"))).contains(total + " force-indicator pairs land in a different band")
                .contains("The published bands are those of one standard deviation, the inspectorate's method.");
        assertThat(html).contains("<h1>Comparison methods beyond one standard deviation</h1>")
                .doesNotContainIgnoringCase("significant");
    }

    @Test
    void theTableMatchesMethodSensitivityCsv() throws Exception {
        List<String> csv = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(site.resolve("method-sensitivity.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                csv.add(rec.get("indicator_id") + "|" + rec.get("force_code") + "|" + rec.get("sentence"));
            }
        }
        List<String> site = new ArrayList<>();
        for (IndicatorResult r : results) {
            for (MethodSensitivity.Entry e : expected(r)) site.add(r.definition().id() + "|" + e.forceCode() + "|" + e.sentence());
        }
        assertThat(site).containsExactlyElementsOf(csv);
    }

    @Test
    void proportionIndicatorsShowTheirFunnelPlotWithItsTextAlternative() {
        String html = SiteTest.read(site.resolve("methods.html"));
        for (IndicatorResult r : results) {
            String id = r.definition().id();
            String img = "<img src=\"" + id + "/funnel.png\" alt=\"Funnel plot of " + Html.esc(r.definition().title());
            if (r.definition().kind().equals("proportion")) {
                assertThat(html).contains(img).contains("href=\"" + id + "/funnel.svg\"");
                assertThat(SiteTest.read(site.resolve("indicators/" + id + ".html"))).contains("<img src=\"../" + id + "/funnel.png\"");
            } else {
                assertThat(html).doesNotContain(id + "/funnel.png");
            }
        }
    }

    @Test
    void aForcePageSaysWhereItsBandDependsOnTheMethod() {
        int checked = 0;
        for (Force f : SiteFixture.FORCES.all()) {
            String page = SiteTest.read(site.resolve("forces/" + f.slug() + ".html"));
            for (IndicatorResult r : results) {
                var entry = expected(r).stream().filter(e -> e.forceCode().equals(f.code())).findFirst();
                String anchor = "href=\"../methods.html#m-" + r.definition().id() + "\"";
                if (entry.isPresent()) {
                    assertThat(page).contains(Html.esc(entry.get().sentence())).contains(anchor);
                    checked++;
                } else {
                    assertThat(page).doesNotContain(anchor);
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void theWorkbookHasTheSameRowsOnItsMethodSensitivitySheet() throws Exception {
        try (InputStream in = Files.newInputStream(site.resolve("force-compare.xlsx")); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            XSSFSheet s = wb.getSheet("Method sensitivity");
            assertThat(s).isNotNull();
            Row header = s.getRow(Workbook.SENSITIVITY_HEADER_ROW);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("Indicator id");
            assertThat(header.getCell(4).getStringCellValue()).contains("(sd1)");
            int sentenceCol = header.getLastCellNum() - 1;
            assertThat(header.getCell(sentenceCol).getStringCellValue()).isEqualTo("What the methods say");
            assertThat(s.getPaneInformation().isFreezePane()).isTrue();
            List<String> rows = new ArrayList<>();
            for (int i = Workbook.SENSITIVITY_HEADER_ROW + 1; i <= s.getLastRowNum(); i++) {
                Row row = s.getRow(i);
                if (row.getCell(2) == null) continue; // an indicator with nobody listed
                rows.add(row.getCell(0).getStringCellValue() + "|" + row.getCell(2).getStringCellValue() + "|"
                        + row.getCell(sentenceCol).getStringCellValue());
                // a method the kind does not have is "not applicable"; a proportion has no Byar interval
                if (row.getCell(0).getStringCellValue().equals("calls-999-answered-within-10s")) {
                    assertThat(row.getCell(4 + Sensitivity.ALL_METHODS.indexOf(ComparisonMethods.BYAR_95)).getStringCellValue())
                            .isEqualTo("not applicable");
                }
            }
            List<String> expected = new ArrayList<>();
            for (IndicatorResult r : results) {
                for (MethodSensitivity.Entry e : expected(r)) expected.add(r.definition().id() + "|" + e.forceCode() + "|" + e.sentence());
            }
            assertThat(rows).containsExactlyElementsOf(expected);
        }
    }

    /** A force left out by configuration is left out of the limits here too, as method-sensitivity.csv does it. */
    @Test
    void exclusionsAndTheSdMethodOfTheRunAreHonoured(@TempDir Path other) {
        IndicatorResult base = results.stream().filter(r -> r.definition().id().equals("calls-999-answered-within-10s"))
                .findFirst().orElseThrow();
        String excludedCode = expected(base).get(0).forceCode();
        Comparison c = base.comparison();
        Comparison changed = new Comparison(c.mean(), c.sd(), c.lower(), c.upper(), c.nForces(), c.englandWalesRate(),
                "population (n)", List.of(excludedCode));
        IndicatorResult r = new IndicatorResult(base.definition(), base.period(), base.forces(), changed);
        List<MethodSensitivity.Entry> entries = expected(r);
        assertThat(entries).isNotEqualTo(expected(base));
        assertThat(entries.stream().filter(e -> e.forceCode().equals(excludedCode)).findFirst().orElseThrow().sentence())
                .contains("(left out of the mean, SD and limits)");

        Path pub = SiteFixture.publication(other, List.of(r), true);
        ReportSite.write(pub, "Exclusions", List.of(r), SiteFixture.FORCES, List.of());
        assertThat(table(SiteTest.read(pub.resolve("methods.html")), r.definition().id()))
                .containsExactlyElementsOf(listed(entries));
        Set<String> listedCodes = new HashSet<>();
        entries.forEach(e -> listedCodes.add(e.forceCode()));
        assertThat(listedCodes).contains(excludedCode);
    }
}
