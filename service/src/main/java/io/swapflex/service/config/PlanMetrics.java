package io.swapflex.service.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.service.plan.StoredPlan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus metrics of the stations' plans ({@code /q/metrics}): solve time per station and status, and per station
 * the current plan's age, gap (NaN without a proven bound), unserved swaps over the horizon and version.
 */
@ApplicationScoped
public class PlanMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    private final Map<String, StoredPlan> current = new ConcurrentHashMap<>();

    /** A plan was just solved and committed. */
    public void solved(StoredPlan plan) {
        Timer.builder("swapflex.plan.solve").description("Wall time of a station re-plan's solve")
                .tag("station", plan.stationId()).tag("status", plan.plan().status().name())
                .register(registry).record(plan.plan().solveMillis(), TimeUnit.MILLISECONDS);
        observe(plan);
    }

    /** The station's current plan is this one (also for plans loaded at start). */
    public void observe(StoredPlan plan) {
        String station = plan.stationId();
        if (current.put(station, plan) == null) {
            Gauge.builder("swapflex.plan.age.seconds", current,
                            m -> Duration.between(m.get(station).createdAt(), clock.instant()).toMillis() / 1000.0)
                    .description("Seconds since the station's current plan was committed").tag("station", station)
                    .register(registry);
            Gauge.builder("swapflex.plan.gap", current, m -> gap(m.get(station).plan()))
                    .description("Certified relative gap of the current plan (NaN without a proven bound)")
                    .tag("station", station).register(registry);
            Gauge.builder("swapflex.plan.unserved.swaps", current, m -> m.get(station).plan().unservedTotal())
                    .description("Swaps the current plan leaves unserved over its horizon").tag("station", station)
                    .register(registry);
            Gauge.builder("swapflex.plan.version", current, m -> m.get(station).version())
                    .description("Version of the station's current plan").tag("station", station).register(registry);
        }
    }

    private static double gap(Plan plan) {
        return plan.gap() == null ? Double.NaN : plan.gap();
    }
}
