package io.swapflex.service.config;

import io.swapflex.service.persistence.Jdbc;
import io.swapflex.service.persistence.PlanRepository;
import io.swapflex.service.persistence.StationRepository;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.plan.PlanningSettings;
import io.swapflex.service.plan.Replanner;
import io.swapflex.service.station.StationService;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wires the plain-Java services (which know nothing of CDI, so tests can build them without a container) into the
 * application.
 */
@ApplicationScoped
public class ServiceBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    Jdbc jdbc(AgroalDataSource dataSource) {
        return new Jdbc(dataSource);
    }

    @Produces
    @Singleton
    StationRepository stationRepository(Jdbc jdbc) {
        return new StationRepository(jdbc);
    }

    @Produces
    @Singleton
    PlanRepository planRepository(Jdbc jdbc) {
        return new PlanRepository(jdbc);
    }

    @Produces
    @Singleton
    StationService stationService(StationRepository repository, Clock clock, Instance<Replanner> replanner) {
        // The re-planner needs the planning service, which needs this one: look it up when a change happens.
        return new StationService(repository, clock, (id, reason) -> replanner.get().request(id, reason));
    }

    @Produces
    @Singleton
    PlanningService planningService(StationService stations, PlanRepository plans, Clock clock, ServiceConfig config,
                                    PlanMetrics metrics) {
        ServiceConfig.Planning p = config.planning();
        return new PlanningService(stations, plans, clock,
                new PlanningSettings(p.solver(), p.timeLimit(), p.gapTarget(), p.maxSolveTimeLimit()), metrics::solved);
    }

    @Produces
    @Singleton
    Replanner replanner(PlanningService planning, ServiceConfig config) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread thread = new Thread(r, "swapflex-planner-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ScheduledExecutorService executor =
                Executors.newScheduledThreadPool(Math.max(1, config.planning().threads()), threads);
        return new Replanner(executor, config.planning().debounce(), planning::planNow);
    }

    void closeReplanner(@Disposes Replanner replanner) {
        replanner.shutdown();
    }
}
