package io.swapflex.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code service/target/quarkus-app/quarkus-run.jar}) run as a child process, the way an operator
 * runs it: its own port and data directory, settings as {@code -D} system properties and environment variables. The
 * fault harnesses kill it with SIGKILL ({@link #kill()}) to test what survives a crash; nothing here reaches into the
 * process.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * How to start the service.
     *
     * @param jar        the packaged service ({@link #packagedJar()})
     * @param port       the HTTP port ({@link #freePort()})
     * @param dataDir    {@code swapflex.data-dir} (the H2 database lives there)
     * @param properties {@code -D} system properties, in order
     * @param env        extra environment variables ({@code QUARKUS_PROFILE=postgresql} ...)
     * @param prefix     a command the java command line runs under (for example {@code nsenter ...} to run it in the
     *                   mount namespace of a small scratch file system), or empty
     * @param log        where the service's stdout and stderr are appended
     * @param jvmOptions JVM options before the {@code -D} properties ({@code -Xmx2g}); without a heap setting the heap is
     *                   512 MiB
     */
    public record Spec(Path jar, int port, Path dataDir, Map<String, String> properties, Map<String, String> env,
                       List<String> prefix, Path log, List<String> jvmOptions) {

        public Spec {
            properties = new LinkedHashMap<>(properties);
            env = Map.copyOf(env);
            prefix = List.copyOf(prefix);
            jvmOptions = List.copyOf(jvmOptions);
        }

        /** Without JVM options of its own: the heap at 512 MiB. */
        public Spec(Path jar, int port, Path dataDir, Map<String, String> properties, Map<String, String> env,
                    List<String> prefix, Path log) {
            this(jar, port, dataDir, properties, env, prefix, log, List.of());
        }

        /** The same start with one more system property (replacing an earlier value). */
        public Spec with(String property, String value) {
            Map<String, String> more = new LinkedHashMap<>(properties);
            more.put(property, value);
            return new Spec(jar, port, dataDir, more, env, prefix, log, jvmOptions);
        }

        /** The same start without a system property. */
        public Spec without(String property) {
            Map<String, String> fewer = new LinkedHashMap<>(properties);
            fewer.remove(property);
            return new Spec(jar, port, dataDir, fewer, env, prefix, log, jvmOptions);
        }

        public Spec withPort(int newPort) {
            return new Spec(jar, newPort, dataDir, properties, env, prefix, log, jvmOptions);
        }

        List<String> command() {
            List<String> command = new ArrayList<>(prefix);
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            if (jvmOptions.stream().noneMatch(o -> o.startsWith("-Xmx") || o.startsWith("-XX:MaxRAMPercentage"))) {
                command.add("-Xmx512m");
            }
            command.addAll(latencyGc(jvmOptions));
            command.addAll(jvmOptions);
            command.add("-Dquarkus.http.port=" + port);
            command.add("-Dquarkus.http.host=127.0.0.1");
            command.add("-Dswapflex.data-dir=" + dataDir.toAbsolutePath());
            properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add("-jar");
            command.add(jar.toAbsolutePath().toString());
            return command;
        }
    }

    /**
     * The collector a latency service runs with: G1 (the JVM would pick the serial collector on a machine it does not
     * count as a server, and then every collection stops every request for as long as it takes) held to 10 ms pauses,
     * so young collections stay short and frequent instead of rare and long. ZGC would pause less but takes a core's
     * share for its concurrent work, which two cores busy with requests do not have.
     */
    public static final List<String> LATENCY_GC = List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=10");

    /** {@link #LATENCY_GC}, unless the options choose a collector of their own. */
    public static List<String> latencyGc(List<String> jvmOptions) {
        return jvmOptions.stream().anyMatch(o -> o.matches("-XX:\\+Use\\w*GC")) ? List.of() : LATENCY_GC;
    }

    private final Spec spec;
    private final Process process;
    private final long startedNanos;
    private final ServiceClient http = ServiceClient.anonymous(this::uri, Duration.ofSeconds(5));

    private ServiceProcess(Spec spec, Process process, long startedNanos) {
        this.spec = spec;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /** Starts the service; it answers once {@link #awaitReady(Duration)} returns. */
    public static ServiceProcess start(Spec spec) throws IOException {
        Files.createDirectories(spec.log().toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(spec.command())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.log().toFile()));
        builder.environment().putAll(spec.env());
        long started = System.nanoTime();
        return new ServiceProcess(spec, builder.start(), started);
    }

    /**
     * Waits until {@code /q/health/ready} answers 200 (the database answers and every station has a plan).
     *
     * @return the time from the process start to that answer
     * @throws IllegalStateException when the process ends or the timeout passes first (the log's path is in the
     *                               message)
     */
    public Duration awaitReady(Duration timeout) throws InterruptedException {
        return await("/q/health/ready", "ready", timeout);
    }

    /** Waits until {@code /q/health/live} answers 200 (the HTTP server is up; plans may still be coming). */
    public Duration awaitLive(Duration timeout) throws InterruptedException {
        return await("/q/health/live", "up", timeout);
    }

    private Duration await(String path, String what, Duration timeout) throws InterruptedException {
        long deadline = startedNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + " before it was "
                        + what + "; see " + spec.log().toAbsolutePath());
            }
            try {
                if (http.get(path).status() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException notListeningYet) {
                // still starting
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the service was not " + what + " within " + timeout + "; see "
                + spec.log().toAbsolutePath());
    }

    /** SIGKILL: the JVM gets no chance to flush, close or run shutdown hooks (a crash, a power cut of the process). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, then SIGKILL after 30 s: a normal stop. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Spec spec() {
        return spec;
    }

    /** http://127.0.0.1:port + path. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + spec.port() + path);
    }

    public int port() {
        return spec.port();
    }

    public Path log() {
        return spec.log();
    }

    /** CPU seconds the service's process has used (user + system, every thread), or NaN off Linux. */
    public double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // Fields after the command name (which is in parentheses and may hold spaces): utime is the 14th field.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // USER_HZ is 100 on every Linux architecture Java runs on; getconf would fork a process to say so.
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The service's peak resident memory in MiB ({@code VmHWM}), or NaN off Linux. */
    public double peakResidentMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Double.NaN;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    /**
     * The packaged service: {@code -Dswapflex.service.jar}, else {@code service/target/quarkus-app/quarkus-run.jar} in
     * the repository this class was loaded from (testkit/target/classes, cli/target/lib), else under ./target,
     * ./service/target or ../service/target.
     */
    public static Path packagedJar() {
        String given = System.getProperty("swapflex.service.jar");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        List<Path> candidates = new ArrayList<>();
        try {
            Path here = Path.of(ServiceProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            candidates.add(here.getParent().resolve("quarkus-app/quarkus-run.jar"));
            for (Path up = here.getParent(); up != null; up = up.getParent()) {
                candidates.add(up.resolve("service/target/quarkus-app/quarkus-run.jar"));
            }
        } catch (Exception unknownLocation) {
            // fall back to the working directory
        }
        candidates.add(Path.of("target/quarkus-app/quarkus-run.jar"));
        candidates.add(Path.of("service/target/quarkus-app/quarkus-run.jar"));
        candidates.add(Path.of("../service/target/quarkus-app/quarkus-run.jar"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("no packaged service found (" + candidates + "): build it first, "
                + "./mvnw -pl service -am package -DskipTests");
    }

    /**
     * Adds what runs the service on PostgreSQL instead of the embedded H2 database: the {@code postgresql} profile,
     * the URL with a schema of its own, emptied and migrated at start (remove
     * {@code quarkus.flyway."postgresql".clean-at-start} before a restart that must find the data again).
     *
     * @param url a JDBC URL with user (and password) in it
     */
    public static void onPostgres(String url, String schema, Map<String, String> properties, Map<String, String> env) {
        env.put("QUARKUS_PROFILE", "postgresql");
        properties.put("swapflex.postgresql.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        properties.put("quarkus.flyway.\"postgresql\".schemas", schema);
        properties.put("quarkus.flyway.\"postgresql\".clean-disabled", "false");
        properties.put("quarkus.flyway.\"postgresql\".clean-at-start", "true");
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
