package io.swapflex.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code swapflex simulate}'s {@code --days} and {@code --policy}: a short run of chosen arms, and bad values refused. */
class SimulateCommandTest {

    /** The 3-bay hourly demo station, deterministic solves, short limits: a day runs in seconds. */
    private static final String STUDY = """
            {"name": "demo", "station": "demo-3bay-hourly", "startDate": "2026-12-01", "days": 30, "warmupDays": 28,
             "seed": 5, "prices": {"tariff": "template"}, "horizonSlots": 24, "replanTimeLimitMillis": 40,
             "perfectForesightTimeLimitMillis": 200, "ablation": false, "threads": 1, "deterministic": true}
            """;

    private record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private static Result run(String... args) {
        return runWith(STUDY, args);
    }

    private static Result runWith(String study, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = new Main(new ByteArrayInputStream(study.getBytes(StandardCharsets.UTF_8)), o, e).run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void daysAndPolicyRunOnlyTheChosenArmAndTheReferenceForThoseDays(@TempDir Path dir) throws Exception {
        Result r = run("simulate", "-", "-o", dir.toString(), "--days", "1", "--policy", "charge-asap");
        assertEquals(Main.OK, r.code(), r::toString);
        List<String> summary = Files.readAllLines(dir.resolve("summary.csv"));
        List<String> arms = summary.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
        assertEquals(List.of("charge-asap", "perfect-foresight"), arms, r::toString);
        List<String> daily = Files.readAllLines(dir.resolve("daily.csv"));
        assertEquals(1 + 2, daily.size(), "one day per arm: " + daily);
        assertTrue(r.out().contains("1 days from 2026-12-01"), r::toString);
    }

    @Test
    void theSolveBudgetsAreOptionsAndTheReportNamesThem(@TempDir Path dir) {
        String study = STUDY.replace("\"deterministic\": true", "\"deterministic\": false");
        Result r = runWith(study, "simulate", "-", "-o", dir.toString(), "--days", "1", "--policy", "charge-asap",
                "--pf-ms", "120", "--replan-ms", "30", "--deterministic");
        assertEquals(Main.OK, r.code(), r::toString);
        assertTrue(r.out().contains("re-plan limit 30 ms"), r::toString);
        assertTrue(r.out().contains("perfect-foresight blocks 120 ms, deterministic (limits are work budgets) solves"),
                r::toString);
        Result bad = run("simulate", "-", "-o", dir.toString(), "--pf-ms", "0");
        assertEquals(Main.BAD_INPUT, bad.code(), bad::toString);
        assertTrue(bad.err().contains("--pf-ms"), bad::toString);
    }

    @Test
    void aBadDaysValueIsBadInputNamingTheOption(@TempDir Path dir) {
        for (String bad : List.of("0", "-3", "week")) {
            Result r = run("simulate", "-", "-o", dir.toString(), "--days", bad);
            assertEquals(Main.BAD_INPUT, r.code(), r::toString);
            assertTrue(r.err().contains("--days") && r.err().contains(bad), r::toString);
            assertEquals("", r.out(), r::toString);
        }
    }

    @Test
    void anUnknownPolicyIsBadInputNamingTheOptionAndTheArms(@TempDir Path dir) {
        Result r = run("simulate", "-", "-o", dir.toString(), "--policy", "charge-asap,cheapest");
        assertEquals(Main.BAD_INPUT, r.code(), r::toString);
        assertTrue(r.err().contains("--policy") && r.err().contains("'cheapest'"), r::toString);
        assertTrue(r.err().contains("policy, scenario, reserve, defer, typed, fall, saa, charge-asap, price-threshold, perfect-foresight"), r::toString);
        assertEquals("", r.out(), r::toString);
    }
}
