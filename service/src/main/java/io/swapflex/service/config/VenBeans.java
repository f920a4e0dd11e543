package io.swapflex.service.config;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.swapflex.service.openadr.OpenAdrService;
import io.swapflex.service.openadr.Ven;
import io.swapflex.service.openadr.VenControl;
import io.swapflex.service.openadr.VenEvents;
import io.swapflex.service.openadr.VenRunner;
import io.swapflex.service.openadr.VtnClient;
import io.swapflex.service.plan.Replanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * The OpenADR VEN, when {@code swapflex.openadr.vtn.url} is set: built from the settings (a missing client id or
 * secret stops the start, naming the setting) and polling from the start to the stop on a thread of its own.
 */
@ApplicationScoped
public class VenBeans {

    private static final Logger LOG = Logger.getLogger(VenBeans.class);

    @Produces
    @Singleton
    VenControl venControl(ServiceConfig config, OpenAdrService openadr, Replanner replanner, Clock clock) {
        ServiceConfig.OpenAdr.Vtn vtn = config.openadr().vtn();
        if (vtn.url().isEmpty()) {
            return VenControl.off();
        }
        requireCredentials(vtn.clientId(), vtn.clientSecret());
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String callbackToken = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Ven ven = new Ven(new VtnClient(vtn.url().get(), vtn.clientId().get(), vtn.clientSecret().get(), vtn.timeout(),
                clock), new VenEvents(openadr, replanner), new Ven.Settings(vtn.venName(), vtn.programs().orElse(Set.of()),
                vtn.pollInterval(), vtn.firstRetry(), vtn.maxRetry(), vtn.callbackUrl(), callbackToken), clock);
        return VenControl.of(new VenRunner(ven, Executors.newSingleThreadScheduledExecutor(
                BackgroundThreads.factory("openadr-ven", 0))), callbackToken);
    }

    /** @throws IllegalArgumentException naming each missing setting, when the client id or secret is missing */
    static void requireCredentials(Optional<String> clientId, Optional<String> clientSecret) {
        List<String> missing = new ArrayList<>();
        if (clientId.filter(s -> !s.isBlank()).isEmpty()) {
            missing.add("swapflex.openadr.vtn.client-id");
        }
        if (clientSecret.filter(s -> !s.isBlank()).isEmpty()) {
            missing.add("swapflex.openadr.vtn.client-secret");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("swapflex.openadr.vtn.url is set, so the VEN needs "
                    + String.join(" and ", missing) + " (the client credentials the VTN issued)");
        }
    }

    void start(@Observes StartupEvent event, VenControl control, ServiceConfig config) {
        control.runner().ifPresent(runner -> {
            ServiceConfig.OpenAdr.Vtn vtn = config.openadr().vtn();
            LOG.infof("OpenADR VEN %s: polling the VTN at %s every %s%s", vtn.venName(), vtn.url().orElseThrow(),
                    vtn.pollInterval(), vtn.callbackUrl().map(u -> ", notified at " + u).orElse(""));
            runner.start();
        });
    }

    void stop(@Observes ShutdownEvent event, VenControl control) {
        control.runner().ifPresent(VenRunner::stop);
    }
}
