package io.swapflex.service.config;

import io.quarkus.runtime.StartupEvent;
import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.service.common.security.SigningKeys;
import io.swapflex.service.common.security.TokenKeys;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.plan.Replanner;
import io.swapflex.service.station.Station;
import io.swapflex.service.station.StationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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

    void onStart(@Observes StartupEvent event, ServiceConfig config, StationService stations,
                 PlanningService planning, Replanner replanner, PlanMetrics metrics, TokenKeys tokenKeys) {
        if (config.planning().refreshEvery().toMillis() > 0) {
            replanner.every(config.planning().refreshEvery(),
                    () -> stations.list().stream().map(Station::id).toList());
        }
        ownSigningKeys(tokenKeys);
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

    /**
     * The embedded default verifies tokens with the data directory's own key pair: made here on first start (the
     * verification reads it at the first token), reused after. Not made when verification points elsewhere.
     */
    private static void ownSigningKeys(TokenKeys tokenKeys) {
        if (!tokenKeys.ownKeyInUse()) {
            LOG.infof("bearer tokens are verified with %s", tokenKeys.describe());
            return;
        }
        SigningKeys keys = SigningKeys.of(tokenKeys.dataDir());
        LOG.infof("bearer tokens are verified with this installation's own key, %s %s (./swapflex token mints tokens "
                + "for it); point mp.jwt.verify.publickey.location at your identity provider in production",
                keys.ensure() ? "made now in" : "kept in", keys.directory().toAbsolutePath());
    }
}
