package uk.forcecompare.publication.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbook opens in LibreOffice: {@code soffice --headless --convert-to pdf} converts it without error; so does a
 * query workbook, whose Queries sheet LibreOffice reads as protected. Skipped, with a message, where LibreOffice is
 * not installed (Debian: {@code apt-get install libreoffice-calc-nogui}).
 */
class LibreOfficeTest {

    @Test
    void theWorkbookConvertsToPdfInLibreOffice(@TempDir Path tmp) throws Exception {
        Optional<Path> soffice = Executables.onPath("soffice", "libreoffice");
        Assumptions.assumeTrue(soffice.isPresent(), "soffice is not on PATH, so the workbook was not opened in LibreOffice "
                + "(install it with: apt-get install -y libreoffice-calc-nogui)");

        var results = SiteFixture.allResults();
        Path site = SiteFixture.publication(tmp.resolve("pub"), results, false);
        ReportSite.write(site, SiteFixture.TITLE, results, SiteFixture.FORCES, SiteFixture.findings());
        Path xlsx = site.resolve("force-compare.xlsx");
        Path out = Files.createDirectories(tmp.resolve("pdf"));
        Path profile = Files.createDirectories(tmp.resolve("lo-profile"));

        Executables.Result r = Executables.run(List.of(soffice.get().toString(),
                "-env:UserInstallation=" + profile.toUri(), "--headless", "--norestore", "--nolockcheck",
                "--convert-to", "pdf", "--outdir", out.toString(), xlsx.toString()), tmp, 180);

        String log = "exit " + r.exitCode() + "\nstdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr();
        assertThat(r.timedOut()).as("LibreOffice did not finish within 180 s\n" + log).isFalse();
        assertThat(r.exitCode()).as(log).isZero();
        assertThat(r.stderr()).as(log).doesNotContainIgnoringCase("error");
        Path pdf = out.resolve("force-compare.pdf");
        assertThat(pdf).as(log).isRegularFile();
        assertThat(Files.size(pdf)).isGreaterThan(1000);
        assertThat(new String(Files.readAllBytes(pdf), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    /** A force's query workbook opens too, and LibreOffice keeps the Queries sheet (only) protected when it saves it. */
    @Test
    void aQueryWorkbookOpensWithItsQueriesSheetProtected(@TempDir Path tmp) throws Exception {
        Optional<Path> soffice = Executables.onPath("soffice", "libreoffice");
        Assumptions.assumeTrue(soffice.isPresent(), "soffice is not on PATH, so the query workbook was not opened in "
                + "LibreOffice (install it with: apt-get install -y libreoffice-calc-nogui)");

        var findings = List.of(uk.forcecompare.validation.Finding.of(uk.forcecompare.validation.Rule.VALUE_NOT_SUPPLIED)
                .force(SiteFixture.NORFOLK).file("returns/norfolk.xlsx").at("Return!C10")
                .message("Norfolk CALLS_101_ABANDONED: left blank (not supplied)").build());
        Path xlsx = uk.forcecompare.publication.queries.QueryWorkbooks.write(tmp.resolve("queries"), SiteFixture.TITLE,
                findings, SiteFixture.FORCES, java.time.LocalDate.of(2024, 5, 2)).get(0);
        Path out = Files.createDirectories(tmp.resolve("ods"));
        Path profile = Files.createDirectories(tmp.resolve("lo-profile"));

        Executables.Result r = Executables.run(List.of(soffice.get().toString(),
                "-env:UserInstallation=" + profile.toUri(), "--headless", "--norestore", "--nolockcheck",
                "--convert-to", "ods", "--outdir", out.toString(), xlsx.toString()), tmp, 180);

        String log = "exit " + r.exitCode() + "\nstdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr();
        assertThat(r.timedOut()).as("LibreOffice did not finish within 180 s\n" + log).isFalse();
        assertThat(r.exitCode()).as(log).isZero();
        assertThat(r.stderr()).as(log).doesNotContainIgnoringCase("error");
        Path ods = out.resolve("norfolk.ods");
        assertThat(ods).as(log).isRegularFile();
        String content;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(ods.toFile())) {
            content = new String(zip.getInputStream(zip.getEntry("content.xml")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(content).containsPattern("<table:table table:name=\"Queries\"[^>]*table:protected=\"true\"");
        assertThat(content).containsPattern("<table:table table:name=\"Cover\"[^>]*>")
                .doesNotContainPattern("<table:table table:name=\"Cover\"[^>]*table:protected");
    }
}
