package io.swapflex.cli;

import io.swapflex.service.common.security.DevTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;

/** {@code swapflex token ROLE [STATION] [--ttl 8h] [--data-dir DIR]}. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Mint a bearer token for the service, signed with the key in its data directory (the one it "
                + "verifies with by default; made there if the service has not started yet).",
                "Whoever can read the data directory can mint tokens: keep it the service user's own."})
final class TokenCommand extends Edge {

    /** The service's data directory as the launcher gives it (SWAPFLEX_DATA_DIR), else the service's own default. */
    static final String DATA_DIR = "${env:SWAPFLEX_DATA_DIR:-./data}";

    @Parameters(index = "0", paramLabel = "ROLE", description = "operator, station, analyst or admin.")
    String role;

    @Parameters(index = "1", arity = "0..1", paramLabel = "STATION",
            description = "The station a station token is for (that role only).")
    String station;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "8h", converter = DurationConverter.class,
            description = "How long the token is valid (default ${DEFAULT-VALUE}).")
    Duration ttl;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = DATA_DIR,
            description = "The service's data directory (swapflex.data-dir; default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() {
        out().println(DevTokens.mint(dataDir, role, station, ttl));
        return Main.OK;
    }
}
