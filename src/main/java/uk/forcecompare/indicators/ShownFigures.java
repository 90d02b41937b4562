package uk.forcecompare.indicators;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figures as a message about an indicator quotes them: at the indicator's display decimals, rounded half up as its
 * charts and {@code data.csv} round them, thousands grouped ("9,533,645"), never in E-notation. A reader checks the
 * message against what the product showed them, so "9534000" or "1.336e+05" matches nothing they can find.
 *
 * <p>The figures of one message share their decimals. Where two different figures would read the same at the
 * indicator's decimals (60.04 outside a range ending at 60 reads "60.0 ... to 60.0"), all of them are given one more
 * decimal at a time until they read apart.
 */
public final class ShownFigures {

    /** Far beyond any indicator's decimals: figures that still read the same are as good as equal. */
    static final int MOST_DECIMALS = 10;

    private ShownFigures() {
    }

    /** The figures at the indicator's decimals, or more where two would otherwise read the same. */
    public static List<String> of(IndicatorDefinition def, double... figures) {
        return of(def.decimals(), figures);
    }

    static List<String> of(int decimals, double... figures) {
        int d = Math.max(0, decimals);
        List<String> shown = at(d, figures);
        while (d < MOST_DECIMALS && readAlike(figures, shown)) {
            shown = at(++d, figures);
        }
        return shown;
    }

    private static boolean readAlike(double[] figures, List<String> shown) {
        for (int i = 0; i < figures.length; i++) {
            for (int j = i + 1; j < figures.length; j++) {
                if (figures[i] != figures[j] && shown.get(i).equals(shown.get(j))) return true;
            }
        }
        return false;
    }

    private static List<String> at(int decimals, double[] figures) {
        DecimalFormat format = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.UK));
        List<String> out = new ArrayList<>();
        for (double x : figures) {
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                out.add(String.valueOf(x));
                continue;
            }
            // BigDecimal.valueOf rounds the figure as written (2.85, not the binary 2.8499...), as data.csv does; a
            // BigDecimal has no negative zero, so -0.04 shows as 0.0, not as a value below zero that is not there
            out.add(format.format(BigDecimal.valueOf(x).setScale(decimals, RoundingMode.HALF_UP)));
        }
        return out;
    }
}
