package io.swapflex.cli;

import java.io.InputStream;
import java.io.PrintStream;

/** What a command reads and writes: standard input, output (results) and error (progress, messages). */
record Io(InputStream in, PrintStream out, PrintStream err) {
}
