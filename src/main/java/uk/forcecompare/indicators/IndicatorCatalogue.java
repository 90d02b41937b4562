package uk.forcecompare.indicators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import uk.forcecompare.collection.ManifestException;
import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.sources.Measures;

/** The indicators analysts have defined, one YAML file each under {@code jobs/indicators/}. */
public final class IndicatorCatalogue {

    private static final Set<String> KINDS = Set.of("proportion", "count-rate", "amount");

    private final Path folder;
    /** The definitions and their sha256, replaced together by {@link #reload()}. */
    private volatile Loaded loaded;

    private record Loaded(Map<String, IndicatorDefinition> byId, String sha256) {
    }

    private IndicatorCatalogue(Path folder, Map<String, IndicatorDefinition> byId, String sha256) {
        this.folder = folder;
        this.loaded = new Loaded(byId, sha256);
    }

    /**
     * Reads the folder again, for a process that outlives an analyst's edit (a schedule that fires twice a year):
     * the next run computes with, and is identified by, the definitions as they are now. A folder that no longer
     * loads throws and leaves the definitions as they were, for the caller to skip its runs and say why.
     */
    public void reload() {
        IndicatorCatalogue fresh = load(folder);
        this.loaded = fresh.loaded;
    }

    /**
     * One sha256 over every definition file's name and bytes: part of a run's identity, so that an edited
     * definition is published by the next run, and a run that failed on a definition resumes with it mended.
     */
    public String sha256() {
        return loaded.sha256();
    }

    public static IndicatorCatalogue load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ManifestException("the indicator definitions folder " + folder + " does not exist");
        }
        YAMLMapper yaml = YAMLMapper.builder().enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        Map<String, IndicatorDefinition> defs = new LinkedHashMap<>();
        Map<String, Path> fileOf = new java.util.HashMap<>();
        java.security.MessageDigest digest = sha256Digest();
        try (Stream<Path> files = Files.list(folder)) {
            // "x.YML" as saved by an editor on another system is a definition too: ignored, an edit in it would go unseen
            for (Path f : files.filter(p -> YAML_FILE.matcher(p.getFileName().toString()).find()).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(f);
                digest.update(f.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(bytes);
                IndicatorDefinition d = parse(yaml, f, bytes);
                String stem = YAML_FILE.matcher(f.getFileName().toString()).replaceFirst("");
                if (!d.id().equals(stem)) {
                    throw new ManifestException(f + ": id '" + d.id() + "' must match the file name '" + stem + "'");
                }
                // cbo-share.yml beside cbo-share.yaml: keeping either silently would publish a definition the
                // analyst may not be looking at
                IndicatorDefinition before = defs.put(d.id(), d);
                if (before != null) {
                    throw new ManifestException(fileOf.get(d.id()) + " and " + f + " both define indicator '" + d.id()
                            + "'; keep one of them");
                }
                fileOf.put(d.id(), f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new IndicatorCatalogue(folder, defs, java.util.HexFormat.of().formatHex(digest.digest()));
    }

    private static final java.util.regex.Pattern YAML_FILE = java.util.regex.Pattern.compile("(?i)\\.ya?ml$");

    private static java.security.MessageDigest sha256Digest() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every setting an indicator file may have (README, "Indicators"). */
    static final Set<String> FIELDS = new java.util.LinkedHashSet<>(List.of("id", "title", "chart-subject", "kind", "unit",
            "numerator", "denominator", "part-of-whole", "decimals", "target", "target-label", "axis-label", "source-note",
            "plausible-range", "fallback"));

    private static IndicatorDefinition parse(YAMLMapper yaml, Path f, byte[] bytes) {
        JsonNode n;
        try {
            n = yaml.readTree(bytes);
        } catch (JacksonException e) {
            throw ManifestException.notYaml(f.toString(), e);
        }
        if (n == null || !n.isObject()) throw new ManifestException(f + ": must be a YAML mapping of " + String.join(", ", FIELDS));
        for (String key : n.propertyNames()) {
            // a misspelt "targt" would otherwise drop the target line without a word
            if (!FIELDS.contains(key)) {
                throw new ManifestException(f + ": unknown setting '" + key + "'; an indicator takes " + String.join(", ", FIELDS));
            }
        }
        try {
            String id = req(n, "id", f);
            if (!id.matches("[a-z0-9-]+")) {
                throw new ManifestException(f + ": id '" + id + "' may contain only a-z, 0-9 and '-' (it names the output folder)");
            }
            String title = req(n, "title", f), chartSubject = req(n, "chart-subject", f);
            String kind = req(n, "kind", f);
            if (!KINDS.contains(kind)) throw new ManifestException(f + ": kind must be one of " + KINDS + ", not '" + kind + "'");
            IndicatorDefinition.Unit unit = IndicatorDefinition.Unit.byId(req(n, "unit", f));
            OptionalDouble target = n.hasNonNull("target") ? OptionalDouble.of(number(n, "target", f)) : OptionalDouble.empty();
            if (target.isPresent() && unit == IndicatorDefinition.Unit.PERCENT && (target.getAsDouble() < 0 || target.getAsDouble() > 100)) {
                throw new ManifestException(f + ": target " + fmt(target.getAsDouble()) + " is not a percentage (0 to 100)");
            }
            if (target.isPresent() && target.getAsDouble() < 0) {
                throw new ManifestException(f + ": target " + fmt(target.getAsDouble()) + " is below zero");
            }
            Optional<double[]> range = Optional.empty();
            if (n.hasNonNull("plausible-range")) {
                JsonNode r = n.get("plausible-range");
                if (!r.isArray() || r.size() != 2 || !r.get(0).isNumber() || !r.get(1).isNumber()) {
                    throw new ManifestException(f + ": plausible-range must be two numbers, [lowest, highest]");
                }
                if (r.get(0).asDouble() > r.get(1).asDouble()) {
                    throw new ManifestException(f + ": plausible-range [" + fmt(r.get(0).asDouble()) + ", " + fmt(r.get(1).asDouble())
                            + "] runs backwards: give [lowest, highest]");
                }
                range = Optional.of(new double[] {r.get(0).asDouble(), r.get(1).asDouble()});
            }
            List<String> numerator = measures(n, "numerator", f), denominator = measures(n, "denominator", f);
            // a proportion is a part of a count: a part above its whole is an error in the data, never a value above 100%
            boolean partOfWhole = bool(n, "part-of-whole", f) || kind.equals("proportion");
            if (kind.equals("proportion") && denominator.contains(Measures.POPULATION)) {
                // people are no whole that a count is a part of: a rate per head is a count-rate
                throw new ManifestException(f + ": kind proportion needs a whole the numerator is part of, but the denominator "
                        + (denominator.size() == 1 ? "is " : "includes ") + Measures.POPULATION
                        + "; a rate per head of population is kind: count-rate");
            }
            if (denominator.contains(Measures.POPULATION) && denominator.size() > 1) {
                // a denominator is the sum of its measures: people and injunctions added together measure nothing
                throw new ManifestException(f + ": denominator " + String.join(", ", denominator) + " adds "
                        + Measures.POPULATION + " to other measures; a rate per 1,000 population has POPULATION alone as its"
                        + " denominator");
            }
            return new IndicatorDefinition(
                    id, title, chartSubject, kind, unit, numerator, denominator, partOfWhole,
                    decimals(n, f), target, optionalText(n, "target-label", f),
                    req(n, "axis-label", f), req(n, "source-note", f), range, fallback(n, f));
        } catch (IllegalArgumentException e) {
            throw new ManifestException(f + ": " + e.getMessage());
        }
    }

    /** A value as the analyst wrote it: text as it is, a list or mapping as YAML-ish JSON. */
    private static String shown(JsonNode v) {
        return v.isContainer() ? v.toString() : v.asString();
    }

    private static String optionalText(JsonNode n, String field, Path f) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return "";
        if (v.isContainer()) throw new ManifestException(f + ": '" + field + "' must be text, not a list or mapping");
        return v.asString();
    }

    private static double number(JsonNode n, String field, Path f) {
        JsonNode v = n.get(field);
        if (!v.isNumber()) throw new ManifestException(f + ": " + field + " must be a number, not '" + shown(v) + "'");
        return v.asDouble();
    }

    private static boolean bool(JsonNode n, String field, Path f) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return false;
        if (!v.isBoolean()) throw new ManifestException(f + ": " + field + " must be true or false, not '" + shown(v) + "'");
        return v.asBoolean();
    }

    private static int decimals(JsonNode n, Path f) {
        JsonNode v = n.get("decimals");
        if (v == null || v.isNull()) return 1;
        if (!v.isIntegralNumber() || v.asInt() < 0 || v.asInt() > 6) {
            throw new ManifestException(f + ": decimals must be a whole number from 0 to 6, not '" + shown(v) + "'");
        }
        return v.asInt();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Measures, each one a source can give: a misspelt code would otherwise leave every force without a value. */
    private static List<String> measures(JsonNode n, String field, Path f) {
        List<String> out = list(n, field, f);
        for (String m : out) {
            if (!uk.forcecompare.sources.Measures.known().contains(m)) {
                throw new ManifestException(f + ": " + field + " names measure '" + m + "', which no source gives; the measures are "
                        + String.join(", ", uk.forcecompare.sources.Measures.known()));
            }
        }
        return out;
    }

    private static Map<String, String> fallback(JsonNode n, Path f) {
        Map<String, String> m = new LinkedHashMap<>();
        JsonNode fb = n.get("fallback");
        if (fb == null || fb.isNull()) return m;
        if (!fb.isObject()) throw new ManifestException(f + ": fallback must map a measure to the measure that stands in for it");
        fb.properties().forEach(e -> m.put(e.getKey(), shown(e.getValue()).strip()));
        for (var e : m.entrySet()) {
            for (String code : List.of(e.getKey(), e.getValue())) {
                if (!uk.forcecompare.sources.Measures.known().contains(code)) {
                    throw new ManifestException(f + ": fallback names measure '" + code + "', which no source gives");
                }
            }
        }
        return m;
    }

    private static String req(JsonNode n, String field, Path f) {
        if (n.hasNonNull(field) && n.get(field).isContainer()) {
            throw new ManifestException(f + ": '" + field + "' must be text, not a list or mapping");
        }
        if (!n.hasNonNull(field) || n.get(field).asString().isBlank()) {
            throw new ManifestException(f + ": '" + field + "' is required");
        }
        return n.get(field).asString().strip();
    }

    private static List<String> list(JsonNode n, String field, Path f) {
        JsonNode v = n.get(field);
        List<String> out = new ArrayList<>();
        if (v != null && (v.isObject() || (v.isArray() && java.util.stream.StreamSupport.stream(v.spliterator(), false).anyMatch(JsonNode::isContainer)))) {
            throw new ManifestException(f + ": '" + field + "' must list measure codes, such as [CALLS_101_ABANDONED]");
        }
        if (v != null && v.isArray()) v.forEach(x -> out.add(x.asString().strip()));
        else if (v != null && !v.isNull()) out.add(v.asString().strip());
        if (out.isEmpty()) throw new ManifestException(f + ": '" + field + "' must name at least one measure");
        return out;
    }

    /**
     * Checks that a manifest names only defined indicators, each of whose measures one of its sources can give, so
     * that every way of running a collection refuses the same manifest with the same message, before anything is
     * read: a run would otherwise publish a chart with no force on it.
     *
     * @param declared the kinds of source the manifest declares
     */
    public void requireRunnable(java.util.Collection<String> ids, Set<SourceKind> declared) {
        Map<String, IndicatorDefinition> byId = loaded.byId();
        for (String id : ids) {
            if (!byId.containsKey(id)) {
                throw new ManifestException("collection.yml names indicator '" + id + "', which is not defined in "
                        + folder + "; the indicators are " + String.join(", ", byId.keySet()));
            }
        }
        for (String id : ids) {
            IndicatorDefinition d = byId.get(id);
            for (String m : d.measures()) {
                // the stand-in counts: funding from the Home Office table serves a collection with no returns
                List<String> either = d.fallback().containsKey(m) ? List.of(m, d.fallback().get(m)) : List.of(m);
                if (declared.stream().anyMatch(k -> either.stream().anyMatch(Measures.of(k)::contains))) continue;
                List<String> giving = Arrays.stream(SourceKind.values())
                        .filter(k -> either.stream().anyMatch(Measures.of(k)::contains)).map(SourceKind::id).toList();
                throw new ManifestException("collection.yml asks for " + id + ", which needs " + String.join(" or ", either)
                        + " (" + Measures.inWords(m) + "); none of its sources ("
                        + declared.stream().map(SourceKind::id).collect(Collectors.joining(", "))
                        + ") gives that: add " + ("aeiou".indexOf(giving.get(0).charAt(0)) >= 0 ? "an " : "a ")
                        + String.join(" or ", giving) + " source, or take " + id + " out of its indicators");
            }
        }
    }

    public Optional<IndicatorDefinition> get(String id) {
        return Optional.ofNullable(loaded.byId().get(id));
    }

    public List<IndicatorDefinition> all() {
        return List.copyOf(loaded.byId().values());
    }
}
