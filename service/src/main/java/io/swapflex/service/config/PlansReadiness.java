package io.swapflex.service.config;

import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.station.Station;
import io.swapflex.service.station.StationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.ArrayList;
import java.util.List;

/** Ready when the database answers and every station has a committed plan to serve. */
@Readiness
@ApplicationScoped
public class PlansReadiness implements HealthCheck {

    @Inject
    StationService stations;

    @Inject
    PlanningService planning;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("plans");
        try {
            List<String> unplanned = new ArrayList<>();
            List<Station> all = stations.list();
            for (Station station : all) {
                if (planning.current(station.id()).isEmpty()) {
                    unplanned.add(station.id());
                }
            }
            return response.status(unplanned.isEmpty()).withData("stations", all.size())
                    .withData("withoutPlan", String.join(",", unplanned)).build();
        } catch (RuntimeException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
