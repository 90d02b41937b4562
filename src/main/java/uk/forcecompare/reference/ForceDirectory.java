package uk.forcecompare.reference;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The 43 territorial forces and the bodies that are never compared, with every spelling seen in published
 * files. Matching is by exact normalised name, ONS code or data.police.uk slug: a name that matches nothing
 * is {@link ForceMatch.Unknown}, never the nearest guess.
 */
public final class ForceDirectory {

    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    /** Words that published spellings add or drop around the same force. */
    private static final List<String> NOISE_WORDS = List.of("police", "constabulary", "service", "force", "area");

    private final List<Force> forces;
    private final Map<String, Force> byCode = new HashMap<>();
    private final Map<String, Force> bySlug = new HashMap<>();
    private final Map<String, ForceMatch> byKey = new HashMap<>();
    private final String sha256;

    private ForceDirectory(List<Force> forces, List<String[]> notTerritorial, String sha256) {
        this.forces = List.copyOf(forces);
        this.sha256 = sha256;
        for (Force f : forces) {
            byCode.put(f.code().toUpperCase(Locale.ROOT), f);
            bySlug.put(f.slug(), f);
            ForceMatch m = new ForceMatch.Territorial(f);
            byKey.put(key(f.name()), m);
            byKey.put(key(f.slug()), m);
            f.aliases().forEach(a -> byKey.put(key(a), m));
            byKey.put(key(f.fullName()), m);
        }
        for (String[] body : notTerritorial) {
            ForceMatch m = new ForceMatch.NotTerritorial(body[0], body[3]);
            byKey.put(key(body[0]), m);
            if (!body[1].isBlank()) byKey.put(key(body[1]), m);
            for (String alias : body[2].split(";")) {
                if (!alias.isBlank()) byKey.put(key(alias), m);
            }
        }
    }

    /** Reads {@code forces.csv} and {@code not-territorial-forces.csv} from a reference folder. */
    public static ForceDirectory load(Path referenceFolder) {
        try {
            byte[] forcesCsv = Files.readAllBytes(referenceFolder.resolve("forces.csv"));
            byte[] bodiesCsv = Files.readAllBytes(referenceFolder.resolve("not-territorial-forces.csv"));
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(forcesCsv);
            md.update((byte) 0);
            md.update(bodiesCsv);
            return load(new String(forcesCsv, StandardCharsets.UTF_8), new String(bodiesCsv, StandardCharsets.UTF_8),
                    java.util.HexFormat.of().formatHex(md.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the force reference list in " + referenceFolder, e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One sha256 over the reference files read: a changed alias can change a run's values, so it is part of its identity. */
    public String sha256() {
        return sha256;
    }

    private static ForceDirectory load(String forcesCsv, String bodiesCsv, String sha256) throws IOException {
        try (Reader f = new java.io.StringReader(forcesCsv); Reader n = new java.io.StringReader(bodiesCsv)) {
            List<Force> forces = new ArrayList<>();
            for (CSVRecord r : csv().parse(f)) {
                // full_name extends the published reference file; a copy without it gives the short name
                forces.add(new Force(r.get("code"), r.get("name"), r.get("region"), r.get("country"),
                        r.get("police_uk_slug"), splitAliases(r.get("aliases")), r.isMapped("full_name") ? r.get("full_name") : ""));
            }
            List<String[]> bodies = new ArrayList<>();
            for (CSVRecord r : csv().parse(n)) {
                bodies.add(new String[] {r.get("name"), r.get("police_uk_slug"), r.get("aliases"), r.get("why")});
            }
            if (forces.size() != 43) {
                throw new IllegalStateException("forces.csv must list the 43 territorial forces, found " + forces.size());
            }
            return new ForceDirectory(forces, bodies, sha256);
        }
    }

    private static CSVFormat csv() {
        return CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).get();
    }

    private static List<String> splitAliases(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.stream(s.split(";")).map(String::strip).toList();
    }

    /** The 43 forces, in the order of the reference list (ONS code order). */
    public List<Force> all() {
        return forces;
    }

    public Optional<Force> byCode(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code.strip().toUpperCase(Locale.ROOT)));
    }

    public Optional<Force> bySlug(String slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }

    /** Whether a name, alias or code is one of the 43 forces. */
    public boolean isForce(String text) {
        return match(text) instanceof ForceMatch.Territorial;
    }

    /** Matches a name as printed in a published file (any observed spelling), an ONS code or a slug. */
    public ForceMatch match(String text) {
        if (text == null || text.isBlank()) return new ForceMatch.Unknown(text == null ? "" : text);
        Optional<Force> code = byCode(text);
        if (code.isPresent()) return new ForceMatch.Territorial(code.get());
        ForceMatch m = byKey.get(key(text));
        return m != null ? m : new ForceMatch.Unknown(text);
    }

    /**
     * Matches by code when one is given and known, else by name. Where both are given and name another force,
     * the result is Unknown: a disagreement is never resolved by guessing.
     */
    public ForceMatch match(String code, String name) {
        Optional<Force> byCodeMatch = byCode(code);
        if (byCodeMatch.isEmpty()) return match(name);
        if (name == null || name.isBlank()) return new ForceMatch.Territorial(byCodeMatch.get());
        ForceMatch byName = match(name);
        if (byName instanceof ForceMatch.Territorial t && !t.force().equals(byCodeMatch.get())) {
            return new ForceMatch.Unknown(code + " / " + name);
        }
        return new ForceMatch.Territorial(byCodeMatch.get());
    }

    /** The forces whose slug appears in a file name, longest first (so "north-yorkshire" beats "york"). */
    public List<Force> forcesNamedInFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        List<Force> found = new ArrayList<>();
        for (Force f : forces.stream().sorted(Comparator.comparingInt((Force x) -> x.slug().length()).reversed()).toList()) {
            if (containsToken(lower, f.slug()) && found.stream().noneMatch(g -> g.slug().contains(f.slug()))) {
                found.add(f);
            }
        }
        return Collections.unmodifiableList(found);
    }

    /**
     * The one force a file's name stands for: its slug ("gwent.xlsx", "2024-norfolk-return.ods"), or, where no slug is
     * in it, the whole name before the extension as any observed spelling ("Avon & Somerset.xlsx"). Empty where the
     * name names no force or more than one.
     */
    public Optional<Force> forceNamedByFileName(String fileName) {
        List<Force> bySlug = forcesNamedInFileName(fileName);
        if (bySlug.size() == 1) return Optional.of(bySlug.get(0));
        if (!bySlug.isEmpty()) return Optional.empty();
        int dot = fileName.lastIndexOf('.');
        String stem = (dot > 0 ? fileName.substring(0, dot) : fileName).replace('_', ' ');
        return match(stem) instanceof ForceMatch.Territorial t ? Optional.of(t.force()) : Optional.empty();
    }

    private static boolean containsToken(String haystack, String slug) {
        int i = haystack.indexOf(slug);
        while (i >= 0) {
            boolean startOk = i == 0 || !Character.isLetterOrDigit(haystack.charAt(i - 1));
            int end = i + slug.length();
            boolean endOk = end == haystack.length() || !Character.isLetterOrDigit(haystack.charAt(end));
            if (startOk && endOk) return true;
            i = haystack.indexOf(slug, i + 1);
        }
        return false;
    }

    /** Case, punctuation, "&", no-break spaces and words like "Police" or "Constabulary" do not tell forces apart. */
    static String key(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFKC).replace('\u00a0', ' ').toLowerCase(Locale.ROOT).strip();
        s = s.replace("&", " and ");
        if (s.matches("london\\s*,\\s*city of.*")) s = "city of london";
        s = NON_ALNUM.matcher(s).replaceAll(" ").strip();
        List<String> words = new ArrayList<>(Arrays.asList(s.split(" ")));
        if (words.size() > 1) words.removeIf(NOISE_WORDS::contains);
        return String.join(" ", words);
    }
}
