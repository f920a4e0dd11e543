package io.swapflex.cli;

import io.swapflex.service.common.security.DevTokens;
import io.swapflex.testkit.fuzz.FuzzSeeds;
import io.swapflex.testkit.fuzz.Fuzzer;
import io.swapflex.testkit.fuzz.OcppFuzzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code swapflex bench fuzz [PER_ENDPOINT] [SEED] [--url URL] [--frames N]}: the hostile-input fuzzer against a
 * running service (default http://127.0.0.1:8080, e.g. {@code ./swapflex serve} in another shell), with tokens
 * signed with its data directory's key (the service must verify with it, its default). Registers a station of its own
 * ({@code fuzz-SEED}), then sends PER_ENDPOINT documents (default 1,000) to every endpoint of the service's OpenAPI
 * document and N malformed OCPP-J frames (default 2,000); prints the table and exits 1 if any answer was a 5xx, a
 * hang or a 4xx that is not problem+json.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = {"Hostile input against a running service (e.g. ./swapflex serve in another shell), with "
                + "tokens signed with its data directory's key: PER_ENDPOINT documents to every endpoint of its "
                + "OpenAPI document, then malformed OCPP-J frames.",
                "Exit 1 if any answer was a 5xx, a hang or a 4xx that is not problem+json."})
final class FuzzCommand extends Edge {

    @Parameters(index = "0", arity = "0..1", paramLabel = "PER_ENDPOINT", defaultValue = "1000",
            converter = PositiveInt.class, description = "Documents per endpoint (default ${DEFAULT-VALUE}).")
    int perEndpoint;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SEED", defaultValue = "1", description = "The seed.")
    long seed;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "The service (default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "2000", description = "OCPP-J frames.")
    int frames;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = TokenCommand.DATA_DIR,
            description = "The service's data directory, whose key signs the tokens (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() {
        try {
            return fuzz(out(), err());
        } catch (Exception e) {
            err().println("error: " + e.getMessage());
            return Main.FAILED;
        }
    }

    private int fuzz(PrintStream out, PrintStream err) throws Exception {
        URI base = URI.create(url.replaceAll("/$", ""));
        String station = "fuzz-" + seed;
        Fuzzer fuzzer = new Fuzzer(base, role -> DevTokens.mint(dataDir, role, null, Duration.ofHours(2)),
                Duration.ofSeconds(30), seed);
        List<Fuzzer.Endpoint> endpoints = fuzzer.endpoints();
        Map<String, String> values = fuzzer.prepare(station);
        err.printf("fuzzing %d endpoints of %s, %d documents each, seed %d%n", endpoints.size(), base, perEndpoint,
                seed);
        long start = System.nanoTime();
        List<Fuzzer.Tally> tallies = fuzzer.run(endpoints, FuzzSeeds.profiles(station), values, perEndpoint, err);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.print(Fuzzer.table(tallies));
        OcppFuzzer.Tally ws = new OcppFuzzer(URI.create(base.toString().replaceFirst("^http", "ws") + "/ocpp/"
                + station), DevTokens.mint(dataDir, "station", station, Duration.ofHours(2)), Duration.ofSeconds(30), seed)
                .run(frames);
        out.printf("OCPP-J /ocpp/%s: %d frames, %d CALLRESULT, %d CALLERROR, %d results/errors sent (no answer due), "
                        + "%d binary, %d over the size limit (closed 1009), %d reconnects, %d unanswered%n", station,
                ws.frames, ws.results, ws.errors, ws.silent, ws.binary, ws.closedOversize, ws.reconnects,
                ws.unanswered);
        out.printf("HTTP part: %.1f s%n", seconds);
        int failed = tallies.stream().mapToInt(Fuzzer.Tally::failed).sum() + ws.failed();
        tallies.forEach(t -> t.failures.forEach(f -> out.println("FAILED " + t.endpoint + ": " + f)));
        ws.failures.forEach(f -> out.println("FAILED OCPP-J: " + f));
        return failed == 0 ? 0 : 1;
    }
}
