package uk.forcecompare.publication;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import uk.forcecompare.reference.Force;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Rule;
import uk.forcecompare.validation.Severity;

/**
 * The validation log as a page a reviewer reads from the file system: a summary by force and by rule, then
 * by file, then every finding, filterable by force, severity, rule, indicator, file and text without a server.
 */
final class ValidationReport {

    private ValidationReport() {
    }

    static String html(String title, List<Finding> findings, ForceDirectory forces) {
        StringBuilder h = new StringBuilder(8192 + findings.size() * 400);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Validation report: ")
                .append(esc(title)).append("</title>\n<style>")
                .append("body{font-family:Arial,Helvetica,sans-serif;margin:2em;color:#0b0c0c}")
                .append("table{border-collapse:collapse;margin-bottom:2em}th,td{border:1px solid #b1b4b6;padding:4px 8px;text-align:left;vertical-align:top}")
                .append("th{background:#f3f2f1}.error{color:#d4351c;font-weight:bold}.warning{color:#8a5300;font-weight:bold}.info{color:#505a5f}")
                .append("label{margin-right:1em}</style></head><body>\n");
        h.append("<h1>Validation report</h1><p>").append(esc(title)).append("</p>\n");
        long e = count(findings, Severity.ERROR), w = count(findings, Severity.WARNING), i = count(findings, Severity.INFO);
        h.append("<p><span class=\"error\">").append(e).append(" errors</span>, <span class=\"warning\">").append(w)
                .append(" warnings</span>, <span class=\"info\">").append(i).append(" information</span>. ")
                .append("Errors remove the values they touch from the comparison; warnings and information never change the exit status.</p>\n");

        Map<String, long[]> byForce = new TreeMap<>();
        Map<String, long[]> byRule = new TreeMap<>();
        Map<String, long[]> byFile = new TreeMap<>();
        java.util.SortedSet<String> indicatorIds = new java.util.TreeSet<>();
        for (Finding f : findings) {
            String force = f.forceCode().isEmpty() ? "(no force)" : forceName(f.forceCode(), forces);
            byForce.computeIfAbsent(force, k -> new long[3])[f.severity().ordinal()]++;
            byRule.computeIfAbsent(f.rule().id(), k -> new long[3])[f.severity().ordinal()]++;
            byFile.computeIfAbsent(file(f), k -> new long[3])[f.severity().ordinal()]++;
            indicatorIds.add(indicator(f));
        }
        h.append("<h2>By force</h2><table><tr><th>Force</th><th>Errors</th><th>Warnings</th><th>Information</th></tr>\n");
        byForce.forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>").append(v[0]).append("</td><td>")
                .append(v[1]).append("</td><td>").append(v[2]).append("</td></tr>\n"));
        h.append("</table>\n<h2>By rule</h2><table><tr><th>Rule</th><th>What it means</th><th>What it removes</th><th>Errors</th><th>Warnings</th><th>Information</th></tr>\n");
        byRule.forEach((k, v) -> {
            Rule r = Rule.byId(k);
            h.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(r.explanation())).append("</td><td>")
                    .append(esc(r.removes())).append("</td><td>").append(v[0]).append("</td><td>").append(v[1])
                    .append("</td><td>").append(v[2]).append("</td></tr>\n");
        });
        // a reviewer goes through a collection file by file, as the forces will be asked about them
        h.append("</table>\n<h2>By file</h2><table><tr><th>File</th><th>Errors</th><th>Warnings</th><th>Information</th></tr>\n");
        byFile.forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>").append(v[0]).append("</td><td>")
                .append(v[1]).append("</td><td>").append(v[2]).append("</td></tr>\n"));
        h.append("</table>\n<h2>Every finding</h2>\n<form onsubmit=\"return false\">")
                .append(select("force", "Force", byForce.keySet())).append(select("severity", "Severity", List.of("error", "warning", "info")))
                .append(select("rule", "Rule", byRule.keySet())).append(select("indicator", "Indicator", indicatorIds))
                .append(select("file", "File", byFile.keySet()))
                .append("<label>Text <input type=\"search\" id=\"text-filter\" placeholder=\"message, cell, value\"></label>")
                .append("</form>\n<p id=\"shown\">Showing all ").append(findings.size()).append(" findings.</p>\n");
        h.append("<table id=\"findings\"><thead><tr><th>Severity</th><th>Rule</th><th>Force</th><th>Indicator</th><th>File</th>")
                .append("<th>Location</th><th>Message</th><th>Observed</th><th>Expected</th></tr></thead><tbody>\n");
        // errors first, then warnings, then information: a reviewer starts with what removes values
        List<Finding> bySeverity = findings.stream().sorted(java.util.Comparator.comparing(Finding::severity)).toList();
        for (Finding f : bySeverity) {
            String force = f.forceCode().isEmpty() ? "(no force)" : forceName(f.forceCode(), forces);
            h.append("<tr data-force=\"").append(esc(force)).append("\" data-severity=\"").append(f.severity().label())
                    .append("\" data-rule=\"").append(esc(f.rule().id())).append("\" data-indicator=\"").append(esc(indicator(f)))
                    .append("\" data-file=\"").append(esc(file(f))).append("\"><td class=\"").append(f.severity().label())
                    .append("\">").append(f.severity().label()).append("</td><td>").append(esc(f.rule().id())).append("</td><td>")
                    .append(esc(force)).append("</td><td>").append(esc(f.indicatorId())).append("</td><td>").append(esc(f.sourceFile()))
                    .append("</td><td>").append(esc(f.location())).append("</td><td>").append(esc(f.message())).append("</td><td>")
                    .append(esc(f.observed())).append("</td><td>").append(esc(f.expected())).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n<script>\n")
                .append("function applyFilters(){var f={};document.querySelectorAll('select[data-filter]').forEach(function(s){f[s.dataset.filter]=s.value;});")
                .append("var t=document.getElementById('text-filter').value.toLowerCase(),n=0,all=0;")
                .append("document.querySelectorAll('#findings tbody tr').forEach(function(r){var show=true;all++;for(var k in f){if(f[k]&&r.dataset[k]!==f[k])show=false;}")
                .append("if(show&&t&&r.textContent.toLowerCase().indexOf(t)<0)show=false;if(show)n++;r.style.display=show?'':'none';});")
                .append("document.getElementById('shown').textContent=n===all?'Showing all '+all+' findings.':'Showing '+n+' of '+all+' findings.';}\n")
                .append("document.querySelectorAll('select[data-filter]').forEach(function(s){s.addEventListener('change',applyFilters);});\n")
                .append("document.getElementById('text-filter').addEventListener('input',applyFilters);\n")
                .append("</script></body></html>\n");
        return h.toString();
    }

    private static String select(String key, String label, Iterable<String> options) {
        StringBuilder s = new StringBuilder("<label>").append(label).append(" <select data-filter=\"").append(key)
                .append("\"><option value=\"\">all</option>");
        for (String o : options) s.append("<option>").append(esc(o)).append("</option>");
        return s.append("</select></label>").toString();
    }

    /** The file a finding is about; a finding about the run as a whole (coverage, comparison) has none. */
    private static String file(Finding f) {
        return f.sourceFile().isEmpty() ? "(no file)" : f.sourceFile();
    }

    private static String indicator(Finding f) {
        return f.indicatorId().isEmpty() ? "(no indicator)" : f.indicatorId();
    }

    private static String forceName(String code, ForceDirectory forces) {
        return forces.byCode(code).map(Force::name).orElse(code);
    }

    private static long count(List<Finding> f, Severity s) {
        return f.stream().filter(x -> x.severity() == s).count();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
