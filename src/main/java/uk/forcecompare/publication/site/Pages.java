package uk.forcecompare.publication.site;

import static uk.forcecompare.publication.site.Html.esc;
import static uk.forcecompare.publication.site.Html.href;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import uk.forcecompare.indicators.Band;
import uk.forcecompare.indicators.Comparison;
import uk.forcecompare.indicators.ForceValue;
import uk.forcecompare.indicators.IndicatorDefinition;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.publication.Figures;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Severity;

/**
 * The static site: {@code index.html} with every indicator's chart, {@code forces/<slug>.html} with a force's charts
 * and sentences, {@code indicators/<id>.html} with one chart, its full table and every force's sentence. Charts
 * the renderer did not produce are left out (with a note) rather than linked broken; every chart has its data
 * table beneath it.
 */
final class Pages {

    /** Top-level files of the publication the index links to, with what they are. */
    static final List<String[]> DOWNLOADS = List.of(
            new String[] {"force-compare.xlsx", "Workbook: a summary of every force against every indicator, and one sheet per indicator with its data, band, mean, standard deviation and source note (Excel)"},
            new String[] {"indicators.csv", "Every indicator for every force at full precision (CSV)"},
            new String[] {"sentences.csv", "The sentence for every force and indicator, as a report would write it (CSV)"},
            new String[] {"validation-report.html", "Validation report: every problem found in the data, for a reviewer"},
            new String[] {"validation-log.csv", "Validation log (CSV)"},
            new String[] {"run.json", "How this publication was produced: inputs with their checksums, settings and counts (JSON)"});

    private final Path folder;
    private final String collectionTitle;
    private final List<IndicatorResult> results;
    private final ForceDirectory forces;
    private final Map<String, String> sentence = new HashMap<>();

    Pages(Path folder, String collectionTitle, List<IndicatorResult> results, ForceDirectory forces,
          List<Sentences.Sentence> sentences) {
        this.folder = folder;
        this.collectionTitle = collectionTitle;
        this.results = results;
        this.forces = forces;
        for (Sentences.Sentence s : sentences) sentence.put(s.indicatorId() + "|" + s.forceCode(), s.text());
    }

    // ---------------------------------------------------------------- index.html

    String index(List<Finding> findings) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(collectionTitle)).append("</h1>\n");
        b.append("<p>How the 43 territorial police forces of England and Wales compare on ").append(results.size())
                .append(results.size() == 1 ? " indicator" : " indicators").append(". Each chart shows every force's value; "
                + "the dotted lines mark one standard deviation above and below the unweighted mean of forces in "
                + "England and Wales. Forces above the band are dark blue, forces below it light blue, and the rest grey. "
                + "Every chart has a table of the same figures beneath it.</p>\n");
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        b.append("<p>Validation found ").append(errors).append(errors == 1 ? " error" : " errors").append(" and ")
                .append(warnings).append(warnings == 1 ? " warning" : " warnings")
                .append(": see the <a href=\"validation-report.html\">validation report</a>.</p>\n");

        b.append("<h2 id=\"downloads\">Data and downloads</h2>\n<ul>\n");
        for (String[] d : DOWNLOADS) {
            b.append("<li><a href=\"").append(href(d[0])).append("\">").append(esc(d[0])).append("</a>: ")
                    .append(esc(d[1])).append("</li>\n");
        }
        b.append("</ul>\n");

        b.append("<h2 id=\"forces\">Forces</h2>\n<p>Each force's page has its charts, with the force marked, and what the "
                + "figures say about it.</p>\n<ul class=\"cols\">\n");
        for (Force f : forces.all()) {
            b.append("<li><a href=\"").append(href("forces/" + f.slug() + ".html")).append("\">").append(esc(f.name()))
                    .append("</a></li>\n");
        }
        b.append("</ul>\n");

        b.append("<h2 id=\"indicators\">Indicators</h2>\n<ol>\n");
        for (IndicatorResult r : results) {
            b.append("<li><a href=\"#").append(esc(anchor(r))).append("\">").append(esc(r.definition().title()))
                    .append("</a> (<a href=\"").append(href("indicators/" + r.definition().id() + ".html"))
                    .append("\">page for this indicator</a>)</li>\n");
        }
        b.append("</ol>\n");

        b.append(spine(""));

        int n = 0;
        for (IndicatorResult r : results) {
            n++;
            IndicatorDefinition d = r.definition();
            b.append("<section aria-labelledby=\"").append(esc(anchor(r))).append("\">\n<h2 id=\"").append(esc(anchor(r)))
                    .append("\">Figure ").append(n).append(": ").append(esc(Figures.title(r))).append("</h2>\n");
            b.append(figure(r, "", Optional.empty(), null));
            b.append(notes(r));
            b.append("<p>").append(links(r, "")).append("</p>\n");
            b.append("<details>\n<summary>Data table for figure ").append(n).append("</summary>\n")
                    .append(table(r, "", "Figure " + n + ": " + Figures.title(r))).append("</details>\n</section>\n");
        }
        return Html.page(collectionTitle + ": force-compare", "", b.toString());
    }

    // ---------------------------------------------------------------- forces/<slug>.html

    String force(Force f) {
        StringBuilder b = new StringBuilder();
        b.append("<p><a href=\"../index.html\">All forces and indicators</a></p>\n");
        b.append("<h1>").append(esc(f.name())).append("</h1>\n");
        b.append("<p>").append(esc(collectionTitle)).append(". ").append(esc(f.name())).append(" (").append(esc(f.region()))
                .append(", ").append(esc(f.country())).append(") compared with the other forces in England and Wales.</p>\n");

        b.append("<table>\n<caption>").append(esc(f.name())).append(" on every indicator</caption>\n<thead><tr>"
                + "<th scope=\"col\">Indicator</th><th scope=\"col\" class=\"num\">").append(esc(f.name()))
                .append("</th><th scope=\"col\" class=\"num\">Unweighted mean of forces</th><th scope=\"col\">Band</th></tr></thead>\n<tbody>\n");
        for (IndicatorResult r : results) {
            ForceValue v = valueOf(r, f);
            IndicatorDefinition d = r.definition();
            b.append("<tr><th scope=\"row\"><a href=\"#").append(esc(anchor(r))).append("\">").append(esc(d.title()))
                    .append("</a></th><td class=\"num\">").append(v != null && v.hasValue()
                            ? esc(Display.bare(v.value().getAsDouble(), d)) + unitShort(d) : "no value")
                    .append("</td><td class=\"num\">").append(esc(Display.bare(r.comparison().mean(), d))).append(unitShort(d))
                    .append("</td>").append(bandCell(v == null ? Band.MISSING : v.band())).append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n");

        int n = 0;
        for (IndicatorResult r : results) {
            n++;
            ForceValue v = valueOf(r, f);
            b.append("<section aria-labelledby=\"").append(esc(anchor(r))).append("\">\n<h2 id=\"").append(esc(anchor(r)))
                    .append("\">").append(esc(r.definition().title())).append("</h2>\n");
            String s = sentence.get(r.definition().id() + "|" + f.code());
            if (s != null) b.append("<p class=\"sentence\">").append(esc(s)).append("</p>\n");
            b.append(figure(r, "../", Optional.of(f), "Figure " + n + ": " + Figures.title(r)));
            b.append(notes(r));
            b.append(keyFigures(r, v, f));
            b.append("<p>").append(links(r, "../")).append("</p>\n</section>\n");
        }
        return Html.page(f.name() + ": " + collectionTitle, "../", b.toString());
    }

    // ---------------------------------------------------------------- indicators/<id>.html

    String indicator(IndicatorResult r) {
        StringBuilder b = new StringBuilder();
        b.append("<p><a href=\"../index.html\">All forces and indicators</a></p>\n");
        b.append("<h1>").append(esc(Figures.title(r))).append("</h1>\n");
        b.append(figure(r, "../", Optional.empty(), null));
        b.append(notes(r));
        b.append("<p>").append(links(r, "../")).append("</p>\n");
        b.append("<h2 id=\"table\">Data table</h2>\n").append(table(r, "../", Figures.title(r)));
        b.append("<h2 id=\"sentences\">What the figures say for each force</h2>\n<ul>\n");
        for (ForceValue v : r.forces()) {
            Force f = forces.byCode(v.forceCode()).orElseThrow();
            b.append("<li><a href=\"").append(href("../forces/" + f.slug() + ".html")).append("\">").append(esc(f.name()))
                    .append("</a>: ").append(esc(sentence.getOrDefault(r.definition().id() + "|" + f.code(), ""))).append("</li>\n");
        }
        b.append("</ul>\n");
        return Html.page(r.definition().title() + ": " + collectionTitle, "../", b.toString());
    }

    // ---------------------------------------------------------------- parts

    /** Every force against every indicator, coloured by band, like a spine chart. */
    private String spine(String root) {
        StringBuilder b = new StringBuilder("<h2 id=\"summary\">Every force against every indicator</h2>\n");
        b.append("<p>Key: <span class=\"band-above\">&nbsp;▲ above&nbsp;</span> more than one standard deviation above the "
                + "unweighted mean; <span class=\"band-below\">&nbsp;▼ below&nbsp;</span> more than one standard deviation "
                + "below it; <span class=\"band-within\">&nbsp;within&nbsp;</span> within one standard deviation; "
                + "<span class=\"band-missing\">no value</span>.</p>\n");
        b.append("<div class=\"scroll\" role=\"region\" aria-labelledby=\"summary\" tabindex=\"0\">\n<table class=\"spine\">\n"
                + "<caption>Value of every force on every indicator, with its band</caption>\n<thead><tr><th scope=\"col\">Force</th>");
        for (IndicatorResult r : results) {
            b.append("<th scope=\"col\" class=\"num\"><a href=\"#").append(esc(anchor(r))).append("\">")
                    .append(esc(r.definition().title())).append("</a></th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (Force f : forces.all()) {
            b.append("<tr><th scope=\"row\"><a href=\"").append(href(root + "forces/" + f.slug() + ".html")).append("\">")
                    .append(esc(f.name())).append("</a></th>");
            for (IndicatorResult r : results) {
                ForceValue v = valueOf(r, f);
                if (v == null || !v.hasValue()) {
                    b.append("<td class=\"num band-missing\">no value</td>");
                } else {
                    String mark = v.band() == Band.ABOVE ? " ▲" : v.band() == Band.BELOW ? " ▼" : "";
                    b.append("<td class=\"num band-").append(v.band().label()).append("\">")
                            .append(esc(Display.bare(v.value().getAsDouble(), r.definition()))).append(mark).append("</td>");
                }
            }
            b.append("</tr>\n");
        }
        b.append("<tr><th scope=\"row\">Unweighted mean</th>");
        for (IndicatorResult r : results) {
            b.append("<td class=\"num\">").append(esc(Display.bare(r.comparison().mean(), r.definition()))).append("</td>");
        }
        b.append("</tr>\n</tbody>\n</table>\n</div>\n");
        return b.toString();
    }

    /** The chart, its alt text from {@code chart.txt}; the focus chart on a force page where there is one. */
    private String figure(IndicatorResult r, String root, Optional<Force> focus, String caption) {
        String id = r.definition().id();
        Path dir = folder.resolve(id);
        String alt = altText(r);
        String src = null;
        if (focus.isPresent() && Files.isRegularFile(dir.resolve(focus.get().slug() + ".png"))) {
            src = id + "/" + focus.get().slug() + ".png";
            alt = "The bar for " + focus.get().name() + " is marked. " + alt;
        } else if (Files.isRegularFile(dir.resolve("chart.png"))) {
            src = id + "/chart.png";
        }
        if (src == null) {
            return "<p class=\"note\">The chart for this indicator was not produced; the table holds the same figures.</p>\n";
        }
        return "<figure>\n" + (caption == null ? "" : "<figcaption>" + esc(caption) + "</figcaption>\n")
                + "<img src=\"" + href(root + src) + "\" alt=\"" + esc(alt) + "\">\n</figure>\n";
    }

    private String altText(IndicatorResult r) {
        Path txt = folder.resolve(r.definition().id()).resolve("chart.txt");
        if (Files.isRegularFile(txt)) {
            try {
                String s = Files.readString(txt, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
                if (!s.isEmpty()) return s;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + txt, e);
            }
        }
        IndicatorDefinition d = r.definition();
        Comparison c = r.comparison();
        return "Bar chart: " + Figures.title(r) + ". " + c.nForces() + " forces have a value. The unweighted mean is "
                + Display.withUnit(c.mean(), d) + "; one standard deviation either side runs from "
                + Display.withUnit(c.lower(), d) + " to " + Display.withUnit(c.upper(), d)
                + ". The table gives every force's value.";
    }

    private String notes(IndicatorResult r) {
        return "<p class=\"note\">" + esc(r.definition().sourceNote()) + "</p>\n<p class=\"note\">"
                + esc(Workbook.methodNote(r)) + " The England and Wales rate (all forces' numerators divided by all "
                + "their denominators) is " + esc(Display.withUnit(r.comparison().englandWalesRate(), r.definition()))
                + ".</p>\n";
    }

    private String links(IndicatorResult r, String root) {
        String id = r.definition().id();
        StringBuilder b = new StringBuilder();
        b.append("<a href=\"").append(href(root + "indicators/" + id + ".html")).append("\">All forces on this indicator</a>");
        if (Files.isRegularFile(folder.resolve(id).resolve("data.csv"))) {
            b.append(" · <a href=\"").append(href(root + id + "/data.csv")).append("\">Chart data (CSV)</a>");
        }
        if (Files.isRegularFile(folder.resolve(id).resolve("chart.svg"))) {
            b.append(" · <a href=\"").append(href(root + id + "/chart.svg")).append("\">Chart (SVG)</a>");
        }
        b.append(" · <a href=\"").append(href(root + "force-compare.xlsx")).append("\">Workbook</a>");
        return b.toString();
    }

    /** Every force, as the bars are drawn. */
    private String table(IndicatorResult r, String root, String caption) {
        IndicatorDefinition d = r.definition();
        StringBuilder b = new StringBuilder("<table>\n<caption>").append(esc(caption)).append("</caption>\n<thead><tr>"
                + "<th scope=\"col\" class=\"num\">Rank</th><th scope=\"col\">Force</th><th scope=\"col\" class=\"num\">Value (")
                .append(esc(Display.unitHeading(d))).append(")</th><th scope=\"col\" class=\"num\">Numerator</th>"
                + "<th scope=\"col\" class=\"num\">Denominator</th><th scope=\"col\">Band</th></tr></thead>\n<tbody>\n");
        int rank = 0;
        for (ForceValue v : sorted(r)) {
            Force f = forces.byCode(v.forceCode()).orElseThrow();
            b.append("<tr><td class=\"num\">").append(v.hasValue() ? Integer.toString(++rank) : "").append("</td><th scope=\"row\">")
                    .append("<a href=\"").append(href(root + "forces/" + f.slug() + ".html")).append("\">").append(esc(f.name()))
                    .append("</a></th><td class=\"num\">")
                    .append(v.hasValue() ? esc(Display.bare(v.value().getAsDouble(), d)) : "no value: " + esc(v.missingReason()))
                    .append("</td><td class=\"num\">").append(esc(v.numerator().map(x -> Display.amount(x, d.numerator())).orElse("")))
                    .append("</td><td class=\"num\">").append(esc(v.denominator().map(x -> Display.amount(x, d.denominator())).orElse("")))
                    .append("</td>").append(bandCell(v.band())).append("</tr>\n");
        }
        Comparison c = r.comparison();
        b.append("</tbody>\n<tfoot>\n");
        footRow(b, "Unweighted mean of forces", Display.bare(c.mean(), d));
        footRow(b, "Standard deviation (" + c.sdMethod() + ")", Display.bare(c.sd(), d));
        footRow(b, "England and Wales rate", Display.bare(c.englandWalesRate(), d));
        b.append("</tfoot>\n</table>\n");
        return b.toString();
    }

    private static void footRow(StringBuilder b, String label, String value) {
        b.append("<tr><td></td><th scope=\"row\">").append(esc(label)).append("</th><td class=\"num\">").append(esc(value))
                .append("</td><td></td><td></td><td></td></tr>\n");
    }

    private String keyFigures(IndicatorResult r, ForceValue v, Force f) {
        IndicatorDefinition d = r.definition();
        Comparison c = r.comparison();
        StringBuilder b = new StringBuilder("<table>\n<caption>Key figures: ").append(esc(d.title()))
                .append("</caption>\n<tbody>\n");
        row(b, f.name(), v != null && v.hasValue() ? Display.withUnit(v.value().getAsDouble(), d)
                : "no value" + (v == null ? "" : ": " + v.missingReason()));
        if (v != null) {
            v.numerator().ifPresent(x -> row(b, "Numerator (" + String.join(" + ", d.numerator()) + ")", Display.amount(x, d.numerator())));
            v.denominator().ifPresent(x -> row(b, "Denominator (" + String.join(" + ", d.denominator()) + ")", Display.amount(x, d.denominator())));
        }
        row(b, "Band", v == null ? "missing" : v.band().label());
        row(b, "Unweighted mean of " + c.nForces() + " forces", Display.withUnit(c.mean(), d));
        row(b, "Standard deviation (" + c.sdMethod() + ")", Display.withUnit(c.sd(), d));
        row(b, "Within one standard deviation", Display.bare(c.lower(), d) + " to " + Display.withUnit(c.upper(), d));
        row(b, "England and Wales rate", Display.withUnit(c.englandWalesRate(), d));
        if (d.target().isPresent()) row(b, "Target", Display.withUnit(d.target().getAsDouble(), d));
        b.append("</tbody>\n</table>\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String label, String value) {
        b.append("<tr><th scope=\"row\">").append(esc(label)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static String bandCell(Band band) {
        String text = switch (band) {
            case ABOVE -> "▲ above";
            case BELOW -> "▼ below";
            case WITHIN -> "within";
            case MISSING -> "no value";
        };
        return "<td class=\"band-" + band.label() + "\">" + text + "</td>";
    }

    private static String unitShort(IndicatorDefinition d) {
        return d.unit() == IndicatorDefinition.Unit.PERCENT ? "%" : "";
    }

    private static String anchor(IndicatorResult r) {
        return "ind-" + r.definition().id();
    }

    private ForceValue valueOf(IndicatorResult r, Force f) {
        for (ForceValue v : r.forces()) if (v.forceCode().equals(f.code())) return v;
        return null;
    }

    private List<ForceValue> sorted(IndicatorResult r) {
        java.util.ArrayList<ForceValue> out = new java.util.ArrayList<>(r.forces().stream().filter(ForceValue::hasValue).toList());
        out.sort(java.util.Comparator.comparingDouble((ForceValue v) -> -v.value().getAsDouble())
                .thenComparing(v -> forces.byCode(v.forceCode()).map(Force::name).orElse(v.forceCode())));
        r.forces().stream().filter(v -> !v.hasValue()).forEach(out::add);
        return out;
    }
}
