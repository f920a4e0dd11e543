package io.swapflex.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code swapflex whatif} end to end: the files it writes, and bad input answered with exit 2. */
class WhatIfCommandTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aStudyWritesItsResultsPlansAndTheServiceRequest(@TempDir Path dir) throws Exception {
        Path study = dir.resolve("study.json");
        Files.writeString(study, """
                {"example": "demo-3bay-hourly", "solver": "greedy", "scenarios": [
                  {"name": "import prices x2", "importPriceScale": 2}]}""");
        Path results = dir.resolve("results");
        Result r = run("whatif", study.toString(), "-o", results.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("2/2 runs"), r.err());
        assertTrue(r.out().contains("import prices x2"), r.out());
        assertEquals(3, Files.readAllLines(results.resolve("results.csv")).size());
        assertTrue(Files.readString(results.resolve("report.html")).contains("<svg"));
        assertTrue(Files.exists(results.resolve("plans").resolve("00-base.plan.json")));
        assertTrue(Files.exists(results.resolve("plans").resolve("01-import_prices_x2.plan.json")));
        String request = Files.readString(results.resolve("whatif-request.json"));
        assertTrue(request.contains("\"problem\"") && request.contains("\"importPriceScale\" : 2"), request);
    }

    @Test
    void aBadStudyExitsWith2NamingTheField(@TempDir Path dir) throws Exception {
        Path study = dir.resolve("bad.json");
        Files.writeString(study, "{\"example\": \"thai-2w-12\", \"scenarios\": [{\"name\": \"a\", \"demandScale\": -1}]}");
        Result r = run("whatif", study.toString(), "-o", dir.resolve("out").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("error: scenarios[0].demandScale must be ≥ 0, is -1"), r.err());
        assertEquals(2, run("whatif").code());
        assertEquals(2, run("whatif", dir.resolve("missing.json").toString()).code());
    }

    @Test
    void aSimulateStudyIsReadByItsOwnRulesAndRunsOnThisMachineOnly(@TempDir Path dir) throws Exception {
        Path study = dir.resolve("sim.json");
        Files.writeString(study, "{\"mode\": \"simulate\", \"simulation\": \"example\", \"scenarios\": "
                + "[{\"name\": \"more\", \"addBays\": [{\"packType\": \"2W-1.8\", \"count\": 0}]}]}");
        Result r = run("whatif", study.toString(), "-o", dir.resolve("out").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("scenarios[0].addBays[0].count must be a whole number in [1, 1000], is 0"), r.err());
        Files.writeString(study, "{\"mode\": \"simulate\", \"simulation\": \"example\", \"scenarios\": "
                + "[{\"name\": \"P90\", \"serviceLevel\": 0.9}]}");
        Result cluster = run("whatif", study.toString(), "--cluster", "2");
        assertEquals(2, cluster.code());
        assertTrue(cluster.err().contains("a simulate study runs on this machine"), cluster.err());
    }
}
