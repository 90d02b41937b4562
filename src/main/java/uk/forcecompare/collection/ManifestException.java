package uk.forcecompare.collection;

/** The command or manifest is wrong: nothing is read or published, and the run exits 2. */
public class ManifestException extends RuntimeException {

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A file the analyst writes (the manifest, an indicator) that does not parse as YAML: the parser's problem and
     * where it is, so that a missing bracket can be found without opening the file at every line.
     */
    public static ManifestException notYaml(String file, tools.jackson.core.JacksonException e) {
        String problem = yamlProblem(e.getOriginalMessage());
        // the YAML parser says where it stopped; a problem Jackson finds itself (a key given twice) does not, but its
        // location knows
        tools.jackson.core.TokenStreamLocation at = e.getLocation();
        if (!problem.contains(" at line ") && at != null && at.getLineNr() > 0) {
            problem += " at line " + at.getLineNr() + (at.getColumnNr() > 0 ? ", column " + at.getColumnNr() : "");
        }
        return new ManifestException(file + " is not valid YAML: " + problem + ". Fix the YAML and run again.", e);
    }

    /**
     * The YAML parser's report on one line: its problem and position lines, without the quoted excerpt and caret
     * (the lines indented four spaces), which only make sense on lines of their own.
     */
    static String yamlProblem(String report) {
        StringBuilder line = new StringBuilder();
        report.lines().filter(l -> !l.startsWith("    ")).map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> {
            // only a position line's colon goes: a problem line may end in the token the parser met ("but got :")
            String part = l.startsWith("in reader, ") ? l.replaceFirst("^in reader, ", "at ").replaceFirst(":$", "") : l;
            if (!line.isEmpty()) line.append(part.startsWith("at ") ? " " : "; ");
            line.append(part);
        });
        return line.toString();
    }
}
