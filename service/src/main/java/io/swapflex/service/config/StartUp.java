package io.swapflex.service.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.plan.Replanner;
import io.swapflex.service.station.Station;
import io.swapflex.service.station.StationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * At start: registers the example stations into an empty database (the embedded default), and re-plans every station
 * whose state changed since its last plan (or that has none), and re-plans every station every
 * {@code swapflex.planning.refresh-every}. The service answers at once; plans follow.
 */
@ApplicationScoped
public class StartUp {

    private static final Logger LOG = Logger.getLogger(StartUp.class);

    @ConfigProperty(name = "mp.jwt.verify.publickey.location", defaultValue = "")
    String devKey;

    void onStart(@Observes StartupEvent event, ServiceConfig config, StationService stations,
                 PlanningService planning, Replanner replanner, PlanMetrics metrics) {
        if (config.planning().refreshEvery().toMillis() > 0) {
            replanner.every(config.planning().refreshEvery(),
                    () -> stations.list().stream().map(Station::id).toList());
        }
        if (devKey.endsWith("dev-keys/publicKey.pem") && LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warn("bearer tokens are verified with the DEVELOPMENT key shipped in the repository: anyone can mint "
                    + "tokens for it. Set mp.jwt.verify.publickey.location to your own key in production.");
        }
        List<Station> known = stations.list();
        if (known.isEmpty() && config.examples().load()) {
            for (String name : Examples.names()) {
                stations.register(ContractJson.readProblem(Examples.json(name)), null);
            }
            LOG.infof("registered the example stations %s", Examples.names());
            return;
        }
        for (Station station : known) {
            planning.current(station.id()).ifPresent(metrics::observe);
            if (planning.stale(station, planning.current(station.id()).orElse(null))) {
                replanner.request(station.id(), "start-up");
            }
        }
        LOG.infof("%d stations in the database", known.size());
    }
}
