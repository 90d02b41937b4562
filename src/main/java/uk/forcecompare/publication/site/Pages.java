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
import uk.forcecompare.indicators.methods.ComparisonMethods;
import uk.forcecompare.indicators.methods.MethodSensitivity;
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

    /** Files the index links where the run wrote them (contract section 5). */
    static final List<String[]> OPTIONAL_DOWNLOADS = List.of(
            new String[] {"comparison-methods.csv", "Every force under every comparison method beyond one standard deviation: value, limits and band (CSV)"},
            new String[] {"method-sensitivity.csv", "Every force whose band depends on the method, with one sentence each (CSV)"});

    static final String METHODS_PAGE = "methods.html";

    private final Path folder;
    private final String collectionTitle;
    private final List<IndicatorResult> results;
    private final ForceDirectory forces;
    private final Map<String, String> sentence = new HashMap<>();
    private final Map<String, Sensitivity.Table> sensitivity = new HashMap<>();
    private final List<Sensitivity.Table> tables;

    Pages(Path folder, String collectionTitle, List<IndicatorResult> results, ForceDirectory forces,
          List<Sentences.Sentence> sentences, List<Sensitivity.Table> tables) {
        this.folder = folder;
        this.collectionTitle = collectionTitle;
        this.results = results;
        this.forces = forces;
        this.tables = tables;
        for (Sentences.Sentence s : sentences) sentence.put(s.indicatorId() + "|" + s.forceCode(), s.text());
        for (Sensitivity.Table t : tables) sensitivity.put(t.indicatorId(), t);
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
        for (String[] d : OPTIONAL_DOWNLOADS) {
            if (!Files.isRegularFile(folder.resolve(d[0]))) continue;
            b.append("<li><a href=\"").append(href(d[0])).append("\">").append(esc(d[0])).append("</a>: ")
                    .append(esc(d[1])).append("</li>\n");
        }
        b.append("</ul>\n");

        b.append(methodsSummary());

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
        b.append("<p>").append(esc(collectionTitle)).append(". ").append(esc(f.name())).append(" (")
                // Welsh forces' region is Wales, as is their country: "(Wales)", not "(Wales, Wales)"
                .append(esc(f.region().equals(f.country()) ? f.region() : f.region() + ", " + f.country()))
                .append(") compared with the other forces in England and Wales.</p>\n");

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
            Sensitivity.Table t = sensitivity.get(r.definition().id());
            if (t != null) {
                t.entryFor(f.code()).ifPresent(e -> b.append("<p class=\"note\"><strong>The band depends on the method.</strong> ")
                        .append(esc(e.sentence())).append(" <a href=\"").append(href("../" + METHODS_PAGE))
                        .append("#").append(esc(methodsAnchor(r))).append("\">How the comparison methods differ</a></p>\n"));
            }
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
        Sensitivity.Table t = sensitivity.get(r.definition().id());
        if (t != null) {
            b.append("<h2 id=\"methods\">Other comparison methods</h2>\n");
            b.append(funnel(r, "../"));
            b.append(sensitivityTable(t, "../"));
            b.append("<p><a href=\"").append(href("../" + METHODS_PAGE)).append("#").append(esc(methodsAnchor(r)))
                    .append("\">Every indicator under every comparison method</a></p>\n");
        }
        return Html.page(r.definition().title() + ": " + collectionTitle, "../", b.toString());
    }

    // ---------------------------------------------------------------- methods.html

    /** Every indicator's funnel plot (proportions) and the forces whose band depends on the method. */
    String methods() {
        StringBuilder b = new StringBuilder();
        b.append("<p><a href=\"index.html\">All forces and indicators</a></p>\n");
        b.append("<h1>Comparison methods beyond one standard deviation</h1>\n");
        b.append("<p>").append(esc(collectionTitle)).append(". The charts describe a force as above or below where its "
                + "value is more than one standard deviation from the unweighted mean of forces. Other methods can "
                + "place a force differently. For each indicator, the table lists every force whose band is not the same "
                + "under every method, with a sentence saying which methods place it where, and why where the figures "
                + "show it. Forces not listed are in the same band under every method.</p>\n");
        b.append("<h2 id=\"about\">The methods</h2>\n<dl>\n");
        String[][] about = {
                {MethodSensitivity.SD1, "The published band: the force's value against the unweighted mean of forces plus or minus one standard deviation."},
                {ComparisonMethods.SD1_LEAVE_ONE_OUT, "The same band worked out without the force's own value, so that a force cannot widen or move the band it is measured against."},
                {ComparisonMethods.MEDIAN_MAD, "The median of forces plus or minus the median absolute deviation (scaled to match a standard deviation), which a few outlying forces barely move."},
                {ComparisonMethods.WILSON_95, "Proportions only: the force's own 95% Wilson interval, above or below where it lies wholly above or below the England and Wales rate."},
                {ComparisonMethods.FUNNEL_95, "Proportions only: the 95% limits of a funnel plot around the England and Wales rate, which narrow as the number of cases grows."},
                {ComparisonMethods.FUNNEL_998, "Proportions only: the 99.8% limits of the funnel plot."},
                {ComparisonMethods.FUNNEL_998_OD, "Proportions only: the 99.8% limits widened for the variation between forces beyond chance (overdispersion, Spiegelhalter 2005)."},
                {ComparisonMethods.BYAR_95, "Counts per population or per incident: the force's own 95% interval for its count (Byar's method), against the England and Wales rate."}};
        for (String[] a : about) {
            b.append("<dt>").append(esc(Sensitivity.heading(a[0]))).append(" (<code>").append(esc(a[0]))
                    .append("</code>)</dt>\n<dd>").append(esc(a[1])).append("</dd>\n");
        }
        b.append("</dl>\n<p>Every force under every method, with its limits, is in ");
        b.append(Files.isRegularFile(folder.resolve("comparison-methods.csv"))
                ? "<a href=\"comparison-methods.csv\">comparison-methods.csv</a>" : "comparison-methods.csv");
        b.append("; this table as data is in ");
        b.append(Files.isRegularFile(folder.resolve("method-sensitivity.csv"))
                ? "<a href=\"method-sensitivity.csv\">method-sensitivity.csv</a>" : "method-sensitivity.csv");
        b.append(" and on the Method sensitivity sheet of the <a href=\"force-compare.xlsx\">workbook</a>.</p>\n");

        b.append("<h2 id=\"contents\">Indicators</h2>\n<ol>\n");
        for (Sensitivity.Table t : tables) {
            b.append("<li><a href=\"#").append(esc(methodsAnchor(t.result()))).append("\">").append(esc(t.result().definition().title()))
                    .append("</a>: ").append(countText(t)).append("</li>\n");
        }
        b.append("</ol>\n");
        for (Sensitivity.Table t : tables) {
            IndicatorResult r = t.result();
            b.append("<section aria-labelledby=\"").append(esc(methodsAnchor(r))).append("\">\n<h2 id=\"")
                    .append(esc(methodsAnchor(r))).append("\">").append(esc(Figures.title(r))).append("</h2>\n");
            b.append("<p>").append(esc(switch (t.kind()) {
                case PROPORTION -> "A proportion: ±1 SD, ±1 SD without the force, median ± MAD, the force's Wilson interval and the funnel limits apply.";
                case COUNT_RATE -> "A count per unit of exposure: ±1 SD, ±1 SD without the force, median ± MAD and the force's Byar interval apply.";
                case AMOUNT -> "An amount (full-time equivalents or money), with no counting model: ±1 SD, ±1 SD without the force and median ± MAD apply.";
            }))
                    .append(" <a href=\"").append(href("indicators/" + r.definition().id() + ".html")).append("\">All forces on this indicator</a></p>\n");
            b.append(funnel(r, ""));
            b.append(sensitivityTable(t, ""));
            b.append("</section>\n");
        }
        return Html.page("Comparison methods: " + collectionTitle, "", b.toString());
    }

    private String methodsSummary() {
        StringBuilder b = new StringBuilder("<h2 id=\"methods\">Comparison methods beyond one standard deviation</h2>\n");
        int forcesListed = tables.stream().mapToInt(t -> t.entries().size()).sum();
        long indicators = tables.stream().filter(t -> !t.entries().isEmpty()).count();
        b.append("<p>One standard deviation either side of the mean is a rule of thumb. Under other methods (median ± MAD, "
                + "the band without the force's own value, funnel plots and the force's own interval) ")
                .append(forcesListed).append(forcesListed == 1 ? " force-indicator pair lands" : " force-indicator pairs land")
                .append(" in a different band, on ").append(indicators).append(indicators == 1 ? " indicator" : " indicators")
                .append(": see <a href=\"").append(METHODS_PAGE).append("\">comparison methods and funnel plots</a>.</p>\n");
        if (forcesListed > 0) {
            // a count this size reads as "the bands are unreliable" without it
            b.append("<p>The published bands are those of one standard deviation, the inspectorate's method. The other methods "
                    + "answer other questions: with counts as large as these, an interval that allows only for chance (the "
                    + "force's own interval, funnel limits without overdispersion) sets most forces apart, so a force listed "
                    + "there is not in doubt for that reason alone.</p>\n");
        }
        return b.toString();
    }

    private static String countText(Sensitivity.Table t) {
        int n = t.entries().size();
        return n == 0 ? "every force is in the same band under every method"
                : n + (n == 1 ? " force whose band depends on the method" : " forces whose band depends on the method");
    }

    /** The funnel plot of a proportion indicator, where the chart step wrote one. */
    private String funnel(IndicatorResult r, String root) {
        String id = r.definition().id();
        Path png = folder.resolve(id).resolve("funnel.png");
        if (!Files.isRegularFile(png)) return "";
        String alt = "Funnel plot: " + Figures.title(r) + ". The table below lists the forces whose band depends on the method.";
        Path txt = folder.resolve(id).resolve("funnel.txt");
        if (Files.isRegularFile(txt)) {
            try {
                String s = Files.readString(txt, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
                if (!s.isEmpty()) alt = s;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + txt, e);
            }
        }
        StringBuilder b = new StringBuilder("<figure>\n<figcaption>Funnel plot: ").append(esc(Display.lowerFirst(Figures.title(r))))
                .append("</figcaption>\n<img src=\"").append(href(root + id + "/funnel.png")).append("\" alt=\"")
                .append(esc(alt)).append("\">\n</figure>\n");
        if (Files.isRegularFile(folder.resolve(id).resolve("funnel.svg"))) {
            b.append("<p><a href=\"").append(href(root + id + "/funnel.svg")).append("\">Funnel plot (SVG)</a></p>\n");
        }
        return b.toString();
    }

    /** The forces of one indicator whose band depends on the method: band per method, then the sentence. */
    private String sensitivityTable(Sensitivity.Table t, String root) {
        IndicatorResult r = t.result();
        if (t.entries().isEmpty()) {
            return "<p class=\"note\">Every force is in the same band under every method for this indicator.</p>\n";
        }
        StringBuilder b = new StringBuilder("<div class=\"scroll\" role=\"region\" aria-label=\"")
                .append(esc("Forces whose band depends on the method: " + r.definition().title()))
                .append("\" tabindex=\"0\">\n<table class=\"sensitivity\" id=\"")
                .append(esc("sens-" + r.definition().id())).append("\">\n<caption>Forces whose band depends on the method: ")
                .append(esc(r.definition().title())).append("</caption>\n<thead><tr><th scope=\"col\">Force</th>");
        for (String m : t.methods()) {
            b.append("<th scope=\"col\">").append(esc(Sensitivity.heading(m))).append("</th>");
        }
        b.append("<th scope=\"col\">What the methods say</th></tr></thead>\n<tbody>\n");
        for (MethodSensitivity.Entry e : t.entries()) {
            String name = forces.byCode(e.forceCode()).map(Force::name).orElse(e.forceName());
            Optional<Force> f = forces.byCode(e.forceCode());
            b.append("<tr><th scope=\"row\">");
            if (f.isPresent()) {
                b.append("<a href=\"").append(href(root + "forces/" + f.get().slug() + ".html")).append("\">")
                        .append(esc(name)).append("</a>");
            } else {
                b.append(esc(name));
            }
            b.append("</th>");
            for (String m : t.methods()) {
                b.append(bandCell(e.bands().getOrDefault(m, Band.MISSING)));
            }
            b.append("<td class=\"explain\">").append(esc(e.sentence())).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</div>\n");
        return b.toString();
    }

    private static String methodsAnchor(IndicatorResult r) {
        return "m-" + r.definition().id();
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
        if (c.nForces() == 0) {
            return "Bar chart: " + Figures.title(r) + ". No force has a value. The table names every force and why.";
        }
        if (c.nForces() == 1) {
            return "Bar chart: " + Figures.title(r) + ". One force has a value, " + Display.withUnit(c.mean(), d)
                    + "; with one force there is no standard deviation, so no band. The table gives every force's value.";
        }
        // as in chart.txt: the mean and its edges to as many places as tell them apart
        int dp = Comparison.decimalsToTellApart(c.mean(), d.decimals(), c.upper(), c.lower());
        return "Bar chart: " + Figures.title(r) + ". " + c.nForces() + " forces have a value. The unweighted mean is "
                + Display.withUnit(c.mean(), d, dp) + "; one standard deviation either side runs from "
                + Display.withUnit(c.lower(), d, dp) + " to " + Display.withUnit(c.upper(), d, dp)
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
        if (Files.isRegularFile(folder.resolve(id).resolve("funnel.svg"))) {
            b.append(" · <a href=\"").append(href(root + id + "/funnel.svg")).append("\">Funnel plot (SVG)</a>");
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
        for (ForceValue v : uk.forcecompare.publication.Figures.chartOrder(r, forces)) {
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
        row(b, "Band", v == null ? "missing" : v.band().label() + (v.hasValue() ? c.decimalsToTellFromEdge(v.value().getAsDouble(),
                v.band(), d.decimals()).stream().mapToObj(k -> " (" + Display.number(v.value().getAsDouble(), k) + " against "
                + (v.band() == Band.ABOVE ? "an upper" : "a lower") + " edge of "
                + Display.number(c.edgeCrossed(v.band()), k)
                + ": the two show the same to " + d.decimals() + " decimal place" + (d.decimals() == 1 ? "" : "s") + ")")
                .findFirst().orElse("") : ""));
        row(b, "Unweighted mean of " + c.nForces() + (c.nForces() == 1 ? " force" : " forces"), Display.withUnit(c.mean(), d));
        row(b, "Standard deviation (" + c.sdMethod() + ")", Display.difference(c.sd(), d));
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

}
