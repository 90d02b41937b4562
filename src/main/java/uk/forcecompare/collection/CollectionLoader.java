package uk.forcecompare.collection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a collection folder: its manifest ({@code collection.yml}) if there is one, and every source file.
 * Anything wrong with the manifest is a {@link ManifestException} that says what to fix: nothing is read.
 */
public final class CollectionLoader {

    public static final String MANIFEST = "collection.yml";
    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");
    private static final Set<String> WORKBOOK_EXTENSIONS = Set.of("xlsx", "xlsm", "ods");

    // an indicator or setting written twice would otherwise keep the last silently
    private final YAMLMapper yaml = YAMLMapper.builder().enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Whether a collection id may be used: it names the output folder, so only a-z, 0-9 and '-'. */
    public static boolean isCollectionId(String id) {
        return ID.matcher(id).matches();
    }

    /** Reads the collection: {@link #list} and then {@link Listing#hash}. */
    public Collection load(Path folder) {
        return list(folder).hash();
    }

    /**
     * Reads and checks the manifest and finds every source file, without reading the files. A wrong manifest is
     * known in milliseconds, and the hashing (seconds, for gigabytes of records) can overlap with other start-up work.
     */
    public Listing list(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new ManifestException("the collection folder " + folder + " does not exist or is not a folder");
        }
        Path manifest = dir.resolve(MANIFEST);
        return Files.isRegularFile(manifest) ? fromManifest(dir, manifest) : withoutManifest(dir);
    }

    /** A collection whose manifest is checked and whose files are found but not yet read. */
    public static final class Listing {
        private final String id;
        private final String title;
        private final Path dir;
        private final Optional<Path> manifest;
        private final Optional<Integer> midYear;
        private final List<Map.Entry<Path, Optional<SourceKind>>> files;
        private final Map<String, Optional<Period>> indicators;
        private final ComparisonSettings settings;
        private final List<Collection.Stray> stray;
        private final List<Collection.Declaration> declarations;

        private Listing(String id, String title, Path dir, Optional<Path> manifest, Optional<Integer> midYear,
                List<Map.Entry<Path, Optional<SourceKind>>> files, Map<String, Optional<Period>> indicators,
                ComparisonSettings settings, List<Collection.Stray> stray, List<Collection.Declaration> declarations) {
            this.id = id;
            this.title = title;
            this.dir = dir;
            this.manifest = manifest;
            this.midYear = midYear;
            this.files = List.copyOf(files);
            this.indicators = indicators;
            this.settings = settings;
            this.stray = stray;
            this.declarations = declarations;
        }

        public String id() {
            return id;
        }

        /** how the manifest asks forces to be compared, checked against the forces before anything is read */
        public ComparisonSettings settings() {
            return settings;
        }

        /** the indicators the manifest asks for (their ids), in its order */
        public java.util.Set<String> indicatorIds() {
            return indicators.keySet();
        }

        /** the kinds of source the manifest declares, an empty folder's among them; none without a manifest */
        public Set<SourceKind> sourceKinds() {
            Set<SourceKind> kinds = java.util.EnumSet.noneOf(SourceKind.class);
            declarations.forEach(d -> kinds.add(d.kind()));
            return kinds;
        }

        /** Reads every file for its sha256 and size, spread over the cores: most of the cost of loading a collection. */
        public Collection hash() {
            List<SourceFile> sources = files.parallelStream().map(e -> sourceFile(dir, e.getKey(), e.getValue())).toList();
            return new Collection(id, title, dir, manifest.map(CollectionLoader::sha256), midYear, sources, indicators,
                    settings, stray, declarations);
        }
    }

    private Listing fromManifest(Path dir, Path manifestPath) {
        JsonNode root;
        try {
            root = yaml.readTree(manifestPath.toFile());
        } catch (JacksonException e) {
            throw ManifestException.notYaml(MANIFEST, e);
        }
        if (root == null || !root.isObject()) {
            throw new ManifestException(MANIFEST + " must be a YAML mapping with id, title, population, sources and indicators");
        }
        // a misspelt "indicator:" would otherwise run every indicator instead of the ones listed
        onlyKeys(root, "", "the manifest", "id", "title", "population", "sources", "indicators", "comparison");
        String id = text(root, "id").orElseThrow(() -> new ManifestException(MANIFEST + ": 'id' is missing (for example id: 2024-spring)"));
        if (!ID.matcher(id).matches()) {
            throw new ManifestException(MANIFEST + ": id '" + id + "' may contain only a-z, 0-9 and '-' (it names the output folder)");
        }
        for (String scalar : List.of("id", "title")) {
            if (root.get(scalar) != null && root.get(scalar).isContainer()) {
                throw new ManifestException(MANIFEST + ": '" + scalar + "' must be text, not a list or mapping");
            }
        }
        String title = text(root, "title").orElse(id);

        Optional<Integer> midYear = Optional.empty();
        JsonNode population = root.get("population");
        if (population != null && !population.isNull()) {
            if (!population.isObject()) {
                throw new ManifestException(MANIFEST + ": 'population' must be a mapping, such as population: { mid-year: 2022 }");
            }
            onlyKeys(population, "population", "population", "mid-year");
            JsonNode my = population.get("mid-year");
            if (my != null && !my.isNull()) {
                if (my.isContainer()) throw new ManifestException(MANIFEST + ": population.mid-year must be a year such as 2022");
                String t = my.asString().strip();
                if (!t.matches("\\d{4}")) {
                    throw new ManifestException(MANIFEST + ": population.mid-year must be a year such as 2022, not '" + t + "'");
                }
                midYear = Optional.of(Integer.parseInt(t));
            }
        }

        JsonNode sourcesNode = root.get("sources");
        if (sourcesNode == null || !sourcesNode.isArray() || sourcesNode.isEmpty()) {
            throw new ManifestException(MANIFEST + ": 'sources' must list at least one source (file and kind)");
        }
        List<Map.Entry<Path, Optional<SourceKind>>> found = new ArrayList<>();
        List<Collection.Declaration> declarations = new ArrayList<>();
        Set<Path> declared = new LinkedHashSet<>();
        // each force-return folder, as the manifest writes it: a file in it that is no workbook is not read as a return
        Map<Path, String> returnFolders = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode s : sourcesNode) {
            i++;
            String where = MANIFEST + ": source " + i;
            if (s.isObject()) onlyKeys(s, "source " + i, "source", "file", "kind");
            String file = text(s, "file").orElseThrow(() -> new ManifestException(where + " has no 'file'"));
            String kindText = text(s, "kind").orElseThrow(() -> new ManifestException(where + " (" + file + ") has no 'kind'"));
            SourceKind kind = SourceKind.byId(kindText).orElseThrow(() -> new ManifestException(
                    where + " (" + file + "): unknown kind '" + kindText + "'; the kinds are " + SourceKind.ids()));
            Path p = dir.resolve(file).normalize();
            if (!p.startsWith(dir)) {
                throw new ManifestException(where + ": '" + file + "' is outside the collection folder; a source must stay inside it");
            }
            if (Files.exists(p)) requireInside(dir, p, where + ": '" + file + "'");
            for (Collection.Declaration d : declarations) {
                if (dir.resolve(d.file()).normalize().equals(p)) {
                    throw new ManifestException(where + ": '" + file + "' is listed twice; list each source once");
                }
            }
            boolean empty = false;
            if (Files.isDirectory(p) && kind == SourceKind.FORCE_RETURN) returnFolders.put(p, file.endsWith("/") ? file : file + "/");
            if (Files.isDirectory(p)) {
                List<Path> ofKind = listFiles(p).stream()
                        .filter(f -> kind != SourceKind.FORCE_RETURN || isWorkbook(f)).toList();
                for (Path f : ofKind) requireInside(dir, f, where + ": '" + relative(dir, f) + "'");
                empty = ofKind.isEmpty();
                for (Path f : ofKind) {
                    if (declared.add(f)) found.add(Map.entry(f, Optional.of(kind)));
                }
            } else if (Files.isRegularFile(p)) {
                if (declared.add(p)) found.add(Map.entry(p, Optional.of(kind)));
            } else {
                throw new ManifestException(where + ": '" + file + "' does not exist in " + dir);
            }
            declarations.add(new Collection.Declaration(Files.isDirectory(p) && !file.endsWith("/") ? file + "/" : file, kind, empty));
        }
        if (found.isEmpty()) {
            // every source is an empty folder: a run would publish 43 missing values for every indicator
            throw new ManifestException(MANIFEST + ": no source holds a file ("
                    + declarations.stream().map(Collection.Declaration::file).collect(java.util.stream.Collectors.joining(", "))
                    + "): there is nothing to run");
        }

        Map<String, Optional<Period>> indicators = new LinkedHashMap<>();
        Map<String, List<String>> excludeByIndicator = new LinkedHashMap<>();
        JsonNode ind = root.get("indicators");
        if (ind != null && !ind.isNull()) {
            if (!ind.isObject()) throw new ManifestException(MANIFEST + ": 'indicators' must map indicator ids to { period: ... }");
            for (var e : ind.properties()) {
                Optional<Period> period = Optional.empty();
                JsonNode v = e.getValue();
                if (v != null && !v.isNull() && !v.isObject()) {
                    // "calls-999-per-1000: 2023-01..2023-06" would otherwise run the default period without a word
                    throw new ManifestException(MANIFEST + ": indicator " + e.getKey() + " must be a mapping such as "
                            + "{ period: \"2023-01..2023-12\" }, not '" + v + "'");
                }
                if (v != null && v.isObject()) {
                    // a misspelt "perod" would otherwise fall back to the latest year without a word
                    onlyKeys(v, "indicator " + e.getKey(), "an indicator", "period", "exclude");
                    List<String> names = forceList(v.get("exclude"), "indicators." + e.getKey() + ".exclude");
                    if (!names.isEmpty()) excludeByIndicator.put(e.getKey(), names);
                }
                if (v != null && v.isObject() && v.get("period") != null && !v.get("period").isNull()) {
                    if (v.get("period").isContainer()) {
                        throw new ManifestException(MANIFEST + ": indicator " + e.getKey() + ": period must be text such as \"2023-01..2023-12\"");
                    }
                    String pt = v.get("period").asString();
                    try {
                        period = Optional.of(Period.parse(pt));
                    } catch (IllegalArgumentException ex) {
                        throw new ManifestException(MANIFEST + ": indicator " + e.getKey() + ": " + ex.getMessage());
                    }
                }
                indicators.put(e.getKey(), period);
            }
        }

        ComparisonSettings settings = ComparisonSettings.DEFAULT;
        JsonNode cmp = root.get("comparison");
        if (cmp != null && !cmp.isNull() && !cmp.isObject()) {
            throw new ManifestException(MANIFEST + ": 'comparison' must be a mapping, such as comparison: { sd: population }");
        }
        if (cmp != null && cmp.isObject()) {
            if (cmp.get("sd") != null && cmp.get("sd").isContainer()) {
                throw new ManifestException(MANIFEST + ": comparison.sd must be sample or population");
            }
            onlyKeys(cmp, "comparison", "comparison", "sd", "exclude");
            settings = new ComparisonSettings(text(cmp, "sd").orElse("sample"), forceList(cmp.get("exclude"), "comparison.exclude"),
                    excludeByIndicator);
        } else if (!excludeByIndicator.isEmpty()) {
            settings = new ComparisonSettings("sample", List.of(), excludeByIndicator);
        }

        // a declared file read through a link is not also a stray under its real name
        Set<Path> declaredReal = new java.util.HashSet<>();
        for (Path f : declared) {
            try {
                declaredReal.add(f.toRealPath());
            } catch (IOException e) {
                declaredReal.add(f);
            }
        }
        List<Collection.Stray> stray = new ArrayList<>(notRead(dir, declared));
        for (Path f : listFiles(dir)) {
            if (f.equals(manifestPath) || declared.contains(f)) continue;
            try {
                if (declaredReal.contains(f.toRealPath())) continue;
            } catch (IOException e) {
                // listed a moment ago and gone now: a stray all the same
            }
            String folder = returnFolders.entrySet().stream().filter(e -> f.startsWith(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            stray.add(new Collection.Stray(relative(dir, f), folder != null
                    ? "is in the force-return folder " + folder + " but is not a workbook (XLSX or ODS), so it was not read as a return"
                    : "is in the collection folder but no source in collection.yml covers it; it was not read"));
        }
        stray.sort(java.util.Comparator.comparing(Collection.Stray::file));
        return new Listing(id, title, dir, Optional.of(manifestPath), midYear, found, indicators, settings, stray, declarations);
    }

    private Listing withoutManifest(Path dir) {
        String id = dir.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        List<Map.Entry<Path, Optional<SourceKind>>> found = new ArrayList<>();
        for (Path f : listFiles(dir)) {
            requireInside(dir, f, "'" + relative(dir, f) + "'");
            found.add(Map.entry(f, Optional.empty()));
        }
        if (found.isEmpty()) {
            throw new ManifestException("the collection folder " + dir + " has no " + MANIFEST
                    + " and no source files: there is nothing to run");
        }
        return new Listing(id, id, dir, Optional.empty(), Optional.empty(), found, Map.of(),
                ComparisonSettings.DEFAULT, notRead(dir, Set.of()), List.of());
    }

    /** Refuses a setting that {@code taker} ("a source", "comparison") does not take, naming those it does. */
    private static void onlyKeys(JsonNode node, String where, String taker, String... keys) {
        List<String> allowed = List.of(keys);
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                throw new ManifestException(MANIFEST + ": " + (where.isEmpty() ? "" : where + ": ") + "unknown setting '" + key
                        + "'; " + taker + " takes " + String.join(", ", allowed));
            }
        }
    }

    /** A list of forces, or one force written without brackets ({@code exclude: City of London}). */
    private static List<String> forceList(JsonNode v, String where) {
        List<String> names = new ArrayList<>();
        if (v == null || v.isNull()) return names;
        if (v.isArray()) {
            for (JsonNode n : v) {
                if (n.isContainer() || n.asString().isBlank()) {
                    throw new ManifestException(MANIFEST + ": " + where + " must list forces by name, alias or ONS code");
                }
                names.add(n.asString().strip());
            }
        } else if (!v.isContainer() && !v.asString().isBlank()) {
            names.add(v.asString().strip());
        } else if (v.isContainer()) {
            throw new ManifestException(MANIFEST + ": " + where + " must list forces by name, alias or ONS code");
        }
        return names;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isContainer()) return Optional.empty();
        String s = v.asString().strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /**
     * A symbolic link that leads out of the collection would read a file its sha256 and the publication attribute to
     * the collection, though it may change under it: refused, like a {@code ../} path.
     */
    private static void requireInside(Path dir, Path p, String what) {
        try {
            Path real = p.toRealPath();
            if (!real.startsWith(dir.toRealPath())) {
                throw new ManifestException(what + " is a link to " + real + ", outside the collection folder; a source must stay inside it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a name is hidden ('.DS_Store', '.git') or an office lock file ('~$kent.xlsx', '.~lock.kent.ods#'). */
    private static boolean isHiddenOrLock(String name) {
        return name.startsWith(".") || name.startsWith("~$");
    }

    /**
     * The lock files, hidden files and hidden folders {@link #listFiles} leaves out, each with what it is: never read,
     * but never passed over without a word either. A hidden folder ('.git/') is one entry, not one per file in it.
     */
    private static List<Collection.Stray> notRead(Path dir, Set<Path> declared) {
        Map<String, Collection.Stray> out = new LinkedHashMap<>();
        for (Path f : walk(dir)) {
            if (declared.contains(f)) continue;
            Path rel = dir.relativize(f);
            for (int k = 0; k < rel.getNameCount(); k++) {
                String name = rel.getName(k).toString();
                if (!isHiddenOrLock(name)) continue;
                if (k < rel.getNameCount() - 1) {
                    Path folder = dir.resolve(rel.subpath(0, k + 1));
                    if (declared.stream().noneMatch(d -> d.startsWith(folder))) {
                        String shown = relative(dir, folder) + "/";
                        out.putIfAbsent(shown, new Collection.Stray(shown, "is a hidden folder (its name starts with '" + name.charAt(0)
                                + "'); nothing in it was read"));
                    }
                } else {
                    out.putIfAbsent(relative(dir, f), new Collection.Stray(relative(dir, f), whyNotRead(name)));
                }
                break;
            }
        }
        return new ArrayList<>(out.values());
    }

    private static String whyNotRead(String name) {
        if (name.startsWith("~$")) {
            return "is an Excel lock file, left beside the workbook " + name.substring(2) + " while it is open (or after Excel "
                    + "closed without removing it); it is not a return and was not read";
        }
        if (name.startsWith(".~lock.") && name.endsWith("#")) {
            return "is a LibreOffice lock file, left beside the workbook " + name.substring(7, name.length() - 1) + " while it is "
                    + "open (or after LibreOffice closed without removing it); it is not a return and was not read";
        }
        return "is a hidden file (its name starts with '.'); it was not read";
    }

    /** Every regular file below a folder, hidden ones and lock files left out, in a stable order. */
    private static List<Path> listFiles(Path dir) {
        return walk(dir).stream().filter(p -> {
            for (Path part : dir.relativize(p)) {
                if (isHiddenOrLock(part.toString())) return false;
            }
            return true;
        }).toList();
    }

    /** Every regular file below a folder, in a stable order. */
    private static List<Path> walk(Path dir) {
        // a source folder that is a link (returns -> real-returns) is listed through the link; links below it are not
        // followed into folders, and every file is checked to stay inside the collection
        Path start;
        try {
            start = Files.isSymbolicLink(dir) ? dir.toRealPath() : dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Stream<Path> s = Files.walk(start).map(p -> dir.resolve(start.relativize(p)))) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> dir.relativize(p).toString().chars().noneMatch(c -> c == 0))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SourceFile sourceFile(Path dir, Path f, Optional<SourceKind> kind) {
        try {
            // size and time first: a file written while it is hashed then differs from them when the run checks
            java.nio.file.attribute.BasicFileAttributes hashed = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class);
            return new SourceFile(f, relative(dir, f), kind, sha256(f), hashed.size(), hashed.lastModifiedTime());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String relative(Path dir, Path f) {
        return dir.relativize(f).toString().replace('\\', '/');
    }

    /** A file a force return can be: an .xlsx, .xlsm or .ods workbook. */
    public static boolean isWorkbook(Path f) {
        return WORKBOOK_EXTENSIONS.contains(extension(f));
    }

    static String extension(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // reading feeds the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
