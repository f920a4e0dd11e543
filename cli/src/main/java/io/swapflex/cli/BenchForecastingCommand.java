package io.swapflex.cli;

import io.swapflex.forecasting.bench.ForecastBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code swapflex bench forecasting [--only load,prices,arrivals,aemo] [--threads N] [--folds M]}. */
@Command(name = "forecasting", mixinStandardHelpOptions = true,
        description = "Rolling-origin backtests of every forecasting method on the datasets: a table per case.")
final class BenchForecastingCommand extends Edge {

    @Option(names = "--only", paramLabel = "CASE,...", split = ",", defaultValue = "load,prices,arrivals,aemo",
            description = "The cases (default ${DEFAULT-VALUE}).")
    List<String> only;

    @Option(names = "--threads", paramLabel = "N", converter = PositiveInt.class,
            description = "Backtests at once (default: the cores).")
    Integer threads;

    @Option(names = "--folds", paramLabel = "M", converter = PositiveInt.class, defaultValue = "3",
            description = "Auto and the ensembles are chosen on the M months before each test period, one fold each"
                    + " (default ${DEFAULT-VALUE}).")
    int folds;

    @Override
    public Integer call() {
        return ForecastBenchmark.run(only, threads != null ? threads : Math.max(1,
                Runtime.getRuntime().availableProcessors()), folds, out());
    }
}
