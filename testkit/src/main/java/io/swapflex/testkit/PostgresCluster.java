package io.swapflex.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster of a test's own (as {@code .ci/with-postgres} makes one), so the test can stop and
 * start the server under the running service without disturbing the database other tests use: initdb in a temporary
 * directory, a free loopback port, trust authentication. As root, initdb and the server run as the {@code postgres}
 * user (they refuse root).
 */
public final class PostgresCluster implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;

    private PostgresCluster(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** The newest server binaries under /usr/lib/postgresql, if any (Debian's layout; CI installs them). */
    public static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Integer versionOf(String name) {
        try {
            return Integer.parseInt(name.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** initdb, start on a free port, create the database {@code swapflex}. */
    public static PostgresCluster start(Path bin) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("swapflex-pgfault");
        if (root()) {
            run(List.of("chown", "postgres:", dir.toString()), false);
        }
        PostgresCluster cluster = new PostgresCluster(bin, dir, freePort());
        cluster.pg(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                "--auth=trust", "-E", "UTF8"));
        cluster.startServer();
        run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(cluster.port),
                "-U", "postgres", "swapflex"), false);
        return cluster;
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/swapflex?user=postgres";
    }

    /** Starts the server (again) on the same port and data, waiting until it accepts connections. */
    public void startServer() throws IOException, InterruptedException {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start"));
    }

    /**
     * Stops the server: {@code immediate} is a crash of the server (every backend killed, crash recovery at the
     * next start), {@code fast} a clean shutdown that disconnects the clients.
     */
    public void stopServer(String mode) throws IOException, InterruptedException {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", mode, "-w",
                "stop"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stopServer("immediate");
        } catch (IOException alreadyStopped) {
            // nothing to stop
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void pg(List<String> command) throws IOException, InterruptedException {
        run(command, root());
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed: " + output);
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
