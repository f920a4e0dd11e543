package io.swapflex.tools.load;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load harness's profile rendering and its tallies, without a service. */
class ProfileTest {

    private static final Map<String, Long> FOLDED = new TreeMap<>(Map.of(
            "executor-thread;io.swapflex.service.plan.StationPlanResource.schedule;com.fasterxml.jackson.X.write", 30L,
            "executor-thread;io.swapflex.service.plan.StationPlanResource.schedule;java.lang.String.hashCode", 10L,
            "vert.x-eventloop-thread;io.netty.Y.read", 60L));

    @Test
    void threadsAreGroupedByTheirNameWithoutTheirNumber() {
        assertEquals("executor-thread", Profile.threadKind("executor-thread-17"));
        assertEquals("vert.x-eventloop-thread", Profile.threadKind("vert.x-eventloop-thread-0"));
        assertEquals("swapflex-battery_events-writer", Profile.threadKind("swapflex-battery events-writer"));
        assertEquals("(unnamed)", Profile.threadKind(null));
    }

    @Test
    void theSummaryGivesSharesByThreadAreaAndLeaf() {
        List<String> summary = Profile.summary(FOLDED, 100);
        assertEquals("by thread: vert.x-eventloop-thread 60.0%, executor-thread 40.0%", summary.get(0));
        assertTrue(summary.get(1).contains("Netty 60.0%"), summary.get(1));
        assertTrue(summary.get(1).contains("schedule pull (resource) 40.0%"), summary.get(1));
        assertTrue(summary.get(1).contains("JSON (Jackson) 30.0%"), summary.get(1));
        assertTrue(summary.get(2).startsWith("hottest frames (self): io.netty.Y.read 60.0%"), summary.get(2));
    }

    @Test
    void theFlameGraphHasABoxPerFrameAsWideAsItsSamples() {
        String svg = FlameGraph.svg(FOLDED, "a <test>");
        assertTrue(svg.startsWith("<svg "), svg);
        assertTrue(svg.contains("a &lt;test&gt;"), "the title is escaped");
        assertTrue(svg.contains("<title>all: 100 samples (100.00%)</title>"), svg);
        assertTrue(svg.contains("<title>executor-thread: 40 samples (40.00%)</title>"), svg);
        assertTrue(svg.contains("<title>com.fasterxml.jackson.X.write: 30 samples (30.00%)</title>"), svg);
        // 1600 px wide: 40 % is 640 px
        assertTrue(svg.contains("width=\"640.0\""), svg);
        assertFalse(svg.contains("NaN"));
    }

    @Test
    void a429IsCountedApartAndNotAsAFailure() {
        Latencies events = new Latencies();
        events.busy();
        events.ok(202, 5_000_000);
        events.failed(500, "boom");
        Latencies.Summary s = events.summary(1, 202);
        assertEquals(1, s.busy());
        assertEquals(1, s.failed());
        assertEquals(1, s.ok());
        assertEquals(1000, StationController.retryAfterMillis("1"));
        assertEquals(1000, StationController.retryAfterMillis("Wed, 21 Oct 2015 07:28:00 GMT"));
    }
}
