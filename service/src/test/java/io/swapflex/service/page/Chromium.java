package io.swapflex.service.page;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's headless Chromium, as the browser tests run it. Absent, the tests skip with what to do, and the build
 * shows the skip (SkipNotice); where {@code SWAPFLEX_REQUIRE_BROWSER=1} (.ci/run, which installs it) they fail instead.
 */
final class Chromium {

    /** Set (to 1) where the browser must be there: a missing one fails the tests instead of skipping them. */
    static final String REQUIRE = "SWAPFLEX_REQUIRE_BROWSER";

    /** Without the background-networking flags Chromium keeps dialling Google's hosts, refused on a closed network. */
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--window-size=1300,1800");

    private Chromium() {
    }

    /** The browser binary: {@code SWAPFLEX_CHROMIUM}, else chromium (or chromium-browser) on the PATH. */
    static Path binary() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("SWAPFLEX_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            candidates.add(Path.of(dir, "chromium"));
            candidates.add(Path.of(dir, "chromium-browser"));
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String missing = "no Chromium found (SWAPFLEX_CHROMIUM, or chromium on the PATH): the plan page's browser tests "
                + "need it. Install it with 'apt-get install -y chromium' (.ci/run does)";
        if ("1".equals(System.getenv(REQUIRE))) {
            return fail(missing + "; " + REQUIRE + "=1 asks for it");
        }
        Assumptions.abort(missing);
        return null;
    }

    /** The command line for a headless run with its own empty profile directory, then the given arguments. */
    static List<String> command(Path userDataDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + userDataDir.toAbsolutePath());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The DOM of the page after its scripts ran for the given virtual time ({@code --dump-dom}): the page's timers and
     * fetches run to completion within it, so its polls have answered.
     */
    static String dumpDom(Path workDir, String url, int virtualTimeMillis) throws IOException, InterruptedException {
        Path out = workDir.resolve("dom.html");
        Path log = workDir.resolve("chromium.log");
        Process process = new ProcessBuilder(command(workDir.resolve("profile"),
                "--virtual-time-budget=" + virtualTimeMillis, "--dump-dom", url))
                .redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("chromium --dump-dom did not end within 90 s; its log: " + tail(log));
        }
        if (process.exitValue() != 0) {
            fail("chromium --dump-dom exited with " + process.exitValue() + "; its log: " + tail(log));
        }
        return Files.readString(out);
    }

    static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
