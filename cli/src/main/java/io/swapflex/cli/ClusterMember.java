package io.swapflex.cli;

import com.hazelcast.core.HazelcastInstance;
import io.swapflex.cluster.ClusterMembers;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * {@code swapflex cluster-member}: a Hazelcast member that solves the scenarios of the studies a
 * {@code whatif --cluster-members} sends and the station solves of the fleet plans a {@code fleet --cluster-members}
 * sends, until the process is stopped.
 */
final class ClusterMember {

    private ClusterMember() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String bind = null;
        String members = null;
        String name = WhatIfCommand.DEFAULT_CLUSTER_NAME;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bind" -> bind = FleetCommand.value(args, ++i, "--bind");
                case "--members" -> members = FleetCommand.value(args, ++i, "--members");
                case "--cluster-name" -> name = FleetCommand.value(args, ++i, "--cluster-name");
                case "--threads" -> threads = FleetCommand.positive(FleetCommand.value(args, ++i, "--threads"),
                        "--threads");
                default -> throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
        }
        if (bind == null || members == null) {
            throw new IllegalArgumentException("cluster-member needs --bind HOST:PORT and --members HOST:PORT,...");
        }
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
