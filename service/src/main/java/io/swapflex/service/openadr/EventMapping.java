package io.swapflex.service.openadr;

import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.openadr.MappingOutcome.PayloadOutcome;
import io.swapflex.service.openadr.MappingOutcome.Result;
import io.swapflex.service.openadr.OpenAdrEvent.Interval;
import io.swapflex.service.openadr.OpenAdrEvent.Payload;
import io.swapflex.service.openadr.OpenAdrEvent.PayloadType;
import io.swapflex.service.plan.GridSignal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Maps an OpenADR event onto one station, given the problem the station is planned with now. No side effects: the
 * {@link OpenAdrService} stores the signals and sends the dispatch runs.
 *
 * <pre>
 * payload type           engine effect (per targeted station)
 * PRICE                  tariff.importPricePerKwh over the interval   (GridSignal IMPORT_PRICE, stored)
 * EXPORT_PRICE           tariff.exportPricePerKwh over the interval   (GridSignal EXPORT_PRICE, stored)
 * IMPORT_CAPACITY_LIMIT  site.gridImportLimitKwBySlot in the slots it overlaps (GridSignal IMPORT_LIMIT, stored)
 * EXPORT_CAPACITY_LIMIT  site.gridExportLimitKwBySlot in the slots it overlaps (GridSignal EXPORT_LIMIT, stored)
 * DISPATCH_SETPOINT      a firm dispatch request: net export ≥ value kW in every slot the interval overlaps
 * </pre>
 *
 * <p>Prices and limits are kept with their absolute window and applied by every re-plan whose horizon reaches them
 * (so an interval beyond today's horizon applies once the horizon rolls on); a price currency other than the station's
 * is declined. Setpoints must be judged now, so an interval that ends after the horizon is declined. Per slot the
 * setpoint is the largest of the intervals overlapping the slot (an interval partly covering a slot binds the whole
 * slot, since a slot's power is constant); consecutive slots with the same setpoint form one {@link DispatchRun},
 * sent as one dispatch request (reward 0: what the programme pays is outside the event). A 0 kW setpoint asks for
 * nothing on top of the station's commitments. Intervals over before {@code now} are PAST.
 */
public final class EventMapping {

    private EventMapping() {
    }

    /**
     * Consecutive slots [fromSlot, toSlot) holding the same setpoint.
     *
     * @param intervalIds the event intervals overlapping those slots
     */
    public record DispatchRun(int fromSlot, int toSlot, Instant from, Instant to, double kw,
                              List<Integer> intervalIds) {
    }

    /**
     * What the event means for one station.
     *
     * @param signals  price and limit overrides to store (in interval order)
     * @param runs     dispatch requests to send, by slot
     * @param outcomes the payloads already decided (everything but the runs)
     */
    public record StationMapping(String stationId, List<GridSignal> signals, List<DispatchRun> runs,
                                 List<PayloadOutcome> outcomes) {
    }

    /**
     * @param problem the station's problem now (its horizon starts at the current slot; its tariff's currency)
     */
    public static StationMapping map(OpenAdrEvent event, Problem problem, Instant now) {
        OffsetDateTime start = problem.horizon().startTime();
        long slotSeconds = problem.horizon().slotMinutes() * 60L;
        int n = problem.slots();
        Instant horizonEnd = start.toInstant().plusSeconds(slotSeconds * n);
        String currency = problem.tariff().currency();
        List<GridSignal> signals = new ArrayList<>();
        List<PayloadOutcome> outcomes = new ArrayList<>();
        double[] level = new double[n];
        List<TreeSet<Integer>> ids = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            ids.add(new TreeSet<>());
        }
        for (Interval interval : event.intervals()) {
            for (Payload payload : interval.payloads()) {
                PayloadType type = payload.type();
                String units = type.isPower() ? "KW" : currency + "/kWh";
                List<Integer> one = List.of(interval.id());
                Instant from = interval.start();
                Instant to = interval.end();
                if (!to.isAfter(now)) {
                    outcomes.add(PayloadOutcome.of(type.name(), one, from, to, payload.value(), units, Result.PAST,
                            "the interval ended before the event arrived"));
                } else if (type == PayloadType.DISPATCH_SETPOINT) {
                    if (to.isAfter(horizonEnd)) {
                        outcomes.add(PayloadOutcome.of(type.name(), one, from, to, payload.value(), units,
                                Result.DECLINED, "the interval ends after the planning horizon (" + horizonEnd
                                        + "): SwapFlex commits only to what it can plan now"));
                    } else if (payload.value() <= 0) {
                        outcomes.add(PayloadOutcome.of(type.name(), one, from, to, 0, units, Result.APPLIED,
                                "0 kW: nothing to hold on top of the station's commitments"));
                    } else {
                        long a = Math.max(0, Math.floorDiv(from.getEpochSecond() - start.toEpochSecond(), slotSeconds));
                        long b = -Math.floorDiv(start.toEpochSecond() - to.getEpochSecond(), slotSeconds);
                        for (int t = (int) a; t < Math.min(n, b); t++) {
                            level[t] = Math.max(level[t], payload.value());
                            ids.get(t).add(interval.id());
                        }
                    }
                } else {
                    String declared = event.currencies().get(type);
                    if (!type.isPower() && declared != null && !declared.equals(currency)) {
                        outcomes.add(PayloadOutcome.of(type.name(), one, from, to, payload.value(), declared + "/kWh",
                                Result.DECLINED, "the price is in " + declared + ", station " + problem.stationId()
                                        + "'s tariff is in " + currency));
                    } else {
                        signals.add(new GridSignal(kind(type), from, to, payload.value()));
                        outcomes.add(PayloadOutcome.of(type.name(), one, from, to, payload.value(), units,
                                Result.APPLIED, from.isBefore(horizonEnd) ? null : "applies once the planning "
                                        + "horizon reaches it (it now ends at " + horizonEnd + ")"));
                    }
                }
            }
        }
        return new StationMapping(problem.stationId(), signals, runs(level, ids, start.toInstant(), slotSeconds),
                outcomes);
    }

    private static List<DispatchRun> runs(double[] level, List<TreeSet<Integer>> ids, Instant start,
                                          long slotSeconds) {
        List<DispatchRun> runs = new ArrayList<>();
        int t = 0;
        while (t < level.length) {
            if (level[t] <= 0) {
                t++;
                continue;
            }
            int end = t + 1;
            TreeSet<Integer> joined = new TreeSet<>(ids.get(t));
            while (end < level.length && level[end] == level[t]) {
                joined.addAll(ids.get(end));
                end++;
            }
            runs.add(new DispatchRun(t, end, start.plusSeconds(slotSeconds * t), start.plusSeconds(slotSeconds * end),
                    level[t], List.copyOf(joined)));
            t = end;
        }
        return runs;
    }

    private static GridSignal.Kind kind(PayloadType type) {
        return switch (type) {
            case PRICE -> GridSignal.Kind.IMPORT_PRICE;
            case EXPORT_PRICE -> GridSignal.Kind.EXPORT_PRICE;
            case IMPORT_CAPACITY_LIMIT -> GridSignal.Kind.IMPORT_LIMIT;
            case EXPORT_CAPACITY_LIMIT -> GridSignal.Kind.EXPORT_LIMIT;
            case DISPATCH_SETPOINT -> throw new IllegalArgumentException("a setpoint is a dispatch request");
        };
    }

    static String kw(double v) {
        return String.format(Locale.ROOT, "%.2f kW", v);
    }
}
