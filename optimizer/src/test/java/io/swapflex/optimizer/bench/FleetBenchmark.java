package io.swapflex.optimizer.bench;

import io.swapflex.optimizer.check.fleet.FleetChecker;
import io.swapflex.optimizer.fleet.FleetPlan;
import io.swapflex.optimizer.fleet.FleetPlanner;
import io.swapflex.optimizer.fleet.FleetProblem;
import io.swapflex.optimizer.flow.FlowScheduler;
import io.swapflex.optimizer.generate.FleetGenerator;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./swapflex bench fleet [SECONDS] [SEED] [STATIONS…]}: generated fleets ({@link FleetGenerator}: 8–50 bays a
 * station, feeders of ten with per-slot headroom, an evening request to the whole fleet) planned under one time limit,
 * with the price rounds that lift the fleet's bound and, as the baseline in the same process, without them (the
 * bound is then the stations' own bounds summed, and the shares have all the time). Every fleet plan goes through the
 * independent {@link FleetChecker}.
 */
public final class FleetBenchmark {

    private FleetBenchmark() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 60;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        int[] sizes = {100, 300, 1000};
        if (args.length > 2) {
            sizes = new int[args.length - 2];
            for (int i = 2; i < args.length; i++) {
                sizes[i - 2] = Integer.parseInt(args[i]);
            }
        }
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "fleet benchmark: %.0f s limit, seed %d, %d threads, heap max %d MiB%n", seconds,
                seed, threads, Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.printf(Locale.ROOT, "%-8s %-6s | %-10s %12s %12s %7s %7s %11s %6s %6s %5s | %-10s %12s %12s %7s "
                + "%6s %11s%n", "stations", "bays", "priced", "total", "bound", "gap%", "s", "unserved", "rounds", "check",
                "heapM", "unpriced", "total", "bound", "gap%", "check", "unserved");
        for (int n : sizes) {
            FleetProblem fleet = FleetGenerator.generate(n, seed);
            int bays = fleet.stations().stream().mapToInt(p -> p.bays().size()).sum();
            HeapPeak.reset();
            FleetPlan priced = new FleetPlanner(new FlowScheduler(), threads, true)
                    .plan(fleet, Duration.ofMillis((long) (seconds * 1000)));
            long heap = HeapPeak.mib();
            List<String> pricedFound = FleetChecker.check(fleet, priced);
            FleetPlan plain = new FleetPlanner(new FlowScheduler(), threads, false)
                    .plan(fleet, Duration.ofMillis((long) (seconds * 1000)));
            List<String> plainFound = FleetChecker.check(fleet, plain);
            System.out.printf(Locale.ROOT, "%-8d %-6d | %-10s %12.1f %12.1f %7.2f %7.1f %11s %6d %6s %5d | %-10s %12.1f "
                            + "%12.1f %7.2f %6s %11s%n", n, bays, priced.status(), priced.total(), nan(priced.bound()),
                    priced.gap() == null ? Double.NaN : 100 * priced.gap(), priced.solveMillis() / 1000.0,
                    unserved(priced) + "/" + demand(fleet), priced.priceRounds(), pricedFound.isEmpty() ? "ok" : "FAIL",
                    heap, plain.status(), plain.total(), nan(plain.bound()),
                    plain.gap() == null ? Double.NaN : 100 * plain.gap(), plainFound.isEmpty() ? "ok" : "FAIL",
                    unserved(plain) + "/" + demand(fleet));
            for (String f : pricedFound.subList(0, Math.min(5, pricedFound.size()))) {
                System.out.println("  checker: " + f);
            }
            for (String v : priced.violations().subList(0, Math.min(3, priced.violations().size()))) {
                System.out.println("  violation: " + v);
            }
            for (String f : plainFound.subList(0, Math.min(5, plainFound.size()))) {
                System.out.println("  unpriced checker: " + f);
            }
            for (String v : plain.violations().subList(0, Math.min(3, plain.violations().size()))) {
                System.out.println("  unpriced violation: " + v);
            }
        }
    }

    private static int unserved(FleetPlan plan) {
        return plan.stations().stream().mapToInt(SchedulerBenchmark::unserved).sum();
    }

    private static int demand(FleetProblem fleet) {
        return fleet.stations().stream().mapToInt(SchedulerBenchmark::demand).sum();
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }
}
