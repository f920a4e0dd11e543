package io.swapflex.cli;

import com.hazelcast.core.HazelcastInstance;
import io.swapflex.cluster.ClusterMembers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * {@code swapflex cluster-member}: a Hazelcast member that solves the scenarios of the studies a
 * {@code whatif --cluster-members} sends and the station solves of the fleet plans a {@code fleet --cluster-members}
 * sends, until the process is stopped.
 */
@Command(name = "cluster-member", mixinStandardHelpOptions = true,
        description = "Run a Hazelcast member that solves study scenarios and fleet stations for the others until "
                + "stopped (Ctrl-C).")
final class ClusterMemberCommand extends Edge {

    @Option(names = "--bind", required = true, paramLabel = "H:P", description = "This member's address.")
    String bind;

    @Option(names = "--members", required = true, paramLabel = "H:P,...", description = "The members to join.")
    String members;

    @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = ClusterOptions.DEFAULT_CLUSTER_NAME,
            description = "The cluster's name (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--threads", paramLabel = "N", converter = PositiveInt.class,
            description = "Scenarios or station solves at once (default: the cores).")
    Integer threadsGiven;

    @Override
    public Integer call() {
        PrintStream err = err();
        int threads = threadsGiven != null ? threadsGiven : Runtime.getRuntime().availableProcessors();
        HazelcastInstance member = join(name, bind, members, threads);
        err.printf(Locale.ROOT, "member %s of cluster '%s' (%d members now), %d scenarios or station solves at "
                + "once; stop with Ctrl-C%n", member.getCluster().getLocalMember().getAddress(), name,
                member.getCluster().getMembers().size(), threads);
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        member.shutdown();
        return Main.OK;
    }

    /** Starts a member bound to {@code bind} ({@code host:port}) that joins the {@code members} list. */
    static HazelcastInstance join(String clusterName, String bind, String members, int threads) {
        try {
            return ClusterMembers.join(clusterName, bind, Arrays.asList(members.split(",")), threads, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--bind / --members: " + e.getMessage(), e);
        }
    }
}
