package io.swapflex.cli;

import io.swapflex.tools.crash.CrashHarness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code swapflex bench crash [ROUNDS] [--seed N] [--postgresql JDBC_URL] [--min-uptime 1s] [--max-uptime 5s]
 * [--dir DIR] [--set PROPERTY=VALUE]...}: the crash harness ({@link CrashHarness}) on the packaged service; a table row per round on stdout,
 * exit 0 when nothing acknowledged was lost or changed and nothing unsound was served, 1 otherwise.
 */
final class CrashCommand {

    static final String USAGE = """
              bench crash [ROUNDS] [--seed N] [--postgresql JDBC_URL] [--min-uptime 1s] [--max-uptime 5s] [--dir DIR]
                          [--set PROPERTY=VALUE]...
                                            kill -9 the packaged service ROUNDS times (default 10) under events,
                                            dispatch requests and solves; verify what it acknowledged after each restart
            """;

    private CrashCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        int rounds = 10;
        long seed = 1;
        String postgres = null;
        Duration minUptime = Duration.ofSeconds(1);
        Duration maxUptime = Duration.ofSeconds(5);
        Path dir = null;
        Map<String, String> set = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                case "--postgresql" -> postgres = value(args, ++i, "--postgresql");
                case "--min-uptime" -> minUptime = Main.duration(value(args, ++i, "--min-uptime"));
                case "--max-uptime" -> maxUptime = Main.duration(value(args, ++i, "--max-uptime"));
                case "--dir" -> dir = Path.of(value(args, ++i, "--dir"));
                case "--set" -> {
                    String pair = value(args, ++i, "--set");
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--set needs PROPERTY=VALUE, is '" + pair + "'");
                    }
                    set.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                default -> {
                    if (args[i].startsWith("-") || !args[i].chars().allMatch(Character::isDigit)) {
                        throw new IllegalArgumentException("unexpected argument '" + args[i] + "'\n" + USAGE);
                    }
                    rounds = Integer.parseInt(args[i]);
                }
            }
        }
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
        out.println(CrashHarness.HEADER);
        CrashHarness.Result result = new CrashHarness(new CrashHarness.Settings(rounds, seed, postgres, work, minUptime,
                maxUptime, out, set)).run();
        out.println(result.clean()
                ? "ok: every acknowledged event, plan version and dispatch request was found intact after every restart"
                : "FAILED: something acknowledged was lost or changed, or an unsound plan was served or stored");
        err.println(CrashHarness.legend());
        err.println("load average at end: " + loadAverage());
        if (temporary && result.clean()) {
            delete(work);
        } else {
            err.println("kept: " + work + " (service.log, data/)");
        }
        return result.clean() ? Main.OK : Main.FAILED;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
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

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
