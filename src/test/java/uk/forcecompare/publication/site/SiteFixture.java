package uk.forcecompare.publication.site;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import javax.imageio.ImageIO;

import uk.forcecompare.collection.Period;
import uk.forcecompare.indicators.Band;
import uk.forcecompare.indicators.Comparison;
import uk.forcecompare.indicators.ForceValue;
import uk.forcecompare.indicators.IndicatorCatalogue;
import uk.forcecompare.indicators.IndicatorDefinition;
import uk.forcecompare.indicators.IndicatorResult;
import uk.forcecompare.publication.PublicationWriter;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Rule;

/**
 * Indicator results built by hand for the 43 forces (no database, no Spring), and a publication folder with what
 * others write beside the site: the contract's CSVs and report via {@link PublicationWriter}, and stand-in charts.
 */
final class SiteFixture {

    static final ForceDirectory FORCES = ForceDirectory.load(Path.of("data/reference"));
    static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.load(Path.of("jobs/indicators"));
    static final String NORFOLK = "E23000024";
    static final String TITLE = "PEEL-style comparison <test> & \"quotes\"";
    /** The force given no value for calls-101-abandonment-rate. */
    static final String MISSING_FORCE = "E23000002"; // Cumbria
    static final String MISSING_REASON = "no return was received from the force";

    private SiteFixture() {
    }

    static IndicatorDefinition def(String id) {
        return CATALOGUE.get(id).orElseThrow(() -> new IllegalStateException("no indicator " + id));
    }

    static Force force(String code) {
        return FORCES.byCode(code).orElseThrow();
    }

    /** One result from numerators and denominators per force code (null numerator: missing), computed as the contract says. */
    static IndicatorResult result(IndicatorDefinition d, Period period, Map<String, BigDecimal[]> nd, Map<String, String> missing) {
        double sumN = 0, sumD = 0;
        List<Double> values = new ArrayList<>();
        for (Force f : FORCES.all()) {
            BigDecimal[] x = nd.get(f.code());
            if (x != null && x[0] != null && !missing.containsKey(f.code())) {
                double v = x[0].doubleValue() / x[1].doubleValue() * d.unit().multiplier();
                values.add(v);
                sumN += x[0].doubleValue();
                sumD += x[1].doubleValue();
            }
        }
        double[] vs = values.stream().mapToDouble(Double::doubleValue).toArray();
        Comparison c = Comparison.of(vs, false, sumN / sumD * d.unit().multiplier(), List.of());
        return withComparison(d, period, nd, missing, c);
    }

    static IndicatorResult withComparison(IndicatorDefinition d, Period period, Map<String, BigDecimal[]> nd,
                                          Map<String, String> missing, Comparison c) {
        List<ForceValue> out = new ArrayList<>();
        for (Force f : FORCES.all()) {
            BigDecimal[] x = nd.get(f.code());
            Optional<BigDecimal> n = x == null ? Optional.empty() : Optional.ofNullable(x[0]);
            Optional<BigDecimal> dd = x == null ? Optional.empty() : Optional.ofNullable(x[1]);
            if (missing.containsKey(f.code()) || n.isEmpty() || dd.isEmpty()) {
                out.add(new ForceValue(f.code(), n, dd, OptionalDouble.empty(), Band.MISSING,
                        missing.getOrDefault(f.code(), "no data")));
            } else {
                double v = n.get().doubleValue() / dd.get().doubleValue() * d.unit().multiplier();
                out.add(new ForceValue(f.code(), n, dd, OptionalDouble.of(v), c.bandOf(v), ""));
            }
        }
        return new IndicatorResult(d, period, out, c);
    }

    /** All twelve indicators, deterministic values spread so that some forces are above and some below. */
    static List<IndicatorResult> allResults() {
        List<IndicatorResult> out = new ArrayList<>();
        int k = 0;
        for (IndicatorDefinition d : CATALOGUE.all()) {
            k++;
            Map<String, BigDecimal[]> nd = new LinkedHashMap<>();
            int i = 0;
            for (Force f : FORCES.all()) {
                i++;
                double spread = 0.55 + ((i * 37 + k * 11) % 43) / 43.0; // 0.55 .. 1.55
                BigDecimal den, num;
                if (d.perPopulation()) {
                    den = BigDecimal.valueOf(400_000 + i * 37_000L);
                    double perThousand = switch (d.id()) {
                        case "funding-per-1000" -> 190_000;
                        case "officers-per-1000" -> 2.2;
                        case "crimes-per-1000" -> 75;
                        case "asb-incidents-per-1000" -> 18;
                        case "calls-999-per-1000" -> 140;
                        default -> 7.5;
                    };
                    double n = den.doubleValue() / 1000 * perThousand * spread;
                    num = d.id().equals("officers-per-1000") ? BigDecimal.valueOf(Math.round(n * 10) / 10.0)
                            : BigDecimal.valueOf(Math.round(n));
                } else if (d.id().equals("precept-share")) {
                    den = BigDecimal.valueOf(200_000_000L + i * 9_000_000L);
                    num = BigDecimal.valueOf(Math.round(den.doubleValue() * 0.4 * spread));
                } else if (d.id().equals("asb-civil-order-ratio")) {
                    den = BigDecimal.valueOf(6_000 + i * 330L);
                    num = BigDecimal.valueOf(Math.round(den.doubleValue() * 0.013 * spread));
                } else {
                    den = BigDecimal.valueOf(20_000 + i * 2_100L);
                    double share = d.id().equals("calls-999-answered-within-10s") ? 0.62 : 0.16;
                    num = BigDecimal.valueOf(Math.min(den.longValue(), Math.round(den.doubleValue() * share * spread)));
                }
                nd.put(f.code(), new BigDecimal[] {num, den});
            }
            Map<String, String> missing = new LinkedHashMap<>();
            if (d.id().equals("calls-101-abandonment-rate")) {
                missing.put(MISSING_FORCE, MISSING_REASON);
                nd.put(MISSING_FORCE, new BigDecimal[] {null, BigDecimal.valueOf(51_000)});
            }
            out.add(result(d, periodOf(d), nd, missing));
        }
        return out;
    }

    static Period periodOf(IndicatorDefinition d) {
        return switch (d.id()) {
            case "calls-999-answered-within-10s", "calls-999-per-1000" -> Period.parse("2023-01..2023-12");
            case "officers-per-1000" -> Period.parse("2023-03-31");
            default -> Period.parse("FY2022/23");
        };
    }

    static List<Finding> findings() {
        return List.of(
                Finding.of(Rule.RETURN_MISSING).force(MISSING_FORCE).indicator("calls-101-abandonment-rate")
                        .file("returns/").message("Cumbria sent no return").build(),
                Finding.of(Rule.PLAUSIBLE_OUTLIER).force(NORFOLK).indicator("asb-civil-order-ratio")
                        .message("Norfolk <value> & more than 3 SD from the others").observed("2.9").build());
    }

    /**
     * A staging folder as the run leaves it before the site is written: the contract's files from
     * {@link PublicationWriter} (comparison-methods.csv and method-sensitivity.csv included), and stand-in charts (real
     * PNGs, SVGs and alt text; a funnel plot for each proportion indicator). {@code withCharts} false leaves
     * the charts out, as a renderer that failed would.
     */
    static Path publication(Path tmp, List<IndicatorResult> results, boolean withCharts) {
        PublicationWriter w = new PublicationWriter(tmp, "test-collection", 1, "");
        w.startStaging();
        w.writeIndicators(results, FORCES);
        for (IndicatorResult r : results) w.writeChartData(r, FORCES);
        w.writeComparisonMethods(results, FORCES, false);
        w.writeValidationLog(findings());
        w.writeValidationReport(TITLE, findings(), FORCES);
        w.writeRunJson(Map.of("collection_id", "test-collection"));
        Path staging = w.staging();
        if (withCharts) {
            for (IndicatorResult r : results) {
                Path dir = staging.resolve(r.definition().id());
                png(dir.resolve("chart.png"), Color.GRAY);
                write(dir.resolve("chart.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\">"
                        + "<rect width=\"40\" height=\"20\" fill=\"#12436d\"/></svg>\n");
                write(dir.resolve("chart.txt"), "Bar chart of " + r.definition().title() + " for 43 forces <alt & \"text\">.\n");
                for (Force f : FORCES.all()) png(dir.resolve(f.slug() + ".png"), Color.BLUE);
                if (r.definition().kind().equals("proportion")) {
                    png(dir.resolve("funnel.png"), Color.RED);
                    write(dir.resolve("funnel.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\">"
                            + "<rect width=\"40\" height=\"20\" fill=\"#d4351c\"/></svg>\n");
                    write(dir.resolve("funnel.txt"), "Funnel plot of " + r.definition().title() + " for 43 forces <alt & \"text\">.\n");
                }
            }
        }
        return staging;
    }

    static void png(Path file, Color colour) {
        try {
            Files.createDirectories(file.getParent());
            BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(colour);
            g.fillRect(0, 0, 40, 20);
            g.dispose();
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
