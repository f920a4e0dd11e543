package io.swapflex.service.plan;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.registry.Schedulers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A pull of a window already written finds it by its query as sent: nothing parsed, formatted or written again. */
class RenderedSchedulesTest {

    private static final Problem DEMO = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
    private static final Plan PLAN = Schedulers.byName("greedy").solve(DEMO, SolveOptions.defaults());
    private static final String FROM = "2026-11-25T18:00:00Z";

    private final AtomicInteger written = new AtomicInteger();
    private final RenderedSchedules rendered = new RenderedSchedules(s -> {
        written.incrementAndGet();
        return (s.version() + ":" + s.slots().size()).getBytes(StandardCharsets.UTF_8);
    });

    private static StoredPlan version(long v) {
        return new StoredPlan(DEMO.stationId(), v, 1, "test", Instant.parse("2026-11-25T16:00:00Z"), DEMO, PLAN);
    }

    @Test
    void theSameQueryOfTheSamePlanVersionIsWrittenOnceAndNotReadAgain() {
        StoredPlan plan = version(1);
        AtomicInteger reads = new AtomicInteger();
        Supplier<Schedule.Window> window = () -> {
            reads.incrementAndGet();
            return Schedule.window(plan, Instant.parse(FROM), null);
        };
        RenderedSchedules.Rendered first = rendered.of(plan, new RenderedSchedules.Query(FROM, null), window);
        RenderedSchedules.Rendered again = rendered.of(plan, new RenderedSchedules.Query(FROM, null), window);
        assertSame(first, again);
        assertEquals(1, reads.get(), "the query was read and checked once");
        assertEquals(1, written.get());
        assertEquals(Schedule.of(plan, Instant.parse(FROM), null).etag(), first.etag());
        assertEquals("1:23", new String(first.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aNewPlanVersionIsWrittenAfreshAndABadQueryIsNeverKept() {
        RenderedSchedules.Query query = new RenderedSchedules.Query(FROM, FROM);
        for (int i = 0; i < 2; i++) {
            assertThrows(InvalidProblemException.class, () -> rendered.of(version(1), query,
                    () -> Schedule.window(version(1), Instant.parse(FROM), Instant.parse(FROM))));
        }
        RenderedSchedules.Query good = new RenderedSchedules.Query(null, null);
        RenderedSchedules.Rendered v1 = rendered.of(version(1), good, () -> Schedule.window(version(1), null, null));
        RenderedSchedules.Rendered v2 = rendered.of(version(2), good, () -> Schedule.window(version(2), null, null));
        assertNotSame(v1, v2);
        assertEquals(List.of("1:24", "2:24"), List.of(new String(v1.body(), StandardCharsets.UTF_8),
                new String(v2.body(), StandardCharsets.UTF_8)));
        // a late pull of version 1 is answered, without replacing version 2's entry
        rendered.of(version(1), good, () -> Schedule.window(version(1), null, null));
        assertSame(v2, rendered.of(version(2), good, () -> Schedule.window(version(2), null, null)));
    }
}
