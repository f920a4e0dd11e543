package io.swapflex.studies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemValidator;
import io.swapflex.optimizer.fleet.FleetProblem;
import io.swapflex.optimizer.fleet.FleetValidator;
import io.swapflex.optimizer.registry.Schedulers;
import io.swapflex.studies.whatif.ScenarioOptions;
import io.swapflex.studies.whatif.Scenarios;
import io.swapflex.studies.whatif.WhatIfRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a study file: the service's what-if request ({@link WhatIfRequest}: {@code problem}, {@code solver},
 * {@code timeLimit}, {@code gapTarget}, {@code scenarios} in its vocabulary) in a wrapper that adds what the CLI needs:
 * {@code name}, a base given as {@code example} (an example station), {@code problemFile}, {@code fleet} or
 * {@code fleetFile}, {@code mode} and {@code seed}; a fleet study's scenarios may also hold the fields of
 * {@link FleetVariation}. Every error is collected, each beginning with its JSON path, and thrown at once.
 */
public final class StudyReader {

    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(2);
    public static final Duration MAX_TIME_LIMIT = Duration.ofMinutes(10);
    public static final long DEFAULT_SEED = 20261126L;
    public static final int MAX_SCENARIOS = 500;

    private static final List<String> FIELDS = List.of("name", "example", "problem", "problemFile", "fleet",
            "fleetFile", "stationId", "mode", "solver", "timeLimit", "gapTarget", "seed", "scenarios");
    private static final List<String> BASES = List.of("example", "problem", "problemFile", "fleet", "fleetFile");
    private static final ObjectMapper JSON = ContractJson.mapper();

    private StudyReader() {
    }

    /**
     * @param text      the study file's text
     * @param directory where {@code problemFile} and {@code fleetFile} are looked up when relative
     * @param fallbackName the study's name when the file gives none
     * @throws InvalidProblemException every error, each beginning with its JSON path
     */
    public static Study read(String text, Path directory, String fallbackName) {
        JsonNode root = ContractJson.read(text, JsonNode.class);
        List<String> errors = new ArrayList<>();
        if (!root.isObject()) {
            throw new InvalidProblemException(List.of("$: a study is a JSON object {\"example\": ..., \"scenarios\": "
                    + "[...]}"));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                errors.add("$: unknown field '" + field + "' (known: " + String.join(", ", FIELDS) + ")");
            }
        }
        String name = text(root, "name", errors);
        String mode = text(root, "mode", errors);
        if (mode == null) {
            mode = Study.PLAN;
        } else if (mode.equals(Study.SIMULATE)) {
            errors.add("mode 'simulate' studies are read by SimulatedStudy (swapflex whatif reads both)");
        } else if (!mode.equals(Study.PLAN)) {
            errors.add("mode '" + mode + "' is unknown, known: plan, simulate");
        }
        String solver = solver(text(root, "solver", errors), Schedulers.DEFAULT, "solver", errors);
        Duration limit = timeLimit(text(root, "timeLimit", errors), DEFAULT_TIME_LIMIT, "timeLimit", errors);
        double gap = gap(root.get("gapTarget"), SolveOptions.DEFAULT_GAP, "gapTarget", errors);
        long seed = DEFAULT_SEED;
        if (root.has("seed")) {
            if (root.get("seed").canConvertToLong() && root.get("seed").isIntegralNumber()) {
                seed = root.get("seed").asLong();
            } else {
                errors.add("seed must be a whole number, is " + root.get("seed"));
            }
        }

        Base base = base(root, directory, errors);
        JsonNode list = root.get("scenarios");
        List<Study.Run> runs = new ArrayList<>();
        List<WhatIfRequest.Scenario> requestScenarios = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            errors.add("scenarios is required: a list of 1 to " + MAX_SCENARIOS + " scenarios");
        } else if (list.size() > MAX_SCENARIOS) {
            errors.add("scenarios has " + list.size() + " scenarios, at most " + MAX_SCENARIOS);
        } else {
            if (base != null) {
                runs.add(new Study.Run(0, Scenarios.BASE, JSON.createObjectNode(), base.station, base.fleet, solver,
                        limit, gap));
            }
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String path = "scenarios[" + i + "]";
                Study.Run run = scenario(list.get(i), i, path, base, solver, limit, gap, names, requestScenarios,
                        errors);
                if (run != null) {
                    runs.add(run);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        WhatIfRequest request = base.station == null ? null : new WhatIfRequest(null, JSON.valueToTree(base.station),
                solver, limit.toMillis() + "ms", gap, requestScenarios);
        return new Study(name == null ? fallbackName : name, base.label, mode, seed, runs, request);
    }

    /** Reads the file; relative base files are looked up beside it. */
    public static Study read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Path dir = file.toAbsolutePath().getParent();
        String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
        return read(text, dir, stem);
    }

    private record Base(String label, Problem station, FleetProblem fleet) {
    }

    private static Base base(JsonNode root, Path directory, List<String> errors) {
        List<String> given = BASES.stream().filter(root::has).toList();
        if (root.has("stationId")) {
            errors.add("stationId names a station registered in the service; a study file needs a base it holds: "
                    + "one of " + String.join(", ", BASES));
            return null;
        }
        if (given.size() != 1) {
            errors.add("$ needs one base, has " + (given.isEmpty() ? "none" : String.join(" and ", given))
                    + ": example (an example station's name), problem (a contract-v1 problem), problemFile, fleet "
                    + "(a fleet problem) or fleetFile");
            return null;
        }
        String field = given.get(0);
        JsonNode node = root.get(field);
        if (field.endsWith("File") || field.equals("example")) {
            if (!node.isTextual() || node.asText().isBlank()) {
                errors.add(field + " must be a " + (field.equals("example") ? "name" : "path") + ", is " + node);
                return null;
            }
        }
        String text = node.asText();
        try {
            switch (field) {
                case "example" -> {
                    return station("example " + text, Examples.json(text), field, errors);
                }
                case "problemFile" -> {
                    return station(text, Files.readString(directory.resolve(text), StandardCharsets.UTF_8), field,
                            errors);
                }
                case "problem" -> {
                    return station("inline problem", node.toString(), field, errors);
                }
                case "fleetFile" -> {
                    return fleet(text, Files.readString(directory.resolve(text), StandardCharsets.UTF_8), field,
                            errors);
                }
                default -> {
                    return fleet("inline fleet", node.toString(), field, errors);
                }
            }
        } catch (IllegalArgumentException e) {
            errors.add(field + ": " + e.getMessage());
        } catch (IOException e) {
            errors.add(field + ": cannot read " + directory.resolve(text) + " (" + e.getClass().getSimpleName() + ")");
        }
        return null;
    }

    private static Base station(String label, String json, String field, List<String> errors) {
        List<String> found = new ArrayList<>();
        Problem problem = null;
        try {
            problem = ContractJson.readProblem(json);
            found.addAll(ProblemValidator.errors(problem));
        } catch (InvalidProblemException e) {
            found.addAll(e.errors());
        }
        found.forEach(m -> errors.add(under(field, m)));
        return found.isEmpty() ? new Base(label + " (" + problem.stationId() + ")", problem, null) : null;
    }

    private static Base fleet(String label, String json, String field, List<String> errors) {
        List<String> found = new ArrayList<>();
        FleetProblem fleet = null;
        try {
            fleet = ContractJson.read(json, FleetProblem.class);
            found.addAll(FleetValidator.errors(fleet));
        } catch (InvalidProblemException e) {
            found.addAll(e.errors());
        }
        found.forEach(m -> errors.add(under(field, m)));
        return found.isEmpty() ? new Base(label + " (" + fleet.fleetId() + ", " + fleet.stations().size()
                + " stations)", null, fleet) : null;
    }

    private static Study.Run scenario(JsonNode node, int i, String path, Base base, String solver, Duration limit,
                                      double gap, Set<String> names, List<WhatIfRequest.Scenario> request,
                                      List<String> errors) {
        if (node == null || !node.isObject()) {
            errors.add(path + " must be an object {\"name\": ..., variations}, is " + node);
            return null;
        }
        ObjectNode stationPart = node.deepCopy();
        ObjectNode fleetPart = JSON.createObjectNode();
        for (String f : FleetVariation.FIELDS) {
            if (stationPart.has(f)) {
                fleetPart.set(f, stationPart.remove(f));
            }
        }
        WhatIfRequest.Scenario s;
        FleetVariation fleet;
        try {
            s = ContractJson.read(stationPart.toString(), WhatIfRequest.Scenario.class);
            fleet = ContractJson.read(fleetPart.toString(), FleetVariation.class);
        } catch (InvalidProblemException e) {
            e.errors().forEach(m -> errors.add(under(path, m)));
            return null;
        }
        String nameError = Scenarios.nameError(s.name());
        if (nameError != null) {
            errors.add(path + ".name " + nameError);
        } else if (!names.add(s.name())) {
            errors.add(path + ".name '" + s.name() + "' is used by another scenario");
        }
        String runSolver = solver(s.solver(), solver, path + ".solver", errors);
        Duration runLimit = timeLimit(s.timeLimit(), limit, path + ".timeLimit", errors);
        double runGap = ScenarioOptions.gap(s.gapTarget(), gap, path + ".gapTarget", errors);
        request.add(s);
        if (base == null) {
            return null;
        }
        if (base.station != null) {
            FleetVariation.notAFleet(fleet, path, errors);
            Problem problem = Scenarios.apply(base.station, s, path, errors);
            return problem == null ? null
                    : new Study.Run(i + 1, s.name(), node, problem, null, runSolver, runLimit, runGap);
        }
        FleetProblem varied = fleet.apply(base.fleet, s, path, errors);
        return varied == null ? null : new Study.Run(i + 1, s.name(), node, null, varied, runSolver, runLimit, runGap);
    }

    private static String under(String field, String message) {
        return message.startsWith("$") ? field + message.substring(1) : field + "." + message;
    }

    private static String text(JsonNode root, String field, List<String> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(field + " must be a string, is " + node);
            return null;
        }
        return node.asText();
    }

    private static String solver(String name, String fallback, String path, List<String> errors) {
        return ScenarioOptions.solver(name, fallback, Schedulers.DEFAULT, List.copyOf(Schedulers.names()), path, errors);
    }

    private static Duration timeLimit(String text, Duration fallback, String path, List<String> errors) {
        return ScenarioOptions.timeLimit(text, fallback, MAX_TIME_LIMIT, path, errors);
    }

    /** The top-level gap target (a scenario's is bound by Jackson: a non-number is an error there). */
    private static double gap(JsonNode node, double fallback, String path, List<String> errors) {
        if (node != null && !node.isNull() && !node.isNumber()) {
            errors.add(path + " must be a number in [0, 1), is " + node);
            return fallback;
        }
        return ScenarioOptions.gap(node == null || node.isNull() ? null : node.asDouble(), fallback, path, errors);
    }
}
