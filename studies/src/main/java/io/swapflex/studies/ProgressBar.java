package io.swapflex.studies;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for the terminal, redrawn with {@code \r}: runs done of all, elapsed time, and the time left
 * estimated from the mean time per run so far.
 */
public final class ProgressBar implements StudyRunner.Listener {

    private static final int WIDTH = 24;

    private final PrintStream out;
    private final LongSupplier nanos;
    private final long start;
    private int lastLength;

    /** @param nanos the clock (System::nanoTime; a test passes its own) */
    public ProgressBar(PrintStream out, LongSupplier nanos) {
        this.out = out;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
    }

    /** Draws the bar before the first run ends. */
    public void begin(int total) {
        draw(0, total, null);
    }

    @Override
    public void finished(int done, int total, Outcome outcome) {
        draw(done, total, outcome);
        if (done == total) {
            out.println();
        }
        out.flush();
    }

    /** The line for {@code done} of {@code total} after {@code elapsedNanos}. */
    static String line(int done, int total, long elapsedNanos, Outcome last) {
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        String eta = done == 0 ? "--:--" : clock(elapsedNanos / done * (total - done));
        String tail = last == null ? "" : "  " + last.run().name() + ": " + last.verdict();
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/" + total + " runs  elapsed "
                + clock(elapsedNanos) + "  ETA " + eta + tail;
    }

    private void draw(int done, int total, Outcome last) {
        String text = line(done, total, nanos.getAsLong() - start, last);
        // pad over the previous, longer line
        out.print("\r" + text + " ".repeat(Math.max(0, lastLength - text.length())));
        lastLength = text.length();
    }

    private static String clock(long nanos) {
        long s = Math.round(nanos / 1e9);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
