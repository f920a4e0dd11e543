package io.swapflex.service.common.jobs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupCommitTest {

    /** A batch writer that records its batches and, while {@code hold} is closed, waits inside the "transaction". */
    private static final class Recorder implements GroupCommit.BatchWriter<Integer, String> {
        final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch hold = new CountDownLatch(1);
        volatile RuntimeException failure;

        @Override
        public List<GroupCommit.Outcome<String>> write(List<Integer> items) {
            entered.countDown();
            await(hold);
            if (failure != null) {
                throw failure;
            }
            batches.add(List.copyOf(items));
            return items.stream().map(i -> i < 0
                    ? GroupCommit.Outcome.<String>refused(new IllegalArgumentException("negative: " + i))
                    : GroupCommit.Outcome.written("stored " + i)).toList();
        }
    }

    private final Recorder recorder = new Recorder();
    private GroupCommit<Integer, String> commit;

    @AfterEach
    void close() {
        recorder.hold.countDown();
        if (commit != null) {
            commit.close();
        }
    }

    @Test
    void itemsAreWrittenInTheOrderSubmittedAndThoseThatWaitedShareOneTransaction() {
        commit = new GroupCommit<>("items", recorder, new GroupCommit.Settings(100, 50, 1));
        List<CompletableFuture<String>> done = new ArrayList<>();
        done.add(commit.submit(0));
        await(recorder.entered); // the writer is inside the first transaction: the next items wait together
        for (int i = 1; i <= 20; i++) {
            done.add(commit.submit(i));
        }
        recorder.hold.countDown();
        for (int i = 0; i <= 20; i++) {
            assertEquals("stored " + i, GroupCommit.await(done.get(i)));
        }
        List<Integer> written = recorder.batches.stream().flatMap(List::stream).toList();
        assertEquals(java.util.stream.IntStream.rangeClosed(0, 20).boxed().toList(), written);
        assertEquals(List.of(0), recorder.batches.get(0));
        assertEquals(2, recorder.batches.size(), "the 20 items that waited went in one transaction: " + recorder.batches);
    }

    @Test
    void anItemIsAnsweredOnlyOnceItsTransactionReturned() throws Exception {
        commit = new GroupCommit<>("items", recorder, new GroupCommit.Settings(100, 50, 1));
        CompletableFuture<String> done = commit.submit(7);
        await(recorder.entered);
        Thread.sleep(50); // the writer stays inside its transaction: nothing may be answered meanwhile
        assertFalse(done.isDone(), "answered before its transaction committed");
        recorder.hold.countDown();
        assertEquals("stored 7", done.get(10, TimeUnit.SECONDS));
    }

    @Test
    void beyondTheQueueBoundAnItemIsRefusedAtOnceWithRetryAfter() {
        commit = new GroupCommit<>("battery events", recorder, new GroupCommit.Settings(3, 50, 2));
        CompletableFuture<String> first = commit.submit(0);
        await(recorder.entered); // taken by the writer: no longer waiting
        List<CompletableFuture<String>> waiting = List.of(commit.submit(1), commit.submit(2), commit.submit(3));
        BusyException busy = assertThrows(BusyException.class, () -> commit.submit(4));
        assertEquals(2, busy.retryAfterSeconds());
        assertTrue(busy.getMessage().contains("3 battery events are waiting"), busy.getMessage());
        recorder.hold.countDown();
        assertEquals("stored 0", GroupCommit.await(first));
        waiting.forEach(GroupCommit::await);
        assertEquals("stored 5", GroupCommit.await(commit.submit(5)), "room again once the queue drained");
        assertFalse(recorder.batches.stream().anyMatch(b -> b.contains(4)), "a refused item is never written");
    }

    @Test
    void aFailedBatchAnswersEachOfItsItemsWithTheFailureNeverAResult() {
        commit = new GroupCommit<>("items", recorder, new GroupCommit.Settings(100, 50, 1));
        RuntimeException diskFull = new IllegalStateException("database: No space left on device");
        recorder.failure = diskFull;
        CompletableFuture<String> first = commit.submit(0);
        await(recorder.entered);
        CompletableFuture<String> second = commit.submit(1);
        CompletableFuture<String> third = commit.submit(2);
        recorder.hold.countDown();
        for (CompletableFuture<String> f : List.of(first, second, third)) {
            assertSame(diskFull, assertThrows(RuntimeException.class, () -> GroupCommit.await(f)));
        }
        assertTrue(recorder.batches.isEmpty());
        recorder.failure = null;
        assertEquals("stored 3", GroupCommit.await(commit.submit(3)), "the writer goes on after a failed batch");
    }

    @Test
    void aRefusedItemFailsAloneAndTheOthersOfItsBatchAreWritten() {
        commit = new GroupCommit<>("items", recorder, new GroupCommit.Settings(100, 50, 1));
        recorder.hold.countDown();
        CompletableFuture<String> good = commit.submit(1);
        CompletableFuture<String> bad = commit.submit(-1);
        CompletableFuture<String> alsoGood = commit.submit(2);
        assertEquals("stored 1", GroupCommit.await(good));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> GroupCommit.await(bad));
        assertEquals("negative: -1", refused.getMessage());
        assertEquals("stored 2", GroupCommit.await(alsoGood));
    }

    @Test
    void exclusiveWorkRunsAloneInItsPlaceAmongTheItems() {
        commit = new GroupCommit<>("items", recorder, new GroupCommit.Settings(100, 50, 1));
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> first = commit.submit(0);
        await(recorder.entered);
        CompletableFuture<String> before = commit.submit(1);
        CompletableFuture<Integer> exclusive = commit.exclusive(() -> {
            order.add("exclusive after " + recorder.batches.stream().flatMap(List::stream).toList());
            return 42;
        });
        CompletableFuture<String> after = commit.submit(2);
        recorder.hold.countDown();
        GroupCommit.await(first);
        GroupCommit.await(before);
        assertEquals(42, GroupCommit.await(exclusive));
        GroupCommit.await(after);
        assertEquals(List.of("exclusive after [0, 1]"), order);
        assertEquals(List.of(List.of(0), List.of(1), List.of(2)), recorder.batches);
    }

    @Test
    void afterCloseNothingMoreIsTakenAndWhatWasQueuedIsWritten() {
        commit = new GroupCommit<>("items", recorder, new GroupCommit.Settings(100, 50, 1));
        recorder.hold.countDown();
        CompletableFuture<String> queued = commit.submit(1);
        commit.close();
        assertEquals("stored 1", GroupCommit.await(queued));
        assertThrows(IllegalStateException.class, () -> commit.submit(2));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "timed out");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
