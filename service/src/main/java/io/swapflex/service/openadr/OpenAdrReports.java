package io.swapflex.service.openadr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.flex.FlexibilityCalculator;
import io.swapflex.service.flex.StationFlexibility;
import io.swapflex.service.plan.StoredPlan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A station's plan as an OpenADR 3.0.1 {@code report} (components/schemas/report): one resource (the station,
 * {@code resourceName} = its id), one interval per plan slot ({@code id} = slot index, its own {@code intervalPeriod}),
 * each with four payloads, described by {@code reportPayloadDescriptor}s with {@code readingType} FORECAST:
 *
 * <pre>
 * STORAGE_DISPATCH_FORECAST  KW       the bank's net battery power in the slot, Σ bays powerKw[t]:
 *                                     + charging (from the grid), − discharging (the contract's sign)
 * STORAGE_CHARGE_LEVEL       PERCENT  the bank's state of charge at the slot's start, Σ soc[t]·capacity / Σ capacity,
 *                                     as a fraction in [0, 1] (OpenADR's PERCENT is −1.0..1.0 for −100 %..100 %)
 * UP_REGULATION_AVAILABLE    KW       the flexibility of the clock hour holding the slot: the most firm net export
 *                                     the station can add there, proven by a plan (FlexibilityService)
 * DOWN_REGULATION_AVAILABLE  KW       the most extra net import the hour can take, an upper bound from the meter's
 *                                     import limit, the chargers and the packs' room below maxSoc, least over the
 *                                     hour's slots; not proven by a plan (the contract cannot ask a plan for import)
 * </pre>
 *
 * The payload names are the OpenADR 3.1.0 report payload enumerations (3.0.1 leaves {@code type} a free string).
 */
public final class OpenAdrReports {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OpenAdrReports() {
    }

    /**
     * @param flexibility the station's flexibility (windows matched to slots by time; a window the plan's slot is not
     *                    in leaves UP_REGULATION_AVAILABLE out of that interval)
     */
    public static ObjectNode report(StoredPlan stored, StationFlexibility flexibility, String programId,
                                    String eventId, String clientName) {
        Problem problem = stored.problem();
        Plan plan = stored.plan();
        ObjectNode report = NODES.objectNode();
        report.put("programID", programId);
        report.put("eventID", eventId);
        report.put("clientName", clientName);
        report.put("reportName", "swapflex plan v" + stored.version() + " of " + stored.stationId());
        ArrayNode descriptors = report.putArray("payloadDescriptors");
        descriptor(descriptors, "STORAGE_DISPATCH_FORECAST", "KW");
        descriptor(descriptors, "STORAGE_CHARGE_LEVEL", "PERCENT");
        descriptor(descriptors, "UP_REGULATION_AVAILABLE", "KW");
        descriptor(descriptors, "DOWN_REGULATION_AVAILABLE", "KW");

        Instant start = problem.horizon().startTime().toInstant();
        Duration slot = Duration.ofMinutes(problem.horizon().slotMinutes());
        ObjectNode resource = report.putArray("resources").addObject();
        resource.put("resourceName", stored.stationId());
        period(resource.putObject("intervalPeriod"), start, slot);
        ArrayNode intervals = resource.putArray("intervals");
        double[] down = downRegulationKw(problem, plan);
        for (int t = 0; t < problem.slots(); t++) {
            Instant from = start.plus(slot.multipliedBy(t));
            ObjectNode interval = intervals.addObject();
            interval.put("id", t);
            period(interval.putObject("intervalPeriod"), from, slot);
            ArrayNode payloads = interval.putArray("payloads");
            payload(payloads, "STORAGE_DISPATCH_FORECAST", batteryKw(plan, t));
            payload(payloads, "STORAGE_CHARGE_LEVEL", chargeLevel(problem, plan, t));
            Double up = upRegulationKw(flexibility, from);
            if (up != null) {
                payload(payloads, "UP_REGULATION_AVAILABLE", up);
            }
            payload(payloads, "DOWN_REGULATION_AVAILABLE", down[t]);
        }
        return report;
    }

    private static void descriptor(ArrayNode descriptors, String type, String units) {
        ObjectNode d = descriptors.addObject();
        d.put("objectType", "REPORT_PAYLOAD_DESCRIPTOR");
        d.put("payloadType", type);
        d.put("readingType", "FORECAST");
        d.put("units", units);
    }

    private static void period(ObjectNode period, Instant start, Duration duration) {
        period.put("start", start.toString());
        period.put("duration", duration.toString());
    }

    private static void payload(ArrayNode payloads, String type, double value) {
        ObjectNode p = payloads.addObject();
        p.put("type", type);
        p.putArray("values").add(round(value));
    }

    /** Σ bays powerKw[t]: + charging, − discharging. */
    static double batteryKw(Plan plan, int t) {
        double sum = 0;
        for (BaySchedule bay : plan.bays()) {
            sum += bay.powerKw()[t];
        }
        return sum;
    }

    /** The bank's SOC at the start of slot t, energy-weighted: Σ soc[t]·capacity / Σ capacity (0 without bays). */
    static double chargeLevel(Problem problem, Plan plan, int t) {
        double energy = 0;
        double capacity = 0;
        Map<String, Bay> bays = bays(problem);
        for (BaySchedule s : plan.bays()) {
            double cap = problem.packType(bays.get(s.id()).packType()).capacityKwh();
            energy += s.soc()[t] * cap;
            capacity += cap;
        }
        return capacity > 0 ? energy / capacity : 0;
    }

    private static Double upRegulationKw(StationFlexibility flexibility, Instant slotStart) {
        for (StationFlexibility.Window w : flexibility.windows()) {
            if (!slotStart.isBefore(w.from()) && slotStart.isBefore(w.to())) {
                return w.exportKw();
            }
        }
        return null;
    }

    /**
     * Per slot, the extra net import the slot's clock hour can take on top of the plan, as an upper bound: in each slot
     * the least of the meter's headroom (the slot's import limit − planned import + planned export) and the charging headroom
     * (the {@code maxActiveBays} largest of each bay's most charging power — limited by its room below maxSoc over one
     * slot, none for a bay handing out its pack — less the bank's planned power); then the least over the hour.
     */
    static double[] downRegulationKw(Problem problem, Plan plan) {
        int n = problem.slots();
        double dt = problem.slotHours();
        double[] perSlot = new double[n];
        Map<String, Bay> bays = bays(problem);
        for (int t = 0; t < n; t++) {
            List<Double> charge = new ArrayList<>();
            for (BaySchedule s : plan.bays()) {
                PackType k = problem.packType(bays.get(s.id()).packType());
                if (s.swapOut() != null && s.swapOut()[t]) {
                    continue;
                }
                double room = Math.max(0, k.maxSoc() - s.soc()[t]) * k.capacityKwh() / (k.chargeEfficiency() * dt);
                charge.add(Math.min(k.maxChargeKw(), room));
            }
            charge.sort((x, y) -> Double.compare(y, x));
            int active = problem.site().activeBayLimit(problem.bays().size());
            double most = charge.stream().limit(active).mapToDouble(Double::doubleValue).sum();
            double chargers = most - batteryKw(plan, t);
            double meter = problem.site().importLimitKw(t) - plan.grid().importKw()[t] + plan.grid().exportKw()[t];
            perSlot[t] = Math.max(0, Math.min(meter, chargers));
        }
        double[] out = new double[n];
        for (int[] w : FlexibilityCalculator.hourWindows(problem)) {
            double least = Double.POSITIVE_INFINITY;
            for (int t = w[0]; t < w[1]; t++) {
                least = Math.min(least, perSlot[t]);
            }
            for (int t = w[0]; t < w[1]; t++) {
                out[t] = least;
            }
        }
        return out;
    }

    private static Map<String, Bay> bays(Problem problem) {
        Map<String, Bay> out = new HashMap<>();
        problem.bays().forEach(b -> out.put(b.id(), b));
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
