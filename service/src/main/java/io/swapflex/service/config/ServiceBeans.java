package io.swapflex.service.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.registry.Schedulers;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.jobs.GroupCommit;
import io.swapflex.service.dispatch.DispatchRepository;
import io.swapflex.service.dispatch.DispatchService;
import io.swapflex.service.flex.FlexibilityCalculator;
import io.swapflex.service.flex.FlexibilityService;
import io.swapflex.service.forecast.ForecastService;
import io.swapflex.service.openadr.OpenAdrRepository;
import io.swapflex.service.openadr.OpenAdrService;
import io.swapflex.service.plan.PlanRepository;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.station.StationView;
import io.swapflex.service.plan.PlanningSettings;
import io.swapflex.service.plan.RenderedSchedules;
import io.swapflex.service.plan.Replanner;
import io.swapflex.service.plan.SolveOverrunException;
import io.swapflex.service.plan.StoredPlan;
import io.swapflex.service.station.StationRepository;
import io.swapflex.service.station.StationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Wires the plain-Java services (which know nothing of CDI, so tests can build them without a container) into the
 * application.
 */
@ApplicationScoped
public class ServiceBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The one active datasource: the embedded H2 one by default, the PostgreSQL one under the {@code postgresql}
     * profile (both are built in; see application.properties).
     */
    @Produces
    @Singleton
    Jdbc jdbc(@Any InjectableInstance<AgroalDataSource> dataSources) {
        List<AgroalDataSource> active = dataSources.listActive();
        if (active.size() != 1) {
            throw new IllegalStateException("exactly one datasource must be active, " + active.size() + " are: "
                    + "the default (H2) or, with the profile postgresql, quarkus.datasource.\"postgresql\"");
        }
        return new Jdbc(active.get(0));
    }

    @Produces
    @Singleton
    StationRepository stationRepository(Jdbc jdbc) {
        return new StationRepository(jdbc);
    }

    @Produces
    @Singleton
    PlanRepository planRepository(Jdbc jdbc) {
        return new PlanRepository(jdbc);
    }

    @Produces
    @Singleton
    StationService stationService(StationRepository repository, Clock clock, Instance<Replanner> replanner,
                                  ServiceConfig config) {
        ServiceConfig.Events e = config.events();
        // The re-planner needs the planning service, which needs this one: look it up when a change happens.
        return new StationService(repository, clock, (id, reason) -> replanner.get().request(id, reason),
                new GroupCommit.Settings(e.maxQueued(), e.maxBatch(), e.retryAfterSeconds()));
    }

    void closeStations(@Disposes StationService stations) {
        stations.shutdown();
    }

    @Produces
    @Singleton
    DispatchRepository dispatchRepository(Jdbc jdbc) {
        return new DispatchRepository(jdbc);
    }

    /** The schedulers by name (a test may put in an alternative that hangs, to test the solve watchdog). */
    @Produces
    @Singleton
    PlanningService.SchedulerSource schedulerSource() {
        return Schedulers::byName;
    }

    @Produces
    @Singleton
    PlanningService planningService(StationService stations, PlanRepository plans, Clock clock, ServiceConfig config,
                                    PlanMetrics metrics, DispatchRepository dispatches, OpenAdrRepository openadr,
                                    Instance<FlexibilityService> flexibility, Instance<ForecastService> forecasts,
                                    Event<StoredPlan> committed, PlanningService.SchedulerSource schedulers) {
        ServiceConfig.Planning p = config.planning();
        // Flexibility needs the planning service: look it up when a plan is committed.
        return new PlanningService(stations, plans, clock,
                new PlanningSettings(p.solver(), p.timeLimit(), p.gapTarget(), p.maxSolveTimeLimit()),
                PlanningService.Inputs.defaults().onPlan(plan -> {
                    metrics.solved(plan);
                    flexibility.get().planned(plan);
                    // Anyone else who must hear of a new plan (OCPP sessions push it) observes StoredPlan.
                    committed.fire(plan);
                }).dispatches(dispatches::active)
                        // A station is planned with its registration's profile, or an uploaded forecast's rows in its
                        // place.
                        .profile(station -> forecasts.get().profile(station))
                        // The grid operator's OpenADR price and limit signals, applied by every re-plan until they pass.
                        .signals(openadr::signals)
                        .schedulers(schedulers, p.solveGrace()));
    }

    /** What a station's view shows of its current plan (stations may not depend on plans; plans give it). */
    @Produces
    @Singleton
    StationView.CurrentPlans currentPlans(PlanningService planning) {
        return planning::brief;
    }

    void closePlanning(@Disposes PlanningService planning) {
        planning.shutdown();
    }

    /** Schedules written once per plan version and window, by the same JSON mapper the REST layer answers with. */
    @Produces
    @Singleton
    RenderedSchedules renderedSchedules(ObjectMapper json) {
        return new RenderedSchedules(schedule -> {
            try {
                return json.writeValueAsBytes(schedule);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the schedule of " + schedule.stationId(), e);
            }
        });
    }

    @Produces
    @Singleton
    OpenAdrRepository openAdrRepository(Jdbc jdbc) {
        return new OpenAdrRepository(jdbc);
    }

    @Produces
    @Singleton
    OpenAdrService openAdrService(StationService stations, PlanningService planning, DispatchService dispatch,
                                  FlexibilityService flexibility, OpenAdrRepository repository, Clock clock) {
        return new OpenAdrService(stations, planning, dispatch, flexibility, repository, clock);
    }

    @Produces
    @Singleton
    FlexibilityCalculator flexibilityCalculator(ServiceConfig config) {
        return new FlexibilityCalculator(config.flexibility().steps());
    }

    @Produces
    @Singleton
    FlexibilityService flexibilityService(PlanningService planning, FlexibilityCalculator calculator, Clock clock,
                                          ServiceConfig config) {
        ServiceConfig.Flexibility f = config.flexibility();
        String method = "per clock hour of the plan's horizon: a physical bound (export limit, discharge power of the "
                + "active bays, stored energy), then the station's current plan re-planned with a firm request of X kW "
                + "over the window on top (" + calculator.describe() + "), X = the bound, then bisected; X is offered "
                + "only with "
                + "a plan that passes the plan checker and leaves no more swaps "
                + "unserved than the current plan";
        ExecutorService background = null;
        if (f.precompute()) {
            // below the request threads (and the re-plans): the figures may come late, the schedules may not
            background = Executors.newSingleThreadExecutor(BackgroundThreads.factory("swapflex-flexibility", f.nice()));
        }
        return new FlexibilityService(planning, calculator, clock, method, background);
    }

    void closeFlexibility(@Disposes FlexibilityService flexibility) {
        flexibility.shutdown();
    }

    @Produces
    @Singleton
    DispatchService dispatchService(StationService stations, PlanningService planning, FlexibilityService flexibility,
                                    FlexibilityCalculator calculator, DispatchRepository repository, Clock clock) {
        return new DispatchService(stations, planning, flexibility, calculator, repository, clock);
    }

    @Produces
    @Singleton
    Replanner replanner(PlanningService planning, ServiceConfig config) {
        // Below the request threads: a solve's time limit is wall-clock, so a busy moment costs plan quality, not the
        // controllers' answers.
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(Math.max(1, config.planning().threads()),
                BackgroundThreads.factory("swapflex-planner", config.planning().nice()));
        // A re-plan that failed for a passing reason (the database unreachable or full, a solve past its deadline) is
        // tried again after 1 s, 2 s, 4 s ... at most a minute apart, so the station gets its plan once the fault is gone.
        return new Replanner(executor, config.planning().debounce(), planning::planNow,
                e -> e instanceof SolveOverrunException || e instanceof Jdbc.PersistenceException p
                        && p.kind() != Jdbc.PersistenceException.Kind.OTHER,
                Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    void closeReplanner(@Disposes Replanner replanner) {
        replanner.shutdown();
    }
}
