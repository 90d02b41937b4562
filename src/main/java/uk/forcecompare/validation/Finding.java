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
        sourceFile = nullToEmpty(sourceFile);
        location = nullToEmpty(location);
        forceCode = nullToEmpty(forceCode);
        indicatorId = nullToEmpty(indicatorId);
        message = nullToEmpty(message);
        observed = nullToEmpty(observed);
        expected = nullToEmpty(expected);
    }

    /** A finding at the rule's own severity. */
    public static Builder of(Rule rule) {
        return new Builder(rule);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
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
