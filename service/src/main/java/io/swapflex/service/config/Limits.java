package io.swapflex.service.config;

import io.quarkus.runtime.StartupEvent;
import io.swapflex.optimizer.contract.ProblemLimits;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Puts the configured size limits ({@code swapflex.limits.*} in application.properties, a system property or an
 * environment variable) in force before anything is registered or solved: the engine's validators and JSON readers
 * read them from {@link ProblemLimits#current()}. A limit that is not a positive whole number stops the start, naming
 * the setting.
 */
@ApplicationScoped
public class Limits {

    private static final Logger LOG = Logger.getLogger(Limits.class);

    /** Before the other start-up observers (they register the example stations). */
    void onStart(@Observes @Priority(1) StartupEvent event, Config config) {
        ProblemLimits limits = ProblemLimits.DEFAULT.with(name -> config.getOptionalValue(name, String.class));
        ProblemLimits.configure(limits);
        LOG.debugf("size limits: %s", limits);
    }
}
