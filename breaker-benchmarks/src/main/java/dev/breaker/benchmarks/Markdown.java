package dev.breaker.benchmarks;

import java.util.Locale;

/** The report's text as it is written, and the ways its figures are spelled. */
final class Markdown {

    private final StringBuilder text = new StringBuilder();

    void line(String line) {
        text.append(line).append('\n');
    }

    @Override
    public String toString() {
        return text.toString();
    }

    static String ns(Figure f) {
        return Double.isNaN(f.error()) ? format("%.1f ns", f.nanos()) : format("%.1f ± %.1f ns", f.nanos(), f.error());
    }

    static String ratio(double ratio) {
        return format(ratio < 0.1 ? "%.3fx" : "%.2fx", ratio);
    }

    static String bytes(double bytes) {
        return Double.isNaN(bytes) ? "n/a" : bytes < 0.05 ? "0" : format("%.0f", bytes);
    }

    static String millions(double perSecond) {
        if (perSecond < 0.01) {
            return "< 0.01";
        }
        return format(perSecond < 1 ? "%.2f" : perSecond < 100 ? "%.1f" : "%,.0f", perSecond);
    }

    static String percentOver(double ratio, double limit) {
        return format("%.0f%% over the limit of %sx", 100 * (ratio - limit) / limit, trim(limit));
    }

    static String percentUnder(double ratio, double goal) {
        return format("%.0f%% short of %sx", 100 * (goal - ratio) / goal, trim(goal));
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
