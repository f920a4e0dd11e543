package io.swapflex.service.plan;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplannerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void requestsWithinTheDebounceShareOneSolve() throws Exception {
        List<String> solves = new CopyOnWriteArrayList<>();
        Replanner replanner = new Replanner(executor, Duration.ofMillis(200), (id, reason) -> solves.add(id + ":" + reason));
        replanner.request("s1", "first");
        replanner.request("s1", "second");
        replanner.request("s1", "third");
        assertTrue(replanner.awaitIdle("s1", WAIT));
        assertEquals(List.of("s1:first"), solves);
        assertEquals(1, replanner.completed("s1"));
    }

    @Test
    void aRequestDuringASolveStartsExactlyOneMoreAndNeverTwoAtOnce() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<String> reasons = new CopyOnWriteArrayList<>();
        Replanner replanner = new Replanner(executor, Duration.ofMillis(1), (id, reason) -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            reasons.add(reason);
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
        });
        replanner.request("s1", "a");
        assertTrue(started.await(10, TimeUnit.SECONDS));
        replanner.request("s1", "b");
        replanner.request("s1", "c");
        assertTrue(replanner.busy("s1"));
        release.countDown();
        assertTrue(replanner.awaitIdle("s1", WAIT));
        assertEquals(List.of("a", "c"), reasons, "the running solve, then one more for the newest change");
        assertEquals(1, mostAtOnce.get());
        assertFalse(replanner.busy("s1"));
    }

    @Test
    void aFailedSolveIsCountedAndDoesNotStopLaterOnes() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Replanner replanner = new Replanner(executor, Duration.ofMillis(1), (id, reason) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("solver broke");
            }
        });
        replanner.request("s1", "a");
        assertTrue(replanner.awaitIdle("s1", WAIT));
        replanner.request("s1", "b");
        assertTrue(replanner.awaitIdle("s1", WAIT));
        assertEquals(2, calls.get());
        assertEquals(2, replanner.completed("s1"));
    }

    @Test
    void stationsPlanIndependently() throws Exception {
        List<String> solves = new CopyOnWriteArrayList<>();
        Replanner replanner = new Replanner(executor, Duration.ofMillis(50), (id, reason) -> solves.add(id));
        replanner.request("s1", "x");
        replanner.request("s2", "x");
        assertTrue(replanner.awaitIdle("s1", WAIT));
        assertTrue(replanner.awaitIdle("s2", WAIT));
        assertEquals(2, solves.size());
        assertTrue(solves.containsAll(List.of("s1", "s2")));
    }

    @Test
    void aPeriodicRefreshReplansEveryStationNamedAtThatMoment() throws Exception {
        CountDownLatch refreshed = new CountDownLatch(4);
        List<String> solves = new CopyOnWriteArrayList<>();
        Replanner replanner = new Replanner(executor, Duration.ofMillis(1), (id, reason) -> {
            solves.add(id + ":" + reason);
            refreshed.countDown();
        });
        replanner.every(Duration.ofMillis(30), () -> List.of("s1", "s2"));
        assertTrue(refreshed.await(10, TimeUnit.SECONDS));
        assertTrue(solves.contains("s1:scheduled refresh"));
        assertTrue(solves.contains("s2:scheduled refresh"));
    }

    @Test
    void aPassingFailureIsRetriedWithBackOffUntilItWorksAndOthersAreNot() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Long> at = new CopyOnWriteArrayList<>();
        Replanner replanner = new Replanner(executor, Duration.ofMillis(1), (id, reason) -> {
            at.add(System.nanoTime());
            if (calls.incrementAndGet() <= 3) {
                throw new IllegalStateException("database unavailable");
            }
        }, e -> e instanceof IllegalStateException, Duration.ofMillis(50), Duration.ofMillis(120));
        replanner.request("s1", "event");
        assertTrue(replanner.awaitIdle("s1", WAIT));
        assertEquals(4, calls.get(), "three failures, then the re-plan that worked");
        // Back-off 50, 100, then 120 ms (the cap).
        assertTrue(at.get(1) - at.get(0) >= 45_000_000L, "first back-off");
        assertTrue(at.get(2) - at.get(1) >= 95_000_000L, "doubled");
        assertTrue(at.get(3) - at.get(2) >= 115_000_000L, "capped");

        AtomicInteger other = new AtomicInteger();
        Replanner once = new Replanner(executor, Duration.ofMillis(1), (id, reason) -> {
            other.incrementAndGet();
            throw new IllegalArgumentException("a bad registration");
        }, e -> e instanceof IllegalStateException, Duration.ofMillis(50), Duration.ofMillis(120));
        once.request("s2", "event");
        assertTrue(once.awaitIdle("s2", WAIT));
        Thread.sleep(200);
        assertEquals(1, other.get(), "a failure that does not pass by itself is not retried");
    }
}
