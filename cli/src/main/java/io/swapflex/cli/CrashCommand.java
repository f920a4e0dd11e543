package io.swapflex.cli;

import io.swapflex.tools.crash.CrashHarness;
import io.swapflex.tools.crash.CrashTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code swapflex bench crash [ROUNDS] [--seed N] [--postgresql JDBC_URL] [--min-uptime 1s] [--max-uptime 5s]
 * [--dir DIR] [--set PROPERTY=VALUE]...}: the crash harness ({@link CrashHarness}) on the packaged service; a table row per round on stdout,
 * exit 0 when nothing acknowledged was lost or changed and nothing unsound was served, 1 otherwise.
 */
@Command(name = "crash", mixinStandardHelpOptions = true,
        description = {"Kill -9 the packaged service ROUNDS times under events, dispatch requests and solves, and "
                + "verify what it acknowledged after each restart: a table row per round on standard output.",
                "Exit 0 when nothing acknowledged was lost or changed and nothing unsound was served, 1 otherwise."})
final class CrashCommand extends Edge {

    @Parameters(arity = "0..1", paramLabel = "ROUNDS", defaultValue = "10", converter = PositiveInt.class,
            description = "Rounds (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "The workload's seed.")
    long seed;

    @Option(names = "--postgresql", paramLabel = "JDBC_URL", description = "Run on this PostgreSQL (default: H2).")
    String postgres;

    @Option(names = "--min-uptime", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "The earliest kill after the workload starts (default ${DEFAULT-VALUE}).")
    Duration minUptime;

    @Option(names = "--max-uptime", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "The latest kill (default ${DEFAULT-VALUE}).")
    Duration maxUptime;

    @Option(names = "--dir", paramLabel = "DIR", description = "The work directory (default: a temporary one).")
    Path dir;

    @Option(names = "--set", paramLabel = "PROPERTY=VALUE", description = "A service setting, repeatable.")
    Map<String, String> set = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream out = out();
        PrintStream err = err();
        if (rounds < 1) {
            throw new IllegalArgumentException("ROUNDS must be at least 1");
        }
        if (maxUptime.compareTo(minUptime) < 0) {
            throw new IllegalArgumentException("--max-uptime must not be below --min-uptime");
        }
        boolean temporary = dir == null;
        Path work = temporary ? Files.createTempDirectory("swapflex-crash") : dir;
        err.printf("crash harness: %d rounds, seed %d, %s, kill %s..%s after the workload starts; work dir %s%n",
                rounds, seed, postgres == null ? "H2 (embedded)" : "PostgreSQL " + postgres, minUptime, maxUptime, work);
        if (!set.isEmpty()) {
            err.println("service settings: " + set);
        }
        err.println("load average at start: " + loadAverage());
        out.println(CrashTable.HEADER);
        CrashHarness.Result result = new CrashHarness(new CrashHarness.Settings(rounds, seed, postgres, work, minUptime,
                maxUptime, out, set)).run();
        out.println(result.clean()
                ? "ok: every acknowledged event, plan version and dispatch request was found intact after every restart"
                : "FAILED: something acknowledged was lost or changed, or an unsound plan was served or stored");
        err.println(CrashTable.legend());
        err.println("load average at end: " + loadAverage());
        if (temporary && result.clean()) {
            deleteTree(work);
        } else {
            err.println("kept: " + work + " (service.log, data/)");
        }
        return result.clean() ? Main.OK : Main.FAILED;
    }

    /** The machine's load (1, 5, 15 min), to read the restart times against: other work shares the cores. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim() + " (" + Runtime.getRuntime().availableProcessors()
                    + " cores)";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
