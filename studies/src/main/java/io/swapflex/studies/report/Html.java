package io.swapflex.studies.report;

import java.util.List;
import java.util.Locale;

/**
 * The reports' one HTML toolkit (with {@link Svg} for the charts): the self-contained XHTML page (inline CSS, no
 * script, nothing fetched), escaping, table cells, legends and the number formats. The what-if report and the
 * simulate-mode report are written with it.
 */
public final class Html {

    /** The first column of every table is text, left-aligned. */
    public static final String FIRST_COLUMN = "td:first-child,th:first-child";

    private Html() {
    }

    /**
     * The page's head and the opening of its body.
     *
     * @param leftAligned the CSS selectors of the table cells aligned left (the rest are numbers, aligned right)
     */
    public static StringBuilder page(String title, String leftAligned) {
        return new StringBuilder().append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
                .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"UTF-8\"/>")
                .append("<title>").append(escape(title)).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222}")
                .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 7px;")
                .append("text-align:right}").append(leftAligned).append("{text-align:left}")
                .append(".bad{background:#fdd}.ok{color:#1a7f37}.tick{font-size:10px;fill:#555}")
                .append(".grid{stroke:#e3e3e3}.legend span{display:inline-block;width:12px;height:12px;")
                .append("margin:0 4px 0 12px;vertical-align:middle}figure{display:inline-block;margin:8px;")
                .append("vertical-align:top}figcaption{font-size:13px}</style></head><body>\n");
    }

    /** The page closed. */
    public static String end(StringBuilder page) {
        return page.append("</body></html>\n").toString();
    }

    /** Each value in a cell of its own, escaped. */
    public static void cells(StringBuilder h, String... values) {
        for (String v : values) {
            h.append("<td>").append(escape(v)).append("</td>");
        }
    }

    /** The series' colours and names, in a line above their chart. */
    public static String legend(List<Svg.Series> series) {
        StringBuilder s = new StringBuilder("<p class=\"legend\">");
        for (Svg.Series x : series) {
            s.append("<span style=\"background:").append(x.color()).append("\"></span>").append(escape(x.name()));
        }
        return s.append("</p>").toString();
    }

    /** Two decimals. */
    public static String money(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** With its sign; a difference that rounds to zero is +0.00, not -0.00. */
    public static String signed(double v) {
        return String.format(Locale.ROOT, "%+.2f", Math.abs(v) < 0.005 ? 0.0 : v);
    }

    /** Text for XHTML: the five XML specials escaped. */
    public static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
