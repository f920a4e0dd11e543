package io.swapflex.service.ocpp;

import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.station.StationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.regex.Pattern;

/** Wires the plain OCPP service into the application. */
@ApplicationScoped
public class OcppBeans {

    @Produces
    @Singleton
    OcppService ocppService(StationService stations, PlanningService planning, Clock clock, OcppReports reports,
                            OcppConfig config) {
        return new OcppService(stations, planning, clock, reports, Pattern.compile(config.authorizeTokens()));
    }

    @Produces
    @Singleton
    OcppReports ocppReports(Jdbc jdbc) {
        return new OcppReports(jdbc);
    }

    @Produces
    @Singleton
    OcppCredentials ocppCredentials(Jdbc jdbc, Clock clock, OcppConfig config) {
        return new OcppCredentials(jdbc, clock, config.passwordIterations());
    }
}
