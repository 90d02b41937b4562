package uk.forcecompare.publication.site;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

import uk.forcecompare.indicators.IndicatorDefinition;

/**
 * Numbers as a report prints them: rounded half-up to the indicator's decimals (from the shortest decimal form of
 * the double, so 2.85 shows as 2.9), thousands separated, "percent" or "per 1,000 population" after a value.
 */
final class Display {

    private Display() {
    }

    /** Half-up to {@code decimals}, from the shortest decimal representation of {@code d}. */
    static BigDecimal rounded(double d, int decimals) {
        return BigDecimal.valueOf(d).setScale(decimals, RoundingMode.HALF_UP);
    }

    /** "2.9", "1,234.5", "185,432": grouped, exactly {@code decimals} places. */
    static String number(double d, int decimals) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return "";
        return pattern(decimals).format(rounded(d, decimals));
    }

    /** A count as the report prints it: "9,950"; a fractional count (FTE) to one place: "1,845.3". */
    static String count(BigDecimal n) {
        BigDecimal s = n.stripTrailingZeros();
        if (s.scale() <= 0) return pattern(0).format(n.setScale(0, RoundingMode.HALF_UP));
        return pattern(1).format(n.setScale(1, RoundingMode.HALF_UP));
    }

    /** Pounds, to the pound: "£1,234,567". */
    static String money(BigDecimal n) {
        return "£" + pattern(0).format(n.setScale(0, RoundingMode.HALF_UP));
    }

    /** A numerator or denominator: money where its measures are in pounds, else a count. */
    static String amount(BigDecimal n, List<String> measures) {
        return isMoney(measures) ? money(n) : count(n);
    }

    static boolean isMoney(List<String> measures) {
        return !measures.isEmpty() && measures.stream().allMatch(m -> m.endsWith("_GBP"));
    }

    /** A per-1,000 value whose numerator is pounds is itself pounds. */
    static boolean valueIsMoney(IndicatorDefinition d) {
        return d.unit() == IndicatorDefinition.Unit.PER_1000 && isMoney(d.numerator());
    }

    /** The value alone: "2.9", "£185,432", "101.2". */
    static String bare(double v, IndicatorDefinition d) {
        return bare(v, d, d.decimals());
    }

    /** The value alone to {@code decimals} places, where a sentence needs more than the indicator's to tell figures apart. */
    static String bare(double v, IndicatorDefinition d, int decimals) {
        return (valueIsMoney(d) ? "£" : "") + number(v, decimals);
    }

    /** The value with its unit: "2.9 percent", "101.2 per 1,000 population", "£185,432 per 1,000 population". */
    static String withUnit(double v, IndicatorDefinition d) {
        return withUnit(v, d, d.decimals());
    }

    static String withUnit(double v, IndicatorDefinition d, int decimals) {
        return bare(v, d, decimals) + " " + unitWords(d);
    }

    /** A difference between values, such as a standard deviation: "7.2 percentage points", not "7.2 percent"; "1 percentage point". */
    static String difference(double v, IndicatorDefinition d) {
        if (d.unit() != IndicatorDefinition.Unit.PERCENT) return withUnit(v, d);
        String n = bare(v, d);
        return n + (n.equals("1") ? " percentage point" : " percentage points");
    }

    static String unitWords(IndicatorDefinition d) {
        return d.unit() == IndicatorDefinition.Unit.PERCENT ? "percent" : "per 1,000 population";
    }

    /** The unit as a column heading puts it. */
    static String unitHeading(IndicatorDefinition d) {
        if (d.unit() == IndicatorDefinition.Unit.PERCENT) return "percent";
        return valueIsMoney(d) ? "£ per 1,000 population" : "per 1,000 population";
    }

    /** "Ratio of ..." becomes "ratio of ..."; "101 call ..." and acronyms ("PACE ...") are left alone. */
    static String lowerFirst(String s) {
        if (s.isEmpty() || !Character.isUpperCase(s.charAt(0))) return s;
        if (s.length() > 1 && Character.isUpperCase(s.charAt(1))) return s;
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static DecimalFormat pattern(int decimals) {
        StringBuilder p = new StringBuilder("#,##0");
        if (decimals > 0) p.append('.').append("0".repeat(decimals));
        DecimalFormat f = new DecimalFormat(p.toString(), DecimalFormatSymbols.getInstance(Locale.UK));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f;
    }
}
