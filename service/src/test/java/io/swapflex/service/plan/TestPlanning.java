package io.swapflex.service.plan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** What the tests that plan without a container share: greedy settings, and the clock of the demo's morning. */
public final class TestPlanning {

    /** Greedy, a 5 s limit, the service's 10 s ceiling: fast, deterministic plans. */
    public static final PlanningSettings GREEDY =
            new PlanningSettings("greedy", Duration.ofSeconds(5), 0.001, Duration.ofSeconds(10));

    /** The demo's horizon (hourly from 2026-11-25T17:00Z) starts at 03:00Z then. */
    public static final Clock DEMO_MORNING = Clock.fixed(Instant.parse("2026-11-26T03:10:00Z"), ZoneOffset.UTC);

    private TestPlanning() {
    }
}
