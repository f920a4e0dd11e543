package io.swapflex.simulation;

import io.swapflex.planning.StationTemplate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The baselines that need no forecast and no solver. Both respect the bays' power and SOC band, {@code maxActiveBays}
 * and the import limit (base load first), and leave the packs ready for riders; the simulator serves riders from
 * whatever is ready.
 */
public final class RulePolicies {

    private RulePolicies() {
    }

    /**
     * <b>Charge as soon as returned, no V2G.</b> Every pack below {@code maxSoc} charges at full power (the last one
     * admitted at what is left of the import limit), packs closest to swap-ready first (they become ready soonest),
     * ready packs topping up to {@code maxSoc} last. Nothing ever discharges.
     */
    public static Policy chargeAsap(World world) {
        BankPhysics physics = new BankPhysics(world.template(), world.slotHours());
        StationTemplate station = world.template();
        return named("charge-asap", (t, soc) -> {
            Action a = Action.idle(soc.length);
            charge(physics, station, soc, a, byReadiness(physics, soc, allBays(soc.length)), world.baseLoad(t));
            return a;
        });
    }

    /**
     * <b>Price threshold.</b> With {@code low} the threshold price ({@link SimulationStudy.Threshold#lowPricePerKwh},
     * default the midpoint of the period's lowest and highest import price: under a two-level TOU tariff, off-peak), in slot t:
     * <ul>
     *   <li>import price ≤ low: charge every pack below maxSoc, as {@link #chargeAsap};</li>
     *   <li>otherwise: per pack type, keep {@code reserve = ceil(reserveFraction · bays of the type)} packs ready or on
     *   their way: when fewer are ready, the {@code reserve − ready} packs closest to ready charge at full power;</li>
     *   <li>import price > low and no pack charging: the ready packs beyond each type's reserve (fullest first)
     *   discharge down to {@code dischargeFloorSoc}, at most the site's base load in total (they displace expensive
     *   import) — and up to the export limit on top only when the export price is at least the import price (never
     *   under the Thai tariff, where export earns 2.20 THB/kWh against 2.9–5.8 to buy).</li>
     * </ul>
     */
    public static Policy threshold(World world, SimulationStudy.Threshold params) {
        BankPhysics physics = new BankPhysics(world.template(), world.slotHours());
        StationTemplate station = world.template();
        double low;
        if (params.lowPricePerKwh() != null) {
            low = params.lowPricePerKwh();
        } else {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < world.simulatedSlots(); t++) {
                min = Math.min(min, world.importPrice(t));
                max = Math.max(max, world.importPrice(t));
            }
            low = (min + max) / 2;
        }
        int typeCount = station.packTypes().size();
        int[] reserve = new int[typeCount];
        for (int b = 0; b < physics.bayCount(); b++) {
            reserve[physics.typeOf(b)]++;
        }
        for (int k = 0; k < typeCount; k++) {
            reserve[k] = (int) Math.ceil(params.reserveFraction() * reserve[k] - 1e-9);
        }
        double threshold = low;
        return named("price-threshold", (t, soc) -> {
            Action a = Action.idle(soc.length);
            double base = world.baseLoad(t);
            if (world.importPrice(t) <= threshold) {
                charge(physics, station, soc, a, byReadiness(physics, soc, allBays(soc.length)), base);
                return a;
            }
            List<Integer> urgent = new ArrayList<>();
            List<Integer> surplus = new ArrayList<>();
            for (int k = 0; k < typeCount; k++) {
                List<Integer> ready = new ArrayList<>();
                List<Integer> notReady = new ArrayList<>();
                for (int b = 0; b < soc.length; b++) {
                    if (physics.typeOf(b) == k) {
                        (physics.ready(b, soc[b]) ? ready : notReady).add(b);
                    }
                }
                int missing = reserve[k] - ready.size();
                List<Integer> candidates = byReadiness(physics, soc, notReady);
                urgent.addAll(candidates.subList(0, Math.max(0, Math.min(missing, candidates.size()))));
                if (missing < 0) {
                    ready.sort(Comparator.<Integer>comparingDouble(b -> -soc[b]).thenComparingInt(b -> b));
                    surplus.addAll(ready.subList(0, -missing));
                }
            }
            charge(physics, station, soc, a, urgent, base);
            boolean charging = false;
            for (double p : a.powerKw()) {
                charging |= p > 0;
            }
            if (!charging) {
                double target = base + (world.exportPrice(t) >= world.importPrice(t)
                        ? station.gridExportLimitKw() : 0.0);
                int active = 0;
                for (int b : surplus) {
                    if (target <= 1e-9 || active >= activeLimit(station, soc.length)) {
                        break;
                    }
                    double p = Math.min(target, physics.maxDischarge(b, soc[b], params.dischargeFloorSoc()));
                    if (p > 1e-9) {
                        a.powerKw()[b] = -p;
                        target -= p;
                        active++;
                    }
                }
            }
            return a;
        });
    }

    private static Policy named(String name, java.util.function.BiFunction<Integer, double[], Action> rule) {
        return new Policy() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Action decide(int t, double[] soc) {
                return rule.apply(t, soc);
            }
        };
    }

    private static List<Integer> allBays(int n) {
        List<Integer> all = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            all.add(b);
        }
        return all;
    }

    /** Bays not at maxSoc, closest to swap-ready first (not-ready packs by SOC descending, then ready ones). */
    static List<Integer> byReadiness(BankPhysics physics, double[] soc, List<Integer> bays) {
        List<Integer> out = new ArrayList<>();
        for (int b : bays) {
            if (physics.maxCharge(b, soc[b]) > 1e-9) {
                out.add(b);
            }
        }
        out.sort(Comparator.<Integer>comparingInt(b -> physics.ready(b, soc[b]) ? 1 : 0)
                .thenComparingDouble(b -> -soc[b])
                .thenComparingInt(b -> b));
        return out;
    }

    /** Charges {@code order} at full power within the active-bay limit and the import headroom left by base load. */
    static void charge(BankPhysics physics, StationTemplate station, double[] soc, Action a, List<Integer> order,
                       double baseLoadKw) {
        double headroom = station.gridImportLimitKw() - baseLoadKw;
        int active = 0;
        for (double p : a.powerKw()) {
            active += p != 0 ? 1 : 0;
        }
        int limit = activeLimit(station, soc.length);
        for (int b : order) {
            if (active >= limit || headroom <= 1e-9) {
                break;
            }
            double p = Math.min(physics.maxCharge(b, soc[b]), headroom);
            if (p > 1e-9) {
                a.powerKw()[b] = p;
                headroom -= p;
                active++;
            }
        }
    }

    private static int activeLimit(StationTemplate station, int bays) {
        return station.maxActiveBays() == null ? bays : station.maxActiveBays();
    }
}
