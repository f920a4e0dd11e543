package io.swapflex.cli;

import io.swapflex.service.common.security.DevTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;

/** {@code swapflex token ROLE [STATION] [--ttl 8h]}. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Mint a DEVELOPMENT bearer token for the service, signed with the development key the service "
                + "verifies with by default.")
final class TokenCommand extends Edge {

    @Parameters(index = "0", paramLabel = "ROLE", description = "operator, station, analyst or admin.")
    String role;

    @Parameters(index = "1", arity = "0..1", paramLabel = "STATION",
            description = "The station a station token is for (that role only).")
    String station;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "8h", converter = DurationConverter.class,
            description = "How long the token is valid (default ${DEFAULT-VALUE}).")
    Duration ttl;

    @Override
    public Integer call() {
        out().println(DevTokens.mint(role, station, ttl));
        return Main.OK;
    }
}
