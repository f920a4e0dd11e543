package io.swapflex.service.whatif;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemValidator;
import io.swapflex.optimizer.contract.Site;
import io.swapflex.optimizer.contract.Tariff;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Applies a scenario's variations to a base problem; every error names its JSON path in the request. */
public final class Scenarios {

    public static final int MAX_NAME = 100;
    public static final int MAX_BAY_GROUPS = 20;
    public static final int MAX_BAYS_PER_GROUP = 200;
    public static final int MAX_DISPATCH_REQUESTS = 100;
    public static final String BASE = "base";

    private static final Pattern REQUEST_PATH = Pattern.compile("^dispatchRequests\\[(\\d+)]");

    private Scenarios() {
    }

    /** Why a scenario name cannot be used (null when it can). */
    public static String nameError(String name) {
        if (name == null || name.isBlank()) {
            return "is required";
        }
        if (name.length() > MAX_NAME) {
            return "must be at most " + MAX_NAME + " characters, has " + name.length();
        }
        if (!name.equals(name.strip())) {
            return "must not begin or end with spaces";
        }
        for (char c : name.toCharArray()) {
            if (c < 0x20 || c == 0x7f || "/?#%\\".indexOf(c) >= 0) {
                return "must not hold / ? # % \\ or control characters, is '" + name + "'";
            }
        }
        if (name.equalsIgnoreCase(BASE)) {
            return "'" + name + "' is the base's name (scenario 0)";
        }
        return null;
    }

    /**
     * The base with the scenario's variations, or null when {@code errors} got any ({@code path} prefixes them, e.g.
     * {@code scenarios[1]}).
     */
    public static Problem apply(Problem base, WhatIfRequest.Scenario s, String path, List<String> errors) {
        int before = errors.size();
        int slots = base.slots();

        double[] importPrices = prices(base.tariff().importPricePerKwh(), s.importPricePerKwh(), s.importPriceScale(),
                path, "importPricePerKwh", "importPriceScale", slots, errors);
        double[] exportPrices = prices(base.tariff().exportPricePerKwh(), s.exportPricePerKwh(), s.exportPriceScale(),
                path, "exportPricePerKwh", "exportPriceScale", slots, errors);

        Map<String, int[]> demand = base.swapDemand();
        if (s.demandScale() != null) {
            if (nonNegative(errors, path + ".demandScale", s.demandScale()) && demand != null) {
                demand = new LinkedHashMap<>();
                for (Map.Entry<String, int[]> row : base.swapDemand().entrySet()) {
                    demand.put(row.getKey(), scale(row.getValue(), s.demandScale()));
                }
            }
        }

        List<Bay> bays = new ArrayList<>(base.bays());
        if (s.addBays() != null) {
            if (s.addBays().size() > MAX_BAY_GROUPS) {
                errors.add(path + ".addBays has " + s.addBays().size() + " groups, at most " + MAX_BAY_GROUPS);
            } else {
                Set<String> ids = new HashSet<>();
                base.bays().forEach(b -> ids.add(b.id()));
                List<String> types = base.packTypes().stream().map(PackType::id).toList();
                for (int g = 0; g < s.addBays().size(); g++) {
                    WhatIfRequest.BayGroup group = s.addBays().get(g);
                    String at = path + ".addBays[" + g + "]";
                    if (group == null) {
                        errors.add(at + " is null");
                        continue;
                    }
                    boolean ok = true;
                    if (group.packType() == null || !types.contains(group.packType())) {
                        errors.add(at + ".packType " + (group.packType() == null ? "is required"
                                : "'" + group.packType() + "' is not a pack type of the base") + " (its types: "
                                + String.join(", ", types) + ")");
                        ok = false;
                    }
                    if (group.count() == null || group.count() < 1 || group.count() > MAX_BAYS_PER_GROUP) {
                        errors.add(at + ".count must be an integer in [1, " + MAX_BAYS_PER_GROUP + "], is "
                                + group.count());
                        ok = false;
                    }
                    if (group.soc() == null || !(group.soc() >= 0 && group.soc() <= 1)) {
                        errors.add(at + ".soc must be in [0, 1], is " + number(group.soc()));
                        ok = false;
                    }
                    if (ok) {
                        for (int k = 0; k < group.count(); k++) {
                            String id;
                            int n = bays.size() + 1;
                            do {
                                id = "whatif-" + group.packType() + "-" + n++;
                            } while (ids.contains(id));
                            ids.add(id);
                            bays.add(new Bay(id, group.packType(), group.soc()));
                        }
                    }
                }
            }
        }

        Site site = base.site();
        Double importLimit = site.gridImportLimitKw();
        Double exportLimit = site.gridExportLimitKw();
        if (s.importLimitKw() != null && nonNegative(errors, path + ".importLimitKw", s.importLimitKw())) {
            importLimit = s.importLimitKw();
        }
        if (s.exportLimitKw() != null && nonNegative(errors, path + ".exportLimitKw", s.exportLimitKw())) {
            exportLimit = s.exportLimitKw();
        }

        List<DispatchRequest> requests = base.dispatchRequests();
        int baseRequests = base.requests().size();
        if (s.dispatchRequests() != null) {
            if (s.dispatchRequests().size() > MAX_DISPATCH_REQUESTS) {
                errors.add(path + ".dispatchRequests has " + s.dispatchRequests().size() + " requests, at most "
                        + MAX_DISPATCH_REQUESTS);
            } else {
                requests = new ArrayList<>(base.requests());
                for (int r = 0; r < s.dispatchRequests().size(); r++) {
                    if (s.dispatchRequests().get(r) == null) {
                        errors.add(path + ".dispatchRequests[" + r + "] is null");
                    } else {
                        requests.add(s.dispatchRequests().get(r));
                    }
                }
            }
        }
        List<PackType> types = economics(base, s, path, errors);
        if (errors.size() > before) {
            return null;
        }

        Problem problem = new Problem(base.formatVersion(), base.stationId(), base.horizon(),
                new Site(importLimit, exportLimit, site.maxActiveBays(), site.baseLoadKw(),
                        site.gridImportLimitKwBySlot(), site.gridExportLimitKwBySlot()), types, bays,
                demand, new Tariff(base.tariff().currency(), importPrices, exportPrices), requests,
                base.unservedSwapPenalty());
        for (String error : ProblemValidator.errors(problem)) {
            Matcher m = REQUEST_PATH.matcher(error);
            if (m.find() && Integer.parseInt(m.group(1)) >= baseRequests) {
                errors.add(path + ".dispatchRequests[" + (Integer.parseInt(m.group(1)) - baseRequests) + "]"
                        + error.substring(m.end()));
            } else {
                errors.add(path + ": the scenario's problem: " + error);
            }
        }
        return errors.size() > before ? null : problem;
    }

    /** The base's pack types with the scenario's economics: penalties scaled, end value and end readiness set. */
    private static List<PackType> economics(Problem base, WhatIfRequest.Scenario s, String path, List<String> errors) {
        if (s.swapPenaltyScale() != null) {
            nonNegative(errors, path + ".swapPenaltyScale", s.swapPenaltyScale());
        }
        if (s.endValuePerKwh() != null) {
            nonNegative(errors, path + ".endValuePerKwh", s.endValuePerKwh());
        }
        if (s.minReadyAtEnd() != null && s.minReadyAtEnd() < 0) {
            errors.add(path + ".minReadyAtEnd must be an integer ≥ 0, is " + s.minReadyAtEnd());
        }
        List<PackType> types = new ArrayList<>();
        for (PackType t : base.packTypes()) {
            Double penalty = s.swapPenaltyScale() == null ? t.unservedSwapPenalty()
                    : t.swapPenalty(base.unservedSwapPenalty()) * s.swapPenaltyScale();
            Double endValue = s.endValuePerKwh() == null ? t.endValuePerKwh() : s.endValuePerKwh();
            Integer ready = s.minReadyAtEnd() == null ? t.minReadyAtEnd() : s.minReadyAtEnd();
            types.add(t.withEconomics(penalty, endValue, ready));
        }
        return types;
    }

    private static double[] prices(double[] base, double[] replaced, Double scale, String path, String field,
                                   String scaleField, int slots, List<String> errors) {
        double[] prices = base;
        if (replaced != null) {
            if (replaced.length != slots) {
                errors.add(path + "." + field + " has " + replaced.length + " values, the base has " + slots + " slots");
                return base;
            }
            for (int t = 0; t < replaced.length; t++) {
                if (!Double.isFinite(replaced[t])) {
                    errors.add(path + "." + field + "[" + t + "] must be a finite number, is " + replaced[t]);
                    return base;
                }
            }
            prices = replaced.clone();
        }
        if (scale != null) {
            if (!nonNegative(errors, path + "." + scaleField, scale)) {
                return base;
            }
            prices = prices.clone();
            for (int t = 0; t < prices.length; t++) {
                prices[t] *= scale;
            }
        }
        return prices;
    }

    /**
     * The row scaled so that its running total is the scaled running total rounded: slot t gets
     * round(s·Σ_{u≤t} d_u) − round(s·Σ_{u&lt;t} d_u). Totals are kept to the nearest swap and the swaps stay in the
     * slots they came from (a demand of 1 per slot scaled by 1.5 becomes 2, 1, 2, 1...).
     */
    static int[] scale(int[] row, double factor) {
        int[] out = new int[row.length];
        long cumulative = 0;
        long previous = 0;
        for (int t = 0; t < row.length; t++) {
            cumulative += row[t];
            long rounded = Math.round(cumulative * factor);
            out[t] = (int) (rounded - previous);
            previous = rounded;
        }
        return out;
    }

    private static boolean nonNegative(List<String> errors, String path, Double value) {
        if (value == null || !(value >= 0) || Double.isInfinite(value)) {
            errors.add(path + " must be ≥ 0, is " + number(value));
            return false;
        }
        return true;
    }

    /** A number as a person writes it: -1 rather than -1.0. */
    static String number(Double value) {
        if (value == null) {
            return "null";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString(value.longValue());
        }
        return value.toString();
    }
}
