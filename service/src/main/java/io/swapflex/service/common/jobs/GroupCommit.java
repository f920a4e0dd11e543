package io.swapflex.service.common.jobs;


import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One writer thread that commits many small writes (items) in one transaction: group commit.
 *
 * <p>Callers {@link #submit} an item and get a future that completes only once the transaction holding it has
 * committed (the {@link BatchWriter} returned), so an answer given from it is durable. The writer takes every item
 * waiting when it is free (at most {@code maxBatch}), in the order they were submitted, and hands them to the batch
 * writer at once: under load one commit (one file write for H2, one {@code fsync} for PostgreSQL) serves many items,
 * and at low load an item waits for nothing but its own commit. A batch that fails as a whole (the database full or
 * gone) completes every one of its items with that failure, never with a result.
 *
 * <p>Work that must not be batched with others but must keep its place in the order ({@link #exclusive}: a
 * registration, a change that touches more than events) runs alone on the same thread, after the items submitted
 * before it are committed and before those after it.
 *
 * <p>The queue is bounded: when {@code maxQueued} items wait already, {@link #submit} refuses at once with a
 * {@link BusyException} (429, Retry-After), rather than letting the answers fall behind without limit.
 *
 * @param <I> an item to write
 * @param <O> what writing it gives its caller
 */
public final class GroupCommit<I, O> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

    /**
     * Writes items in one transaction and returns once it committed.
     *
     * @param <I> the item
     * @param <O> what writing it gives
     */
    @FunctionalInterface
    public interface BatchWriter<I, O> {
        /**
         * @param items at least one, in submission order
         * @return one outcome per item, in the same order: its result, or its own refusal (an item the batch did not
         *         write, such as an event that contradicts the state: the others are still written)
         * @throws RuntimeException when nothing was written: every item of the batch fails with it
         */
        List<Outcome<O>> write(List<I> items);
    }

    /**
     * An item's outcome: a result or a refusal.
     *
     * @param <O> what writing it gives
     */
    public record Outcome<O>(O result, RuntimeException refusal) {
        public static <O> Outcome<O> written(O result) {
            return new Outcome<>(result, null);
        }

        public static <O> Outcome<O> refused(RuntimeException refusal) {
            return new Outcome<>(null, refusal);
        }
    }

    /** Settings: most items waiting, most items per transaction, the Retry-After of a refusal (seconds). */
    public record Settings(int maxQueued, int maxBatch, int retryAfterSeconds) {
        public Settings {
            if (maxQueued < 1 || maxBatch < 1 || retryAfterSeconds < 1) {
                throw new IllegalArgumentException("maxQueued, maxBatch and retryAfterSeconds must be at least 1, are "
                        + maxQueued + ", " + maxBatch + ", " + retryAfterSeconds);
            }
        }
    }

    /** A queued task: an item to batch or exclusive work. */
    private sealed interface Task permits Item, Exclusive {
        void fail(RuntimeException e);
    }

    private record Item<I, O>(I item, CompletableFuture<O> done) implements Task {
        @Override
        public void fail(RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private record Exclusive(Supplier<?> work, CompletableFuture<Object> done) implements Task {
        @Override
        public void fail(RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private final String name;
    private final BatchWriter<I, O> writer;
    private final Settings settings;
    private final BlockingQueue<Task> queue;
    private final Thread thread;
    private volatile boolean closed;
    /** What the writer did since the last summary (its thread only); see {@link #summarise}. */
    private final Stats stats = new Stats();

    /**
     * The writer's own account, logged (at FINE, DEBUG for Quarkus) every 10 s when it wrote something: batches,
     * items a batch, and how the time went (writing, waiting for items), to tell a slow database from an idle writer.
     */
    private static final class Stats {
        long since = System.nanoTime();
        long batches;
        long items;
        int largest;
        long writingNanos;
        long slowestNanos;
    }

    /**
     * @param name what the items are (for messages and the thread's name)
     */
    public GroupCommit(String name, BatchWriter<I, O> writer, Settings settings) {
        this.name = name;
        this.writer = writer;
        this.settings = settings;
        // exclusive work may always queue: room for it beside a full queue of items
        this.queue = new ArrayBlockingQueue<>(settings.maxQueued() + 1_000);
        this.thread = new Thread(this::run, "swapflex-" + name + "-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues an item.
     *
     * @return completes with its result once its transaction committed; or with its refusal or the batch's failure
     * @throws BusyException when {@code maxQueued} items wait already
     */
    public CompletableFuture<O> submit(I item) {
        requireOpen();
        CompletableFuture<O> done = new CompletableFuture<>();
        // the bound counts every waiting task; exclusive work is rare and small in number
        if (queue.size() >= settings.maxQueued() || !queue.offer(new Item<>(item, done))) {
            throw new BusyException(settings.maxQueued() + " " + name + " are waiting to be stored already; try "
                    + "again in " + settings.retryAfterSeconds() + " s", settings.retryAfterSeconds());
        }
        return done;
    }

    /** Runs the work alone on the writer thread, in its place among the items. */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> exclusive(Supplier<T> work) {
        requireOpen();
        CompletableFuture<Object> done = new CompletableFuture<>();
        try {
            queue.put(new Exclusive(work, done));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing " + name + " work", e);
        }
        return (CompletableFuture<T>) done;
    }

    /** Waits for the future and returns its result, or throws its failure as it was thrown (unwrapped). */
    public static <T> T await(CompletableFuture<T> done) {
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a write", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** How many tasks wait (for diagnostics and tests). */
    public int queued() {
        return queue.size();
    }

    /**
     * Writes what is queued already, then stops the writer (waiting at most {@code timeoutMs}); later submits are
     * refused. The writer thread is never interrupted: H2 closes its file when a thread is interrupted in a write.
     */
    public void close(long timeoutMs) {
        closed = true;
        try {
            thread.join(timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            List<Task> left = new ArrayList<>();
            queue.drainTo(left);
            left.forEach(t -> t.fail(new IllegalStateException("the service is stopping: " + name + " not stored")));
        }
    }

    @Override
    public void close() {
        close(5_000);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the service is stopping: no more " + name + " are taken");
        }
    }

    private void run() {
        List<Task> tasks = new ArrayList<>();
        while (true) {
            tasks.clear();
            Task first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            tasks.add(first);
            queue.drainTo(tasks, settings.maxBatch() - 1);
            process(tasks);
        }
    }

    private void summarise(int size, long nanos) {
        stats.batches++;
        stats.items += size;
        stats.largest = Math.max(stats.largest, size);
        stats.writingNanos += nanos;
        stats.slowestNanos = Math.max(stats.slowestNanos, nanos);
        long now = System.nanoTime();
        long elapsed = now - stats.since;
        if (elapsed >= 10_000_000_000L) {
            if (LOG.isLoggable(Level.FINE)) {
                LOG.fine(String.format(Locale.ROOT, "%s: %d batches of %.1f on average (%d at most) in %.1f "
                                + "s, %.0f a second; writing %.0f %% of the time, %.1f ms a batch on average, %.1f at most",
                        name, stats.batches, stats.items / (double) stats.batches, stats.largest, elapsed / 1e9,
                        stats.items / (elapsed / 1e9), 100.0 * stats.writingNanos / elapsed,
                        stats.writingNanos / 1e6 / stats.batches, stats.slowestNanos / 1e6));
            }
            stats.since = now;
            stats.batches = 0;
            stats.items = 0;
            stats.largest = 0;
            stats.writingNanos = 0;
            stats.slowestNanos = 0;
        }
    }

    /** Consecutive items as one batch; exclusive work alone, in its place. */
    @SuppressWarnings("unchecked")
    private void process(List<Task> tasks) {
        List<Item<I, O>> batch = new ArrayList<>();
        for (Task task : tasks) {
            if (task instanceof Item<?, ?> item) {
                batch.add((Item<I, O>) item);
            } else {
                write(batch);
                batch.clear();
                Exclusive exclusive = (Exclusive) task;
                try {
                    exclusive.done().complete(exclusive.work().get());
                } catch (RuntimeException | Error e) {
                    exclusive.done().completeExceptionally(e);
                }
            }
        }
        write(batch);
    }

    private void write(List<Item<I, O>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Outcome<O>> outcomes;
        long start = System.nanoTime();
        try {
            try {
                outcomes = writer.write(batch.stream().map(Item::item).toList());
            } finally {
                summarise(batch.size(), System.nanoTime() - start);
            }
            if (outcomes.size() != batch.size()) {
                throw new IllegalStateException("the " + name + " writer gave " + outcomes.size() + " outcomes for "
                        + batch.size() + " items");
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "a batch of " + batch.size() + " " + name + " was not stored: " + e.getMessage());
            RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            batch.forEach(item -> item.fail(failure));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Outcome<O> outcome = outcomes.get(i);
            if (outcome.refusal() != null) {
                batch.get(i).done().completeExceptionally(outcome.refusal());
            } else {
                batch.get(i).done().complete(outcome.result());
            }
        }
    }
}
