package io.swapflex.studies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.simulation.ClosedLoopStudy;
import io.swapflex.simulation.Simulation;
import io.swapflex.simulation.SimulationStudy;
import io.swapflex.simulation.World;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A what-if study in {@code "mode": "simulate"}: each scenario is a closed-loop simulation
 * ({@link ClosedLoopStudy}) of the base simulation study with the scenario's variations, not one plan. The base is a
 * simulation study ({@code ./swapflex simulate}'s format): {@code "simulation": "example"} (the shipped month of the
 * 21-bay station), an inline study object, or {@code "simulationFile"}. A scenario changes, by name:
 * <ul>
 *   <li>the riders: {@code demandScale} (every pack type's swaps per day);</li>
 *   <li>the station: {@code addBays} ({@code [{"packType", "count", "soc"}]}), {@code importLimitKw},
 *       {@code exportLimitKw}, {@code maxActiveBays};</li>
 *   <li>the prices: {@code tariff} (a Thai TOU code), {@code exportPricePerKwh}, {@code exportPriceScale};</li>
 *   <li>the policy: {@code serviceLevel}, {@code serviceLevelRule}, {@code forecaster},
 *       {@code replanTimeLimitMillis}, {@code horizonSlots}.</li>
 * </ul>
 * {@code days}, {@code replanTimeLimitMillis} and {@code perfectForesightTimeLimitMillis} at the top level override
 * the base's for every run. Every scenario keeps the base's seed, so scenarios with the same demand see the same riders on the same days
 * (common random numbers: their differences are the variation's, not the dice's). The arms run are {@code arms}
 * (default {@code policy} and {@code perfect-foresight}: the planning engine and its perfect-information reference);
 * the solves are deterministic by default ({@code "deterministic": false} uses the wall clock), so the results are
 * the same whatever {@code --threads}.
 *
 * @param name  the study's title
 * @param base  where the base came from, in words
 * @param arms  the arms each scenario runs
 * @param runs  the base (index 0) and the scenarios, each a complete simulation study
 */
public record SimulatedStudy(String name, String base, List<String> arms, List<Run> runs) {

    /** One scenario: its simulation study (defaults applied, validated) and the variations as written. */
    public record Run(int index, String name, JsonNode variations, SimulationStudy study) {
    }

    /** A scenario's result: each arm's totals, days and realised trace, in {@link #arms()} order. */
    public record Outcome(Run run, List<ClosedLoopStudy.Arm> arms, String error) {

        public ClosedLoopStudy.Arm arm(String name) {
            return arms.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
        }
    }

    static final List<String> FIELDS = List.of("name", "mode", "simulation", "simulationFile", "days",
            "replanTimeLimitMillis", "perfectForesightTimeLimitMillis", "arms", "deterministic", "scenarios");
    static final List<String> VARIATIONS = List.of("name", "demandScale", "addBays", "importLimitKw",
            "exportLimitKw", "maxActiveBays", "tariff", "exportPricePerKwh", "exportPriceScale", "serviceLevel",
            "serviceLevelRule", "forecaster", "replanTimeLimitMillis", "horizonSlots");
    public static final List<String> DEFAULT_ARMS = List.of("policy", "perfect-foresight");
    private static final ObjectMapper JSON = ContractJson.mapper();

    /** Whether a study file's text asks for this mode (so the CLI knows which reader to use). */
    public static boolean isSimulate(String text) {
        JsonNode root = ContractJson.read(text, JsonNode.class);
        return root.isObject() && root.path("mode").asText("").equals(Study.SIMULATE);
    }

    public static SimulatedStudy read(Path file) throws IOException {
        return read(Files.readString(file, StandardCharsets.UTF_8), file.toAbsolutePath().getParent(),
                file.getFileName().toString().replaceFirst("\\.json$", ""));
    }

    /**
     * @throws InvalidProblemException every error at once, each beginning with its JSON path
     */
    public static SimulatedStudy read(String text, Path directory, String fallbackName) {
        JsonNode root = ContractJson.read(text, JsonNode.class);
        List<String> errors = new ArrayList<>();
        if (!root.isObject()) {
            throw new InvalidProblemException(List.of("$: a study is a JSON object"));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                errors.add("$: unknown field '" + field + "' in a simulate study (known: " + String.join(", ", FIELDS)
                        + ")");
            }
        }
        ObjectNode base = null;
        String label = null;
        JsonNode sim = root.get("simulation");
        JsonNode simFile = root.get("simulationFile");
        if ((sim == null) == (simFile == null)) {
            errors.add("simulation: give exactly one of simulation (\"example\" or a simulation study object) and "
                    + "simulationFile");
        } else if (sim != null && sim.isTextual()) {
            if (sim.asText().equals("example")) {
                base = (ObjectNode) JSON.valueToTree(SimulationStudy.example());
                // unset fields come out as nulls: leave them out, as in the file
                List<String> nulls = new ArrayList<>();
                base.fields().forEachRemaining(e -> {
                    if (e.getValue().isNull()) {
                        nulls.add(e.getKey());
                    }
                });
                base.remove(nulls);
                label = "the example simulation study (" + SimulationStudy.EXAMPLE_RESOURCE + ")";
            } else {
                errors.add("simulation: a name must be \"example\", is \"" + sim.asText() + "\"");
            }
        } else if (sim != null && sim.isObject()) {
            base = (ObjectNode) sim.deepCopy();
            label = "an inline simulation study";
        } else if (sim != null) {
            errors.add("simulation must be \"example\" or a simulation study object, is " + sim.getNodeType());
        } else if (!simFile.isTextual()) {
            errors.add("simulationFile must be a path, is " + simFile.getNodeType());
        } else {
            Path f = directory == null ? Path.of(simFile.asText()) : directory.resolve(simFile.asText());
            try {
                base = (ObjectNode) ContractJson.read(Files.readString(f, StandardCharsets.UTF_8), JsonNode.class);
                label = "simulation study " + simFile.asText();
            } catch (IOException | RuntimeException e) {
                errors.add("simulationFile: cannot read " + f + ": " + e.getMessage());
            }
        }
        if (base != null) {
            base.remove("ablation");
            base.put("ablation", false);
            base.put("threads", 1);
            if (root.has("days")) {
                if (root.get("days").isIntegralNumber() && root.get("days").asInt() >= 1) {
                    base.put("days", root.get("days").asInt());
                } else {
                    errors.add("days must be a whole number ≥ 1, is " + root.get("days"));
                }
            }
            for (String field : List.of("replanTimeLimitMillis", "perfectForesightTimeLimitMillis")) {
                if (root.has(field)) {
                    if (root.get(field).isIntegralNumber() && root.get(field).asLong() >= 1) {
                        base.put(field, root.get(field).asLong());
                    } else {
                        errors.add(field + " must be a whole number of milliseconds ≥ 1, is " + root.get(field));
                    }
                }
            }
            JsonNode det = root.get("deterministic");
            if (det != null && !det.isBoolean()) {
                errors.add("deterministic must be true or false, is " + det);
            }
            base.put("deterministic", det == null || det.asBoolean());
        }
        List<String> arms = new ArrayList<>(DEFAULT_ARMS);
        if (root.has("arms")) {
            arms.clear();
            JsonNode a = root.get("arms");
            if (!a.isArray() || a.isEmpty()) {
                errors.add("arms must be a non-empty list of " + ClosedLoopStudy.MAIN_ARMS);
            } else {
                for (int i = 0; i < a.size(); i++) {
                    String arm = a.get(i).asText("");
                    if (!ClosedLoopStudy.MAIN_ARMS.contains(arm)) {
                        errors.add("arms[" + i + "]: '" + a.get(i).asText() + "' is unknown, known: "
                                + ClosedLoopStudy.MAIN_ARMS);
                    } else if (!arms.contains(arm)) {
                        arms.add(arm);
                    }
                }
            }
        }
        List<Run> runs = new ArrayList<>();
        JsonNode list = root.get("scenarios");
        if (list == null || !list.isArray() || list.isEmpty()) {
            errors.add("scenarios is required: a list of 1 to " + StudyReader.MAX_SCENARIOS + " scenarios");
        } else if (list.size() > StudyReader.MAX_SCENARIOS) {
            errors.add("scenarios has " + list.size() + " scenarios, at most " + StudyReader.MAX_SCENARIOS);
        } else if (base != null) {
            Run first = run(0, "base", JSON.createObjectNode(), base.deepCopy(), "base", errors);
            if (first != null) {
                runs.add(first);
            }
            Set<String> names = new HashSet<>(Set.of("base"));
            for (int i = 0; i < list.size(); i++) {
                String path = "scenarios[" + i + "]";
                JsonNode v = list.get(i);
                if (!v.isObject()) {
                    errors.add(path + ": a scenario is an object {\"name\": ..., variations}");
                    continue;
                }
                String name = v.path("name").asText("");
                if (name.isBlank()) {
                    errors.add(path + ".name is required");
                    continue;
                }
                if (!names.add(name)) {
                    errors.add(path + ".name '" + name + "' is used twice (or is 'base')");
                    continue;
                }
                ObjectNode study = base.deepCopy();
                int before = errors.size();
                vary(study, (ObjectNode) v, path, errors);
                if (errors.size() == before) {
                    Run r = run(i + 1, name, v, study, path, errors);
                    if (r != null) {
                        runs.add(r);
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        String name = root.path("name").asText(fallbackName);
        return new SimulatedStudy(name, label, List.copyOf(arms), List.copyOf(runs));
    }

    private static Run run(int index, String name, JsonNode variations, ObjectNode study, String path,
                           List<String> errors) {
        study.put("name", name);
        try {
            SimulationStudy s = SimulationStudy.read(study.toString()).withDefaults();
            World.templateOf(s);
            return new Run(index, name, variations, s);
        } catch (RuntimeException e) {
            errors.add(path + ": " + e.getMessage());
            return null;
        }
    }

    /** Applies a scenario's variations to a copy of the base simulation study's JSON. */
    static void vary(ObjectNode study, ObjectNode v, String path, List<String> errors) {
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!VARIATIONS.contains(field)) {
                errors.add(path + ": unknown variation '" + field + "' (known: " + String.join(", ", VARIATIONS) + ")");
            }
        }
        if (v.has("demandScale")) {
            double f = positive(v.get("demandScale"), path + ".demandScale", errors);
            JsonNode perDay = study.path("demand").path("swapsPerDay");
            if (perDay.isObject()) {
                ObjectNode scaled = (ObjectNode) perDay;
                for (Iterator<String> it = perDay.fieldNames(); it.hasNext(); ) {
                    String type = it.next();
                    scaled.put(type, perDay.get(type).asDouble() * f);
                }
            } else {
                errors.add(path + ".demandScale: the base study has no demand.swapsPerDay to scale");
            }
        }
        boolean station = v.has("addBays") || v.has("importLimitKw") || v.has("exportLimitKw")
                || v.has("maxActiveBays");
        if (station) {
            ObjectNode problem = problem(study, path, errors);
            if (problem != null) {
                ObjectNode site = (ObjectNode) problem.with("site");
                if (v.has("importLimitKw")) {
                    site.put("gridImportLimitKw", nonNegative(v.get("importLimitKw"), path + ".importLimitKw", errors));
                }
                if (v.has("exportLimitKw")) {
                    site.put("gridExportLimitKw", nonNegative(v.get("exportLimitKw"), path + ".exportLimitKw", errors));
                }
                if (v.has("maxActiveBays")) {
                    JsonNode m = v.get("maxActiveBays");
                    if (m.isIntegralNumber() && m.asInt() >= 0) {
                        site.put("maxActiveBays", m.asInt());
                    } else {
                        errors.add(path + ".maxActiveBays must be a whole number ≥ 0, is " + m);
                    }
                }
                if (v.has("addBays")) {
                    addBays(problem, v.get("addBays"), path + ".addBays", errors);
                }
                study.remove("station");
                study.set("problem", problem);
            }
        }
        ObjectNode prices = study.with("prices");
        if (v.has("tariff")) {
            prices.put("tariff", v.get("tariff").asText());
        }
        if (v.has("exportPricePerKwh")) {
            prices.put("exportPricePerKwh", nonNegative(v.get("exportPricePerKwh"), path + ".exportPricePerKwh",
                    errors));
        }
        if (v.has("exportPriceScale")) {
            double f = nonNegative(v.get("exportPriceScale"), path + ".exportPriceScale", errors);
            double now = prices.path("exportPricePerKwh").asDouble(2.20);
            prices.put("exportPricePerKwh", now * f);
        }
        for (String field : List.of("serviceLevel", "replanTimeLimitMillis", "horizonSlots")) {
            if (v.has(field)) {
                if (v.get(field).isNumber()) {
                    study.set(field, v.get(field));
                } else {
                    errors.add(path + "." + field + " must be a number, is " + v.get(field));
                }
            }
        }
        for (String field : List.of("serviceLevelRule", "forecaster")) {
            if (v.has(field)) {
                if (v.get(field).isTextual()) {
                    study.set(field, v.get(field));
                } else {
                    errors.add(path + "." + field + " must be a string, is " + v.get(field));
                }
            }
        }
    }

    /** The study's station as an inline contract-v1 problem (an example's JSON when it names one). */
    private static ObjectNode problem(ObjectNode study, String path, List<String> errors) {
        if (study.has("problem") && study.get("problem").isObject()) {
            return (ObjectNode) study.get("problem").deepCopy();
        }
        String station = study.path("station").asText("");
        try {
            return (ObjectNode) ContractJson.read(Examples.json(station), JsonNode.class);
        } catch (RuntimeException e) {
            errors.add(path + ": the base study's station '" + station + "' is not an example: " + e.getMessage());
            return null;
        }
    }

    private static void addBays(ObjectNode problem, JsonNode add, String path, List<String> errors) {
        if (!add.isArray() || add.isEmpty()) {
            errors.add(path + " must be a non-empty list of {\"packType\", \"count\", \"soc\"}");
            return;
        }
        ArrayNode bays = problem.withArray("bays");
        Set<String> ids = new HashSet<>();
        bays.forEach(b -> ids.add(b.path("id").asText()));
        Set<String> types = new HashSet<>();
        problem.path("packTypes").forEach(t -> types.add(t.path("id").asText()));
        for (int i = 0; i < add.size(); i++) {
            JsonNode a = add.get(i);
            String p = path + "[" + i + "]";
            String type = a.path("packType").asText("");
            if (!types.contains(type)) {
                errors.add(p + ".packType '" + type + "' is not a pack type of the station (" + types + ")");
                continue;
            }
            JsonNode count = a.get("count");
            if (count == null || !count.isIntegralNumber() || count.asInt() < 1 || count.asInt() > 1000) {
                errors.add(p + ".count must be a whole number in [1, 1000], is " + count);
                continue;
            }
            double soc = a.has("soc") ? a.get("soc").asDouble(-1) : 1.0;
            if (!(soc >= 0 && soc <= 1)) {
                errors.add(p + ".soc must be in [0, 1], is " + a.get("soc"));
                continue;
            }
            int n = 1;
            for (int c = 0; c < count.asInt(); c++) {
                String id;
                do {
                    id = "added-" + type + "-" + n++;
                } while (!ids.add(id));
                ObjectNode bay = bays.addObject();
                bay.put("id", id);
                bay.put("packType", type);
                bay.put("soc", soc);
            }
        }
    }

    private static double positive(JsonNode n, String path, List<String> errors) {
        if (n == null || !n.isNumber() || !(n.asDouble() > 0) || Double.isInfinite(n.asDouble())) {
            errors.add(path + " must be a number > 0, is " + n);
            return 1;
        }
        return n.asDouble();
    }

    private static double nonNegative(JsonNode n, String path, List<String> errors) {
        if (n == null || !n.isNumber() || !(n.asDouble() >= 0) || Double.isInfinite(n.asDouble())) {
            errors.add(path + " must be a number ≥ 0, is " + n);
            return 0;
        }
        return n.asDouble();
    }

    /** Listener of a run's progress (the CLI's progress bar). */
    public interface Listener {
        void finished(int done, int total, Outcome outcome);
    }

    /**
     * Runs every (scenario, arm) pair, {@code threads} at once, and returns the outcomes in the study's order. A
     * pair that fails is reported in its scenario's {@code error} and does not stop the others.
     */
    public List<Outcome> run(int threads, Listener listener) {
        record Job(int run, String arm) {
        }
        List<Job> jobs = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            for (String arm : arms) {
                jobs.add(new Job(r, arm));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "whatif-simulate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ClosedLoopStudy.Arm>> futures = new ArrayList<>();
            for (Job job : jobs) {
                futures.add(pool.submit(() -> new ClosedLoopStudy(runs.get(job.run()).study())
                        .only(List.of(job.arm())).run(null).get(0)));
            }
            List<Outcome> out = new ArrayList<>();
            int done = 0;
            int j = 0;
            for (Run run : runs) {
                List<ClosedLoopStudy.Arm> results = new ArrayList<>();
                List<String> failed = new ArrayList<>();
                for (String arm : arms) {
                    try {
                        results.add(futures.get(j++).get());
                    } catch (ExecutionException e) {
                        failed.add(arm + ": " + e.getCause().getMessage());
                    }
                }
                Outcome o = new Outcome(run, results, failed.isEmpty() ? null : String.join("; ", failed));
                out.add(o);
                if (listener != null) {
                    listener.finished(++done, runs.size(), o);
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The perfect-information reference of a scenario's "vs PF", if that arm was run. */
    static Simulation.Kpis reference(Outcome o) {
        ClosedLoopStudy.Arm pf = o.arm("perfect-foresight");
        return pf == null ? null : pf.result().total();
    }
}
