package io.swapflex.optimizer.contract;

import io.swapflex.datasets.examples.ExampleStations;
import io.swapflex.datasets.examples.Examples;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example problems shipped by the datasets module are valid contract v1 problems: the engine's reader accepts
 * them (no unknown fields, right types) and {@link ProblemValidator} finds no error. Lives here because datasets must
 * not depend on the optimizer.
 */
class ExamplesValidTest {

    @Test
    void thereAreExamples() {
        assertFalse(Examples.names().isEmpty());
        assertEquals(ExampleStations.NAMES, Examples.names());
    }

    @Test
    void everyExampleIsReadAndValidatedWithoutErrors() {
        for (String name : Examples.names()) {
            Problem problem = ContractJson.readProblem(Examples.json(name));
            List<String> errors = ProblemValidator.errors(problem);
            assertEquals(List.of(), errors, name);
        }
    }

    @Test
    void committedExamplesHaveNotDriftedFromTheGenerator() {
        for (String name : Examples.names()) {
            assertEquals(ExampleStations.toJson(ExampleStations.build(name)), Examples.json(name).replace("\r\n", "\n"),
                    name + ".json drifted from ExampleStations; rerun ExampleStations.main");
        }
    }

    @Test
    void examplesHaveTheDescribedShape() {
        Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        assertEquals(24, demo.slots());
        assertEquals(1.0, demo.slotHours());
        assertEquals(3, demo.bays().size());
        assertEquals(1, demo.requests().size());
        assertFalse(demo.requests().get(0).isFirm());

        Problem mixed = ContractJson.readProblem(Examples.json("mixed-2w3w-21"));
        assertEquals(21, mixed.bays().size());
        assertEquals(2, mixed.packTypes().size());
        assertTrue(mixed.requests().stream().anyMatch(DispatchRequest::isFirm));
        assertTrue(mixed.requests().stream().anyMatch(r -> !r.isFirm() && r.reward() > 0));

        for (String name : Examples.names()) {
            Problem p = ContractJson.readProblem(Examples.json(name));
            DayOfWeek day = p.horizon().startTime().getDayOfWeek();
            assertTrue(day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY, name + " starts on a weekday: " + day);
            for (DispatchRequest r : p.requests()) {
                assertTrue(r.exportKw() <= p.site().gridExportLimitKw(), name + " " + r.id() + " within export limit");
            }
        }
    }
}
