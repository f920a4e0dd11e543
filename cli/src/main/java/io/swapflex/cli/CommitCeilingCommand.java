package io.swapflex.cli;

import io.swapflex.tools.load.CommitCeiling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;

/**
 * {@code swapflex bench commit-ceiling --postgresql JDBC_URL [--each 5s]}: what the PostgreSQL server commits a second
 * from one client, without the service ({@link CommitCeiling}).
 */
@Command(name = "commit-ceiling", mixinStandardHelpOptions = true,
        description = {"What a PostgreSQL server commits a second from one client, without the service: one-row "
                + "commits (the WAL flush ceiling) and the events' group commit transaction (StationRepository"
                + ".recordEvents) at 1, 16, 64 and 256 events, in a schema swapflex_ceiling of its own (emptied)."})
final class CommitCeilingCommand extends Edge {

    @Option(names = "--postgresql", paramLabel = "JDBC_URL", required = true,
            description = "The server (a JDBC URL with user and password).")
    String postgres;

    @Option(names = "--each", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "How long each measurement runs (default ${DEFAULT-VALUE}).")
    Duration each;

    @Override
    public Integer call() throws IOException, SQLException {
        new CommitCeiling(postgres, each, out()).run();
        return 0;
    }
}
