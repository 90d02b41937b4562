package uk.forcecompare.sources;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Numbers as published: "5,656", "1234.5", "-3". */
final class Numbers {

    private static final Pattern PLAIN = Pattern.compile("[-+]?(\\d+|\\d{1,3}(,\\d{3})+)(\\.\\d+)?|[-+]?\\.\\d+");

    private Numbers() {
    }

    /** The decimal a spreadsheet double stands for, written as the shortest text that gives that double back. */
    static BigDecimal exact(double d) {
        BigDecimal b = BigDecimal.valueOf(d).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0) : b;
    }

    /** A decimal with optional thousands separators, or null when the text is not one. */
    static BigDecimal parse(String text) {
        String t = Text.strip(text);
        if (!PLAIN.matcher(t).matches()) return null;
        BigDecimal b = new BigDecimal(t.replace(",", "")).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0) : b;
    }

    static boolean isWhole(BigDecimal b) {
        return b.signum() == 0 || b.stripTrailingZeros().scale() <= 0;
    }
}
