package io.swapflex.service.config;

import io.quarkus.runtime.StartupEvent;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.jobs.JobRunner;
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
        ExecutorService executor = JobRunner.executor("swapflex-whatif", Math.max(1, w.threads()));
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
