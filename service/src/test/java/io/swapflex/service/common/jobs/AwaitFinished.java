package io.swapflex.service.common.jobs;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** For the container-less job tests: polls a job's report until the job has finished (DONE or FAILED). */
public final class AwaitFinished {

    private AwaitFinished() {
    }

    /** @return the first report that is {@code finished}; fails the test after {@code timeout} */
    public static <T> T poll(Supplier<T> report, Predicate<T> finished, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T now = report.get();
            if (finished.test(now)) {
                return now;
            }
            Thread.sleep(20);
        }
        return fail(what + " did not finish within " + timeout);
    }
}
