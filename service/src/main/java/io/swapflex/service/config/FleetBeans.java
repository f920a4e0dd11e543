package io.swapflex.service.config;

import io.quarkus.runtime.StartupEvent;
import io.swapflex.service.fleet.FleetJobService;
import io.swapflex.service.persistence.FleetRepository;
import io.swapflex.service.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Wires fleet jobs (one job at a time; its stations on the configured threads); at start, resumes interrupted ones. */
@ApplicationScoped
public class FleetBeans {

    @Produces
    @Singleton
    FleetRepository fleetRepository(Jdbc jdbc) {
        return new FleetRepository(jdbc);
    }

    @Produces
    @Singleton
    FleetJobService fleetJobService(FleetRepository jobs, Clock clock, ServiceConfig config) {
        ServiceConfig.Fleet f = config.fleet();
        int threads = f.threads() > 0 ? f.threads() : Runtime.getRuntime().availableProcessors();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "swapflex-fleet");
            thread.setDaemon(true);
            thread.setPriority(Thread.NORM_PRIORITY - 1); // the stations' own re-plans come first
            return thread;
        });
        return new FleetJobService(jobs, clock, executor, new FleetJobService.Settings(Math.max(1, f.maxStations()),
                Math.max(1, f.maxQueued()), f.timeLimit(), f.maxTimeLimit(), threads));
    }

    void closeFleet(@Disposes FleetJobService fleet) {
        fleet.shutdown();
    }

    void onStart(@Observes StartupEvent event, FleetJobService fleet) {
        fleet.resume();
    }
}
