package io.swapflex.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swapflex forecast --dataset NAME --series COLUMN --at TIME --horizon 36h [--method auto]}. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = "Forecast a series of a dataset from data published before --at: timestamp,p10,p50,p90 (RFC 3339 "
                + "UTC, one row a step) on standard output.")
final class ForecastCommand extends Edge {

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "The dataset.")
    String dataset;

    @Option(names = "--series", required = true, paramLabel = "COLUMN", description = "The series (a column of it).")
    String series;

    @Option(names = "--at", required = true, paramLabel = "TIME",
            description = "The forecast's origin, RFC 3339 with offset (e.g. 2019-11-04T12:00Z).")
    String at;

    @Option(names = "--horizon", required = true, paramLabel = "DURATION",
            description = "How far ahead, a whole number of the series' steps (e.g. 36h).")
    String horizon;

    @Option(names = "--method", paramLabel = "NAME", defaultValue = "auto",
            description = "The method, or auto: the best on three weekly folds of the previous 21 daily origins, a combination"
                    + " only if it beats the best simpler candidate on two of them (default ${DEFAULT-VALUE}).")
    String method;

    @Override
    public Integer call() {
        return io.swapflex.forecasting.cli.ForecastCommand.run(dataset, series, at, horizon, method, out(), err());
    }
}
