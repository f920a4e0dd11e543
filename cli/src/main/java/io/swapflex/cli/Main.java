package io.swapflex.cli;

import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.registry.Schedulers;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

/**
 * The {@code swapflex} command line on picocli: one class per command ({@link SwapflexCommand} lists them), {@code
 * --help} on each. Exit codes, the same for every command: 0 ok, 2 bad input (with the messages), 1 failure ({@code
 * check} exits 1 when the plan is not feasible).
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    /** The first look's work limit ({@code run}): long enough for a good plan, short enough for a first look. */
    static final Duration RUN_TIME_LIMIT = Duration.ofSeconds(10);

    private final Io io;

    Main(InputStream stdin, PrintStream out, PrintStream err) {
        this.io = new Io(stdin, out, err);
    }

    public static void main(String[] args) {
        int code = new Main(System.in, System.out, System.err).run(args);
        System.out.flush();
        // The reference solver may leave an LP running on a daemon thread past its deadline: exit regardless.
        System.exit(code);
    }

    int run(String[] args) {
        return commandLine().execute(args);
    }

    CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new SwapflexCommand(io));
        cmd.setOut(new PrintWriter(io.out(), true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(io.err(), true, StandardCharsets.UTF_8));
        cmd.getCommandSpec().usageMessage().footer("", "Solvers: " + String.join(", ", Schedulers.names())
                + " (default " + Schedulers.DEFAULT + ").", "Exit codes: 0 ok, 1 failure, 2 bad input.",
                "Each command has its own --help.");
        cmd.setParameterExceptionHandler(this::badArguments);
        cmd.setExecutionExceptionHandler(this::failure);
        return cmd;
    }

    /** Options the command does not know, or values it cannot read: the message, then the command's usage. */
    private int badArguments(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("error: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        e.getCommandLine().usage(err);
        err.flush();
        return BAD_INPUT;
    }

    /** What a command threw: bad input (2) or a failure (1). */
    private int failure(Exception e, CommandLine command, ParseResult parsed) {
        PrintStream err = io.err();
        if (e instanceof InvalidProblemException invalid) {
            for (String error : invalid.errors()) {
                err.println("error: " + error);
            }
            return BAD_INPUT;
        }
        if (e instanceof IllegalArgumentException) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        }
        if (e instanceof NoSuchFileException missing) {
            err.println("error: no such file: " + missing.getFile());
            return BAD_INPUT;
        }
        if (e instanceof IOException) {
            err.println("error: cannot read: " + e.getMessage());
            return BAD_INPUT;
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            err.println(command.getCommandName() + ": interrupted");
            return FAILED;
        }
        err.println("internal error: " + e);
        e.printStackTrace(err);
        return FAILED;
    }
}
