package io.swapflex.cli;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.forecasting.bench.ForecastBenchmark;
import io.swapflex.forecasting.cli.ForecastCommand;
import io.swapflex.loadtest.LoadCommand;
import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.Schedulers;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemValidator;
import io.swapflex.service.security.DevTokens;
import io.swapflex.service.security.Roles;
import io.swapflex.simulation.SimulateCommand;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@code swapflex} command line. A thin edge: it reads and writes contract documents and delegates to the engine.
 * Exit codes: 0 ok, 2 bad input (with the messages), 1 internal error; {@code check} exits 1 when the plan is not
 * feasible.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    /** The demo's solve: long enough for a good plan, short enough for a first look. */
    static final Duration RUN_TIME_LIMIT = Duration.ofSeconds(10);

    private static final String USAGE = """
            usage: swapflex COMMAND ...
              run [EXAMPLE]                 solve an example station (default thai-2w-12) for 10 s and print the plan summary
              solve PROBLEM.json|- [-o PLAN.json] [--time-limit 30s] [--gap 0.001] [--solver NAME]
                                            write the plan (stdout without -o), a one-line summary to stderr
              check PROBLEM.json PLAN.json  print ok or each violation; exit 0 only when the plan is feasible
              example NAME | --list         print an example problem, or list the names
              forecast --dataset NAME --series COLUMN --at TIME --horizon 36h [--method auto]
              bench forecasting [--only load,prices,arrivals,aemo] [--threads N]
              bench fuzz [PER_ENDPOINT] [SEED] [--url http://127.0.0.1:8080] [--frames N]
                                            hostile input against a running service (development tokens)
            %s%s  simulate STUDY.json|--example [-o OUT_DIR] [--days N] [--threads N] [--replan-ms N] [--no-ablation]
                                            closed-loop simulation: the planner against baselines on realised days
            %s%s  token ROLE [STATION] [--ttl 8h]  mint a DEVELOPMENT bearer token for the service (roles: operator,
                                            station, analyst, admin; a station token names its station)
              serve                         start the service at http://127.0.0.1:8080 (the ./swapflex launcher)
            solvers: %s (default %s)
            """;

    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    Main(InputStream stdin, PrintStream out, PrintStream err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new Main(System.in, System.out, System.err).run(args);
        System.out.flush();
        // The reference solver may leave an LP running on a daemon thread past its deadline: exit regardless.
        System.exit(code);
    }

    int run(String[] args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            err.print(usage());
            return args.length == 0 ? BAD_INPUT : OK;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "run" -> runExample(rest);
                case "solve" -> solve(rest);
                case "check" -> check(rest);
                case "example" -> example(rest);
                case "forecast" -> ForecastCommand.run(rest, out, err);
                case "bench" -> bench(rest);
                case "token" -> token(rest);
                case "fleet" -> FleetCommand.run(rest, stdin, out, err);
                case "whatif" -> WhatIfCommand.run(rest, out, err);
                case "cluster-member" -> ClusterMember.run(rest, out, err);
                case "simulate" -> SimulateCommand.run(rest, stdin, out, err);
                default -> badInput("unknown command '" + args[0] + "'\n" + usage());
            };
        } catch (InvalidProblemException e) {
            for (String error : e.errors()) {
                err.println("error: " + error);
            }
            return BAD_INPUT;
        } catch (IllegalArgumentException e) {
            return badInput(e.getMessage());
        } catch (NoSuchFileException e) {
            return badInput("no such file: " + e.getFile());
        } catch (IOException e) {
            return badInput("cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            err.println("internal error: " + e);
            e.printStackTrace(err);
            return FAILED;
        }
    }

    private int runExample(String[] args) {
        String name = args.length > 0 ? args[0] : "thai-2w-12";
        Problem problem = ProblemValidator.requireValid(ContractJson.readProblem(Examples.json(name)));
        Plan plan = Schedulers.byName(Schedulers.DEFAULT)
                .solve(problem, SolveOptions.defaults().withTimeLimit(RUN_TIME_LIMIT));
        out.print(PlanSummary.describe(problem, plan));
        CheckReport report = PlanChecker.check(problem, plan);
        out.println("checker: " + (report.hardRulesMet() ? "every hard rule met" : "violations:\n" + report.summary()));
        return OK;
    }

    private int solve(String[] args) throws IOException {
        String input = null;
        String output = null;
        SolveOptions options = SolveOptions.defaults();
        String solver = Schedulers.DEFAULT;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-o", "--output" -> output = value(args, ++i, "-o");
                case "--time-limit" -> options = options.withTimeLimit(duration(value(args, ++i, "--time-limit")));
                case "--gap" -> options = options.withGapTarget(number(value(args, ++i, "--gap"), "--gap"));
                case "--solver" -> solver = value(args, ++i, "--solver");
                default -> {
                    if (args[i].startsWith("--") || input != null) {
                        return badInput("unexpected argument '" + args[i] + "'");
                    }
                    input = args[i];
                }
            }
        }
        if (input == null) {
            return badInput("solve needs a problem file, or - for standard input");
        }
        Scheduler scheduler = Schedulers.byName(solver);
        Problem problem = ProblemValidator.requireValid(readProblem(input));
        Plan plan = scheduler.solve(problem, options);
        String json = ContractJson.write(plan) + "\n";
        if (output == null) {
            out.print(json);
        } else {
            Files.writeString(Path.of(output), json, StandardCharsets.UTF_8);
        }
        err.println(PlanSummary.oneLine(plan));
        err.print(PlanSummary.economics(problem, plan));
        return OK;
    }

    private int check(String[] args) throws IOException {
        if (args.length != 2) {
            return badInput("check needs PROBLEM.json PLAN.json");
        }
        Problem problem = ProblemValidator.requireValid(readProblem(args[0]));
        Plan plan = args[1].equals("-") ? ContractJson.readPlan(stdin) : ContractJson.readPlan(Files.readString(Path.of(args[1])));
        CheckReport report = PlanChecker.check(problem, plan);
        out.println(report.feasible() ? "ok" : report.summary());
        return report.feasible() ? OK : FAILED;
    }

    private int example(String[] args) {
        if (args.length != 1) {
            return badInput("example needs a NAME or --list");
        }
        if (args[0].equals("--list")) {
            Examples.names().forEach(out::println);
        } else {
            out.print(Examples.json(args[0]));
        }
        return OK;
    }

    private int token(String[] args) {
        String role = null;
        String station = null;
        Duration ttl = Duration.ofHours(8);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--ttl")) {
                String value = value(args, ++i, "--ttl");
                ttl = value.endsWith("h") ? Duration.ofMinutes(Math.round(number(value.substring(0, value.length() - 1),
                        "--ttl") * 60)) : duration(value);
            } else if (role == null) {
                role = args[i];
            } else if (station == null) {
                station = args[i];
            } else {
                return badInput("unexpected argument '" + args[i] + "'");
            }
        }
        if (role == null) {
            return badInput("token needs a ROLE: " + String.join(", ", Roles.ALL));
        }
        out.println(DevTokens.mint(role, station, ttl));
        return OK;
    }

    private int bench(String[] args) throws IOException {
        if (args.length == 0) {
            return badInput("bench needs a target: forecasting, crash, fuzz, load");
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (args[0].equals("forecasting")) {
            return ForecastBenchmark.run(rest, out);
        }
        if (args[0].equals("crash")) {
            try {
                return CrashCommand.run(rest, out, err);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return FAILED;
            }
        }
        if (args[0].equals("fuzz")) {
            try {
                return io.swapflex.service.hostile.FuzzCommand.run(rest, out, err);
            } catch (Exception e) {
                err.println("error: " + e.getMessage());
                return FAILED;
            }
        }
        if (args[0].equals("load")) {
            try {
                return LoadCommand.run(rest, out, err);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("load: interrupted");
                return FAILED;
            }
        }
        return badInput("unknown benchmark '" + args[0] + "' (known: forecasting, crash, fuzz, load)");
    }

    private Problem readProblem(String path) throws IOException {
        return path.equals("-") ? ContractJson.readProblem(stdin)
                : ContractJson.readProblem(Files.readString(Path.of(path), StandardCharsets.UTF_8));
    }

    private int badInput(String message) {
        err.println("error: " + message);
        return BAD_INPUT;
    }

    private static String usage() {
        return String.format(Locale.ROOT, USAGE, CrashCommand.USAGE, LoadCommand.USAGE, FleetCommand.USAGE,
                WhatIfCommand.USAGE, String.join(", ", Schedulers.names()), Schedulers.DEFAULT);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static double number(String text, String flag) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " '" + text + "' is not a number");
        }
    }

    /** Durations like 30s, 500ms, 2m, or plain seconds. */
    static Duration duration(String text) {
        List<String[]> units = List.of(new String[]{"ms", "1"}, new String[]{"s", "1000"}, new String[]{"m", "60000"});
        for (String[] unit : units) {
            if (text.endsWith(unit[0])) {
                String number = text.substring(0, text.length() - unit[0].length());
                if (!number.isEmpty() && number.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                    try {
                        double millis = Double.parseDouble(number) * Long.parseLong(unit[1]);
                        if (millis >= 1) {
                            return Duration.ofMillis((long) millis);
                        }
                    } catch (NumberFormatException ignored) {
                        // "1.2.3s", ".s": reported below
                    }
                }
            }
        }
        try {
            double seconds = Double.parseDouble(text);
            if (seconds > 0) {
                return Duration.ofMillis((long) (seconds * 1000));
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--time-limit '" + text + "' is not a positive duration (e.g. 30s, 500ms, 2m)");
    }
}
