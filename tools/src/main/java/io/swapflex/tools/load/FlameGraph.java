package io.swapflex.tools.load;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A flame graph as a standalone SVG from folded stacks ({@code root;caller;callee → samples}): one box per frame, as
 * wide as the samples under it, callees stacked above their callers; a box's tooltip names the frame and its share.
 * Boxes narrower than a tenth of a pixel are left out.
 */
final class FlameGraph {

    private static final int WIDTH = 1600;
    private static final int ROW = 16;

    private FlameGraph() {
    }

    /** A frame and the frames it called, with the samples of each. */
    private static final class Node {
        final Map<String, Node> children = new LinkedHashMap<>();
        long samples;
        int depth;

        int height() {
            int h = 0;
            for (Node c : children.values()) {
                h = Math.max(h, c.height());
            }
            return h + 1;
        }
    }

    static String svg(Map<String, Long> folded, String title) {
        Node root = new Node();
        folded.forEach((stack, n) -> {
            Node node = root;
            node.samples += n;
            for (String frame : stack.split(";")) {
                node = node.children.computeIfAbsent(frame, k -> new Node());
                node.samples += n;
            }
        });
        int rows = root.height();
        int height = (rows + 2) * ROW;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"monospace\" font-size=\"11\">%n", WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"12\">%s</text>%n", escape(title)));
        box(svg, "all", root, 0, WIDTH, height - ROW, root.samples);
        draw(svg, root, 0, height - 2 * ROW, root.samples);
        return svg.append("</svg>\n").toString();
    }

    private static void draw(StringBuilder svg, Node node, double x, int y, long total) {
        double left = x;
        for (Map.Entry<String, Node> child : node.children.entrySet()) {
            double w = (double) WIDTH * child.getValue().samples / total;
            if (w >= 0.1) {
                box(svg, child.getKey(), child.getValue(), left, w, y, total);
                draw(svg, child.getValue(), left, y - ROW, total);
            }
            left += w;
        }
    }

    private static void box(StringBuilder svg, String frame, Node node, double x, double w, int y, long total) {
        int hash = frame.substring(0, Math.max(0, frame.lastIndexOf('.'))).hashCode();
        int red = 205 + Math.floorMod(hash, 50);
        int green = 80 + Math.floorMod(hash >> 8, 150);
        int blue = Math.floorMod(hash >> 16, 60);
        svg.append(String.format(Locale.ROOT, "<g><title>%s: %d samples (%.2f%%)</title><rect x=\"%.1f\" y=\"%d\" "
                        + "width=\"%.1f\" height=\"%d\" fill=\"rgb(%d,%d,%d)\" stroke=\"white\" stroke-width=\"0.3\"/>",
                escape(frame), node.samples, 100.0 * node.samples / Math.max(1, total), x, y, w, ROW - 1, red, green,
                blue));
        int chars = (int) (w / 7) - 1;
        if (chars >= 3) {
            String label = frame.length() <= chars ? frame : frame.substring(0, chars - 2) + "..";
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>", x + 2, y + ROW - 4,
                    escape(label)));
        }
        svg.append("</g>\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
