package io.swapflex.datasets.examples;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A naive, rule-following schedule for an example problem tree, used to show the examples are feasible and their swap
 * demand mostly servable. Policy per slot: hand out every swap-ready pack a waiting rider asks for; inside a firm
 * dispatch window keep the swap-ready packs riders will still ask for in the window, and let the other packs with
 * energy discharge enough to meet the request and, beyond it, to charge the packs that are not swap-ready yet;
 * otherwise charge the packs closest to swap-ready first at full power, within the active-bay and import limits.
 * Non-firm offers are declined. It ignores prices: it is a feasibility witness, not an optimiser.
 */
final class GreedyCheck {

    record Result(int demand, int served, double importKwh, double maxImportKw, boolean firmMet, String firmNote,
                  Map<String, int[]> demandByType, Map<String, int[]> servedByType) {
    }

    private GreedyCheck() {
    }

    static Result run(JsonNode p) {
        int slots = p.at("/horizon/slots").asInt();
        double dt = p.at("/horizon/slotMinutes").asInt() / 60.0;
        JsonNode site = p.get("site");
        double importLimit = site.get("gridImportLimitKw").asDouble();
        double exportLimit = site.get("gridExportLimitKw").asDouble();
        int maxActive = site.has("maxActiveBays") ? site.get("maxActiveBays").asInt() : Integer.MAX_VALUE;
        Map<String, JsonNode> types = new LinkedHashMap<>();
        p.get("packTypes").forEach(t -> types.put(t.get("id").asText(), t));
        List<String> bayType = new ArrayList<>();
        List<Double> socList = new ArrayList<>();
        p.get("bays").forEach(b -> {
            bayType.add(b.get("packType").asText());
            socList.add(b.get("soc").asDouble());
        });
        int n = bayType.size();
        double[] soc = socList.stream().mapToDouble(Double::doubleValue).toArray();
        double[] firmKw = new double[slots];
        int[] firmEnd = new int[slots];
        for (JsonNode r : p.path("dispatchRequests")) {
            if (r.get("firm").asBoolean()) {
                for (int t = r.get("fromSlot").asInt(); t < r.get("toSlot").asInt(); t++) {
                    firmKw[t] = Math.max(firmKw[t], r.get("exportKw").asDouble());
                    firmEnd[t] = Math.max(firmEnd[t], r.get("toSlot").asInt());
                }
            }
        }
        Map<String, int[]> demandByType = new LinkedHashMap<>();
        Map<String, int[]> servedByType = new LinkedHashMap<>();
        for (String type : types.keySet()) {
            int[] row = new int[slots];
            JsonNode d = p.path("swapDemand").path(type);
            for (int t = 0; t < slots && d.isArray(); t++) {
                row[t] = d.get(t).asInt();
            }
            demandByType.put(type, row);
            servedByType.put(type, new int[slots]);
        }
        int demand = 0;
        int served = 0;
        double importKwh = 0;
        double maxImport = 0;
        boolean firmMet = true;
        StringBuilder firmNote = new StringBuilder();
        for (int t = 0; t < slots; t++) {
            double base = site.has("baseLoadKw") ? site.get("baseLoadKw").get(t).asDouble() : 0.0;
            boolean[] swapped = new boolean[n];
            for (String type : types.keySet()) {
                int want = demandByType.get(type)[t];
                demand += want;
                double ready = types.get(type).get("swapReadySoc").asDouble();
                for (int b = 0; b < n && want > 0; b++) {
                    if (bayType.get(b).equals(type) && soc[b] >= ready - 1e-9) {
                        swapped[b] = true;
                        want--;
                        served++;
                        servedByType.get(type)[t]++;
                    }
                }
            }
            double[] power = new double[n];
            int active = 0;
            double net = base; // import − export
            if (firmKw[t] > 0) {
                // Keep as many swap-ready packs as riders of their type will still ask for in the window; the other
                // idle packs with energy donate it: first the request and the base load, then charging of packs
                // that are not yet swap-ready (net export stays at the request).
                List<Integer> reserved = new ArrayList<>();
                for (String type : types.keySet()) {
                    int want = 0;
                    for (int u = t + 1; u < firmEnd[t]; u++) {
                        want += demandByType.get(type)[u];
                    }
                    double ready = types.get(type).get("swapReadySoc").asDouble();
                    for (int b = 0; b < n && want > 0; b++) {
                        if (!swapped[b] && bayType.get(b).equals(type) && soc[b] >= ready - 1e-9) {
                            reserved.add(b);
                            want--;
                        }
                    }
                }
                List<Integer> donors = new ArrayList<>();
                for (int b = 0; b < n; b++) {
                    if (!swapped[b] && !reserved.contains(b)) {
                        donors.add(b);
                    }
                }
                donors.sort(Comparator.comparingDouble(b -> -(soc[b]
                        - types.get(bayType.get(b)).get("minSoc").asDouble())
                        * types.get(bayType.get(b)).get("capacityKwh").asDouble()));
                double need = firmKw[t] + base; // discharge the bays must deliver, kW
                double available = 0;
                int slotsLeft = maxActive;
                List<Integer> discharging = new ArrayList<>();
                for (int b : donors) {
                    if (discharging.size() >= slotsLeft) {
                        break;
                    }
                    double kw = dischargeRoom(types.get(bayType.get(b)), soc[b], dt);
                    if (kw > 1e-9) {
                        discharging.add(b);
                        available += kw;
                    }
                    if (available >= need + 1e-9 && discharging.size() * 2 >= slotsLeft) {
                        break;
                    }
                }
                if (available < need) { // a firm request must be met: the reserved packs give too
                    reserved.sort(Comparator.comparingDouble(b -> -soc[b]));
                    for (int b : reserved) {
                        if (available >= need || discharging.size() >= slotsLeft) {
                            break;
                        }
                        discharging.add(b);
                        available += dischargeRoom(types.get(bayType.get(b)), soc[b], dt);
                    }
                }
                List<Integer> takers = new ArrayList<>();
                for (int b : donors) {
                    if (!discharging.contains(b)
                            && soc[b] < types.get(bayType.get(b)).get("swapReadySoc").asDouble() - 1e-9) {
                        takers.add(b);
                    }
                }
                takers.sort(Comparator.comparingDouble(b -> priority(types.get(bayType.get(b)), soc[b])));
                double budget = Math.max(0, Math.min(available - need, exportLimit - firmKw[t]));
                for (int b : takers) {
                    if (budget <= 1e-9 || discharging.size() + active >= maxActive) {
                        break;
                    }
                    double kw = Math.min(chargeRoom(types.get(bayType.get(b)), soc[b], dt), budget);
                    if (kw > 1e-6) {
                        power[b] = kw;
                        budget -= kw;
                        need += kw;
                        net += kw;
                        active++;
                    }
                }
                for (int b : discharging) {
                    double kw = Math.min(dischargeRoom(types.get(bayType.get(b)), soc[b], dt), need);
                    if (kw > 1e-9) {
                        power[b] = -kw;
                        need -= kw;
                        net -= kw;
                        active++;
                    }
                }
                if (-net < firmKw[t] - 1e-9 || -net > exportLimit + 1e-9 || active > maxActive) {
                    firmMet = false;
                    firmNote.append("slot ").append(t).append(": net export ").append(-net).append("; ");
                }
            } else {
                Integer[] order = idle(n, swapped);
                java.util.Arrays.sort(order, Comparator.comparingDouble(b -> priority(types.get(bayType.get(b)),
                        soc[b])));
                for (int b : order) {
                    JsonNode k = types.get(bayType.get(b));
                    double cap = k.get("capacityKwh").asDouble();
                    double etaC = k.get("chargeEfficiency").asDouble();
                    double room = Math.max(0, k.get("maxSoc").asDouble() - soc[b]) * cap / (etaC * dt);
                    double kw = Math.min(Math.min(k.get("maxChargeKw").asDouble(), room), importLimit - net);
                    if (kw > 1e-6 && active < maxActive) {
                        power[b] = kw;
                        net += kw;
                        active++;
                    }
                }
            }
            for (int b = 0; b < n; b++) {
                JsonNode k = types.get(bayType.get(b));
                double cap = k.get("capacityKwh").asDouble();
                if (swapped[b]) {
                    soc[b] = k.get("returnSoc").asDouble();
                } else if (power[b] > 0) {
                    soc[b] += k.get("chargeEfficiency").asDouble() * power[b] * dt / cap;
                } else if (power[b] < 0) {
                    soc[b] += power[b] / k.get("dischargeEfficiency").asDouble() * dt / cap;
                }
            }
            if (net > importLimit + 1e-9) {
                throw new IllegalStateException("slot " + t + ": import " + net + " kW over the limit");
            }
            importKwh += Math.max(0, net) * dt;
            maxImport = Math.max(maxImport, net);
        }
        return new Result(demand, served, importKwh, maxImport, firmMet, firmNote.toString(), demandByType,
                servedByType);
    }

    /** Most a pack may discharge in one slot, kW at the bay, without ending below minSoc. */
    private static double dischargeRoom(JsonNode k, double soc, double dt) {
        double room = Math.max(0, soc - k.get("minSoc").asDouble()) * k.get("capacityKwh").asDouble()
                * k.get("dischargeEfficiency").asDouble() / dt;
        return Math.min(k.get("maxDischargeKw").asDouble(), room);
    }

    /** Most a pack may charge in one slot, kW at the bay, without ending above maxSoc. */
    private static double chargeRoom(JsonNode k, double soc, double dt) {
        double room = Math.max(0, k.get("maxSoc").asDouble() - soc) * k.get("capacityKwh").asDouble()
                / (k.get("chargeEfficiency").asDouble() * dt);
        return Math.min(k.get("maxChargeKw").asDouble(), room);
    }

    /** Charge order: packs below swap-ready first, closest to it first; topping up above swap-ready last. */
    private static double priority(JsonNode type, double soc) {
        double ready = type.get("swapReadySoc").asDouble();
        return soc < ready ? ready - soc : 10 + soc;
    }

    private static Integer[] idle(int n, boolean[] swapped) {
        List<Integer> idle = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            if (!swapped[b]) {
                idle.add(b);
            }
        }
        return idle.toArray(new Integer[0]);
    }
}
