package io.swapflex.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Embedded Hazelcast members for studies: joined by TCP/IP to an explicit member list (no multicast, no
 * auto-detection), bound to one address, no phone-home, Hazelcast's own logging at WARNING and above (through
 * java.util.logging), and the executor {@link #EXECUTOR} that runs the scenarios and station solves.
 */
public final class ClusterMembers {

    /** The members' executor that runs the scenarios of studies and the station solves of fleet plans. */
    public static final String EXECUTOR = "swapflex-study";
    public static final String LOOPBACK = "127.0.0.1";

    /** Held so that the level stays (java.util.logging keeps loggers weakly). */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    private ClusterMembers() {
    }

    /**
     * A member's configuration.
     *
     * @param clusterName only members with this name join each other (a name per run keeps tests apart)
     * @param host        the address the member binds and announces (an IP address: {@code 127.0.0.1} on one
     *                    machine)
     * @param port        its port (no auto-increment: the member list names exact ports)
     * @param members     the member list ({@code host:port}), this member included or not
     * @param poolSize    threads of {@link #EXECUTOR}: how many scenarios or station solves the member runs at once
     */
    public static Config config(String clusterName, String host, int port, List<String> members, int poolSize) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName(clusterName + "-" + host + "-" + port);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.socket.bind.any", "false");
        // a member list of known addresses: no need to wait for others before joining
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(host);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(new ArrayList<>(members));
        config.getExecutorConfig(EXECUTOR).setPoolSize(poolSize);
        return config;
    }

    /**
     * Starts a member bound to {@code bind} ({@code host:port}, an IP address the other members reach) that joins
     * the {@code members} list: the {@code swapflex cluster-member} command and a service instance with
     * {@code swapflex.cluster.members} set.
     *
     * @param classLoader where the member finds the tasks' classes, or null for Hazelcast's default (the thread's
     *                    context class loader): a Quarkus application passes its own, which the default is not
     */
    public static HazelcastInstance join(String clusterName, String bind, List<String> members, int poolSize,
                                         ClassLoader classLoader) {
        int colon = bind.lastIndexOf(':');
        int port = -1;
        try {
            port = colon <= 0 ? -1 : Integer.parseInt(bind.substring(colon + 1));
        } catch (NumberFormatException e) {
            // reported below
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the member's address must be HOST:PORT (an IP address), is '" + bind
                    + "'");
        }
        List<String> list = members.stream().map(String::trim).filter(m -> !m.isEmpty()).toList();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("the member list is empty");
        }
        Config config = config(clusterName, bind.substring(0, colon), port, list, poolSize);
        if (classLoader != null) {
            config.setClassLoader(classLoader);
        }
        return start(config);
    }

    /** Starts a member (Hazelcast's logging quieted first). */
    public static HazelcastInstance start(Config config) {
        HAZELCAST_LOG.setLevel(Level.WARNING);
        return Hazelcast.newHazelcastInstance(config);
    }

    /**
     * Starts {@code count} members in this JVM on 127.0.0.1, on free ports, and waits until they form one cluster.
     * On failure the members already started are shut down.
     */
    public static List<HazelcastInstance> startLocal(int count, String clusterName, int poolSize, Duration timeout) {
        if (count < 1) {
            throw new IllegalArgumentException("a cluster needs ≥ 1 member, asked " + count);
        }
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(freePort(ports));
        }
        List<String> list = ports.stream().map(p -> LOOPBACK + ":" + p).toList();
        List<HazelcastInstance> members = new ArrayList<>();
        try {
            for (int port : ports) {
                members.add(start(config(clusterName, LOOPBACK, port, list, poolSize)));
            }
            for (HazelcastInstance m : members) {
                awaitSize(m, count, timeout);
            }
            return members;
        } catch (RuntimeException e) {
            shutdown(members);
            throw e;
        }
    }

    /** Waits until the member sees {@code size} members. */
    public static void awaitSize(HazelcastInstance member, int size, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (member.getCluster().getMembers().size() < size) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the cluster has " + member.getCluster().getMembers().size()
                        + " members after " + timeout.toSeconds() + " s, expected " + size);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the cluster formed", e);
            }
        }
    }

    /** Shuts the members down, the last started first (the first, the master, last: the others leave quietly). */
    public static void shutdown(List<HazelcastInstance> members) {
        for (int i = members.size() - 1; i >= 0; i--) {
            try {
                members.get(i).shutdown();
            } catch (RuntimeException e) {
                // already down
            }
        }
    }

    /** A port free on 127.0.0.1 now, not among {@code taken}. */
    public static int freePort(List<Integer> taken) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
                s.setReuseAddress(true);
                if (!taken.contains(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on " + LOOPBACK, e);
            }
        }
        throw new IllegalStateException("no free port on " + LOOPBACK);
    }
}
