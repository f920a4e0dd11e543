package io.swapflex.loadtest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code quarkus-run.jar}) as a child process on a free loopback port with a data directory of
 * its own: what an operator runs, not the test harness's in-process application. Its CPU time and resident memory are
 * read from {@code /proc} (Linux), which costs nothing the service would notice.
 */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the service and waits until it answers {@code /q/health/live}.
     *
     * @param options system properties and JVM options for the service ({@code -Dswapflex.planning.time-limit=2s})
     */
    static ServiceProcess start(Path jar, Path dataDir, List<String> options, Duration patience)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no packaged service at " + jar.toAbsolutePath()
                    + ": build it first (./mvnw -pl service -am package -DskipTests)");
        }
        int port = freePort();
        Files.createDirectories(dataDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dswapflex.data-dir=" + dataDir.toAbsolutePath());
        command.add("-Dswapflex.examples.load=false");
        command.addAll(options);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        Path log = dataDir.resolve("service.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ServiceProcess service = new ServiceProcess(process, port, log);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ", see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(service.uri("/q/health/live"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return service;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        service.close();
        throw new IllegalStateException("the service did not come up within " + patience + ", see " + log);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** CPU seconds the service's process has used (user + system, every thread), or NaN off Linux. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // Fields after the command name (which is in parentheses and may hold spaces): utime is the 14th field.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) clockTicks();
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The service's peak resident memory in MiB ({@code VmHWM}), or NaN off Linux. */
    double peakResidentMib() {
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

    private static long clockTicks() {
        // USER_HZ is 100 on every Linux architecture Java runs on; getconf would fork a process to say so.
        return 100;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
