package io.swapflex.cli;

import com.hazelcast.core.HazelcastInstance;
import io.swapflex.cluster.ClusterMembers;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Where a study's scenarios or a fleet's stations are solved: here, on members started here, or on a cluster. */
final class ClusterOptions {

    static final String DEFAULT_CLUSTER_NAME = "swapflex";

    @Option(names = "--threads", paramLabel = "N", converter = PositiveInt.class,
            description = "Solves at once (per member on a cluster; default: the cores, shared among local members).")
    Integer threads;

    @Option(names = "--cluster", paramLabel = "N", converter = PositiveInt.class,
            description = "Spread over N Hazelcast members started in this process on 127.0.0.1.")
    Integer cluster;

    @Option(names = "--cluster-members", paramLabel = "H:P,...",
            description = "Join these members (started with cluster-member) and spread over them all; needs --bind.")
    String members;

    @Option(names = "--bind", paramLabel = "H:P", description = "This process's member address (with --cluster-members).")
    String bind;

    @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = DEFAULT_CLUSTER_NAME,
            description = "The cluster's name (default ${DEFAULT-VALUE}).")
    String name;

    /** @throws IllegalArgumentException for options that do not go together */
    void validate() {
        if (cluster != null && members != null) {
            throw new IllegalArgumentException("--cluster starts members here, --cluster-members joins others: "
                    + "give one");
        }
        if ((members == null) != (bind == null)) {
            throw new IllegalArgumentException("--cluster-members and --bind go together");
        }
    }

    boolean spread() {
        return cluster != null || members != null;
    }

    /** The members to spread over: {@code --cluster} of them started here, or this process joined to the others. */
    List<HazelcastInstance> startOrJoin(int threads) {
        return cluster != null
                ? ClusterMembers.startLocal(cluster, "swapflex-" + UUID.randomUUID(), threads, Duration.ofSeconds(60))
                : List.of(ClusterMemberCommand.join(name, bind, members, threads));
    }

    /** Solves at once: as given, else the cores (shared among the members started here). */
    int threads(int cores) {
        return threads != null ? threads : cluster != null ? Math.max(1, cores / cluster) : cores;
    }
}
