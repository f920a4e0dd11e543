package io.swapflex.optimizer.check;

import io.swapflex.optimizer.contract.Objective;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the checker's messages by kind. Shape and hard-rule messages are capped at {@link #CAP}, and so are the
 * objective and bookkeeping ones (kept separately, so that a flood of slot-by-slot violations never hides a dishonest
 * total or status); what is beyond the cap is summarised as a count.
 */
final class Findings {

    static final int CAP = 200;

    private final List<String> rules = new ArrayList<>();
    private final List<String> books = new ArrayList<>();
    private final Set<String> skipped = new LinkedHashSet<>();
    private int rulesLeftOff;
    private int booksLeftOff;
    private int broken;

    /** The plan is malformed (missing or wrongly sized parts, non-finite numbers, wrong ids). */
    void shape(String message) {
        broken++;
        rulesLeftOff += add(rules, message);
    }

    /** A hard rule 1–7 is not met. */
    void hard(String message) {
        broken++;
        rulesLeftOff += add(rules, message);
    }

    /** A reported number (objective term, bound, gap), status, accepted request or declared violation is dishonest. */
    void bookkeeping(String message) {
        booksLeftOff += add(books, message);
    }

    /** A rule could not be checked because the plan parts it needs are malformed (reported elsewhere). */
    void skipped(String what) {
        skipped.add(what);
    }

    /** How many shape and hard-rule violations were found so far. */
    int broken() {
        return broken;
    }

    CheckReport report(Objective recomputed) {
        List<String> all = new ArrayList<>(rules);
        if (rulesLeftOff > 0) {
            all.add("… and " + rulesLeftOff + " more violations of the plan's shape or hard rules, not listed");
        }
        if (!skipped.isEmpty()) {
            all.add("not checked, because the plan parts they need are malformed: " + String.join("; ", skipped));
        }
        all.addAll(books);
        if (booksLeftOff > 0) {
            all.add("… and " + booksLeftOff + " more bookkeeping violations, not listed");
        }
        return new CheckReport(all.isEmpty(), broken == 0, all, recomputed);
    }

    private static int add(List<String> list, String message) {
        if (list.size() < CAP) {
            list.add(message);
            return 0;
        }
        return 1;
    }

    /** A number for a message: up to 9 significant digits, no trailing zeros, no binary noise (0.1 + 0.2 → 0.3). */
    static String n(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(9)).stripTrailingZeros().toPlainString();
    }

    static String quote(String text) {
        return text == null ? "null" : "'" + text + "'";
    }
}
