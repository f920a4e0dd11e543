package io.swapflex.service.config;

import io.quarkus.runtime.StartupEvent;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.forecast.ForecastRepository;
import io.swapflex.service.forecast.ForecastService;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.station.StationService;
import io.swapflex.service.whatif.WhatIfRepository;
import io.swapflex.service.whatif.WhatIfService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Wires forecasts and what-if studies; at start, queues again the what-if jobs the last stop interrupted. */
@ApplicationScoped
public class WhatIfBeans {

    @Produces
    @Singleton
    ForecastRepository forecastRepository(Jdbc jdbc) {
        return new ForecastRepository(jdbc);
    }

    @Produces
    @Singleton
    ForecastService forecastService(StationService stations, ForecastRepository forecasts, Clock clock) {
        return new ForecastService(stations, forecasts, clock);
    }

    @Produces
    @Singleton
    WhatIfRepository whatIfRepository(Jdbc jdbc) {
        return new WhatIfRepository(jdbc);
    }

    @Produces
    @Singleton
    WhatIfService whatIfService(WhatIfRepository jobs, StationService stations, PlanningService planning, Clock clock,
                                ServiceConfig config) {
        ServiceConfig.WhatIf w = config.whatif();
        int threads = Math.max(1, w.threads());
        AtomicInteger count = new AtomicInteger();
        // Bounded by the jobs table (at most max-queued waiting), so the executor's own queue needs no bound.
        ExecutorService executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, "swapflex-whatif-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    thread.setPriority(Thread.NORM_PRIORITY - 1); // the stations' re-plans come first
                    return thread;
                });
        return new WhatIfService(jobs, stations, planning, clock, executor,
                new WhatIfService.Settings(Math.max(1, w.maxScenarios()), Math.max(1, w.maxQueued())));
    }

    void closeWhatIf(@Disposes WhatIfService whatIf) {
        whatIf.shutdown();
    }

    void onStart(@Observes StartupEvent event, WhatIfService whatIf) {
        whatIf.resume();
    }
}
