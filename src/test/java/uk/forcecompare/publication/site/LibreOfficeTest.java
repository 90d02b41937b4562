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
 * The workbook opens in LibreOffice: {@code soffice --headless --convert-to pdf} converts it without error. Skipped,
 * with a message, where LibreOffice is not installed (Debian: {@code apt-get install libreoffice-calc-nogui}).
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
}
