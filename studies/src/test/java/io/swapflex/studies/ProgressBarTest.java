package io.swapflex.studies;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressBarTest {

    @Test
    void aLineSaysDoneOfTotalElapsedAndTheTimeLeft() {
        assertEquals("[------------------------] 0/8 runs  elapsed 0:00  ETA --:--",
                ProgressBar.line(0, 8, 0, null));
        // 2 of 8 in 30 s: 15 s each, 6 left
        assertEquals("[######------------------] 2/8 runs  elapsed 0:30  ETA 1:30",
                ProgressBar.line(2, 8, 30_000_000_000L, null));
    }

    @Test
    void theBarIsRedrawnOnOneLineAndEndsWithANewline() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get);
        bar.begin(2);
        now.set(4_000_000_000L);
        bar.finished(1, 2, null);
        now.set(8_000_000_000L);
        bar.finished(2, 2, null);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(3, text.chars().filter(c -> c == '\r').count());
        assertTrue(text.endsWith("2/2 runs  elapsed 0:08  ETA 0:00\n"), text);
        assertTrue(text.contains("1/2 runs  elapsed 0:04  ETA 0:04"), text);
    }
}
