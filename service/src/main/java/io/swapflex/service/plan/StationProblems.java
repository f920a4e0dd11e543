package io.swapflex.service.plan;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.Horizon;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.Site;
import io.swapflex.optimizer.contract.Tariff;
import io.swapflex.optimizer.economics.EndValues;
import io.swapflex.service.station.BayState;
import io.swapflex.service.station.Station;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the problem a station is planned with now, from its registration and its bays' state.
 *
 * <p>The registration's horizon is the station's <em>profile</em> and repeats: a day-long registration repeats daily.
 * The problem's horizon starts at the profile slot boundary at or before {@code now} (or at the registered start while
 * that is still ahead) and keeps the registered length; per-slot rows (base load, swap demand, prices) are rotated to
 * match. Registered dispatch requests are one-offs: they keep their absolute window, are clipped to the new horizon and
 * dropped once past. The bays are the ones holding a pack, with their last reported SOC; an empty bay has nothing to
 * plan.
 */
public final class StationProblems {

    private StationProblems() {
    }

    public static Problem build(Station station, Instant now) {
        return build(station, now, List.of());
    }

    /**
     * As {@link #build(Station, Instant)}, with the station's shares of the operator's accepted dispatch requests
     * added, in order, as firm requests on top of the ones before them ({@link Commitments#addOnTop}: they add up):
     * each keeps its absolute window, which is clipped to the horizon (slots the window touches at all are included,
     * should a later registration move the slot grid) and dropped once past or not yet begun within the horizon.
     */
    public static Problem build(Station station, Instant now, List<ActiveDispatch> dispatches) {
        return build(station, station.registration(), now, dispatches);
    }

    /**
     * As {@link #build(Station, Instant, List)}, with {@code profile} in place of the registration: the registration
     * with an uploaded forecast's rows (swap demand, prices, base load) in place of its own, on the same slots.
     */
    public static Problem build(Station station, Problem profile, Instant now, List<ActiveDispatch> dispatches) {
        return build(station, profile, now, dispatches, List.of());
    }

    /**
     * As {@link #build(Station, Problem, Instant, List)}, with the grid operator's price and limit overrides applied
     * ({@link #withSignals}) before the dispatch requests are added.
     */
    public static Problem build(Station station, Problem profile, Instant now, List<ActiveDispatch> dispatches,
                                List<GridSignal> signals) {
        Problem reg = profile;
        Horizon h = reg.horizon();
        OffsetDateTime start = h.startTime();
        int n = h.slots();
        long slotSeconds = h.slotMinutes() * 60L;
        long shift = Math.max(0, Math.floorDiv(now.getEpochSecond() - start.toEpochSecond(), slotSeconds));
        int rotation = (int) Math.floorMod(shift, (long) n);

        Horizon horizon = new Horizon(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(start.plusSeconds(shift * slotSeconds)), h.slotMinutes(), n);
        Site site = reg.site();
        Site shiftedSite = new Site(site.gridImportLimitKw(), site.gridExportLimitKw(), site.maxActiveBays(),
                rotate(site.baseLoadKw(), rotation), rotate(site.gridImportLimitKwBySlot(), rotation),
                rotate(site.gridExportLimitKwBySlot(), rotation));
        Map<String, int[]> demand = null;
        if (reg.swapDemand() != null) {
            demand = new LinkedHashMap<>();
            for (Map.Entry<String, int[]> row : reg.swapDemand().entrySet()) {
                demand.put(row.getKey(), rotate(row.getValue(), rotation));
            }
        }
        Tariff t = reg.tariff();
        Tariff tariff = new Tariff(t.currency(), rotate(t.importPricePerKwh(), rotation),
                rotate(t.exportPricePerKwh(), rotation));
        List<DispatchRequest> requests = new ArrayList<>();
        for (DispatchRequest r : reg.requests()) {
            long from = Math.max(0, r.fromSlot() - shift);
            long to = r.toSlot() - shift;
            if (to > from) {
                requests.add(new DispatchRequest(r.id(), (int) from, (int) to, r.exportKw(), r.rewardPerKwh(),
                        r.firm()));
            }
        }
        List<Bay> bays = new ArrayList<>();
        for (BayState bay : station.bays()) {
            if (bay.packPresent()) {
                bays.add(new Bay(bay.bayId(), bay.packType(), bay.socFraction()));
            }
        }
        // A re-plan values the energy it leaves for tomorrow (the station's end value, else the tariff's: EndValues),
        // and keeps the station's end readiness rule at the end of its rolling horizon: the bank is never planned
        // below the ready packs the station asked for.
        Problem problem = EndValues.fromTariff(withSignals(new Problem(reg.formatVersion(), reg.stationId(), horizon,
                shiftedSite, reg.packTypes(), bays, demand, tariff, reg.dispatchRequests() == null ? null : requests,
                reg.unservedSwapPenalty()), signals));
        long horizonStart = start.toEpochSecond() + shift * slotSeconds;
        for (ActiveDispatch d : dispatches) {
            long from = Math.max(0, Math.floorDiv(d.from().getEpochSecond() - horizonStart, slotSeconds));
            long to = Math.min(n, -Math.floorDiv(horizonStart - d.to().getEpochSecond(), slotSeconds));
            if (to > from) {
                problem = Commitments.addOnTop(problem, d.requestId(), (int) from, (int) to, d.exportKw(),
                        d.rewardPerKwh(), true);
            }
        }
        return problem;
    }

    /**
     * The problem with the grid operator's overrides in the slots their windows overlap. Prices: slot t's price is the
     * time-weighted mean over the slot of the price in force (the tariff's, where no signal covers that part; among
     * signals covering the same instant, the later one in the list), so a 15-minute price in an hourly slot counts
     * for a quarter of it. Limits: slot t's limit is the least of the meter's limit and every limit signal overlapping
     * the slot at all (a slot's power is constant, so it must respect the limit throughout); see
     * {@link #limitBySlot}; they become the site's {@code gridImportLimitKwBySlot} / {@code gridExportLimitKwBySlot}
     * (the contract's limit in slot t is the least of the constant and the slot's). Signals outside the horizon change
     * nothing.
     *
     * @param signals in the order they were given (oldest first): a later price wins where two overlap
     */
    public static Problem withSignals(Problem p, List<GridSignal> signals) {
        if (signals.isEmpty()) {
            return p;
        }
        Tariff t = p.tariff();
        Tariff tariff = new Tariff(t.currency(),
                prices(p, t.importPricePerKwh(), signals, GridSignal.Kind.IMPORT_PRICE),
                prices(p, t.exportPricePerKwh(), signals, GridSignal.Kind.EXPORT_PRICE));
        Site s = p.site();
        Site site = new Site(s.gridImportLimitKw(), s.gridExportLimitKw(), s.maxActiveBays(), s.baseLoadKw(),
                limits(p, s.gridImportLimitKw(), s.gridImportLimitKwBySlot(), signals, GridSignal.Kind.IMPORT_LIMIT),
                limits(p, s.gridExportLimitKw(), s.gridExportLimitKwBySlot(), signals, GridSignal.Kind.EXPORT_LIMIT));
        return new Problem(p.formatVersion(), p.stationId(), p.horizon(), site, p.packTypes(), p.bays(),
                p.swapDemand(), tariff, p.dispatchRequests(), p.unservedSwapPenalty());
    }

    /**
     * The site's per-slot limits with the signals' on top: per slot the least of the two; a slot neither restricts
     * gets the site's constant limit. Null when neither restricts any slot.
     */
    private static double[] limits(Problem p, Double constant, double[] bySlot, List<GridSignal> signals,
                                   GridSignal.Kind kind) {
        double[] signalled = limitBySlot(p, signals, kind);
        if (signalled == null) {
            return bySlot;
        }
        double[] out = new double[signalled.length];
        for (int t = 0; t < out.length; t++) {
            double least = Math.min(signalled[t], bySlot == null ? Double.POSITIVE_INFINITY : bySlot[t]);
            out[t] = Double.isInfinite(least) ? (constant == null ? Double.MAX_VALUE : constant) : least;
        }
        return out;
    }

    private static double[] prices(Problem p, double[] base, List<GridSignal> signals, GridSignal.Kind kind) {
        if (base == null) {
            return null;
        }
        long start = p.horizon().startTime().toEpochSecond();
        long slotSeconds = p.horizon().slotMinutes() * 60L;
        double[] out = base.clone();
        for (int s = 0; s < out.length; s++) {
            long a = start + s * slotSeconds;
            long b = a + slotSeconds;
            List<Long> cuts = new ArrayList<>(List.of(a, b));
            boolean touched = false;
            for (GridSignal g : signals) {
                if (g.kind() == kind && g.from().getEpochSecond() < b && g.to().getEpochSecond() > a) {
                    touched = true;
                    cuts.add(Math.max(a, g.from().getEpochSecond()));
                    cuts.add(Math.min(b, g.to().getEpochSecond()));
                }
            }
            if (!touched) {
                continue;
            }
            List<Long> sorted = cuts.stream().distinct().sorted().toList();
            double sum = 0;
            for (int i = 0; i + 1 < sorted.size(); i++) {
                long x = sorted.get(i);
                long y = sorted.get(i + 1);
                double price = base[s];
                for (GridSignal g : signals) {
                    if (g.kind() == kind && g.from().getEpochSecond() <= x && g.to().getEpochSecond() >= y) {
                        price = g.value();
                    }
                }
                sum += price * (y - x);
            }
            out[s] = sum / slotSeconds;
        }
        return out;
    }

    /**
     * Per slot of the problem's horizon, the least limit of the given kind among the signals overlapping the slot, or
     * null when none overlaps any slot. A slot no signal overlaps gets {@code Double.POSITIVE_INFINITY} (no
     * override).
     */
    public static double[] limitBySlot(Problem p, List<GridSignal> signals, GridSignal.Kind kind) {
        long start = p.horizon().startTime().toEpochSecond();
        long slotSeconds = p.horizon().slotMinutes() * 60L;
        double[] out = new double[p.slots()];
        java.util.Arrays.fill(out, Double.POSITIVE_INFINITY);
        boolean any = false;
        for (GridSignal g : signals) {
            if (g.kind() != kind) {
                continue;
            }
            for (int s = 0; s < out.length; s++) {
                long a = start + s * slotSeconds;
                if (g.from().getEpochSecond() < a + slotSeconds && g.to().getEpochSecond() > a) {
                    out[s] = Math.min(out[s], g.value());
                    any = true;
                }
            }
        }
        return any ? out : null;
    }

    static double[] rotate(double[] values, int by) {
        if (values == null) {
            return null;
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[(i + by) % values.length];
        }
        return out;
    }

    static int[] rotate(int[] values, int by) {
        if (values == null) {
            return null;
        }
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[(i + by) % values.length];
        }
        return out;
    }
}
