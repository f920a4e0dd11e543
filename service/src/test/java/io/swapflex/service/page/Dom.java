package io.swapflex.service.page;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The start tags of a serialised DOM (what {@code chromium --dump-dom} prints) with their attributes: enough to read the
 * page's data attributes, no HTML parser needed.
 */
final class Dom {

    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9-]*)((?:\\s+[^\\s=>/]+(?:=\"[^\"]*\")?)*)\\s*/?>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([^\\s=>/]+)(?:=\"([^\"]*)\")?");

    /** A start tag and the text right after it (up to the next tag). */
    record Element(String tag, Map<String, String> attributes, String text) {
        String attr(String name) {
            return attributes.get(name);
        }

        double number(String name) {
            return Double.parseDouble(attributes.get(name));
        }

        int integer(String name) {
            return Integer.parseInt(attributes.get(name));
        }

        boolean hasClass(String cssClass) {
            String classes = attributes.get("class");
            return classes != null && Arrays.asList(classes.split("\\s+")).contains(cssClass);
        }
    }

    private final List<Element> elements = new ArrayList<>();

    Dom(String html) {
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(tag.group(2));
            while (attribute.find()) {
                attributes.put(attribute.group(1), unescape(attribute.group(2) == null ? "" : attribute.group(2)));
            }
            int next = html.indexOf('<', tag.end());
            String text = unescape(html.substring(tag.end(), next < 0 ? html.length() : next));
            elements.add(new Element(tag.group(1).toLowerCase(), attributes, text));
        }
    }

    /** Every element with the class, in document order. */
    List<Element> byClass(String cssClass) {
        return elements.stream().filter(e -> e.hasClass(cssClass)).toList();
    }

    /** The one element with the id. */
    Element byId(String id) {
        List<Element> found = elements.stream().filter(e -> id.equals(e.attr("id"))).toList();
        assertEquals(1, found.size(), "elements with id " + id);
        return found.get(0);
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0")
                .replace("&amp;", "&");
    }
}
