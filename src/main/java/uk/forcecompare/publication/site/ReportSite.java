package uk.forcecompare.publication.site;

import java.nio.file.Path;
import java.util.List;

import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.publication.CsvFiles;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.validation.Finding;

/**
 * What report authors take from a publication: a sentence for every force and indicator ({@code sentences.csv}),
 * the workbook ({@code force-compare.xlsx}) and a static site that works from the file system ({@code index.html},
 * {@code forces/<slug>.html}, {@code indicators/<id>.html}, and {@code methods.html}: each indicator's funnel plot,
 * where the chart step drew one ({@code <indicator id>/funnel.png}), and the forces whose band depends on the
 * comparison method, with one sentence each, as {@code method-sensitivity.csv} has them; the workbook has the same
 * table on its "Method sensitivity" sheet, and each force's page says so where its band depends on the method).
 *
 * <p>Call it on the staging folder after the charts, {@code data.csv} files and the validation log are written:
 * charts that are not there when it runs are left out of the pages (with a note) instead of being linked broken.
 * The index always links {@code indicators.csv}, {@code validation-log.csv}, {@code validation-report.html} and
 * {@code run.json}, which every publication holds (contract section 5).
 */
public final class ReportSite {

    public static final List<String> SENTENCES_HEADER = List.of("indicator_id", "force_code", "force_name", "band", "sentence",
            "sd_method");

    private ReportSite() {
    }

    public static void write(Path publicationFolder, String collectionTitle, List<IndicatorResult> results,
                             ForceDirectory forces, List<Finding> findings) {
        Path folder = publicationFolder.toAbsolutePath().normalize();
        String title = collectionTitle == null || collectionTitle.isBlank() ? "Police force comparison" : collectionTitle.strip();
        List<Sentences.Sentence> sentences = Sentences.all(results, forces);
        writeSentences(folder.resolve("sentences.csv"), sentences);
        List<Sensitivity.Table> sensitivity = Sensitivity.all(results, forces);
        Workbook.write(folder.resolve("force-compare.xlsx"), title, results, forces, sensitivity);

        Pages pages = new Pages(folder, title, results, forces, sentences, sensitivity);
        write(folder.resolve("index.html"), pages.index(findings == null ? List.of() : findings));
        write(folder.resolve(Pages.METHODS_PAGE), pages.methods());
        for (Force f : forces.all()) write(folder.resolve("forces").resolve(f.slug() + ".html"), pages.force(f));
        for (IndicatorResult r : results) {
            write(folder.resolve("indicators").resolve(r.definition().id() + ".html"), pages.indicator(r));
        }
    }

    private static void writeSentences(Path file, List<Sentences.Sentence> sentences) {
        CsvFiles.write(file, SENTENCES_HEADER, sentences.stream()
                .map(s -> java.util.Arrays.asList(s.indicatorId(), s.forceCode(), s.forceName(), s.band(), s.text(), s.sdMethod()))
                .toList());
    }

    private static void write(Path file, String text) {
        CsvFiles.writeText(file, text);
    }
}
