package io.swapflex.studies.report;

import java.util.List;
import java.util.Locale;

/**
 * The report's charts as inline SVG (XML, no script): grouped bars, line profiles and a heatmap. Every drawn series
 * carries {@code data-series} (and a line its points in {@code points}), so a test can count what was drawn.
 */
public final class Svg {

    public static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
    private static final int PAD_LEFT = 64;
    private static final int PAD_BOTTOM = 28;
    private static final int PAD_TOP = 12;

    private Svg() {
    }

    /** A named series of values, one per category (bars) or per slot (lines). */
    public record Series(String name, String color, double[] values, boolean dashed) {
    }

    /**
     * Grouped bars: one group per category, one bar per series.
     *
     * @param categories the groups' labels (the scenarios)
     */
    public static String bars(String id, List<String> categories, List<Series> series, int width, int height, String unit) {
        double lo = 0;
        double hi = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        Scale y = new Scale(lo, hi == lo ? lo + 1 : hi, height - PAD_BOTTOM, PAD_TOP);
        StringBuilder svg = open(id, "bars", width, height);
        axis(svg, y, width, unit);
        double group = (double) (width - PAD_LEFT - 8) / categories.size();
        double bar = group * 0.8 / series.size();
        for (int c = 0; c < categories.size(); c++) {
            double x0 = PAD_LEFT + c * group + group * 0.1;
            for (int s = 0; s < series.size(); s++) {
                double v = series.get(s).values()[c];
                double top = y.at(Math.max(v, 0));
                double bottom = y.at(Math.min(v, 0));
                svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" data-series=\"%s\" data-category=\"%s\" "
                                + "x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s, %s: "
                                + "%.2f %s</title></rect>", Html.escape(series.get(s).name()),
                        Html.escape(categories.get(c)), x0 + s * bar, top, Math.max(bar - 1, 1),
                        Math.max(bottom - top, 0.5), series.get(s).color(), Html.escape(categories.get(c)),
                        Html.escape(series.get(s).name()), v, unit));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
                    + "class=\"tick\">%s</text>", x0 + group * 0.4, height - 8, Html.escape(shorten(categories.get(c)))));
        }
        return svg.append("</svg>").toString();
    }

    /** Lines over the slots (one point per slot) on a shared scale from 0. */
    public static String lines(String id, List<Series> series, int width, int height, double hi, String unit) {
        Scale y = new Scale(0, hi <= 0 ? 1 : hi, height - PAD_BOTTOM, PAD_TOP);
        StringBuilder svg = open(id, "lines", width, height);
        axis(svg, y, width, unit);
        for (Series s : series) {
            int n = s.values().length;
            double dx = (double) (width - PAD_LEFT - 8) / Math.max(1, n - 1);
            StringBuilder points = new StringBuilder();
            for (int t = 0; t < n; t++) {
                if (t > 0) {
                    points.append(' ');
                }
                points.append(String.format(Locale.ROOT, "%.1f,%.1f", PAD_LEFT + t * dx, y.at(s.values()[t])));
            }
            svg.append(String.format(Locale.ROOT, "<polyline data-series=\"%s\" fill=\"none\" stroke=\"%s\" "
                            + "stroke-width=\"1.5\"%s points=\"%s\"><title>%s</title></polyline>",
                    Html.escape(s.name()), s.color(), s.dashed() ? " stroke-dasharray=\"4 3\"" : "", points,
                    Html.escape(s.name())));
        }
        return svg.append("</svg>").toString();
    }

    /**
     * A heatmap of values in [0, 1], one row per label, one column per slot; equal neighbouring cells (after
     * quantising to 20 shades) are drawn as one rectangle.
     */
    public static String heatmap(String id, List<String> rows, double[][] values, int width, int rowHeight) {
        int n = values.length == 0 ? 0 : values[0].length;
        int height = rows.size() * rowHeight + PAD_BOTTOM;
        StringBuilder svg = open(id, "heatmap", width, height);
        double dx = (double) (width - PAD_LEFT - 8) / Math.max(1, n);
        for (int r = 0; r < rows.size(); r++) {
            svg.append(String.format(Locale.ROOT, "<g data-series=\"%s\" data-points=\"%d\">",
                    Html.escape(rows.get(r)), n));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"tick\">%s</text>",
                    PAD_LEFT - 4, r * rowHeight + rowHeight - 2, Html.escape(rows.get(r))));
            int t = 0;
            while (t < n) {
                int shade = shade(values[r][t]);
                int end = t + 1;
                while (end < n && shade(values[r][end]) == shade) {
                    end++;
                }
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                                + "fill=\"%s\"><title>slots %d–%d: SOC %.2f</title></rect>", PAD_LEFT + t * dx,
                        r * rowHeight, (end - t) * dx, rowHeight - 1, color(shade), t, end - 1, values[r][t]));
                t = end;
            }
            svg.append("</g>");
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"tick\">slot 0</text>"
                + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"tick\">slot %d</text>", PAD_LEFT,
                height - 8, width - 8, height - 8, Math.max(0, n - 1)));
        return svg.append("</svg>").toString();
    }

    /** A label short enough for its group under the bars. */
    private static String shorten(String label) {
        return label.length() <= 20 ? label : label.substring(0, 19) + "…";
    }

    private static int shade(double soc) {
        return (int) Math.round(Math.max(0, Math.min(1, soc)) * 20);
    }

    /** Red (empty) through yellow to green (full). */
    static String color(int shade) {
        double f = shade / 20.0;
        int r;
        int g;
        int b;
        if (f < 0.5) {
            double k = f / 0.5;
            r = (int) Math.round(215 + (254 - 215) * k);
            g = (int) Math.round(48 + (224 - 48) * k);
            b = (int) Math.round(39 + (139 - 39) * k);
        } else {
            double k = (f - 0.5) / 0.5;
            r = (int) Math.round(254 + (26 - 254) * k);
            g = (int) Math.round(224 + (152 - 224) * k);
            b = (int) Math.round(139 + (80 - 139) * k);
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    private static StringBuilder open(String id, String kind, int width, int height) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"%s\" "
                        + "class=\"chart\" data-chart=\"%s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">",
                Html.escape(id), kind, width, height, width, height));
    }

    private static void axis(StringBuilder svg, Scale y, int width, String unit) {
        for (int i = 0; i <= 4; i++) {
            double v = y.lo + (y.hi - y.lo) * i / 4;
            double py = y.at(v);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
                    + "class=\"grid\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%s</text>",
                    PAD_LEFT, width - 8, py, py, PAD_LEFT - 4, py + 4, tick(v)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" class=\"tick\">%s</text>", PAD_TOP - 2,
                Html.escape(unit)));
    }

    private static String tick(double v) {
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** Maps a value to a pixel row. */
    private record Scale(double lo, double hi, double bottom, double top) {
        double at(double v) {
            return bottom - (v - lo) / (hi - lo) * (bottom - top);
        }
    }
}
