package io.swapflex.optimizer.contract;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a {@link Problem} against contract v1 before any solver sees it. Every error is reported, not the first only,
 * each beginning with the JSON path of the field at fault ({@code packTypes[1].minSoc must be < maxSoc}).
 *
 * <p>Sizes are checked against the {@link ProblemLimits} in force before the entries of a list are looked at, so a
 * problem of 100,000 bays costs one error, not 100,000 checks; at most {@link #MAX_ERRORS} errors are listed.
 */
public final class ProblemValidator {

    /** Slot count above which a problem is refused by default (a year of 5-minute slots); see {@link ProblemLimits}. */
    public static final int MAX_SLOTS = ProblemLimits.DEFAULT.maxSlots();
    /** Most characters of an id (station, bay, pack type, request): the width of the service's database columns. */
    public static final int MAX_ID_LENGTH = 200;
    /** Most errors listed; the rest are counted in one last line. */
    public static final int MAX_ERRORS = 100;

    private final List<String> errors = new ArrayList<>();
    private final ProblemLimits limits;
    private int unlisted;

    private ProblemValidator(ProblemLimits limits) {
        this.limits = limits;
    }

    /** All contract errors of the problem under the limits in force; empty when it may be solved. */
    public static List<String> errors(Problem problem) {
        return errors(problem, ProblemLimits.current());
    }

    /** All contract errors of the problem under these limits; empty when it may be solved. */
    public static List<String> errors(Problem problem, ProblemLimits limits) {
        ProblemValidator v = new ProblemValidator(limits);
        v.check(problem);
        if (v.unlisted > 0) {
            v.errors.add("$ has " + v.unlisted + " more errors (the first " + MAX_ERRORS + " are listed)");
        }
        return List.copyOf(v.errors);
    }

    /** Throws {@link InvalidProblemException} listing every error, or returns the problem unchanged. */
    public static Problem requireValid(Problem problem) {
        List<String> errors = errors(problem);
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        return problem;
    }

    private void check(Problem p) {
        if (p == null) {
            error("$", "is empty");
            return;
        }
        if (p.formatVersion() == null) {
            error("formatVersion", "is required (1)");
        } else if (p.formatVersion() != Problem.FORMAT_VERSION) {
            error("formatVersion", "is " + p.formatVersion() + ", this engine reads format 1");
        }
        if (p.stationId() == null || p.stationId().isBlank()) {
            error("stationId", "is required");
        } else {
            idLength("stationId", p.stationId());
        }
        int slots = checkHorizon(p.horizon());
        checkSite(p.site(), slots);
        Set<String> typeIds = checkPackTypes(p.packTypes());
        checkBays(p.bays(), typeIds);
        if (slots > 0 && p.bays() != null && p.bays().size() <= limits.maxBays() && (long) p.bays().size() * slots > limits.maxBaySlots()) {
            error("bays", "× horizon.slots is " + p.bays().size() + " × " + slots + " = "
                    + (long) p.bays().size() * slots + ", at most " + limits.maxBaySlots() + " allowed ("
                    + ProblemLimits.PREFIX + "max-bay-slots)");
        }
        checkDemand(p.swapDemand(), typeIds, slots);
        checkTariff(p.tariff(), slots);
        checkRequests(p.dispatchRequests(), slots);
        if (p.unservedSwapPenalty() == null) {
            boolean everyTypeHasOne = p.packTypes() != null && !p.packTypes().isEmpty()
                    && p.packTypes().stream().allMatch(t -> t != null && t.unservedSwapPenalty() != null);
            if (!everyTypeHasOne) {
                error("unservedSwapPenalty", "is required (money per unserved swap, ≥ 0) unless every pack type"
                        + " has its own packTypes[].unservedSwapPenalty");
            }
        } else {
            nonNegative("unservedSwapPenalty", p.unservedSwapPenalty());
        }
    }

    /** @return the slot count, or -1 when unknown (then per-slot array lengths are not checked). */
    private int checkHorizon(Horizon h) {
        if (h == null) {
            error("horizon", "is required");
            return -1;
        }
        if (h.start() == null) {
            error("horizon.start", "is required (RFC 3339 with offset, e.g. 2026-11-26T00:00:00+07:00)");
        } else {
            try {
                OffsetDateTime.parse(h.start());
            } catch (DateTimeParseException e) {
                error("horizon.start", "'" + h.start() + "' is not an RFC 3339 time with offset");
            }
        }
        if (h.slotMinutes() == null) {
            error("horizon.slotMinutes", "is required");
        } else if (h.slotMinutes() < 1 || h.slotMinutes() > 1440) {
            error("horizon.slotMinutes", "must be in [1, 1440], is " + h.slotMinutes());
        }
        if (h.slots() == null) {
            error("horizon.slots", "is required");
            return -1;
        }
        if (h.slots() < 1) {
            error("horizon.slots", "must be in [1, " + limits.maxSlots() + "], is " + h.slots());
            return -1;
        }
        if (h.slots() > limits.maxSlots()) {
            error("horizon.slots", "is " + h.slots() + ", at most " + limits.maxSlots() + " allowed ("
                    + ProblemLimits.PREFIX + "max-slots)");
            return -1;
        }
        return h.slots();
    }

    private void checkSite(Site s, int slots) {
        if (s == null) {
            error("site", "is required");
            return;
        }
        required("site.gridImportLimitKw", s.gridImportLimitKw());
        nonNegative("site.gridImportLimitKw", s.gridImportLimitKw());
        required("site.gridExportLimitKw", s.gridExportLimitKw());
        nonNegative("site.gridExportLimitKw", s.gridExportLimitKw());
        if (s.maxActiveBays() != null && s.maxActiveBays() < 0) {
            error("site.maxActiveBays", "must be ≥ 0, is " + s.maxActiveBays());
        }
        if (s.baseLoadKw() != null) {
            perSlot("site.baseLoadKw", s.baseLoadKw(), slots, false);
        }
        if (s.gridImportLimitKwBySlot() != null) {
            perSlot("site.gridImportLimitKwBySlot", s.gridImportLimitKwBySlot(), slots, false);
        }
        if (s.gridExportLimitKwBySlot() != null) {
            perSlot("site.gridExportLimitKwBySlot", s.gridExportLimitKwBySlot(), slots, false);
        }
    }

    /** @return the pack type ids, or null when there are too many to look at (then bays' types are not checked) */
    private Set<String> checkPackTypes(List<PackType> types) {
        Set<String> ids = new HashSet<>();
        if (types == null || types.isEmpty()) {
            error("packTypes", "needs at least one pack type");
            return ids;
        }
        if (types.size() > limits.maxPackTypes()) {
            error(ProblemLimits.tooMany("packTypes", types.size(), "entries", limits.maxPackTypes(), "max-pack-types"));
            return null;
        }
        for (int i = 0; i < types.size(); i++) {
            String at = "packTypes[" + i + "]";
            PackType t = types.get(i);
            if (t == null) {
                error(at, "is null");
                continue;
            }
            if (t.id() == null || t.id().isBlank()) {
                error(at + ".id", "is required");
            } else if (idLength(at + ".id", t.id()) && !ids.add(t.id())) {
                error(at + ".id", "'" + t.id() + "' is used by another pack type");
            }
            if (required(at + ".capacityKwh", t.capacityKwh())
                    && !(t.capacityKwh() > 0 && Double.isFinite(t.capacityKwh()))) {
                error(at + ".capacityKwh", "must be a finite number > 0, is " + t.capacityKwh());
            }
            required(at + ".maxChargeKw", t.maxChargeKw());
            nonNegative(at + ".maxChargeKw", t.maxChargeKw());
            required(at + ".maxDischargeKw", t.maxDischargeKw());
            nonNegative(at + ".maxDischargeKw", t.maxDischargeKw());
            efficiency(at + ".chargeEfficiency", t.chargeEfficiency());
            efficiency(at + ".dischargeEfficiency", t.dischargeEfficiency());
            boolean min = fraction(at + ".minSoc", t.minSoc());
            boolean max = fraction(at + ".maxSoc", t.maxSoc());
            boolean ready = fraction(at + ".swapReadySoc", t.swapReadySoc());
            fraction(at + ".returnSoc", t.returnSoc());
            if (min && max && !(t.minSoc() < t.maxSoc())) {
                error(at + ".minSoc", "must be < maxSoc (" + t.minSoc() + " ≥ " + t.maxSoc() + ")");
            }
            if (ready && max && t.swapReadySoc() > t.maxSoc()) {
                error(at + ".swapReadySoc", "must be ≤ maxSoc (" + t.swapReadySoc() + " > " + t.maxSoc()
                        + "): no pack could be charged to swap-ready");
            }
            if (t.degradationCostPerKwh() != null) {
                nonNegative(at + ".degradationCostPerKwh", t.degradationCostPerKwh());
            }
            if (t.unservedSwapPenalty() != null) {
                nonNegative(at + ".unservedSwapPenalty", t.unservedSwapPenalty());
            }
            if (t.endValuePerKwh() != null) {
                nonNegative(at + ".endValuePerKwh", t.endValuePerKwh());
            }
            if (t.minReadyAtEnd() != null && t.minReadyAtEnd() < 0) {
                error(at + ".minReadyAtEnd", "must be an integer ≥ 0 (bays ending swap-ready), is " + t.minReadyAtEnd());
            }
        }
        return ids;
    }

    private void checkBays(List<Bay> bays, Set<String> typeIds) {
        if (bays == null) {
            error("bays", "is required (a list, may be empty)");
            return;
        }
        if (bays.size() > limits.maxBays()) {
            error(ProblemLimits.tooMany("bays", bays.size(), "entries", limits.maxBays(), "max-bays"));
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < bays.size(); i++) {
            String at = "bays[" + i + "]";
            Bay b = bays.get(i);
            if (b == null) {
                error(at, "is null");
                continue;
            }
            if (b.id() == null || b.id().isBlank()) {
                error(at + ".id", "is required");
            } else if (idLength(at + ".id", b.id()) && !ids.add(b.id())) {
                error(at + ".id", "'" + b.id() + "' is used by another bay");
            }
            if (b.packType() == null) {
                error(at + ".packType", "is required");
            } else if (typeIds != null && !typeIds.contains(b.packType())) {
                error(at + ".packType", "'" + b.packType() + "' is not a pack type of packTypes");
            }
            fraction(at + ".soc", b.soc());
        }
    }

    private void checkDemand(Map<String, int[]> demand, Set<String> typeIds, int slots) {
        if (demand == null) {
            return;
        }
        if (demand.size() > limits.maxPackTypes()) {
            error(ProblemLimits.tooMany("swapDemand", demand.size(), "rows", limits.maxPackTypes(), "max-pack-types"));
            return;
        }
        for (Map.Entry<String, int[]> row : demand.entrySet()) {
            String at = "swapDemand." + row.getKey();
            if (typeIds != null && !typeIds.contains(row.getKey())) {
                error(at, "'" + row.getKey() + "' is not a pack type of packTypes");
            }
            int[] values = row.getValue();
            if (values == null) {
                error(at, "is null");
                continue;
            }
            if (!length(at, values.length, slots)) {
                continue;
            }
            for (int t = 0; t < values.length; t++) {
                if (values[t] < 0) {
                    error(at + "[" + t + "]", "must be ≥ 0, is " + values[t]);
                } else if (values[t] > limits.maxSwapsPerSlot()) {
                    error(at + "[" + t + "]", "is " + values[t] + " riders, at most " + limits.maxSwapsPerSlot()
                            + " allowed (" + ProblemLimits.PREFIX + "max-swaps-per-slot)");
                }
            }
        }
    }

    private void checkTariff(Tariff tariff, int slots) {
        if (tariff == null) {
            error("tariff", "is required");
            return;
        }
        if (tariff.importPricePerKwh() == null) {
            error("tariff.importPricePerKwh", "is required (one price per slot)");
        } else {
            perSlot("tariff.importPricePerKwh", tariff.importPricePerKwh(), slots, true);
        }
        if (tariff.exportPricePerKwh() == null) {
            error("tariff.exportPricePerKwh", "is required (one price per slot)");
        } else {
            perSlot("tariff.exportPricePerKwh", tariff.exportPricePerKwh(), slots, true);
        }
    }

    private void checkRequests(List<DispatchRequest> requests, int slots) {
        if (requests == null) {
            return;
        }
        if (requests.size() > limits.maxDispatchRequests()) {
            error(ProblemLimits.tooMany("dispatchRequests", requests.size(), "entries", limits.maxDispatchRequests(),
                    "max-dispatch-requests"));
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            String at = "dispatchRequests[" + i + "]";
            DispatchRequest r = requests.get(i);
            if (r == null) {
                error(at, "is null");
                continue;
            }
            if (r.id() == null || r.id().isBlank()) {
                error(at + ".id", "is required");
            } else if (idLength(at + ".id", r.id()) && !ids.add(r.id())) {
                error(at + ".id", "'" + r.id() + "' is used by another request");
            }
            boolean from = required(at + ".fromSlot", r.fromSlot());
            boolean to = required(at + ".toSlot", r.toSlot());
            if (from && r.fromSlot() < 0) {
                error(at + ".fromSlot", "must be ≥ 0, is " + r.fromSlot());
            }
            if (from && slots > 0 && r.fromSlot() >= slots) {
                error(at + ".fromSlot", "is " + r.fromSlot() + ", outside the horizon of " + slots + " slots");
            }
            if (to && slots > 0 && r.toSlot() > slots) {
                error(at + ".toSlot", "is " + r.toSlot() + ", beyond the horizon of " + slots + " slots");
            }
            if (from && to && r.toSlot() <= r.fromSlot()) {
                error(at + ".toSlot", "must be > fromSlot (" + r.toSlot() + " ≤ " + r.fromSlot() + ")");
            }
            required(at + ".exportKw", r.exportKw());
            nonNegative(at + ".exportKw", r.exportKw());
            if (r.rewardPerKwh() != null) {
                nonNegative(at + ".rewardPerKwh", r.rewardPerKwh());
            }
            if (r.firm() == null) {
                error(at + ".firm", "is required (true: must be met; false: an offer the plan may decline)");
            }
        }
    }

    private void perSlot(String at, double[] values, int slots, boolean mayBeNegative) {
        if (!length(at, values.length, slots)) {
            return;
        }
        for (int t = 0; t < values.length; t++) {
            if (!Double.isFinite(values[t])) {
                error(at + "[" + t + "]", "must be a finite number, is " + values[t]);
            } else if (!mayBeNegative && values[t] < 0) {
                error(at + "[" + t + "]", "must be ≥ 0, is " + values[t]);
            }
        }
    }

    /** @return whether the entries are worth checking one by one (the length is right, or unknown and not huge) */
    private boolean length(String at, int length, int slots) {
        if (slots > 0 && length != slots) {
            error(at, "has " + length + " values, horizon has " + slots + " slots");
            return false;
        }
        if (length > limits.maxSlots()) {
            error(ProblemLimits.tooMany(at, length, "values", limits.maxSlots(), "max-slots"));
            return false;
        }
        return true;
    }

    private boolean idLength(String at, String id) {
        if (id.length() > MAX_ID_LENGTH) {
            error(at, "has " + id.length() + " characters, at most " + MAX_ID_LENGTH + " allowed");
            return false;
        }
        return true;
    }

    private boolean required(String at, Object value) {
        if (value == null) {
            error(at, "is required");
            return false;
        }
        return true;
    }

    private void nonNegative(String at, Double value) {
        if (value == null) {
            return;
        }
        if (!Double.isFinite(value)) {
            error(at, "must be a finite number, is " + value);
        } else if (value < 0) {
            error(at, "must be ≥ 0, is " + value);
        }
    }

    private void efficiency(String at, Double value) {
        if (required(at, value) && !(value > 0 && value <= 1)) {
            error(at, "must be in (0, 1], is " + value);
        }
    }

    private boolean fraction(String at, Double value) {
        if (!required(at, value)) {
            return false;
        }
        if (!(value >= 0 && value <= 1)) {
            error(at, "must be in [0, 1], is " + value);
            return false;
        }
        return true;
    }

    private void error(String at, String message) {
        error(at + " " + message);
    }

    private void error(String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(message);
        } else {
            unlisted++;
        }
    }
}
