package io.swapflex.service.common.jobs;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The background jobs of one kind (what-if studies, fleet plans): the room left in the queue, queueing, running with
 * the state moves, and the resume after a stop. Each job is stored by its feature before it is queued, so the table
 * is the queue: a job found QUEUED or RUNNING at start-up ({@link #resume()}) is queued again, and its {@link Work}
 * goes on from what it finds stored.
 *
 * <p>A run moves the job to RUNNING, runs the feature's work and moves it to DONE or FAILED as the work says. A stop
 * interrupts the running thread: the job then stays RUNNING (its work returns {@link Result#stopped()} or throws
 * while interrupted) and resumes at the next start.
 */
public final class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class.getName());

    /** What a job does once RUNNING; it stores its own results as it goes. */
    @FunctionalInterface
    public interface Work {
        Result run(String id);
    }

    /** How a run ended: DONE, FAILED with its error, or stopped by the shutdown (the job stays RUNNING). */
    public record Result(JobState state, String error) {
        public static Result done() {
            return new Result(JobState.DONE, null);
        }

        public static Result failed(String error) {
            return new Result(JobState.FAILED, error);
        }

        public static Result stopped() {
            return new Result(JobState.RUNNING, null);
        }
    }

    private final String kind;
    private final JobTable table;
    private final Clock clock;
    private final ExecutorService executor;
    private final int maxQueued;
    private final Work work;

    /**
     * @param kind      the jobs' name in messages and logs ({@code what-if}, {@code fleet})
     * @param maxQueued most jobs waiting at once; {@link #checkRoom()} refuses more
     */
    public JobRunner(String kind, JobTable table, Clock clock, ExecutorService executor, int maxQueued, Work work) {
        this.kind = kind;
        this.table = table;
        this.clock = clock;
        this.executor = executor;
        this.maxQueued = maxQueued;
        this.work = work;
    }

    /**
     * The executor of a kind of job: {@code threads} daemon threads named {@code name-1, name-2...}, below normal
     * priority so that the stations' own re-plans come first. Its queue needs no bound: the job table holds at most
     * {@code maxQueued} waiting.
     */
    public static ExecutorService executor(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setPriority(Thread.NORM_PRIORITY - 1);
            return thread;
        });
    }

    /** @throws BusyException when {@code maxQueued} jobs wait already */
    public void checkRoom() {
        if (table.count(JobState.QUEUED) >= maxQueued) {
            throw new BusyException(maxQueued + " " + kind + " jobs are waiting already; try again when some "
                    + "have run");
        }
    }

    /** Queues a stored job (a refused one, at shutdown, runs at the next start). */
    public void queue(String id) {
        try {
            executor.execute(() -> run(id));
        } catch (RejectedExecutionException e) {
            LOG.warning(() -> kind + " job " + id + " not queued: the service is stopping (it runs at the next start)");
        }
    }

    /**
     * Queues again the jobs a stop interrupted (QUEUED, or RUNNING when the service stopped).
     *
     * @return how many
     */
    public int resume() {
        List<JobTable.Unfinished> unfinished = table.unfinished();
        for (JobTable.Unfinished job : unfinished) {
            if (job.state() == JobState.RUNNING) {
                table.move(job.id(), JobState.QUEUED, null, null);
            }
            queue(job.id());
        }
        if (!unfinished.isEmpty()) {
            LOG.info(() -> unfinished.size() + " " + kind + " jobs interrupted by the last stop are queued again");
        }
        return unfinished.size();
    }

    /** Stops running jobs (they are resumed at the next start). */
    public void shutdown() {
        executor.shutdownNow();
    }

    private void run(String id) {
        try {
            if (!table.state(id).map(JobState::unfinished).orElse(false)) {
                return;
            }
            table.move(id, JobState.RUNNING, clock.instant(), null);
            Result result = work.run(id);
            if (result.state() == JobState.RUNNING || Thread.currentThread().isInterrupted()) {
                return; // the service is stopping: the job stays RUNNING and is resumed at the next start
            }
            table.move(id, result.state(), clock.instant(), result.error());
            LOG.info(() -> kind + " job " + id + " " + (result.state() == JobState.DONE ? "done" : "failed: "
                    + result.error()));
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            LOG.log(Level.SEVERE, kind + " job " + id + " failed", e);
            try {
                table.move(id, JobState.FAILED, clock.instant(), "internal error: " + e.getMessage());
            } catch (RuntimeException again) {
                LOG.log(Level.SEVERE, kind + " job " + id + " could not be marked FAILED", again);
            }
        }
    }
}
