package io.swapflex.tools.fuzz;

import io.swapflex.service.testing.fuzz.Fuzzer;
import io.swapflex.service.testing.fuzz.FuzzSeeds;
import io.swapflex.service.testing.fuzz.OcppFuzzer;
import io.swapflex.service.common.security.DevTokens;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code swapflex bench fuzz [PER_ENDPOINT] [SEED] [--url URL] [--frames N]}: the hostile-input fuzzer against a
 * running service (default http://127.0.0.1:8080, e.g. {@code ./swapflex serve} in another shell), with development
 * tokens (the service must verify with the development key, its default). Registers a station of its own
 * ({@code fuzz-SEED}), then sends PER_ENDPOINT documents (default 1,000) to every endpoint of the service's OpenAPI
 * document and N malformed OCPP-J frames (default 2,000); prints the table and exits 1 if any answer was a 5xx, a
 * hang or a 4xx that is not problem+json.
 */
public final class FuzzCommand {

    private FuzzCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        List<String> positional = new ArrayList<>();
        String url = "http://127.0.0.1:8080";
        int frames = 2_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--frames" -> frames = Integer.parseInt(args[++i]);
                default -> positional.add(args[i]);
            }
        }
        int perEndpoint = positional.isEmpty() ? 1_000 : Integer.parseInt(positional.get(0));
        long seed = positional.size() < 2 ? 1 : Long.parseLong(positional.get(1));
        URI base = URI.create(url.replaceAll("/$", ""));
        String station = "fuzz-" + seed;
        Fuzzer fuzzer = new Fuzzer(base, role -> DevTokens.mint(role, null, Duration.ofHours(2)),
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
                + station), DevTokens.mint("station", station, Duration.ofHours(2)), Duration.ofSeconds(30), seed)
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
