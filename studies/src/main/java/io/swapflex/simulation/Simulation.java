package io.swapflex.simulation;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plays a policy over the simulated days of a world, slot by slot: the policy decides from the SOC at the slot's
 * start, then the slot's realised riders arrive and {@link BankPhysics} applies the decision. The bank starts at the
 * template's SOCs. Returns the totals and one row per day.
 */
public final class Simulation {

    private Simulation() {
    }

    /** Totals over a run (or a day) of one arm. Money in the tariff's currency, energy kWh, power kW. */
    public record Kpis(int demanded, int served, double importCost, double exportRevenue, double degradationCost,
                       double chargedKwh, double dischargedKwh, double exportedKwh, double peakImportKw,
                       int breaches, double endStoredKwh) {

        public int missed() {
            return demanded - served;
        }

        public double servedPercent() {
            return demanded == 0 ? 100.0 : 100.0 * served / demanded;
        }

        /** import cost − export revenue + degradation (no penalty for missed swaps: those are counted apart). */
        public double netCost() {
            return importCost - exportRevenue + degradationCost;
        }

        /** Energy through the bays, charge plus discharge, kWh. */
        public double cycledKwh() {
            return chargedKwh + dischargedKwh;
        }
    }

    /**
     * An arm's result: its totals, its days, the plans it made and the realised trace.
     *
     * @param trace what happened in every simulated slot: the meter and each bay's SOC at the slot's start
     */
    public record Result(String arm, Kpis total, List<Kpis> days, Policy.PlanStats plans, double wallSeconds,
                         Trace trace) {
    }

    /**
     * The realised slots of a run, for reports: net import and export at the meter (kW) and every bay's SOC at the
     * start of each slot ({@code soc[bay][slot]}). 8 bytes a bay and slot: 0.5 MB for a month of 21 bays.
     */
    public record Trace(double[] importKw, double[] exportKw, double[][] soc) {
    }

    private static final class Tally {
        int demanded;
        int served;
        double importCost;
        double exportRevenue;
        double degradation;
        double charged;
        double discharged;
        double exported;
        double peak;
        int breaches;

        void add(BankPhysics.Outcome o, double dt) {
            for (int k = 0; k < o.demanded().length; k++) {
                demanded += o.demanded()[k];
                served += o.served()[k];
            }
            importCost += o.importCost();
            exportRevenue += o.exportRevenue();
            degradation += o.degradationCost();
            charged += o.chargedKwh();
            discharged += o.dischargedKwh();
            exported += o.exportKw() * dt;
            peak = Math.max(peak, o.importKw());
            breaches += o.breach() ? 1 : 0;
        }

        Kpis kpis(double stored) {
            return new Kpis(demanded, served, importCost, exportRevenue, degradation, charged, discharged, exported,
                    peak, breaches, stored);
        }
    }

    /** Runs {@code policy} over every simulated slot of {@code world}; progress per day to {@code progress}. */
    public static Result run(String arm, World world, Policy policy, PrintStream progress) {
        long start = System.nanoTime();
        BankPhysics physics = new BankPhysics(world.template(), world.slotHours());
        double[] soc = new double[physics.bayCount()];
        for (int b = 0; b < soc.length; b++) {
            soc[b] = world.template().bays().get(b).soc();
        }
        int types = world.packTypes().size();
        int perDay = world.slotsPerDay();
        Tally total = new Tally();
        List<Kpis> days = new ArrayList<>();
        Tally day = new Tally();
        int slots = world.simulatedSlots();
        double[] importKw = new double[slots];
        double[] exportKw = new double[slots];
        double[][] socTrace = new double[soc.length][slots];
        for (int t = 0; t < slots; t++) {
            for (int b = 0; b < soc.length; b++) {
                socTrace[b][t] = soc[b];
            }
            Action action = policy.decide(t, soc.clone());
            int[] demand = new int[types];
            for (int k = 0; k < types; k++) {
                demand[k] = world.demand(k, t);
            }
            BankPhysics.Outcome o = physics.step(soc, action, demand, world.baseLoad(t), world.importPrice(t),
                    world.exportPrice(t));
            importKw[t] = o.importKw();
            exportKw[t] = o.exportKw();
            total.add(o, world.slotHours());
            day.add(o, world.slotHours());
            if ((t + 1) % perDay == 0) {
                Kpis k = day.kpis(physics.storedKwh(soc));
                days.add(k);
                day = new Tally();
                if (progress != null) {
                    progress.printf(Locale.ROOT, "[%s] day %d/%d: served %d/%d, net cost %.1f%n", arm, days.size(),
                            world.days(), k.served(), k.demanded(), k.netCost());
                }
            }
        }
        return new Result(arm, total.kpis(physics.storedKwh(soc)), days, policy.planStats(),
                (System.nanoTime() - start) / 1e9, new Trace(importKw, exportKw, socTrace));
    }
}
