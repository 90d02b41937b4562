package uk.forcecompare.jobs;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import uk.forcecompare.collection.Collection;
import uk.forcecompare.collection.CollectionLoader;
import uk.forcecompare.collection.Period;
import uk.forcecompare.collection.SourceKind;
import uk.forcecompare.indicators.IndicatorCalculator;
import uk.forcecompare.indicators.IndicatorCatalogue;
import uk.forcecompare.indicators.IndicatorDefinition;
import uk.forcecompare.indicators.Rejected;
import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.sources.Measures;
import uk.forcecompare.sources.Observation;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.FindingLog;
import uk.forcecompare.validation.Rule;

/**
 * Checks that need the whole collection at once: one return per force, population coverage, and sources that
 * should agree. Used by the collection run's validate step and by the {@code validate} command alike.
 */
final class CollectionChecks {

    /** Removes, after reading, the values a finding invalidates (every value of a duplicated return). */
    interface Invalidation {
        /** The file's values for the force become missing, with the reason. */
        void invalidate(String forceCode, String sourceFile, String reason);

        /** The file's values for the force are not counted at all: a copy of a file already counted. */
        void drop(String forceCode, String sourceFile);

        /** One value is not counted: the same row, already counted from another file. */
        void dropOne(Observation o);

        /** One value becomes missing, with the reason. */
        void invalidateOne(Observation o, String reason);
    }

    private final Support support;

    private record Support(ForceDirectory forces, IndicatorCatalogue catalogue) {
    }

    /** @param catalogue the indicators: a finding that leaves a figure out names those computed from it */
    CollectionChecks(ForceDirectory forces, IndicatorCatalogue catalogue) {
        this.support = new Support(forces, catalogue);
    }

    void check(Collection c, List<Observation> observations, FindingLog findings, Invalidation invalidation) {
        Map<String, String> unusable = unusableReturns(c, observations, support.forces);
        if (c.declaresKind(SourceKind.FORCE_RETURN)) {
            checkReturns(c.declaredPath(SourceKind.FORCE_RETURN), observations, unusable, findings, invalidation);
        } else if (c.manifestSha256().isEmpty() && (!unusable.isEmpty() || observations.stream().anyMatch(CollectionChecks::isReturn))) {
            // without a manifest nothing is declared, but returns found among the files make it a collection of
            // returns as plainly as a declaration would: a force whose return is not among them is told so
            checkReturns(folderOfReturns(observations, unusable), observations, unusable, findings, invalidation);
        }
        if (c.manifestSha256().isPresent()) checkReturnsAreForThisCollection(c, observations, findings);
        checkPopulation(c, observations, findings);
        checkFundingSourcesAgree(observations, findings);
        checkRecordFilesCountedOnce(c, observations, findings, invalidation);
        checkPublishedRowsCountedOnce(observations, findings, invalidation);
        checkEveryForceInPublishedTables(observations, findings);
    }

    /**
     * A published table gives every force's figures: a force with no row in it (left off, or every row of it
     * rejected) has lost a whole period, which a reviewer should see as plainly as one missing month, at the file. The
     * population table has its own check; returns are one force each, and data.police.uk files one force each.
     */
    void checkEveryForceInPublishedTables(List<Observation> observations, FindingLog findings) {
        Map<String, java.util.Set<String>> forcesByFile = new java.util.TreeMap<>();
        Map<String, java.util.Set<String>> measuresByFile = new java.util.HashMap<>();
        for (Observation o : observations) {
            if (!isPublishedTableFigure(o) || o.measure().equals(Measures.POPULATION) || o.forceCode().isEmpty()) continue;
            forcesByFile.computeIfAbsent(o.sourceFile(), k -> new java.util.HashSet<>()).add(o.forceCode());
            measuresByFile.computeIfAbsent(o.sourceFile(), k -> new java.util.TreeSet<>()).add(o.measure());
        }
        forcesByFile.forEach((file, present) -> {
            // a table of one force is not a table of every force
            if (present.size() < 2) return;
            String measures = String.join(", ", measuresByFile.get(file));
            for (Force f : support.forces.all()) {
                if (present.contains(f.code())) continue;
                findings.report(Finding.of(Rule.FORCE_MISSING_FROM_TABLE).file(file).force(f.code())
                        .message(f.name() + " has no figures in " + file + ", which gives " + present.size() + " other forces' "
                                + measures + "; its figures from it are missing")
                        .observed("no row").expected("a row for every force"));
            }
        });
    }

    /**
     * The same figure (force, measure, period and every dimension) from two published tables: a copy of the 999 file
     * listed as a second source, or two population files, would otherwise be added together. The same value is the
     * same row repeated (contract 4a): a warning, counted once, from the first file. Different values conflict: an
     * error, and the figure is missing from every file that gives it. One finding per file and force.
     * Returns are left to the one-return-per-force check, and data.police.uk files to their own.
     */
    void checkPublishedRowsCountedOnce(List<Observation> observations, FindingLog findings, Invalidation invalidation) {
        Map<String, List<Observation>> byFigure = new java.util.LinkedHashMap<>();
        for (Observation o : observations) {
            if (!isPublishedTableFigure(o)) continue;
            byFigure.computeIfAbsent(o.forceCode() + "|" + o.measure() + "|" + o.period().text() + "|" + o.dimensions(),
                    k -> new java.util.ArrayList<>()).add(o);
        }
        // (copy file, first file, force) -> how many figures: one finding each
        Map<List<String>, Integer> repeated = new java.util.TreeMap<>(java.util.Comparator.comparing(Object::toString));
        Map<List<String>, java.util.Set<String>> conflicting = new java.util.TreeMap<>(java.util.Comparator.comparing(Object::toString));
        // the first cell or line of each (file, force) finding, for the reviewer to go to
        Map<List<String>, String> firstAt = new java.util.HashMap<>();
        for (List<Observation> figure : byFigure.values()) {
            java.util.Set<String> files = new java.util.TreeSet<>();
            figure.forEach(o -> files.add(o.sourceFile()));
            if (files.size() < 2) continue;
            figure.sort(java.util.Comparator.comparing(Observation::sourceFile).thenComparing(Observation::location));
            Observation first = figure.get(0);
            boolean same = figure.stream().allMatch(o -> o.value().isPresent() && first.value().isPresent()
                    && o.value().get().compareTo(first.value().get()) == 0);
            if (same) {
                for (Observation o : figure) {
                    if (o.sourceFile().equals(first.sourceFile())) continue;
                    repeated.merge(List.of(o.sourceFile(), first.sourceFile(), o.forceCode()), 1, Integer::sum);
                    firstAt.putIfAbsent(List.of(o.sourceFile(), first.sourceFile(), o.forceCode()), o.location());
                    invalidation.dropOne(o);
                }
            } else {
                String what = Measures.inWords(first.measure()) + " for " + first.period().text()
                        + (first.dimensions().isEmpty() ? "" : " (" + first.dimensions() + ")");
                for (Observation o : figure) {
                    conflicting.computeIfAbsent(List.of(o.sourceFile(), String.join(", ", files), o.forceCode()),
                            k -> new java.util.TreeSet<>()).add(first.measure());
                    firstAt.putIfAbsent(List.of(o.sourceFile(), String.join(", ", files), o.forceCode()), o.location());
                    invalidation.invalidateOne(o, what + " differs between " + String.join(" and ", files));
                }
            }
        }
        repeated.forEach((k, n) -> {
            String name = support.forces.byCode(k.get(2)).map(Force::name).orElse(k.get(2));
            findings.report(Finding.of(Rule.ROW_DUPLICATE_EXACT).file(k.get(0)).at(firstAt.getOrDefault(k, "")).force(k.get(2))
                    .message(k.get(0) + " repeats " + n + (n == 1 ? " figure" : " figures") + " of " + name + " that " + k.get(1)
                            + " already gives, with the same values; counted once, from " + k.get(1))
                    .observed(n + (n == 1 ? " figure" : " figures") + " given twice").expected("each figure in one file"));
        });
        conflicting.forEach((k, measures) -> {
            String name = support.forces.byCode(k.get(2)).map(Force::name).orElse(k.get(2));
            findings.report(Finding.of(Rule.ROW_DUPLICATE_CONFLICT).file(k.get(0)).at(firstAt.getOrDefault(k, "")).force(k.get(2))
                    .message(name + " " + String.join(", ", measures) + ": " + k.get(1) + " give the same figure with different "
                            + "values; which is right cannot be told, so it is missing")
                    .observed("different values").expected("each figure in one file"));
        });
    }

    /**
     * A data.police.uk file for a force and month that is in the collection twice (a copy in another folder) would be
     * counted twice. Copies with the same counts are the same row repeated (contract 4a): a warning, counted once.
     * Copies with different counts conflict: an error, and that force's month from them is missing.
     */
    void checkRecordFilesCountedOnce(Collection c, List<Observation> observations, FindingLog findings, Invalidation invalidation) {
        Map<String, Map<String, List<Observation>>> byMonthThenFile = new java.util.TreeMap<>();
        for (Observation o : observations) {
            if (!o.measure().startsWith("RECORDS_")) continue;
            String kind = o.measure().equals(Measures.RECORDS_ASB_INCIDENTS) || o.measure().equals(Measures.RECORDS_CRIMES)
                    ? "street" : "stop-and-search";
            byMonthThenFile.computeIfAbsent(o.forceCode() + "|" + o.period().text() + "|" + kind, k -> new java.util.TreeMap<>())
                    .computeIfAbsent(o.sourceFile(), k -> new java.util.ArrayList<>()).add(o);
        }
        byMonthThenFile.forEach((key, files) -> {
            if (files.size() < 2) return;
            String[] k = key.split("\\|");
            String force = k[0], month = k[1], kind = k[2];
            String name = support.forces.byCode(force).map(Force::name).orElse(force);
            List<String> names = List.copyOf(files.keySet());
            java.util.Set<String> counts = new java.util.HashSet<>();
            files.values().forEach(obs -> counts.add(obs.stream().sorted(java.util.Comparator.comparing(Observation::measure))
                    .map(o -> o.measure() + "=" + o.value().map(java.math.BigDecimal::toPlainString).orElse("missing"))
                    .collect(Collectors.joining(","))));
            String what = "The data.police.uk " + kind + " file of " + name + " for " + month + " is in the collection "
                    + files.size() + " times (" + String.join(", ", names) + ")";
            if (counts.size() == 1 && !counts.iterator().next().contains("missing")) {
                for (String copy : names.subList(1, names.size())) {
                    findings.report(Finding.of(Rule.ROW_DUPLICATE_EXACT).file(copy).force(force)
                            .message(what + " with the same counts; counted once, from " + names.get(0))
                            .observed(files.size() + " files").expected("one file"));
                    invalidation.drop(force, copy);
                }
            } else {
                java.util.Set<String> measures = files.values().stream().flatMap(List::stream).map(Observation::measure)
                        .collect(Collectors.toCollection(TreeSet::new));
                List<String> indicators = indicatorsFed(c, measures, YearMonth.parse(month));
                String lost = name + "'s " + month + " " + String.join(" and ", measures) + " are missing"
                        + (indicators.isEmpty() ? " (no indicator of this collection is computed from them for " + month + ")"
                                : ", and with them its " + String.join(" and ", indicators) + " for any period that includes " + month);
                for (String file : names) {
                    findings.report(Finding.of(Rule.ROW_DUPLICATE_CONFLICT).file(file).force(force)
                            .message(what + " with different counts; which is right cannot be told, so " + lost)
                            .observed(files.size() + " files").expected("one file"));
                    // both named: the footnote would otherwise point to one file, as if the other were right
                    invalidation.invalidate(force, file, files.size() + " different " + kind + " files for " + month + ", "
                            + String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1));
                }
            }
        });
    }

    /**
     * The indicators the collection computes from any of the measures (or from one standing in for them) whose period
     * may hold the month: one the manifest gives a period without it is not named.
     */
    private List<String> indicatorsFed(Collection c, java.util.Set<String> measures, YearMonth month) {
        List<IndicatorDefinition> computed = c.indicators().isEmpty() ? support.catalogue.all()
                : c.indicators().keySet().stream().map(support.catalogue::get).flatMap(Optional::stream).toList();
        return computed.stream()
                .filter(d -> java.util.stream.Stream.concat(d.measures().stream(), d.fallback().values().stream()).anyMatch(measures::contains))
                .filter(d -> c.indicators().getOrDefault(d.id(), Optional.empty()).map(p -> p.contains(Period.month(month))).orElse(true))
                .map(IndicatorDefinition::id).sorted().toList();
    }

    /**
     * The forces that sent a return the run could not use, each with that file: a return workbook whose file name
     * names exactly one force and that gave no submitted return (unreadable, no Cover or Return sheet, a force or
     * period that cannot be told). Its own error says why; the force did not fail to send one.
     */
    static Map<String, String> unusableReturns(Collection c, List<Observation> observations, ForceDirectory forces) {
        java.util.Set<String> used = observations.stream().filter(CollectionChecks::isReturn)
                .map(Observation::sourceFile).collect(Collectors.toSet());
        Map<String, String> unusable = new java.util.TreeMap<>();
        for (var source : c.sources()) {
            if (source.kind().filter(k -> k != SourceKind.FORCE_RETURN).isPresent() || used.contains(source.relativePath())) continue;
            if (source.kind().isEmpty() && !CollectionLoader.isWorkbook(source.path())) continue;
            List<Force> named = forces.forcesNamedInFileName(source.path().getFileName().toString());
            if (named.size() == 1) unusable.putIfAbsent(named.get(0).code(), source.relativePath());
        }
        return unusable;
    }

    /** A row a reader rejected, kept in quarantine: the rule of the error that rejected it. */
    record Quarantined(String sourceFile, String location, String rule, String rawText) {
    }

    /**
     * What findings kept out of the observations, for the calculator to name where a value is missing because of it:
     * the rows in quarantine whose force or period could not be read (with the force the finding names, if any), and
     * the files or returns of which nothing was read (with the measures their kind gives).
     *
     * @param kinds each file's kind id as read ("police-uk-999"), by its path in the collection
     */
    static List<Rejected> rejected(List<Finding> findings, List<Quarantined> quarantine, Map<String, String> kinds,
                                   ForceDirectory forces) {
        Map<List<String>, String> rows = new java.util.HashMap<>();
        quarantine.forEach(q -> rows.putIfAbsent(List.of(q.sourceFile(), q.rule(), row(q.location())), q.rawText()));
        List<Rejected> out = new java.util.ArrayList<>();
        java.util.Set<List<String>> seen = new java.util.HashSet<>();
        for (Finding f : findings) {
            if (f.sourceFile().isEmpty()) continue;
            // rows whose force or period could not be read are left out whole; a conflicting duplicate's values stay,
            // missing, for the footnote to name, and a data.police.uk row not counted leaves its month's file counted
            if (List.of(Rule.FORCE_UNKNOWN, Rule.ROW_FORCE_UNCERTAIN, Rule.VALUE_UNPARSEABLE).contains(f.rule()) && !f.location().isEmpty()
                    && rows.containsKey(List.of(f.sourceFile(), f.rule().id(), row(f.location())))) {
                if (seen.add(List.of(f.sourceFile(), row(f.location())))) {
                    out.add(new Rejected.Row(f.sourceFile(), f.location(), f.forceCode(), f.rule().id(), f.observed(),
                            rows.get(List.of(f.sourceFile(), f.rule().id(), row(f.location())))));
                }
                continue;
            }
            Optional<SourceKind> kind = Optional.ofNullable(kinds.get(f.sourceFile())).flatMap(SourceKind::byId);
            if (kind.isEmpty() || !List.of(Rule.FILE_UNREADABLE, Rule.SHEET_MISSING, Rule.COLUMN_MISSING, Rule.TABLE_NO_ROWS)
                    .contains(f.rule())) {
                continue;
            }
            String force = f.forceCode();
            if (kind.get() == SourceKind.FORCE_RETURN && force.isEmpty()) {
                // a return is one force's: only the force it is for lacks its figures
                List<Force> named = forces.forcesNamedInFileName(java.nio.file.Path.of(f.sourceFile()).getFileName().toString());
                if (named.size() != 1) continue;
                force = named.get(0).code();
            }
            out.add(new Rejected.File(f.sourceFile(), force, Measures.of(kind.get()), whyRejected(f, forces)));
        }
        return out;
    }

    /** "line 207", or a workbook row without its column ("Table!12"): an error's cell and its row's first cell agree. */
    private static String row(String location) {
        return location.replaceFirst("!\\$?[A-Za-z]+\\$?(\\d+)$", "!$1");
    }

    /** Why nothing was read from a file, in words a footnote can carry. */
    private static String whyRejected(Finding f, ForceDirectory forces) {
        String message = f.message();
        String forceName = forces.byCode(f.forceCode()).map(Force::name).orElse("");
        if (!forceName.isEmpty() && message.startsWith(forceName + " return: ")) {
            message = message.substring((forceName + " return: ").length());
        }
        int cut = message.indexOf(';');
        String first = cut < 0 ? message : message.substring(0, cut);
        return switch (f.rule()) {
            // "The data.police.uk file of Norfolk (2023-02) was not read: the file is empty (0 bytes)": the file is named already
            case FILE_UNREADABLE -> !f.observed().isEmpty() ? f.observed()
                    : first.contains(" was not read: ") ? first.substring(first.indexOf(" was not read: ") + " was not read: ".length()) : first;
            case COLUMN_MISSING -> !f.forceCode().isEmpty() || f.expected().isEmpty() ? first
                    : f.expected().equals("a header row") ? "it has no header row"
                    : "it has no " + f.expected() + (f.expected().contains(",") ? " columns" : " column");
            case TABLE_NO_ROWS -> "it has no data rows";
            default -> first;
        };
    }

    /** A figure from a table published for every force: not a return's, nor a count of data.police.uk records. */
    private static boolean isPublishedTableFigure(Observation o) {
        return !o.measure().startsWith("RECORDS_") && !isReturn(o) && !Measures.FORCE_RETURN.containsKey(o.measure());
    }

    private static boolean isReturn(Observation o) {
        return o.measure().equals(Measures.RETURN_SUBMITTED);
    }

    /** The one folder the returns were found in ("returns/"), or "" (the collection) where they lie in several. */
    private static String folderOfReturns(List<Observation> observations, Map<String, String> unusable) {
        java.util.Set<String> folders = new java.util.TreeSet<>();
        java.util.stream.Stream.concat(observations.stream().filter(CollectionChecks::isReturn).map(Observation::sourceFile),
                unusable.values().stream()).forEach(file -> {
                    int slash = file.lastIndexOf('/');
                    folders.add(slash < 0 ? "" : file.substring(0, slash + 1));
                });
        return folders.size() == 1 ? folders.iterator().next() : "";
    }

    private void checkReturns(String returnsPath, List<Observation> observations, Map<String, String> unusable,
                              FindingLog findings, Invalidation invalidation) {
        Map<String, List<Observation>> submitted = observations.stream().filter(CollectionChecks::isReturn)
                .collect(Collectors.groupingBy(Observation::forceCode));
        for (Force f : support.forces.all()) {
            List<Observation> returns = submitted.getOrDefault(f.code(), List.of());
            if (returns.isEmpty() && unusable.containsKey(f.code())) {
                continue; // it sent one: the error about that file says why it could not be used
            }
            if (returns.isEmpty()) {
                findings.report(Finding.of(Rule.RETURN_MISSING).force(f.code()).file(returnsPath)
                        .message(f.name() + " sent no return for this collection; its values from returns are missing")
                        .expected("one force-return workbook"));
            } else if (returns.stream().map(Observation::sourceFile).distinct().count() > 1) {
                TreeSet<String> files = returns.stream().map(Observation::sourceFile).collect(Collectors.toCollection(TreeSet::new));
                Map<String, String> figures = new java.util.HashMap<>();
                files.forEach(file -> figures.put(file, figures(f, file, observations)));
                if (figures.values().stream().distinct().count() == 1) {
                    // the same return sent twice (a copy saved beside it): the same rows repeated, counted once (4a)
                    String kept = files.stream().min(java.util.Comparator.comparing((String file) -> !isNamedBySlug(file, f))
                            .thenComparing(java.util.Comparator.naturalOrder())).orElseThrow();
                    for (String copy : files) {
                        if (copy.equals(kept)) continue;
                        findings.report(Finding.of(Rule.ROW_DUPLICATE_EXACT).file(copy).force(f.code())
                                .message(copy + " gives every figure of " + f.name() + "'s return " + kept
                                        + " with the same values: the same return " + (files.size() == 2 ? "twice" : files.size() + " times")
                                        + "; counted once, from " + kept)
                                .observed(files.size() + " returns with the same figures").expected("one return"));
                        invalidation.drop(f.code(), copy);
                    }
                    continue;
                }
                for (String file : files) {
                    findings.report(Finding.of(Rule.RETURN_DUPLICATE_SUBMISSION).file(file).force(f.code())
                            .message(f.name() + " has " + files.size() + " return workbooks (" + String.join(", ", files)
                                    + "); which one is right cannot be told, so none of their values is used")
                            .observed(files.size() + " returns").expected("one return"));
                    invalidation.invalidate(f.code(), file, "two returns were submitted for the force");
                }
            }
        }
    }

    /** A return's figures in a canonical form: each measure's period and value (or none), in measure order. */
    private static String figures(Force f, String file, List<Observation> observations) {
        return observations.stream()
                .filter(o -> o.forceCode().equals(f.code()) && o.sourceFile().equals(file) && Measures.FORCE_RETURN.containsKey(o.measure()))
                .map(o -> o.measure() + "|" + o.period().start() + ".." + o.period().end() + "|" + o.dimensions() + "="
                        + o.value().map(v -> v.stripTrailingZeros().toPlainString()).orElse("none"))
                .sorted().collect(Collectors.joining(";"));
    }

    /** The return named as the template names it ("norfolk.xlsx"), which a copy ("norfolk-copy.xlsx") is not. */
    private static boolean isNamedBySlug(String file, Force f) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return (dot < 0 ? name : name.substring(0, dot)).equalsIgnoreCase(f.slug());
    }

    /** A return made for another collection (last spring's, say) is likely the wrong file; its period decides its use. */
    private void checkReturnsAreForThisCollection(Collection c, List<Observation> observations, FindingLog findings) {
        for (Observation o : observations) {
            if (!isReturn(o) || !o.dimensions().startsWith("collection=")) continue;
            Map<String, String> dims = new java.util.HashMap<>();
            for (String part : o.dimensions().split("\\|")) {
                int eq = part.indexOf('=');
                if (eq > 0) dims.put(part.substring(0, eq), part.substring(eq + 1));
            }
            String named = dims.getOrDefault("collection", "");
            if (named.isBlank() || named.equalsIgnoreCase(c.id())) continue;
            String force = support.forces.byCode(o.forceCode()).map(Force::name).orElse(o.forceCode());
            findings.report(Finding.of(Rule.RETURN_OTHER_COLLECTION).file(o.sourceFile())
                    .at(dims.getOrDefault("collection-cell", o.location())).force(o.forceCode())
                    .message(force + "'s return names collection '" + named + "' on its cover, not " + c.id()
                            + ": check it is this collection's return")
                    .observed(named).expected(c.id()));
        }
    }

    /** A force's return and the Home Office table both give its funding: they should agree (the table is in £ million). */
    private void checkFundingSourcesAgree(List<Observation> observations, FindingLog findings) {
        Map<String, String> pairs = Map.of("FUNDING_TOTAL_GBP", Measures.HO_FUNDING_TOTAL_GBP,
                "FUNDING_PRECEPT_GBP", Measures.HO_FUNDING_PRECEPT_GBP);
        Map<String, Observation> byKey = new java.util.HashMap<>();
        for (Observation o : observations) {
            if (o.hasValue()) byKey.put(o.measure() + "|" + o.forceCode() + "|" + o.period().text(), o);
        }
        for (Observation ret : observations) {
            String ho = pairs.get(ret.measure());
            if (ho == null || !ret.hasValue()) continue;
            Observation table = byKey.get(ho + "|" + ret.forceCode() + "|" + ret.period().text());
            if (table == null) continue;
            java.math.BigDecimal a = ret.value().get(), b = table.value().get();
            java.math.BigDecimal tolerance = b.abs().multiply(new java.math.BigDecimal("0.005")).max(new java.math.BigDecimal("50000"));
            if (a.subtract(b).abs().compareTo(tolerance) > 0) {
                String name = support.forces.byCode(ret.forceCode()).map(Force::name).orElse(ret.forceCode());
                findings.report(Finding.of(Rule.SOURCES_DISAGREE).file(ret.sourceFile()).at(ret.location()).force(ret.forceCode())
                        .message(name + "'s return gives " + ret.measure() + " £" + a.toPlainString() + " for " + ret.period().text()
                                + ", but the Home Office funding table (" + table.sourceFile() + " " + table.location() + ") gives £"
                                + b.toPlainString() + "; the return's figure is used")
                        .observed(a.toPlainString()).expected(b.toPlainString() + " (Home Office table)"));
            }
        }
    }

    private void checkPopulation(Collection c, List<Observation> observations, FindingLog findings) {
        List<Observation> population = observations.stream().filter(o -> o.measure().equals(Measures.POPULATION)).toList();
        if (population.isEmpty()) return;
        Optional<Integer> year = c.populationMidYear().or(() -> population.stream().map(o -> o.period().end().getYear())
                .max(Integer::compare));
        LocalDate at = IndicatorCalculator.MID_YEAR.atYear(year.orElseThrow());
        var have = population.stream().filter(o -> o.period().end().getYear() == at.getYear()).map(Observation::forceCode)
                .collect(Collectors.toSet());
        if (have.isEmpty()) {
            // only a year the manifest names can be absent for every force: the latest year is, by definition, there
            var years = population.stream().mapToInt(o -> o.period().end().getYear()).summaryStatistics();
            String held = "mid-" + years.getMin() + (years.getMin() == years.getMax() ? "" : " to mid-" + years.getMax());
            String files = population.stream().map(Observation::sourceFile).distinct().collect(Collectors.joining(" and "));
            findings.report(Finding.of(Rule.POPULATION_YEAR_MISSING).file(files)
                    .message(files + " has no mid-" + year.get() + " estimate (" + Measures.POPULATION + ") for any force (it holds "
                            + held + "), so every rate per 1,000 population is missing: check population.mid-year in collection.yml")
                    .observed(held).expected("a mid-" + year.get() + " population estimate"));
            return;
        }
        List<Observation> ofTheYear = population.stream().filter(o -> o.period().end().getYear() == at.getYear()).toList();
        // the table the force is missing from, as coverage.force-missing names its file
        String files = ofTheYear.stream().map(Observation::sourceFile).distinct().collect(Collectors.joining(" and "));
        for (Force f : support.forces.all()) {
            if (!have.contains(f.code())) {
                findings.report(Finding.of(Rule.POPULATION_MISSING).file(files).force(f.code())
                        .message(f.name() + " is not in the population table for mid-" + year.get() + " (" + Measures.POPULATION
                                + "); its rates per 1,000 population are missing")
                        .expected("a mid-" + year.get() + " population estimate"));
            }
        }
        // a nil ('-') population is read as the zero it means, and nothing can be divided by it
        for (Observation o : ofTheYear) {
            if (!o.hasValue() || o.value().get().signum() != 0) continue;
            String name = support.forces.byCode(o.forceCode()).map(Force::name).orElse(o.forceCode());
            findings.report(Finding.of(Rule.POPULATION_NIL).file(o.sourceFile()).at(o.location()).force(o.forceCode())
                    .message(name + "'s mid-" + year.get() + " " + Measures.POPULATION + " is nil (0): nothing can be divided "
                            + "by it, so its rates per 1,000 population are missing")
                    .observed("0").expected("a mid-" + year.get() + " population estimate above 0"));
        }
    }
}
