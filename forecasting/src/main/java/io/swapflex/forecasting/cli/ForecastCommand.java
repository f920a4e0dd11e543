package io.swapflex.forecasting.cli;

import io.swapflex.forecasting.Forecast;
import io.swapflex.forecasting.ForecastRequest;
import io.swapflex.forecasting.Forecaster;
import io.swapflex.forecasting.backtest.AutoSelect;
import io.swapflex.forecasting.backtest.SeriesSpec;
import io.swapflex.forecasting.data.MethodCatalog;
import io.swapflex.forecasting.data.SeriesCatalog;
import io.swapflex.forecasting.methods.CountGlm;
import io.swapflex.forecasting.methods.Ensemble;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code forecast --dataset NAME --series COLUMN --at 2019-11-04T12:00Z --horizon 36h [--method auto]}: prints
 * {@code timestamp,p10,p50,p90} (RFC 3339 UTC, one row per step from {@code --at}) from data published before
 * {@code --at}. Exit 0 on success, 2 on bad input (message on stderr).
 */
public final class ForecastCommand {

    /** {@code --method auto} chooses on this many folds of {@link #AUTO_FOLD_DAYS} daily origins before {@code --at}. */
    private static final int AUTO_FOLDS = 3;
    private static final int AUTO_FOLD_DAYS = 7;

    private ForecastCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                return usage(err, "unexpected argument '" + args[i] + "'");
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        for (String required : List.of("dataset", "series", "at", "horizon")) {
            if (!opts.containsKey(required)) {
                return usage(err, "missing --" + required);
            }
        }
        for (String key : opts.keySet()) {
            if (!List.of("dataset", "series", "at", "horizon", "method").contains(key)) {
                return usage(err, "unknown option --" + key);
            }
        }
        return run(opts.get("dataset"), opts.get("series"), opts.get("at"), opts.get("horizon"),
                opts.getOrDefault("method", "auto"), out, err);
    }

    /**
     * The forecast of {@code series} in {@code dataset} from {@code at} (RFC 3339) over {@code horizon} (e.g. 36h)
     * by {@code method} (or auto), as CSV on {@code out}.
     *
     * @return 0, or 2 for bad input (the message on {@code err})
     */
    public static int run(String dataset, String series, String atText, String horizonText, String methodName,
                          PrintStream out, PrintStream err) {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("dataset", dataset);
        opts.put("series", series);
        opts.put("at", atText);
        opts.put("horizon", horizonText);
        opts.put("method", methodName);
        try {
            Instant at = parseInstant(opts.get("at"));
            Duration horizon = parseHorizon(opts.get("horizon"));
            SeriesSpec spec = SeriesCatalog.spec(opts.get("dataset"), opts.get("series"));
            Duration step = spec.target().step();
            if (horizon.toMillis() % step.toMillis() != 0) {
                return usage(err, "--horizon " + opts.get("horizon") + " is not a whole number of " + step.toMinutes() + "-minute steps");
            }
            if (!at.isAfter(spec.target().start()) || !at.isBefore(spec.target().end())) {
                return usage(err, "--at " + at + " is outside the data of " + opts.get("dataset") + " ("
                        + spec.target().start() + " – " + spec.target().end() + ")");
            }
            spec.target().indexOf(at); // rejects an --at off the step grid
            for (var e : spec.exogenous().entrySet()) {
                if (at.plus(horizon).isAfter(e.getValue().end())) {
                    return usage(err, "input " + e.getKey() + " ends at " + e.getValue().end() + ", before the horizon end");
                }
            }
            Forecaster method = choose(opts.getOrDefault("method", "auto"), spec, at, horizon, err);
            ForecastRequest request = AutoSelect.requestAt(spec, at, horizon);
            Forecast f = method.forecast(request);
            out.println("timestamp,p10,p50,p90");
            for (int i = 0; i < f.size(); i++) {
                out.printf(Locale.ROOT, "%s,%.3f,%.3f,%.3f%n", f.timeAt(i), f.quantile(0.1)[i], f.values()[i], f.quantile(0.9)[i]);
            }
            return 0;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return usage(err, e.getMessage());
        }
    }

    private static Forecaster choose(String name, SeriesSpec spec, Instant at, Duration horizon, PrintStream err) {
        // the ensemble holds the same model instances as the list, so auto scores it from their forecasts
        List<Forecaster> models = MethodCatalog.models(spec);
        List<Forecaster> all = new ArrayList<>(MethodCatalog.baselines(spec));
        all.addAll(models);
        all.add(new Ensemble("ensemble", models));
        if (name.equals("auto")) {
            // As in the benchmark: swap demand feeds a service-level quantile to the scheduler, and only a count
            // distribution gives an honest one, so count series choose among the count models.
            List<Forecaster> candidates = spec.countData()
                    ? all.stream().filter(f -> f instanceof CountGlm).toList() : all;
            AutoSelect.Choice choice = AutoSelect.choose(candidates, spec, at, horizon, AUTO_FOLDS, AUTO_FOLD_DAYS);
            err.printf(Locale.ROOT, "method auto → %s (MAE on %d folds of %d daily origins before --at, oldest first,"
                    + " and their geometric mean; best: %s)%n", choice.forecaster().name(), AUTO_FOLDS, AUTO_FOLD_DAYS,
                    choice.folds().summary(3));
            return choice.forecaster();
        }
        return all.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown --method " + name + "; for this series: auto, " + String.join(", ", all.stream().map(Forecaster::name).toList())));
    }

    /** RFC 3339 with offset, or with the seconds left out ({@code 2019-11-04T12:00Z}). */
    static Instant parseInstant(String s) {
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--at must be an RFC 3339 time with offset, e.g. 2019-11-04T12:00Z; got '" + s + "'");
        }
    }

    /** {@code 36h}, {@code 90m}, {@code 2d} or ISO 8601 {@code PT36H}. */
    static Duration parseHorizon(String s) {
        try {
            Duration d;
            if (s.startsWith("P") || s.startsWith("p")) {
                d = Duration.parse(s);
            } else {
                long n = Long.parseLong(s.substring(0, s.length() - 1));
                d = switch (Character.toLowerCase(s.charAt(s.length() - 1))) {
                    case 'h' -> Duration.ofHours(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> throw new IllegalArgumentException("unit");
                };
            }
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(14)) > 0) {
                throw new IllegalArgumentException("range");
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--horizon must be like 36h, 90m, 2d or PT36H, positive and at most 14 days; got '" + s + "'");
        }
    }

    private static int usage(PrintStream err, String message) {
        err.println("forecast: " + message);
        err.println("usage: forecast --dataset NAME --series COLUMN --at 2019-11-04T12:00Z --horizon 36h [--method auto]");
        return 2;
    }
}
