package io.swapflex.cli;

import io.swapflex.testkit.ServiceProcess;
import io.swapflex.tools.load.LoadReport;
import io.swapflex.tools.load.LoadTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code swapflex bench load [options]}: runs {@link LoadTest} against the packaged service and prints the table.
 * Exit 0 when nothing failed outright (a target missed is printed as MISS, not an error), 1 when a request failed, an
 * acknowledged event is missing or the service died, 2 for bad options.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Load test of the packaged service on 127.0.0.1: schedule pulls, battery events and "
                + "flexibility reads at the rates asked; prints the table and the targets met or missed.",
                "Exit 0 when nothing failed outright (a target missed is printed as MISS), 1 when a request failed, "
                        + "an acknowledged event is missing or the service died."})
final class LoadCommand extends Edge {

    @Option(names = "--stations", paramLabel = "N", defaultValue = "200", converter = PositiveInt.class,
            description = "Stations registered (default ${DEFAULT-VALUE}).")
    int stations;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "The generator's seed.")
    long seed;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "The measured window (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "The warm-up before it (default ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--schedule-rate", paramLabel = "PER_S", defaultValue = "2100", converter = NonNegative.class,
            description = "Schedule pulls a second; 0: a closed loop (default ${DEFAULT-VALUE}).")
    double scheduleRate;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "64", converter = PositiveInt.class,
            description = "Requests in flight at most (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--event-rate", paramLabel = "PER_S", defaultValue = "520", converter = NonNegative.class,
            description = "Battery events a second (default ${DEFAULT-VALUE}).")
    double eventRate;

    @Option(names = "--flex-rate", paramLabel = "PER_S", defaultValue = "5", converter = NonNegative.class,
            description = "Station flexibility reads a second (default ${DEFAULT-VALUE}).")
    double flexRate;

    @Option(names = "--fleet-flex-rate", paramLabel = "PER_S", defaultValue = "0.5", converter = NonNegative.class,
            description = "Fleet flexibility reads a second (default ${DEFAULT-VALUE}).")
    double fleetFlexRate;

    @Option(names = "--setup-timeout", paramLabel = "DURATION", defaultValue = "30m",
            converter = DurationConverter.class,
            description = "Registering and the first plans, at most (default ${DEFAULT-VALUE}).")
    Duration setupTimeout;

    @Option(names = "--plan-time-limit", paramLabel = "DURATION", defaultValue = "1s",
            description = "The service's planning time limit (default ${DEFAULT-VALUE}).")
    String planTimeLimit;

    @Option(names = "--service-opt", paramLabel = "-Dkey=value", description = "A JVM option of the service, repeatable.")
    List<String> options = new ArrayList<>();

    @Option(names = "--keep-data", description = "Keep the service's data and log.")
    boolean keep;

    @Option(names = "--postgresql", paramLabel = "JDBC_URL",
            description = "Run the service on this PostgreSQL (a JDBC URL with user and password; a schema "
                    + "swapflex_load of its own, emptied at start) instead of the embedded H2 database.")
    String postgres;

    @Option(names = "--profile", paramLabel = "DIR", arity = "0..1", fallbackValue = "",
            description = "Record the service's CPU over the measured window (JFR) and write service.jfr, "
                    + "profile.folded and the flame graph profile.svg to DIR (default: the data directory, kept).")
    Path profile;

    @Option(names = "--service-jar", paramLabel = "JAR",
            description = "The packaged service (default service/target/quarkus-app/quarkus-run.jar).")
    Path jar;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream out = out();
        PrintStream err = err();
        Path jar = this.jar != null ? this.jar : ServiceProcess.packagedJar();
        List<String> options = new ArrayList<>(this.options);
        options.add(0, "-Dswapflex.planning.time-limit=" + planTimeLimit);
        Path dataDir = Files.createTempDirectory("swapflex-load-");
        Path profileDir = profile == null ? null : profile.toString().isEmpty() ? dataDir.resolve("profile") : profile;
        LoadTest.Settings settings = new LoadTest.Settings(stations, seed, warmup, duration, scheduleRate, concurrency,
                eventRate, flexRate, fleetFlexRate, setupTimeout, options, jar, dataDir, postgres, profileDir);
        LoadTest.Report report = new LoadTest(settings, err).run();
        boolean failed = LoadReport.print(report, out);
        if (keep || failed || (profileDir != null && profileDir.startsWith(dataDir))) {
            err.println("load: the service's data and log are kept in " + dataDir);
        } else {
            deleteTree(dataDir);
        }
        return failed ? 1 : 0;
    }
}
