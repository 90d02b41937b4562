package uk.forcecompare.publication.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.reference.Force;

class SiteTest {

    @TempDir
    static Path tmp;
    static List<IndicatorResult> results;
    static Path site;

    @BeforeAll
    static void write() {
        results = SiteFixture.allResults();
        site = SiteFixture.publication(tmp.resolve("with-charts"), results, true);
        ReportSite.write(site, SiteFixture.TITLE, results, SiteFixture.FORCES, SiteFixture.findings());
        keepForInspection(site);
    }

    /** {@code -Dforcecompare.site.keep=<folder>} copies the written site there, to open it in a browser. */
    private static void keepForInspection(Path from) {
        String keep = System.getProperty("forcecompare.site.keep", "");
        if (keep.isBlank()) return;
        Path to = Path.of(keep);
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void writesTheIndexAPagePerForceAndPerIndicator() {
        assertThat(site.resolve("index.html")).isRegularFile();
        assertThat(site.resolve("sentences.csv")).isRegularFile();
        assertThat(site.resolve("force-compare.xlsx")).isRegularFile();
        for (Force f : SiteFixture.FORCES.all()) assertThat(site.resolve("forces/" + f.slug() + ".html")).isRegularFile();
        for (IndicatorResult r : results) assertThat(site.resolve("indicators/" + r.definition().id() + ".html")).isRegularFile();
        assertThat(site.resolve("methods.html")).isRegularFile();
        assertThat(SiteLinks.pages(site)).hasSize(1 + 1 + 43 + results.size());
    }

    @Test
    void everyLinkAndImageResolvesToAFileAndNothingLeavesTheFolder() {
        int images = 0, links = 0;
        for (Path page : SiteLinks.pages(site)) {
            for (SiteLinks.Link l : SiteLinks.of(page)) {
                assertThat(l.raw()).as(page + " links " + l.raw()).doesNotStartWith("http").doesNotStartWith("/")
                        .doesNotStartWith("file:");
                if (l.raw().startsWith("data:")) continue;
                if (l.raw().startsWith("#")) {
                    assertThat(read(page)).as(page + " anchor " + l.raw()).contains("id=\"" + l.raw().substring(1) + "\"");
                    continue;
                }
                assertThat(l.target()).as(page + " -> " + l.raw()).isNotNull().isRegularFile();
                assertThat(l.target().startsWith(site)).as(l.raw()).isTrue();
                if (l.isImage()) images++;
                else links++;
            }
        }
        // 12 charts on the index, 12 on each indicator page, 12 focus charts on each force page; the funnel plot of
        // each proportion indicator on its page and on methods.html
        long proportions = results.stream().filter(r -> r.definition().kind().equals("proportion")).count();
        assertThat(proportions).isEqualTo(4);
        assertThat(images).isEqualTo(results.size() * (1 + 1 + 43) + 2 * proportions);
        assertThat(links).isGreaterThan(1000);
    }

    @Test
    void theIndexLinksTheDataTheValidationReportAndTheWorkbook() {
        String index = read(site.resolve("index.html"));
        for (String f : List.of("indicators.csv", "sentences.csv", "validation-report.html", "validation-log.csv",
                "force-compare.xlsx", "run.json", "comparison-methods.csv", "method-sensitivity.csv", "methods.html")) {
            assertThat(index).contains("href=\"" + f + "\"");
        }
        for (IndicatorResult r : results) {
            String id = r.definition().id();
            assertThat(index).contains("<img src=\"" + id + "/chart.png\" alt=\"Bar chart of " + Html.esc(r.definition().title()));
            assertThat(index).contains("href=\"" + id + "/data.csv\"");
        }
    }

    @Test
    void imagesHaveAltTextTablesHaveCaptionsAndPagesHaveNoScript() {
        Pattern img = Pattern.compile("<img\\b[^>]*>");
        for (Path page : SiteLinks.pages(site)) {
            String html = read(page);
            assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">").contains("<title>")
                    .contains("<h1>").doesNotContain("<script").doesNotContainIgnoringCase("significant");
            Matcher m = img.matcher(html);
            while (m.find()) assertThat(m.group()).matches(".*alt=\"[^\"]{20,}\".*");
            assertThat(count(html, "<table")).isEqualTo(count(html, "<caption>"));
            assertThat(html).doesNotContain("<test>").contains(Html.esc(SiteFixture.TITLE));
        }
    }

    @Test
    void aForcePageHasItsMarkedChartsItsSentencesAndAKeyFiguresTable() {
        String norfolk = read(site.resolve("forces/norfolk.html"));
        List<String> sentences = sentencesFor("E23000024");
        assertThat(sentences).hasSize(results.size());
        for (String s : sentences) assertThat(norfolk).contains(Html.esc(s));
        for (IndicatorResult r : results) {
            assertThat(norfolk).contains("<img src=\"../" + r.definition().id() + "/norfolk.png\" alt=\"The bar for Norfolk is marked.");
        }
        assertThat(norfolk).contains("<caption>Key figures: ").contains("Unweighted mean of 43 forces")
                .contains("percentage points").doesNotContainPattern("Standard deviation \\([^)]*\\)\\)</th><td>[0-9.]+ percent<")
                .contains("England and Wales rate");
        String cumbria = read(site.resolve("forces/cumbria.html"));
        assertThat(cumbria).contains("There is no value for Cumbria Constabulary for the proportion of 101 calls abandoned");
        // forces.csv: Norfolk is in the Eastern region, in England; Gwent's region and country are both Wales
        assertThat(norfolk).contains("Norfolk (Eastern, England) compared with the other forces");
        assertThat(read(site.resolve("forces/gwent.html"))).contains("Gwent (Wales) compared with the other forces");
    }

    @Test
    void sentencesCsvHasAllForcesAndIndicators() throws Exception {
        try (Reader r = Files.newBufferedReader(site.resolve("sentences.csv"), StandardCharsets.UTF_8)) {
            List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
            assertThat(rows).hasSize(43 * results.size());
            assertThat(rows.get(0).getParser().getHeaderNames()).containsExactlyElementsOf(ReportSite.SENTENCES_HEADER);
            assertThat(rows).allSatisfy(x -> assertThat(x.get("sentence")).doesNotContainIgnoringCase("significant"));
            assertThat(rows).extracting(x -> x.get("band")).containsOnly("above", "below", "within", "missing");
        }
    }

    @Test
    void chartsThatWereNotRenderedAreLeftOutNotLinkedBroken(@TempDir Path other) {
        Path bare = SiteFixture.publication(other, results, false);
        ReportSite.write(bare, "No charts", results, SiteFixture.FORCES, List.of());
        for (Path page : SiteLinks.pages(bare)) {
            assertThat(read(page)).doesNotContain("<img").doesNotContain("funnel.svg");
            for (SiteLinks.Link l : SiteLinks.of(page)) {
                if (l.target() != null) assertThat(l.target()).as(page + " -> " + l.raw()).isRegularFile();
            }
        }
        assertThat(read(bare.resolve("index.html"))).contains("The chart for this indicator was not produced");
    }

    private static List<String> sentencesFor(String code) {
        return Sentences.all(results, SiteFixture.FORCES).stream().filter(s -> s.forceCode().equals(code))
                .map(Sentences.Sentence::text).toList();
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
