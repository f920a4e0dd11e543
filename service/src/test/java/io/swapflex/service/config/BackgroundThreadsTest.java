package io.swapflex.service.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Background threads run below the request threads: their own nice value is raised, the caller's is not. */
class BackgroundThreadsTest {

    @Test
    void aBackgroundThreadAndTheThreadsItStartsRunNiceStepsBelowTheRestOfTheProcess() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux only");
        assumeTrue(onPath("renice"), "renice (util-linux) is installed");
        int before = BackgroundThreads.currentNice();
        assumeTrue(before <= 14, "room for 5 steps below this process's priority");
        CompletableFuture<int[]> seen = new CompletableFuture<>();
        BackgroundThreads.factory("test-background", 5).newThread(() -> {
            try {
                int own = BackgroundThreads.currentNice();
                // a thread it starts (as the flow scheduler starts its dual-ascent thread) inherits the priority
                CompletableFuture<Integer> child = new CompletableFuture<>();
                new Thread(() -> {
                    try {
                        child.complete(BackgroundThreads.currentNice());
                    } catch (Exception e) {
                        child.completeExceptionally(e);
                    }
                }).start();
                // a background thread started from a background thread is lowered from the process's priority, once
                CompletableFuture<Integer> nested = new CompletableFuture<>();
                BackgroundThreads.factory("test-nested", 5).newThread(() -> {
                    try {
                        nested.complete(BackgroundThreads.currentNice());
                    } catch (Exception e) {
                        nested.completeExceptionally(e);
                    }
                }).start();
                seen.complete(new int[]{own, child.get(10, TimeUnit.SECONDS), nested.get(10, TimeUnit.SECONDS)});
            } catch (Exception e) {
                seen.completeExceptionally(e);
            }
        }).start();
        int[] nice = seen.get(30, TimeUnit.SECONDS);
        assertEquals(before + 5, nice[0], "the background thread");
        assertEquals(before + 5, nice[1], "a thread it started");
        assertEquals(before + 5, nice[2], "a background thread it started, not 10 steps below");
        assertEquals(before, BackgroundThreads.currentNice(), "the calling thread is left alone");
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
