package io.swapflex.service.config;

import com.hazelcast.core.HazelcastInstance;
import io.quarkus.runtime.StartupEvent;
import io.swapflex.cluster.ClusterMembers;
import io.swapflex.cluster.ClusterStationSolver;
import io.swapflex.optimizer.fleet.StationSolver;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.jobs.JobRunner;
import io.swapflex.service.fleet.FleetJobService;
import io.swapflex.service.fleet.FleetRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.logging.Logger;

/**
 * Wires fleet jobs (one job at a time; its stations on the configured threads, or spread over a Hazelcast cluster
 * when {@code swapflex.cluster.members} is set); at start, resumes interrupted ones.
 */
@ApplicationScoped
public class FleetBeans {

    private static final Logger LOG = Logger.getLogger(FleetBeans.class.getName());

    /** This instance's cluster member, when it is one. */
    private HazelcastInstance member;

    @Produces
    @Singleton
    FleetRepository fleetRepository(Jdbc jdbc) {
        return new FleetRepository(jdbc);
    }

    @Produces
    @Singleton
    FleetJobService fleetJobService(FleetRepository jobs, Clock clock, ServiceConfig config) {
        ServiceConfig.Fleet f = config.fleet();
        int threads = f.threads() > 0 ? f.threads() : Runtime.getRuntime().availableProcessors();
        // One job at a time: its stations are planned on the configured threads (or the cluster).
        ExecutorService executor = JobRunner.executor("swapflex-fleet", 1);
        return new FleetJobService(jobs, clock, executor, new FleetJobService.Settings(Math.max(1, f.maxStations()),
                Math.max(1, f.maxQueued()), f.timeLimit(), f.maxTimeLimit(), threads, cluster(config.cluster())));
    }

    /** Joins the configured cluster: the station solver of the fleet jobs, or null without a member list. */
    private StationSolver cluster(ServiceConfig.Cluster c) {
        if (c.members().isEmpty() || c.members().get().isEmpty()) {
            return null;
        }
        String bind = c.bind().orElseThrow(() -> new IllegalArgumentException(
                "swapflex.cluster.bind (HOST:PORT) is required with swapflex.cluster.members"));
        int threads = c.threads() > 0 ? c.threads() : Runtime.getRuntime().availableProcessors();
        member = ClusterMembers.join(c.name(), bind, c.members().get(), threads, FleetBeans.class.getClassLoader());
        LOG.info(() -> "member " + member.getCluster().getLocalMember().getAddress() + " of cluster '" + c.name()
                + "' (" + member.getCluster().getMembers().size() + " members now): fleet jobs spread over them");
        return new ClusterStationSolver(member, c.seed(), threads);
    }

    void closeFleet(@Disposes FleetJobService fleet) {
        fleet.shutdown();
        if (member != null) {
            member.shutdown();
        }
    }

    void onStart(@Observes StartupEvent event, FleetJobService fleet) {
        fleet.resume();
    }
}
