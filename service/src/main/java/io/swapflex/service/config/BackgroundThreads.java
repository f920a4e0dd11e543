package io.swapflex.service.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Threads for work that can wait — re-plans and flexibility — run at a lower OS scheduling
 * priority than the threads answering requests. The load test found that on 2 cores the solvers (a planner thread and
 * the flow scheduler's dual-ascent thread per solve, the same again for flexibility) took the cores from the request
 * threads: schedule pulls queued for seconds. Java's thread priorities do nothing on Linux (the JVM ignores them
 * unless run as root with {@code -XX:ThreadPriorityPolicy=1}), so each such thread raises its own nice value once,
 * when it starts, with {@code renice} on its thread id (Linux schedules threads by their own nice value; raising it
 * needs no privilege). Threads it starts, such as the dual-ascent thread, inherit it. Where that is not possible (not
 * Linux, no {@code renice}) the threads run as before, and the service says so once.
 */
public final class BackgroundThreads {

    private static final Logger LOG = Logger.getLogger(BackgroundThreads.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private BackgroundThreads() {
    }

    /**
     * Daemon threads named {@code name-N} that lower their priority by {@code nice} steps (0: unchanged) before
     * running.
     */
    public static ThreadFactory factory(String name, int nice) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(() -> {
                lowerCurrentThread(nice);
                r.run();
            }, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Raises the calling thread's nice value by {@code nice} (at most to 19).
     *
     * @return whether it was done
     */
    static boolean lowerCurrentThread(int nice) {
        if (nice <= 0) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String tid = stat.substring(0, stat.indexOf(' '));
            // From the process's own priority (its main thread's), not this thread's: a thread inherits the nice
            // value of the thread that started it (a pool's thread may be started from a re-plan's thread).
            int target = Math.min(19, nice(Files.readString(Path.of("/proc/self/stat"))) + nice);
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(target), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (renice.waitFor(10, TimeUnit.SECONDS) && renice.exitValue() == 0) {
                return true;
            }
            renice.destroyForcibly();
        } catch (IOException | RuntimeException e) {
            // not Linux, or no renice: below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (WARNED.compareAndSet(false, true)) {
            LOG.info("background threads (re-plans, flexibility) run at the request threads' priority: "
                    + "cannot renice them here (Linux with renice needed)");
        }
        return false;
    }

    /** The calling thread's nice value (Linux), for tests and diagnostics. */
    static int currentNice() throws IOException {
        return nice(Files.readString(Path.of("/proc/thread-self/stat")));
    }

    /** The nice value in a {@code /proc/.../stat} line: field 19, counted after the command name's parentheses. */
    private static int nice(String stat) {
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }
}
