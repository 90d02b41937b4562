package uk.forcecompare.indicators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import uk.forcecompare.collection.ManifestException;

/** The indicators analysts have defined, one YAML file each under {@code jobs/indicators/}. */
public final class IndicatorCatalogue {

    private static final Set<String> KINDS = Set.of("proportion", "count-rate", "amount");

    private final Path folder;
    private final Map<String, IndicatorDefinition> byId;

    private IndicatorCatalogue(Path folder, Map<String, IndicatorDefinition> byId) {
        this.folder = folder;
        this.byId = byId;
    }

    public static IndicatorCatalogue load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ManifestException("the indicator definitions folder " + folder + " does not exist");
        }
        YAMLMapper yaml = YAMLMapper.builder().build();
        Map<String, IndicatorDefinition> defs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList()) {
                IndicatorDefinition d = parse(yaml, f);
                String stem = f.getFileName().toString().replaceFirst("\\.ya?ml$", "");
                if (!d.id().equals(stem)) {
                    throw new ManifestException(f + ": id '" + d.id() + "' must match the file name '" + stem + "'");
                }
                defs.put(d.id(), d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new IndicatorCatalogue(folder, defs);
    }

    private static IndicatorDefinition parse(YAMLMapper yaml, Path f) {
        JsonNode n;
        try {
            n = yaml.readTree(f.toFile());
        } catch (JacksonException e) {
            throw new ManifestException(f + " is not valid YAML: " + e.getOriginalMessage());
        }
        try {
            String kind = req(n, "kind", f);
            if (!KINDS.contains(kind)) throw new ManifestException(f + ": kind must be one of " + KINDS + ", not '" + kind + "'");
            OptionalDouble target = n.hasNonNull("target") ? OptionalDouble.of(n.get("target").asDouble()) : OptionalDouble.empty();
            Optional<double[]> range = Optional.empty();
            if (n.hasNonNull("plausible-range")) {
                JsonNode r = n.get("plausible-range");
                range = Optional.of(new double[] {r.get(0).asDouble(), r.get(1).asDouble()});
            }
            return new IndicatorDefinition(
                    req(n, "id", f), req(n, "title", f), req(n, "chart-subject", f), kind,
                    IndicatorDefinition.Unit.byId(req(n, "unit", f)),
                    list(n, "numerator", f), list(n, "denominator", f),
                    n.path("part-of-whole").asBoolean(false),
                    n.path("decimals").asInt(1),
                    target, n.path("target-label").asString(""),
                    req(n, "axis-label", f), req(n, "source-note", f), range, fallback(n));
        } catch (IllegalArgumentException e) {
            throw new ManifestException(f + ": " + e.getMessage());
        }
    }

    private static Map<String, String> fallback(JsonNode n) {
        Map<String, String> m = new LinkedHashMap<>();
        JsonNode fb = n.get("fallback");
        if (fb != null && fb.isObject()) fb.properties().forEach(e -> m.put(e.getKey(), e.getValue().asString().strip()));
        return m;
    }

    private static String req(JsonNode n, String field, Path f) {
        if (!n.hasNonNull(field) || n.get(field).asString().isBlank()) {
            throw new ManifestException(f + ": '" + field + "' is required");
        }
        return n.get(field).asString().strip();
    }

    private static List<String> list(JsonNode n, String field, Path f) {
        JsonNode v = n.get(field);
        List<String> out = new ArrayList<>();
        if (v != null && v.isArray()) v.forEach(x -> out.add(x.asString().strip()));
        else if (v != null && !v.isNull()) out.add(v.asString().strip());
        if (out.isEmpty()) throw new ManifestException(f + ": '" + field + "' must name at least one measure");
        return out;
    }

    /**
     * Checks that a manifest names only defined indicators, so that every way of running a collection refuses the
     * same manifest with the same message, before anything is read.
     */
    public void requireDefined(java.util.Collection<String> ids) {
        for (String id : ids) {
            if (!byId.containsKey(id)) {
                throw new ManifestException("collection.yml names indicator '" + id + "', which is not defined in "
                        + folder + "; the indicators are " + String.join(", ", byId.keySet()));
            }
        }
    }

    public Optional<IndicatorDefinition> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<IndicatorDefinition> all() {
        return List.copyOf(byId.values());
    }
}
