package io.swapflex.service.ocpp;

import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.station.StationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Wires the plain OCPP service into the application. */
@ApplicationScoped
public class OcppBeans {

    @Produces
    @Singleton
    OcppService ocppService(StationService stations, PlanningService planning, Clock clock) {
        return new OcppService(stations, planning, clock);
    }
}
