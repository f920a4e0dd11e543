package io.swapflex.tools.load;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A CPU profile of the service over the measured window: Java Flight Recorder (in the JDK) started and stopped in the
 * running service with {@code jcmd}, its execution samples rendered as a flame graph ({@code profile.svg}, the stacks
 * of every thread, one box per frame, as wide as its share of the samples), the same stacks folded one per line
 * ({@code profile.folded}: Brendan Gregg's format, for flamegraph.pl or speedscope) and the hottest frames in words.
 * JFR samples threads running Java code every 10 ms ({@code settings=profile}); threads waiting (for the network, a
 * lock, the disk) are not sampled, so the graph shows where the CPU goes, not where requests wait.
 */
final class Profile {

    private static final String RECORDING = "swapflex-load";

    private final long pid;
    private final Path dir;

    private Profile(long pid, Path dir) {
        this.pid = pid;
        this.dir = dir;
    }

    /** What a profile found: its files and its summary lines. */
    record Result(Path jfr, Path folded, Path svg, long samples, List<String> summary) {
    }

    /** The JVM options a profiled service starts with: deep enough stacks for Quarkus's request path. */
    static List<String> jvmOptions() {
        return List.of("-XX:FlightRecorderOptions=stackdepth=256");
    }

    /** Starts recording in the running service. */
    static Profile start(long pid, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Profile profile = new Profile(pid, dir);
        profile.jcmd("JFR.start", "name=" + RECORDING, "settings=profile");
        return profile;
    }

    /** Stops recording, writes the recording and renders it. */
    Result stop() throws IOException, InterruptedException {
        Path jfr = dir.resolve("service.jfr").toAbsolutePath();
        jcmd("JFR.stop", "name=" + RECORDING, "filename=" + jfr);
        Map<String, Long> folded = fold(jfr);
        Path foldedFile = dir.resolve("profile.folded");
        StringBuilder lines = new StringBuilder();
        folded.forEach((stack, n) -> lines.append(stack).append(' ').append(n).append('\n'));
        Files.writeString(foldedFile, lines);
        Path svg = dir.resolve("profile.svg");
        long samples = folded.values().stream().mapToLong(Long::longValue).sum();
        Files.writeString(svg, FlameGraph.svg(folded, "SwapFlex service under load: " + samples + " CPU samples"));
        List<String> summary = new ArrayList<>(summary(folded, samples));
        summary.add(collections(jfr));
        return new Result(jfr, foldedFile, svg, samples, summary);
    }

    /** The garbage collections of the recording: how many, their pauses summed and the longest. */
    static String collections(Path jfr) throws IOException {
        long count = 0;
        java.time.Duration paused = java.time.Duration.ZERO;
        java.time.Duration longest = java.time.Duration.ZERO;
        Map<String, Long> byName = new TreeMap<>();
        try (RecordingFile recording = new RecordingFile(jfr)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (event.getEventType().getName().equals("jdk.GarbageCollection")) {
                    count++;
                    paused = paused.plus(event.getDuration("sumOfPauses"));
                    java.time.Duration longestPause = event.getDuration("longestPause");
                    longest = longestPause.compareTo(longest) > 0 ? longestPause : longest;
                    byName.merge(event.getString("name"), 1L, Long::sum);
                }
            }
        }
        return String.format(Locale.ROOT, "garbage collections: %d %s, paused %.1f ms in all, longest pause %.1f ms",
                count, byName, paused.toNanos() / 1e6, longest.toNanos() / 1e6);
    }

    private void jcmd(String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        args.add(Long.toString(pid));
        args.addAll(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || output.contains("Could not")) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", args) + " failed: " + output.strip());
        }
    }

    /**
     * The execution samples as folded stacks: {@code thread-kind;outermost frame;...;innermost frame} → samples. A
     * thread's kind is its name without its number ({@code executor-thread}, {@code vert.x-eventloop-thread}).
     */
    static Map<String, Long> fold(Path jfr) throws IOException {
        Map<String, Long> folded = new TreeMap<>();
        try (RecordingFile recording = new RecordingFile(jfr)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null) {
                    continue;
                }
                RecordedThread thread = event.getThread("sampledThread");
                StringBuilder line = new StringBuilder(threadKind(thread == null ? null : thread.getJavaName()));
                List<RecordedFrame> frames = stack.getFrames();
                for (int i = frames.size() - 1; i >= 0; i--) {
                    RecordedFrame f = frames.get(i);
                    line.append(';').append(f.getMethod().getType().getName()).append('.')
                            .append(f.getMethod().getName());
                }
                folded.merge(line.toString().replace(' ', '_'), 1L, Long::sum);
            }
        }
        return folded;
    }

    static String threadKind(String name) {
        if (name == null) {
            return "(unnamed)";
        }
        return name.replaceAll("[-#\\s]*\\d+$", "").replaceAll("\\s+", "_");
    }

    /** The shares of the samples: by thread kind, by area (a sample counts once for each area on its stack), by leaf. */
    static List<String> summary(Map<String, Long> folded, long samples) {
        Map<String, Long> threads = new TreeMap<>();
        Map<String, Long> areas = new TreeMap<>();
        Map<String, Long> leaves = new TreeMap<>();
        folded.forEach((stack, n) -> {
            String[] frames = stack.split(";");
            threads.merge(frames[0], n, Long::sum);
            leaves.merge(frames[frames.length - 1], n, Long::sum);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 1; i < frames.length; i++) {
                String area = area(frames[i]);
                if (area != null && seen.add(area)) {
                    areas.merge(area, n, Long::sum);
                }
            }
        });
        List<String> lines = new ArrayList<>();
        lines.add("by thread: " + top(threads, samples, 8));
        lines.add("on the stack (inclusive): " + top(areas, samples, 20));
        lines.add("hottest frames (self): " + top(leaves, samples, 12));
        return lines;
    }

    private static String area(String frame) {
        for (String[] a : AREA_PREFIXES) {
            if (frame.startsWith(a[0])) {
                return a[1];
            }
        }
        return null;
    }

    private static String top(Map<String, Long> counts, long samples, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .map(e -> String.format(Locale.ROOT, "%s %.1f%%", e.getKey(), 100.0 * e.getValue() / Math.max(1,
                        samples)))
                .reduce((a, b) -> a + ", " + b).orElse("(no samples)");
    }

    /** Class-name prefixes and the area they stand for, the first that matches wins. */
    private static final String[][] AREA_PREFIXES = {
        {"io.swapflex.optimizer", "optimizer (solves, flexibility probes)"},
        {"io.swapflex.service.plan.PlanningService", "re-plans (service side)"},
        {"io.swapflex.service.flex", "flexibility (service side)"},
        {"io.swapflex.service.station", "stations and events (service side)"},
        {"io.swapflex.service.plan.StationPlanResource", "schedule pull (resource)"},
        {"io.swapflex.service", "service (other)"},
        {"org.h2", "H2"},
        {"org.postgresql", "PostgreSQL driver"},
        {"io.agroal", "connection pool"},
        {"com.fasterxml.jackson", "JSON (Jackson)"},
        {"io.smallrye.jwt", "JWT"},
        {"io.quarkus.security", "security"},
        {"io.quarkus.smallrye.jwt", "JWT"},
        {"io.micrometer", "metrics"},
        {"org.jboss.resteasy.reactive", "REST layer (RESTEasy Reactive)"},
        {"io.quarkus.resteasy.reactive", "REST layer (RESTEasy Reactive)"},
        {"io.vertx", "Vert.x"},
        {"io.netty", "Netty"},
        {"io.quarkus.arc", "CDI (ArC)"},
        {"org.jboss.logmanager", "logging"}
    };
}
