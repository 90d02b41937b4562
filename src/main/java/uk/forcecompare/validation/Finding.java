package uk.forcecompare.validation;

import java.util.Objects;

/**
 * One problem found in the data, with where it came from. The fields are the columns of
 * {@code validation-log.csv} (contract section 5), so a reviewer can go straight to the cell.
 *
 * @param location {@code Sheet!B7} for a workbook cell, {@code line 12} for a CSV line, empty for a whole file
 * @param forceCode the ONS code of the force concerned, or empty (a body that is not a force is named in the message)
 */
public record Finding(
        Severity severity,
        Rule rule,
        String sourceFile,
        String location,
        String forceCode,
        String indicatorId,
        String message,
        String observed,
        String expected) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        sourceFile = shown(sourceFile);
        location = shown(location);
        forceCode = shown(forceCode);
        indicatorId = shown(indicatorId);
        message = shown(message);
        observed = shown(observed);
        expected = shown(expected);
    }

    /** A finding at the rule's own severity. */
    public static Builder of(Rule rule) {
        return new Builder(rule);
    }

    /**
     * The text with each NUL character shown as the symbol for null, U+2400: PostgreSQL's text cannot hold NUL (a row
     * of a binary or UTF-16 file quoted as observed once failed the whole run), and a reviewer can still see it was there.
     */
    private static String shown(String s) {
        return s == null ? "" : s.indexOf('\u0000') < 0 ? s : s.replace('\u0000', '\u2400');
    }

    public static final class Builder {
        private final Rule rule;
        private Severity severity;
        private String sourceFile, location, forceCode, indicatorId, message, observed, expected;

        private Builder(Rule rule) {
            this.rule = rule;
            this.severity = rule.severity();
        }

        public Builder file(String v) { sourceFile = v; return this; }
        public Builder at(String v) { location = v; return this; }
        public Builder force(String v) { forceCode = v; return this; }
        public Builder indicator(String v) { indicatorId = v; return this; }
        public Builder message(String v) { message = v; return this; }
        public Builder observed(String v) { observed = v; return this; }
        public Builder expected(String v) { expected = v; return this; }

        public Finding build() {
            return new Finding(severity, rule, sourceFile, location, forceCode, indicatorId, message, observed, expected);
        }
    }
}
