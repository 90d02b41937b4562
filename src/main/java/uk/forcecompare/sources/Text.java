package uk.forcecompare.sources;

import java.text.Normalizer;
import java.util.Locale;

/** Text helpers shared by the readers. */
final class Text {

    private Text() {
    }

    static boolean isBlank(String s) {
        return s == null || strip(s).isEmpty();
    }

    /** Like {@link String#strip} but also drops no-break spaces, which published tables use as padding. */
    static String strip(String s) {
        if (s == null) return "";
        return s.replace('\u00a0', ' ').replace('\u2007', ' ').replace('\u202f', ' ').strip();
    }

    /** Inner runs of spaces and line breaks become one space: how a label or dimension value is compared and kept. */
    static String clean(String s) {
        return strip(s).replaceAll("\\s+", " ");
    }

    /**
     * A header or label reduced to lower-case letters and digits, so that case, spacing, line breaks,
     * no-break spaces, underscores and punctuation do not tell variants apart ("Total (FTE)" = "total_fte").
     */
    static String key(String s) {
        if (s == null) return "";
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) b.append(c);
        }
        return b.toString();
    }

    static String csvQuote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** A value kept in a dimension string: the separators of that string cannot appear inside it. */
    static String dimensionValue(String s) {
        return clean(s).replace('|', '/').replace('=', '-');
    }
}
