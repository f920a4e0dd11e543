package io.swapflex.simulation;

import io.swapflex.optimizer.flow.FlowScheduler;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * A diagnostic run of one arm of a simulation study (not a test): per slot, the import cost, riders demanded and
 * served per pack type, ready packs per type and stored kWh, as CSV. For locating a hedge's misses and cost
 * (docs/hedging.md, the night of 6 December).
 *
 * <pre>
 *   java -cp STUDIES_TEST_CLASSPATH io.swapflex.simulation.HedgeProbe STUDY.json SEED DAYS ARM OUT.csv \
 *        [RULE LEVEL RESERVE [q2W,q3W,r2W,r3W]]
 * </pre>
 * SEED must be the study's (a check against running the wrong world). ARM {@code pf}: perfect foresight (the study's
 * blocks); any other name: the planning policy with RULE, LEVEL and RESERVE level (and, for {@code scenario+typed},
 * these per-type levels in place of the newsvendor ones; for {@code scenario+fall} {@code f2W,f3W}, its levels at the
 * fall; for {@code saa} its penalty factor), 40 ms deterministic re-plans as the reference month.
 * Prints each day's running totals, the bank at 21:00 and 22:00 and, at the end, the plan checker's counts to stderr.
 */
public final class HedgeProbe {

    private HedgeProbe() {
    }

    private static int time0(World world, int t) {
        var time = world.timeOf(t);
        return time.getHour() * 100 + time.getMinute();
    }

    public static void main(String[] args) throws Exception {
        SimulationStudy base = SimulationStudy.read(Files.readString(Path.of(args[0])));
        long seed = Long.parseLong(args[1]);
        int days = Integer.parseInt(args[2]);
        String arm = args[3];
        Path out = Path.of(args[4]);
        SimulationStudy study = base.withDefaults().with(days, 1, 40, false).withSolves(null, true);
        if (study.seed() != seed) {
            throw new IllegalArgumentException("seed " + study.seed() + " in the study, " + seed + " asked");
        }
        World world = World.generate(study);
        Policy policy;
        if (arm.equals("pf")) {
            policy = new PlanningPolicy("pf", world, Forecasts.perfect(world), 0.5, "per-slot", 0,
                    2 * world.slotsPerDay(), world.slotsPerDay(), FlowScheduler.deterministic(seed + 2),
                    Duration.ofMillis(study.perfectForesightTimeLimitMillis()), 1e-3);
        } else {
            String rule = args[5];
            double q = Double.parseDouble(args[6]);
            double reserve = Double.parseDouble(args[7]);
            PlanningPolicy p = new PlanningPolicy(arm, world,
                    Forecasts.named(study.forecaster(), world, study.horizonSlots()), q, rule, study.nearTermSlots(),
                    study.horizonSlots(), 1, FlowScheduler.deterministic(seed + 1), Duration.ofMillis(40),
                    study.gapTarget()).reserveLevel(reserve);
            if (args.length > 8 && rule.equals("saa")) {
                p.saaPenaltyFactor(Double.parseDouble(args[8])); // the saa rule: its penalty factor
            } else if (args.length > 8) {
                // per-type levels in place of the rule's: q2W,q3W,r2W,r3W
                double[] v = java.util.Arrays.stream(args[8].split(",")).mapToDouble(Double::parseDouble).toArray();
                if (rule.equals("scenario+fall")) {
                    p.fallLevels(v); // the fall rule's levels per type: f2W,f3W
                } else {
                    p.typeLevels(new double[]{v[0], v[1]}, new double[]{v[2], v[3]});
                }
            }
            policy = p;
        }
        BankPhysics physics = new BankPhysics(world.template(), world.slotHours());
        double[] soc = new double[physics.bayCount()];
        for (int b = 0; b < soc.length; b++) {
            soc[b] = world.template().bays().get(b).soc();
        }
        int types = world.packTypes().size();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            w.print("t,day,hhmm,price,import_cost,degr,net,stored");
            for (int k = 0; k < types; k++) {
                w.print(",dem" + k + ",srv" + k + ",ready" + k);
            }
            w.println();
            double total = 0;
            int missed = 0;
            for (int t = 0; t < world.simulatedSlots(); t++) {
                Action a = policy.decide(t, soc.clone());
                int[] demand = new int[types];
                int[] ready = new int[types];
                for (int b = 0; b < soc.length; b++) {
                    ready[physics.typeOf(b)] += physics.ready(b, soc[b]) ? 1 : 0;
                }
                for (int k = 0; k < types; k++) {
                    demand[k] = world.demand(k, t);
                }
                double stored = physics.storedKwh(soc);
                if (time0(world, t) == 2200 || time0(world, t) == 2100) {
                    StringBuilder sb = new StringBuilder();
                    for (int b = 0; b < soc.length; b++) {
                        sb.append(physics.typeOf(b) == 0 ? "a" : "B").append(String.format(Locale.ROOT, "%.2f ", soc[b]));
                    }
                    System.err.println("[" + arm + "] soc d" + t / world.slotsPerDay() + " " + time0(world, t) + ": " + sb);
                }
                BankPhysics.Outcome o = physics.step(soc, a, demand, world.baseLoad(t), world.importPrice(t),
                        world.exportPrice(t));
                double net = o.importCost() - o.exportRevenue() + o.degradationCost();
                total += net;
                var time = world.timeOf(t);
                w.printf(Locale.ROOT, "%d,%d,%02d%02d,%.3f,%.4f,%.4f,%.4f,%.3f", t, t / world.slotsPerDay(),
                        time.getHour(), time.getMinute(), world.importPrice(t), o.importCost(), o.degradationCost(),
                        net, stored);
                for (int k = 0; k < types; k++) {
                    w.printf(Locale.ROOT, ",%d,%d,%d", o.demanded()[k], o.served()[k], ready[k]);
                    missed += o.demanded()[k] - o.served()[k];
                }
                w.println();
                if ((t + 1) % world.slotsPerDay() == 0) {
                    System.err.printf(Locale.ROOT, "[%s] day %d: net %.1f missed %d%n", arm,
                            (t + 1) / world.slotsPerDay(), total, missed);
                }
            }
            System.err.printf(Locale.ROOT, "[%s] total net %.1f missed %d end %.1f kWh%n", arm, total, missed,
                    physics.storedKwh(soc));
            Policy.PlanStats p = policy.planStats();
            System.err.printf(Locale.ROOT, "[%s] plans %d, rejected by the plan checker %d, fallbacks %d, rejected "
                    + "plans applied %d%n", arm, p.plans(), p.checkerFailures(), p.fallbacks(), p.appliedFailures());
        }
    }
}
