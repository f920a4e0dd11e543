package io.swapflex.cli;

import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * A command of the {@code swapflex} line: a thin edge that reads its typed options and delegates to the engine. It
 * answers its exit code (0 ok, 1 failure, 2 bad input); the streams are the root command's.
 */
abstract class Edge implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    final Io io() {
        return ((SwapflexCommand) spec.root().userObject()).io;
    }

    final InputStream in() {
        return io().in();
    }

    final PrintStream out() {
        return io().out();
    }

    final PrintStream err() {
        return io().err();
    }

    /** The file's text, or standard input's for {@code -}. */
    final String read(String path) throws IOException {
        return path.equals("-") ? new String(in().readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(Path.of(path), StandardCharsets.UTF_8);
    }

    final Problem readProblem(String path) throws IOException {
        return ContractJson.readProblem(read(path));
    }

    /** Deletes a directory and everything in it (a harness's work directory once it is not to be kept). */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * A benchmark the {@code ./swapflex} launcher runs itself (it builds the benchmark's class path, test classes and
     * HiGHS included): the command describes it for {@code --help} and refuses to run without the launcher.
     */
    abstract static class LauncherBench extends Edge {

        @Parameters(index = "1", arity = "0..1", paramLabel = "SEED", defaultValue = "1", description = "The seed.")
        long seed;

        @Override
        public Integer call() {
            err().println("error: bench " + spec.name() + " runs through the ./swapflex launcher (it builds the "
                    + "benchmark's class path)");
            return Main.BAD_INPUT;
        }
    }

    /** A command that only groups others: without one of them it prints its usage and is bad input. */
    abstract static class Group extends Edge {
        @Override
        public Integer call() {
            spec.commandLine().usage(err());
            return Main.BAD_INPUT;
        }
    }
}
