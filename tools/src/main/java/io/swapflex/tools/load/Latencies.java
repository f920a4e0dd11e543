package io.swapflex.tools.load;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one kind of request did during the measured window: every latency (kept whole, sorted at the end: a run holds a
 * few hundred thousand samples, a few MB), the answers by status and the transport failures. Latency runs from the
 * moment the request was due, not from when it was sent, so a service (or a generator) that falls behind shows it in
 * the figures instead of hiding it (no coordinated omission).
 */
final class Latencies {

    private long[] nanos = new long[1 << 14];
    private int count;
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private long transportFailures;
    private long notReady;
    private long busy;
    private long completedInWindow;
    private String firstFailure;

    /** An answer (of any status) arrived inside the measured window: what the service got through per second. */
    synchronized void completedInWindow() {
        completedInWindow++;
    }

    synchronized void ok(int status, long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
        statuses.merge(status, 1L, Long::sum);
    }

    synchronized void failed(int status, String what) {
        statuses.merge(status, 1L, Long::sum);
        if (firstFailure == null) {
            firstFailure = status + " " + what;
        }
    }

    /** A 503 with Retry-After: the service says the answer is being computed (flexibility not computed yet). */
    synchronized void notReady() {
        notReady++;
        statuses.merge(503, 1L, Long::sum);
    }

    /** A 429 with Retry-After: the service refused for now (too much waiting); the request is sent again after it. */
    synchronized void busy() {
        busy++;
        statuses.merge(429, 1L, Long::sum);
    }

    synchronized void transportFailed(String what) {
        transportFailures++;
        if (firstFailure == null) {
            firstFailure = what;
        }
    }

    /** The figures of the window, latencies in milliseconds. */
    synchronized Summary summary(double seconds, int... okStatuses) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        long failedStatuses = 0;
        for (Map.Entry<Integer, Long> e : statuses.entrySet()) {
            if (Arrays.stream(okStatuses).noneMatch(s -> s == e.getKey())) {
                failedStatuses += e.getValue();
            }
        }
        failedStatuses -= notReady + busy;
        return new Summary(count, completedInWindow / seconds, percentile(sorted, 0.50), percentile(sorted, 0.95),
                percentile(sorted, 0.99), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6,
                failedStatuses + transportFailures, notReady, busy, new TreeMap<>(statuses), transportFailures,
                firstFailure);
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /**
     * @param ok        requests due inside the measured window and answered as they should be (2xx, and 304 for
     *                  schedules), whenever the answer came
     * @param perSecond answers that arrived inside the window, per second: the throughput the service sustained
     * @param failed   answers with any other status, and transport failures (refused, reset, timed out, or never
     *                 sent because the service fell too far behind)
     * @param notReady 503 answers saying the figures are still being computed (flexibility), not counted as failed
     * @param busy     429 answers (back-pressure: sent again after Retry-After, timed from the first due time), not
     *                 counted as failed
     */
    record Summary(long ok, double perSecond, double p50, double p95, double p99, double max, long failed,
                   long notReady, long busy, Map<Integer, Long> statuses, long transportFailures,
                   String firstFailure) {
    }
}
