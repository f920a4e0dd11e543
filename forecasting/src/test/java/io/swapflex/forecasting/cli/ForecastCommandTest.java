package io.swapflex.forecasting.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ForecastCommandTest {

    private static String[] run(int expectedExit, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ForecastCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String o = out.toString(StandardCharsets.UTF_8);
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, rc, "stdout: " + o + "\nstderr: " + e);
        return new String[] {o, e};
    }

    @Test
    void printsOneCsvRowPerStepStartingAtAt() {
        String[] r = run(0, "--dataset", "entsoe-load", "--series", "DE_actual_mw", "--at", "2019-11-04T12:00Z",
                "--horizon", "36h", "--method", "ridge");
        String[] lines = r[0].strip().split("\n");
        assertEquals("timestamp,p10,p50,p90", lines[0]);
        assertEquals(37, lines.length);
        assertTrue(lines[1].startsWith("2019-11-04T12:00:00Z,"), lines[1]);
        assertTrue(lines[36].startsWith("2019-11-05T23:00:00Z,"), lines[36]);
        String[] cells = lines[1].split(",");
        double p10 = Double.parseDouble(cells[1]);
        double p50 = Double.parseDouble(cells[2]);
        double p90 = Double.parseDouble(cells[3]);
        assertTrue(p10 <= p50 && p50 <= p90 && p50 > 30_000 && p50 < 90_000, lines[1]);
    }

    @Test
    void autoOnArrivalCountsChoosesACountModelWithIntegerQuantiles() {
        String[] r = run(0, "--dataset", "ev-sessions-perth-kinross", "--series", "arrivals", "--at", "2019-08-01T12:00Z",
                "--horizon", "6h");
        assertTrue(r[1].contains("method auto → glm-negbin"), r[1]);
        String[] lines = r[0].strip().split("\n");
        assertEquals(7, lines.length);
        for (int i = 1; i < lines.length; i++) {
            for (String cell : lines[i].substring(lines[i].indexOf(',') + 1).split(",")) {
                double q = Double.parseDouble(cell);
                assertEquals(Math.rint(q), q, 1e-9, "count quantiles are whole swaps: " + lines[i]);
            }
        }
    }

    @Test
    void badInputExitsWithTwoAndSaysWhy() {
        assertTrue(run(2, "--dataset", "nope", "--series", "x", "--at", "2019-11-04T12:00Z", "--horizon", "36h")[1]
                .contains("unknown dataset"));
        assertTrue(run(2, "--dataset", "entsoe-load", "--series", "DE_actual_mw", "--at", "yesterday", "--horizon", "36h")[1]
                .contains("--at"));
        assertTrue(run(2, "--dataset", "entsoe-load", "--series", "DE_actual_mw", "--at", "2019-11-04T12:00Z", "--horizon", "-3h")[1]
                .contains("--horizon"));
        assertTrue(run(2, "--dataset", "entsoe-load", "--series", "DE_actual_mw", "--at", "2030-01-01T00:00Z", "--horizon", "36h")[1]
                .contains("outside"));
        assertTrue(run(2, "--dataset", "entsoe-load", "--series", "DE_actual_mw", "--at", "2019-11-04T12:00Z")[1]
                .contains("missing --horizon"));
        assertTrue(run(2, "--dataset", "entsoe-load", "--series", "DE_actual_mw", "--at", "2019-11-04T12:00Z", "--horizon", "36h",
                "--method", "magic")[1].contains("unknown --method"));
    }
}
